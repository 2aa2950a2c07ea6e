import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { createRateLimiter, withLimits } from '../../src/server/limits.ts';
import { testArticles } from './helpers.ts';

function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('withLimits', () => {
  const core = createBot(Object.values(testArticles()));

  it('answers the 11th question in a minute from one user with a polite RATE_LIMITED reply, and leaves another user alone', () => {
    const clock = fakeClock();
    const bot = withLimits(core, { perMinute: 10, clock: clock.now });
    for (let i = 0; i < 10; i++) {
      expect(bot.handle({ text: 'Who voted against the bridge?', user: 'alice' }).code).not.toBe('RATE_LIMITED');
      clock.advance(1000);
    }
    const limited = bot.handle({ text: 'Who voted against the bridge?', user: 'alice' });
    expect(limited).toMatchObject({ kind: 'error', code: 'RATE_LIMITED', command: 'ask' });
    expect(limited.lead).toMatch(/10 questions in the last minute.*try again in \d+ seconds?/);

    const other = bot.handle({ text: 'Who voted against the bridge?', user: 'bob' });
    expect(other.kind).toBe('answer');
  });

  it('lets the user ask again once the oldest question leaves the window', () => {
    const clock = fakeClock();
    const bot = withLimits(core, { perMinute: 2, clock: clock.now });
    bot.handle({ text: 'help', user: 'alice' });
    clock.advance(30_000);
    bot.handle({ text: 'help', user: 'alice' });
    expect(bot.handle({ text: 'help', user: 'alice' }).code).toBe('RATE_LIMITED');
    clock.advance(30_001);
    expect(bot.handle({ text: 'help', user: 'alice' }).kind).toBe('help');
  });

  it('does not count refused questions, so hammering does not extend the wait', () => {
    const clock = fakeClock();
    const bot = withLimits(core, { perMinute: 1, clock: clock.now });
    bot.handle({ text: 'help', user: 'alice' });
    for (let i = 0; i < 50; i++) bot.handle({ text: 'help', user: 'alice' });
    clock.advance(60_001);
    expect(bot.handle({ text: 'help', user: 'alice' }).kind).toBe('help');
  });

  it('keeps the command of the refused request', () => {
    const bot = withLimits(core, { perMinute: 1, clock: () => 0 });
    bot.handle({ text: '', command: 'sources', user: 'alice' });
    expect(bot.handle({ text: '', command: 'sources', user: 'alice' })).toMatchObject({ command: 'sources', code: 'RATE_LIMITED' });
  });

  it('does not limit requests without a user (the terminal), nor anything when the limit is 0', () => {
    const limited = withLimits(core, { perMinute: 1, clock: () => 0 });
    for (let i = 0; i < 5; i++) expect(limited.handle({ text: 'help' }).kind).toBe('help');
    expect(withLimits(core, { perMinute: 0 })).toBe(core);
  });

  it('passes the rest of the Bot interface through', () => {
    const bot = withLimits(core, { perMinute: 5 });
    expect(bot.articles()).toHaveLength(2);
    expect(bot.commands).toBe(core.commands);
    expect(bot.complete('entities', 'Hel')).toEqual(core.complete('entities', 'Hel'));
    expect(bot.indexBuiltAt).toBe(core.indexBuiltAt);
  });
});

describe('createRateLimiter', () => {
  it('remembers at most maxUsers users, forgetting the least recently seen', () => {
    const limiter = createRateLimiter(1, () => 0, 3);
    for (const user of ['a', 'b', 'c', 'd']) limiter.hit(user);
    expect(limiter.size).toBe(3);
    expect(limiter.hit('b')).toBeGreaterThan(0); // still remembered
    expect(limiter.hit('a')).toBe(0); // forgotten, so allowed again
  });
});
