/**
 * Per-user rate limit as a `Bot` wrapper: adapters keep calling `bot.handle` and never learn
 * that a limit exists. A person over the limit gets a polite `RATE_LIMITED` error reply (a
 * normal `Reply`, rendered like any other), never silence; other people are unaffected.
 *
 * Why a small counter here and not rate-limiter-flexible: `bot.handle` is synchronous, and
 * `RateLimiterMemory.consume` returns a promise, so using it would mean making every adapter's
 * core call asynchronous. A sliding window of at most `perMinute` timestamps per user, in a Map
 * capped at `maxUsers` entries (the least recently seen user is forgotten first), is exact,
 * synchronous and bounded in memory: at most maxUsers × perMinute numbers.
 */
import { wrapBot, type Bot } from '../core/bot.ts';
import { makeReply, type BotRequest, type Reply } from '../core/reply.ts';

export interface LimitOptions {
  /** Questions one user may ask in any 60-second window; 0 or less turns the limit off. */
  perMinute: number;
  /** Milliseconds since the epoch; tests pass a fake. */
  clock?: () => number;
  /** Users remembered at once; beyond this the least recently seen is forgotten. */
  maxUsers?: number;
}

const WINDOW_MS = 60_000;

/** A sliding-window counter per key, bounded in keys and in timestamps per key. */
export interface RateLimiter {
  /** Records one hit for `key`; returns 0 when allowed, else the milliseconds until the next one would be. */
  hit(key: string): number;
  /** How many keys are remembered (for tests and health). */
  readonly size: number;
}

export function createRateLimiter(perMinute: number, clock: () => number = Date.now, maxUsers = 10_000): RateLimiter {
  // Map iteration order is insertion order: deleting and re-inserting on each hit keeps the
  // least recently seen key first, so evicting it is O(1).
  const windows = new Map<string, number[]>();
  return {
    hit(key) {
      const now = clock();
      const times = windows.get(key) ?? [];
      windows.delete(key);
      while (times.length > 0 && (times[0] as number) <= now - WINDOW_MS) times.shift();
      let wait = 0;
      if (times.length >= perMinute) {
        wait = (times[0] as number) + WINDOW_MS - now;
      } else {
        times.push(now);
      }
      windows.set(key, times);
      if (windows.size > maxUsers) {
        const oldest = windows.keys().next();
        if (!oldest.done) windows.delete(oldest.value);
      }
      return wait;
    },
    get size() {
      return windows.size;
    },
  };
}

/** The reply for someone over the limit: says what happened and when to try again. */
export function rateLimitedReply(request: BotRequest, perMinute: number, waitMs: number): Reply {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return makeReply({
    kind: 'error',
    command: request.command ?? 'ask',
    code: 'RATE_LIMITED',
    lead: `You've asked ${perMinute} questions in the last minute, which is the limit. Please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
  });
}

/**
 * Wraps a bot with a per-user rate limit keyed by `request.user` (adapters pass a hashed,
 * platform-scoped id). Requests without a user (the terminal) are not limited. Every command
 * counts, not only `ask`: each one costs the same work. Autocomplete (`complete`) does not count.
 */
export function withLimits(bot: Bot, options: LimitOptions): Bot {
  if (options.perMinute <= 0) return bot;
  const limiter = createRateLimiter(options.perMinute, options.clock, options.maxUsers);
  return wrapBot(bot, (request, next) => {
    if (request.user !== undefined) {
      const wait = limiter.hit(request.user);
      if (wait > 0) return rateLimitedReply(request, options.perMinute, wait);
    }
    return next(request);
  });
}
