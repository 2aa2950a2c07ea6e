import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBot, MAX_QUESTION_LENGTH, type CommandName, type ReplyKind } from '../../src/core/index.ts';
import { silentLogger } from '../../src/adapters/shared/logger.ts';
import { withLimits } from '../../src/server/limits.ts';
import { withRequestLog } from '../../src/server/request-log.ts';
import { testArticles } from './helpers.ts';

const KINDS: ReplyKind[] = ['answer', 'decline', 'list', 'help', 'error'];
const COMMANDS: CommandName[] = ['ask', 'brief', 'who', 'quotes', 'sources', 'help'];

/** Any text, with control characters, emoji, right-to-left text, mention syntax and markup mixed in. */
const anyText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 2, arbitrary: fc.constantFrom('who ', 'quotes ', 'brief', 'help', 'sources', '/brief ', '<@U123>', '<!channel>', '@everyone', '**', '`', '\u0000', '\u001b[2J', '\u202e', 'مرحبا', '👍🏽', 'Silva', 'bridge', '?', '\n') },
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('bot.handle behind the server wrappers, on any text', () => {
  const bot = withRequestLog(withLimits(createBot(Object.values(testArticles())), { perMinute: 10_000, clock: () => 0 }), silentLogger());

  it('never throws and always returns a well-formed reply; citations are verbatim sentences', () => {
    const sentences = new Set(Object.values(testArticles()).flatMap((a) => a.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences.map((t) => t.text)))));
    fc.assert(
      fc.property(
        fc.oneof({ weight: 9, arbitrary: anyText }, { weight: 1, arbitrary: anyText.map((t) => t.repeat(400)) }),
        fc.option(fc.constantFrom(...COMMANDS), { nil: undefined }),
        fc.constantFrom('u1', 'u2', 'u3', undefined),
        (text, command, user) => {
          const reply = bot.handle({ text, ...(command ? { command } : {}), ...(user ? { user } : {}), history: [{ role: 'user', text }] });
          expect(KINDS).toContain(reply.kind);
          expect(reply.confidence).toBeGreaterThanOrEqual(0);
          expect(reply.confidence).toBeLessThanOrEqual(1);
          expect(typeof reply.lead).toBe('string');
          for (const c of reply.citations) expect(sentences.has(c.text)).toBe(true);
        },
      ),
      { seed: 61127, numRuns: 300 },
    );
  });

  it('answers a question over the length limit with a polite TOO_LONG', () => {
    const reply = bot.handle({ text: 'x'.repeat(MAX_QUESTION_LENGTH + 1), command: 'ask' });
    expect(reply).toMatchObject({ kind: 'error', code: 'TOO_LONG' });
  });
});
