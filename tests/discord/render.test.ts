import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeReply, type Citation, type Reply } from '../../src/core/index.ts';
import {
  CUSTOM_IDS,
  DISCORD_LIMITS,
  embedLength,
  escapeMarkdown,
  highlight,
  renderReply,
  requestFromTitle,
  titleFor,
  truncate,
  unescapeMarkdown,
  type DiscordMessage,
} from '../../src/adapters/discord/render.ts';

function citation(overrides: Partial<Citation> = {}): Citation {
  return {
    n: 1,
    articleId: 'harbour-strike',
    articleTitle: 'Dock workers in Valmora end nine-day strike',
    section: null,
    paragraph: 1,
    sentence: 's2',
    text: 'Dock workers at the Port of Valmora returned to work on Tuesday after a nine-day strike.',
    span: { start: 53, end: 63 },
    speaker: null,
    attribution: 'according to the Harbour Workers Union',
    outlet: 'Valmora Ledger',
    published: '2026-11-10',
    url: 'https://news.example/valmora/dock-strike-ends',
    primary: true,
    ...overrides,
  };
}

const ANSWER: Reply = makeReply({
  kind: 'answer',
  command: 'ask',
  question: 'When did the dock workers return?',
  lead: 'Dock workers at the Port of Valmora returned to work on Tuesday after a nine-day strike.',
  confidence: 0.8,
  citations: [
    citation(),
    citation({ n: 2, sentence: 's3', paragraph: 2, primary: false, span: null, attribution: null, text: 'The walkout began after two crane operators were injured in separate accidents in October.' }),
  ],
});

function actionIds(message: DiscordMessage): string[] {
  return message.components.flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
}

