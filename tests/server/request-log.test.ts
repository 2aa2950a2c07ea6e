import { describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/index.ts';
import { withLimits } from '../../src/server/limits.ts';
import { INTERNAL_ERROR_LEAD, withRequestLog } from '../../src/server/request-log.ts';
import { memoryLogger, testArticles } from './helpers.ts';

describe('withRequestLog', () => {
  const core = createBot(Object.values(testArticles()));

  it('logs one line per question with its request id, latency and decision, without the question text', () => {
    const { logger, lines } = memoryLogger();
    const bot = withRequestLog(core, logger);
    bot.handle({ text: 'Who voted against the bridge?', user: 'hash-of-alice', requestId: 'Ev123' });
    bot.handle({ text: 'What did Macron say about the bridge?', user: 'hash-of-alice' });
    const logged = lines();
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ requestId: 'Ev123', decision: 'answered', kind: 'answer', user: 'hash-of-alice' });
    expect(typeof logged[0]?.latencyMs).toBe('number');
    expect(logged[1]).toMatchObject({ decision: 'declined', kind: 'decline' });
    expect(String(logged[1]?.requestId)).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(logged)).not.toMatch(/bridge|Macron/);
  });

  it('logs a refused question as rate_limited', () => {
    const { logger, lines } = memoryLogger();
    const bot = withRequestLog(withLimits(core, { perMinute: 1, clock: () => 0 }), logger);
    bot.handle({ text: 'help', user: 'u' });
    bot.handle({ text: 'help', user: 'u' });
    expect(lines().map((l) => l.decision)).toEqual(['answered', 'rate_limited']);
  });

  it('turns a throw from the core into a short INTERNAL reply, logged with the request id', () => {
    const broken: Bot = { ...core, handle: () => { throw new Error('index exploded'); } };
    const { logger, lines } = memoryLogger();
    const reply = withRequestLog(broken, logger).handle({ text: 'anything', requestId: 'r-1' });
    expect(reply).toMatchObject({ kind: 'error', code: 'INTERNAL', lead: INTERNAL_ERROR_LEAD });
    expect(lines()[0]).toMatchObject({ level: 50, requestId: 'r-1', decision: 'failed' });
  });
});

describe('scrub (the shared logger)', () => {
  it('masks tokens and raw user ids inside message strings, as Slack\'s client logs request bodies', async () => {
    const { scrub } = await import('../../src/adapters/shared/logger.ts');
    const body = 'http request body: {"channel":"C0NEWS","user":"U0ALICE","text":"Thanks"} token xoxb-123-abc xapp-1-XYZ';
    const out = scrub(body);
    expect(out).not.toMatch(/U0ALICE|xoxb-123|xapp-1/);
    expect(out).toContain('"channel":"C0NEWS"');
    expect(scrub(JSON.stringify({ msg: '{"user_id":"W123"}' }))).not.toContain('W123');
    expect(scrub('{"content":"Shared by <@123456789012345678>"}')).toBe('{"content":"Shared by <@[redacted]>"}');
  });

  it('scrubs through the logger itself', () => {
    const { logger, text } = memoryLogger('debug');
    logger.child({ component: 'slack' }).debug('http request body: {"user":"U0ALICE"}');
    expect(text()).not.toContain('U0ALICE');
    expect(text()).toContain('[redacted]');
  });
});
