import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS as SPECS, type Citation, type CommandName, type Reply, type ReplyKind } from '../../src/core/index.ts';
import { renderReply } from '../../src/adapters/cli/render.ts';

const COMMANDS: CommandName[] = ['ask', 'brief', 'who', 'quotes', 'sources', 'help'];

/** Any text, with what a terminal or a chat treats specially mixed in far more often than chance would. */
const nasty = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)), maxLength: 10 }) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          '\u001b[31m', '\u001b]0;title\u0007', '\u001b[2J', '\u009b31m', '\r', '\t', '\b', '\u0000', '\u007f', '\n',
          '\u202e', '\u2066', '\u200f', '\u2028', 'مرحبا بالعالم', 'שלום', '👍🏽', '👨‍👩‍👧', '\ud800',
          '<!channel>', '<@U123>', '@everyone', '**bold**', '`code`', '[link](https://x.test)', '# heading', '> quote', '\\',
        ),
      },
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

/** Article ids are slugs: the corpus schema accepts nothing else. */
const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);

const text = fc.oneof({ weight: 9, arbitrary: nasty }, { weight: 1, arbitrary: nasty.map((s) => (s === '' ? 'x' : s).repeat(Math.ceil(10_240 / Math.max(1, s.length)))) });

const citationArb: fc.Arbitrary<Citation> = fc.record({
  n: fc.nat({ max: 99 }),
  articleId: slug,
  articleTitle: nasty,
  section: fc.option(nasty, { nil: null }),
  paragraph: fc.nat({ max: 500 }),
  sentence: fc.string({ maxLength: 8 }),
  text,
  span: fc.option(fc.record({ start: fc.integer({ min: -5, max: 12_000 }), end: fc.integer({ min: -5, max: 12_000 }) }), { nil: null }),
  speaker: fc.option(nasty, { nil: null }),
  attribution: fc.option(nasty, { nil: null }),
  outlet: nasty,
  published: nasty,
  url: fc.oneof(fc.constant(''), fc.webUrl(), nasty),
  primary: fc.boolean(),
});

const replyArb: fc.Arbitrary<Reply> = fc.record({
  kind: fc.constantFrom<ReplyKind>('answer', 'decline', 'list', 'help', 'error'),
  command: fc.constantFrom(...COMMANDS),
  question: fc.option(text, { nil: undefined }),
  lead: text,
  citations: fc.array(citationArb, { maxLength: 12 }),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  suggestions: fc.array(text, { maxLength: 5 }),
  // Fact labels are the core's own words ("Roles"); the values come from articles.
  facts: fc.array(fc.record({ label: fc.constantFrom('Roles', 'Also called', 'Mentioned', 'Quotes'), value: text }), { maxLength: 8 }),
  sources: fc.array(fc.record({ articleId: slug, title: nasty, outlet: nasty, published: nasty, url: nasty, sentences: fc.nat() }), { maxLength: 8 }),
  // Help lines come from the core's own command list, not from anyone's text.
  commands: fc.subarray(SPECS.map(({ name, usage, description, example }) => ({ name, usage, description, example }))),
});

const styleArb = fc.record({ color: fc.boolean(), width: fc.integer({ min: 1, max: 200 }) });

/** Control characters (Unicode Cc) other than the newline, line and paragraph separators, and bidirectional overrides and isolates. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The colour codes the renderer itself writes: ESC [ digits m. */
const SGR = /\u001b\[[0-9;]*m/g;

describe('renderReply (terminal) on any text', () => {
  it('never throws and never emits a control character, a tab or a bidirectional override; only \\n and, with colour on, its own colour codes', () => {
    fc.assert(
      fc.property(replyArb, styleArb, (reply, style) => {
        const out = renderReply(reply, style);
        expect(typeof out).toBe('string');
        const withoutColour = style.color ? out.replace(SGR, '') : out;
        const bad = CONTROL.exec(withoutColour);
        expect(bad === null ? null : `U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${bad.index}`).toBeNull();
      }),
      { seed: 20261127, numRuns: 400 },
    );
  });

  it('keeps the words of right-to-left text, emoji and Markdown intact', () => {
    const reply: Reply = {
      kind: 'error', command: 'ask', lead: 'مرحبا بالعالم 👨‍👩‍👧 **bold** <@U123>', citations: [], confidence: 0, suggestions: [], facts: [], sources: [], commands: [],
    };
    expect(renderReply(reply, { color: false, width: 80 })).toBe('مرحبا بالعالم 👨‍👩‍👧 **bold** <@U123>');
  });

  it('replaces an escape sequence smuggled into article text', () => {
    const reply: Reply = {
      kind: 'error', command: 'ask', lead: 'before\u001b]0;pwned\u0007\u001b[2Jafter', citations: [], confidence: 0, suggestions: [], facts: [], sources: [], commands: [],
    };
    const out = renderReply(reply, { color: true, width: 80 });
    expect(out).not.toContain('\u001b');
    expect(out).toContain('before');
    expect(out).toContain('after');
  });
});