/** Checks every Discord limit the renderer promises to keep. */
function expectWithinLimits(message: DiscordMessage): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect((message.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  expect(message.embeds.length).toBeLessThanOrEqual(10);
  for (const embed of message.embeds) {
    expect((embed.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    if (embed.title !== undefined) expect(embed.title.trim()).not.toBe('');
    expect((embed.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect((embed.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    expect((embed.footer?.text ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
    expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  }
  expect(message.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.actionRows);
  for (const row of message.components) {
    expect(row.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
    for (const component of row.components) {
      if ('custom_id' in component) expect(component.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
      if ('label' in component && component.label) expect(component.label.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
      if ('options' in component) {
        expect(component.options.length).toBeLessThanOrEqual(DISCORD_LIMITS.selectOptions);
        for (const option of component.options) {
          expect(option.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.selectOptionText);
          expect(option.label.length).toBeLessThanOrEqual(DISCORD_LIMITS.selectOptionText);
        }
      }
    }
  }
}

describe('renderReply', () => {
  it('puts the answering sentence in the description with its span in bold and a [1] marker', () => {
    const message = renderReply(ANSWER, { request: { command: 'ask', text: 'when did they return?' } });
    const embed = message.embeds[0];
    expect(message.embeds).toHaveLength(1);
    expect(embed?.description).toBe('Dock workers at the Port of Valmora returned to work **on Tuesday** after a nine\\-day strike. [1]');
    expect(embed?.title).toBe('When did the dock workers return?');
  });

  it('calls only the first two paragraphs of an opening section the lede', () => {
    const fieldName = (section: string | null) =>
      renderReply(makeReply({ kind: 'answer', command: 'ask', lead: 'x', citations: [citation({ section, paragraph: 14 })] }), { request: { command: 'ask', text: 'q' } }).embeds[0]?.fields?.[0]?.name;
    expect(fieldName(null)).toBe('[1] ¶14');
    expect(fieldName('Talks')).toBe('[1] Talks · ¶14');
  });

  it('lists numbered citations with section, paragraph, outlet, date and link, and names the article in the footer', () => {
    const embed = renderReply(ANSWER, { request: { command: 'ask', text: 'q' } }).embeds[0];
    expect(embed?.fields?.map((f) => f.name)).toEqual(['[1] lede · ¶1', '[2] lede · ¶2']);
    expect(embed?.fields?.[0]?.value).toContain('Valmora Ledger · 2026\\-11\\-10 · [link](https://news.example/valmora/dock-strike-ends)');
    expect(embed?.fields?.[0]?.value).toContain('according to the Harbour Workers Union');
    expect(embed?.fields?.[1]?.value).toContain('> The walkout began');
    expect(embed?.footer?.text).toBe('Dock workers in Valmora end nine-day strike — Valmora Ledger');
  });

  it('offers thumbs up and down, and Share only when the answer is private', () => {
    const open = renderReply(ANSWER, { request: { command: 'ask', text: 'q' } });
    expect(actionIds(open)).toEqual([CUSTOM_IDS.up, CUSTOM_IDS.down]);
    expect(open.flags).toBeUndefined();
    const secret = renderReply(ANSWER, { request: { command: 'ask', text: 'q' }, private: true });
    expect(actionIds(secret)).toEqual([CUSTOM_IDS.up, CUSTOM_IDS.down, CUSTOM_IDS.share]);
    expect(secret.flags).toBe(64);
  });

  it('offers More sources when citations are hidden, and drops it once expanded', () => {
    const many = { ...ANSWER, citations: Array.from({ length: 8 }, (_, i) => citation({ n: i + 1, primary: i === 0, sentence: `s${i + 1}` })) };
    const collapsed = renderReply(many, { request: { command: 'ask', text: 'q' } });
    expect(collapsed.embeds[0]?.fields).toHaveLength(3);
    expect(actionIds(collapsed)[0]).toBe(CUSTOM_IDS.more);
    const expanded = renderReply(many, { request: { command: 'ask', text: 'q' }, expanded: true });
    expect(expanded.embeds[0]?.fields).toHaveLength(8);
    expect(actionIds(expanded)).not.toContain(CUSTOM_IDS.more);
  });

  it('renders a decline with its suggestions as text and as a select menu that asks them', () => {
    const decline = makeReply({
      kind: 'decline',
      command: 'ask',
      lead: "The articles don't say what the governor said. Mentioned people: Marta Okafor, Daniel Reyes.",
      suggestions: ['What did Marta Okafor say?', 'When will the review begin?'],
    });
    const message = renderReply(decline, { request: { command: 'ask', text: 'What did the governor say?' } });
    expect(message.embeds[0]?.description).toContain('*What did Marta Okafor say?*');
    const select = message.components[0]?.components[0];
    expect(select && 'custom_id' in select ? select.custom_id : '').toBe(CUSTOM_IDS.suggest);
    expect(select && 'options' in select ? select.options.map((o) => o.value) : []).toEqual(['What did Marta Okafor say?', 'When will the review begin?']);
  });

  it('escapes markdown and mentions in quoted text so they cannot change the formatting', () => {
    const hostile = makeReply({
      kind: 'answer',
      command: 'ask',
      lead: 'x',
      citations: [citation({ text: '@everyone **bold** [click](https://evil.example) <@123> `code` ||spoiler||', span: null })],
    });
    const message = renderReply(hostile, { request: { command: 'ask', text: '@here # heading' } });
    const description = message.embeds[0]?.description ?? '';
    expect(description).toBe('\\@everyone \\*\\*bold\\*\\* \\[click\\]\\(https://evil.example\\) \\<\\@123\\> \\`code\\` \\|\\|spoiler\\|\\| [1]');
    expect(message.embeds[0]?.title).toBe('\\@here \\# heading');
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('drops bidirectional controls, so quoted or echoed text cannot be shown reordered', () => {
    const spoof = makeReply({ kind: 'answer', command: 'ask', lead: 'x', citations: [citation({ text: 'The fee is \u202e0001$\u202c a year.', span: null })] });
    const message = renderReply(spoof, { request: { command: 'ask', text: 'who said \u2067txet\u2069?' } });
    expect(message.embeds[0]?.description).toBe('The fee is 0001$ a year. [1]');
    expect(message.embeds[0]?.title).toBe('who said txet?');
  });

  it('renders help, sources and errors without feedback buttons', () => {
    const help = makeReply({ kind: 'help', command: 'help', lead: 'briefbot answers with quoted sentences.', commands: [{ name: 'who', usage: 'who NAME', description: 'A card.', example: 'who Reyes' }] });
    const rendered = renderReply(help, { request: { command: 'help', text: '' }, private: true });
    expect(rendered.embeds[0]?.description).toContain('**/who** — A card.');
    expect(actionIds(rendered)).toEqual([CUSTOM_IDS.share]);
    const sources = makeReply({
      kind: 'list',
      command: 'sources',
      lead: '1 article',
      sources: [{ articleId: 'harbour-strike', title: 'Dock workers end strike', outlet: 'Valmora Ledger', published: '2026-11-10', url: 'https://news.example/a', sentences: 11 }],
    });
    const listed = renderReply(sources, { request: { command: 'sources', text: '' }, private: true });
    expect(listed.embeds[0]?.description).toContain('**Dock workers end strike** — Valmora Ledger · 2026\\-11\\-10 · 11 sentences · [link](https://news.example/a)');
    expect(actionIds(listed)).toEqual([CUSTOM_IDS.share]);
    const error = makeReply({ kind: 'error', command: 'ask', code: 'TOO_LONG', lead: 'That question is too long.' });
    expect(renderReply(error, { request: { command: 'ask', text: 'x' }, private: true }).components).toEqual([]);
  });
});

describe('a long list of sources', () => {
  it('shows whole lines within the description and says how many more there are', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ articleId: `a${i}`, title: `Story ${i}`, outlet: 'Valmora Ledger', published: '2026-11-10', url: '', sentences: 30 }));
    const description = renderReply(makeReply({ kind: 'list', command: 'sources', lead: '10000 articles', sources: many }), { request: { command: 'sources', text: '' } }).embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    const shown = description.split('\n').filter((l) => l.startsWith('**Story '));
    expect(shown[0]).toMatch(/^\*\*Story 0\*\*/);
    expect(description.split('\n').at(-1)).toBe(`…and ${(10_000 - shown.length).toLocaleString('en-US')} more articles.`);
  });
});

describe('titleFor and requestFromTitle', () => {
  it('round-trip a question and a command through the embed title', () => {
    for (const request of [
      { command: 'ask' as const, text: 'What did Reyes say about the port (and the fund)?' },
      { command: 'who' as const, text: 'Marta Okafor' },
      { command: 'brief' as const, text: '' },
    ]) {
      expect(requestFromTitle(titleFor(request))).toEqual(request);
    }
  });
});

describe('escapeMarkdown, truncate, highlight', () => {
  it('escape and unescape are inverse for any text without line breaks', () => {
    fc.assert(fc.property(fc.string().filter((s) => !/[\r\n]/.test(s)), (s) => unescapeMarkdown(escapeMarkdown(s)) === s));
  });

  it('truncate keeps the limit and never leaves a lone surrogate or a dangling backslash', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 1, max: 50 }), (s, max) => {
        const escaped = escapeMarkdown(s);
        const cut = truncate(escaped, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (cut !== escaped) {
          expect(/(^|[^\\])(\\\\)*\\…$/.test(cut)).toBe(false);
          const before = cut.charCodeAt(cut.length - 2);
          expect(before >= 0xd800 && before <= 0xdbff).toBe(false);
        }
      }),
    );
  });

  it('highlight ignores spans outside the sentence', () => {
    expect(highlight({ text: 'abc', span: { start: 2, end: 9 } })).toBe('abc');
    expect(highlight({ text: 'a b c', span: { start: 1, end: 4 } })).toBe('a **b** c');
  });
});

describe('renderReply (property)', () => {
  const bidi = fc.constantFrom('\u202e', '\u202d', '\u2067', '\u2069');
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 3000 }), fc.tuple(fc.string({ maxLength: 40 }), bidi, fc.string({ maxLength: 40 })).map((parts) => parts.join('')));
  const arbCitation = fc.record({
    n: fc.integer({ min: 1, max: 99 }),
    articleId: fc.string({ maxLength: 200 }),
    articleTitle: text,
    section: fc.option(text, { nil: null }),
    paragraph: fc.integer({ min: 1, max: 10_000 }),
    sentence: fc.string({ maxLength: 20 }),
    text,
    span: fc.option(fc.record({ start: fc.integer({ min: -5, max: 3100 }), end: fc.integer({ min: -5, max: 3100 }) }), { nil: null }),
    speaker: fc.option(text, { nil: null }),
    attribution: fc.option(text, { nil: null }),
    outlet: text,
    published: fc.string({ maxLength: 30 }),
    url: fc.oneof(text, fc.webUrl()),
    primary: fc.boolean(),
  });
  const arbReply = fc.record({
    kind: fc.constantFrom('answer', 'decline', 'list', 'help', 'error'),
    command: fc.constantFrom('ask', 'brief', 'who', 'quotes', 'sources', 'help'),
    question: fc.option(text, { nil: undefined }),
    lead: text,
    citations: fc.array(arbCitation, { maxLength: 40 }),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    suggestions: fc.array(text, { maxLength: 30 }),
    facts: fc.array(fc.record({ label: text, value: text }), { maxLength: 30 }),
    sources: fc.array(
      fc.record({ articleId: fc.string(), title: text, outlet: text, published: fc.string(), url: fc.oneof(text, fc.webUrl()), sentences: fc.nat() }),
      { maxLength: 10 },
    ),
    commands: fc.array(fc.record({ name: fc.constantFrom('ask', 'who'), usage: text, description: text, example: text }), { maxLength: 10 }),
  }) as fc.Arbitrary<Reply>;

  it('never throws, stays within Discord limits, never allows a mention and drops bidirectional controls, for any reply and question', () => {
    fc.assert(
      fc.property(arbReply, text, fc.boolean(), fc.boolean(), (reply, question, isPrivate, expanded) => {
        const message = renderReply(reply, { request: { command: reply.command, text: question }, private: isPrivate, expanded });
        expectWithinLimits(message);
        // Nothing shown can be reordered by a bidirectional control.
        expect(JSON.stringify([message.content ?? '', message.embeds, message.components])).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      }),
      // A fixed seed keeps the suite deterministic; change it (or raise numRuns) to explore further.
      { numRuns: 300, seed: 2_2026_1127 },
    );
  });
});
