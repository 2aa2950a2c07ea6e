/**
 * One log line per question, whatever the platform: a request id, the latency, and the
 * decision. Written as a `Bot` wrapper so the adapters stay unchanged.
 *
 * What is never logged: the question text (people ask about sensitive things), raw user ids
 * (adapters pass `request.user` already hashed; that pseudonym is what appears here), tokens
 * and secrets (this wrapper never sees them).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { wrapBot, type Bot } from '../core/bot.ts';
import { makeReply, type BotRequest, type Reply } from '../core/reply.ts';
import type { Logger } from '../adapters/shared/logger.ts';

/** What happened to a request, in one word, for dashboards and grep. */
export type Decision = 'answered' | 'declined' | 'rate_limited' | 'rejected' | 'failed';

export function decisionOf(reply: Reply): Decision {
  switch (reply.kind) {
    case 'answer':
    case 'list':
    case 'help':
      return 'answered';
    case 'decline':
      return 'declined';
    case 'error':
      return reply.code === 'RATE_LIMITED' ? 'rate_limited' : reply.code === 'INTERNAL' ? 'failed' : 'rejected';
  }
}

/** What a person sees when the core throws; the detail goes to the log only. */
export const INTERNAL_ERROR_LEAD = 'Sorry, something went wrong while answering. Please try again in a moment.';

/**
 * Wraps a bot so each `handle` call is logged with its request id (the platform's event or
 * interaction id when there is one, a fresh UUID otherwise), latency and decision. A throw
 * from the core becomes an `INTERNAL` error reply, logged with the request id, so a failing
 * question never takes an adapter or the process down.
 */
export function withRequestLog(bot: Bot, logger: Logger, now: () => number = () => performance.now()): Bot {
  const log = logger.child({ component: 'requests' });
  return wrapBot(bot, (request: BotRequest, next): Reply => {
    const requestId = request.requestId ?? randomUUID();
    const started = now();
    const base = {
      requestId,
      ...(request.user !== undefined ? { user: request.user } : {}),
      command: request.command ?? 'auto',
      length: request.text.length,
      turns: request.history?.length ?? 0,
    };
    let reply: Reply;
    try {
      reply = next({ ...request, requestId });
    } catch (error) {
      const latencyMs = round(now() - started);
      log.error({ ...base, err: error, latencyMs, decision: 'failed' satisfies Decision }, 'question failed');
      return makeReply({ kind: 'error', command: request.command ?? 'ask', code: 'INTERNAL', lead: INTERNAL_ERROR_LEAD });
    }
    const latencyMs = round(now() - started);
    const decision = decisionOf(reply);
    log.info(
      {
        ...base,
        command: reply.command,
        kind: reply.kind,
        ...(reply.code ? { code: reply.code } : {}),
        decision,
        confidence: round(reply.confidence),
        citations: reply.citations.length,
        latencyMs,
      },
      decision,
    );
    return reply;
  });
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
