import { describe, expect, it } from 'vitest';
import { COMMANDS, parseCommandLine } from '../../src/core/index.ts';
import { testBot } from '../helpers.ts';

const bot = testBot();

describe('parseCommandLine', () => {
  it('reads commands and leaves questions alone', () => {
    expect(parseCommandLine('who Duarte')).toEqual({ command: 'who', argument: 'Duarte' });
    expect(parseCommandLine('/brief')).toEqual({ command: 'brief', argument: '' });
    expect(parseCommandLine('summary')).toEqual({ command: 'brief', argument: '' });
    expect(parseCommandLine('quotes by Silva')).toEqual({ command: 'quotes', argument: 'Silva' });
    expect(parseCommandLine('who is Marco Silva?')).toEqual({ command: 'ask', argument: 'who is Marco Silva?' });
    expect(parseCommandLine('who said the river deserves better')).toEqual({ command: 'ask', argument: 'who said the river deserves better' });
    expect(parseCommandLine('sources of the funding?')).toEqual({ command: 'ask', argument: 'sources of the funding?' });
    expect(parseCommandLine('What did Silva say?')).toEqual({ command: 'ask', argument: 'What did Silva say?' });
    expect(parseCommandLine('__proto__')).toEqual({ command: 'ask', argument: '__proto__' });
    expect(parseCommandLine('constructor x')).toEqual({ command: 'ask', argument: 'constructor x' });
  });
});

describe('bot.handle with commands', () => {
  it('brief: each lede, then the key sentence of each section, each cited', () => {
    const reply = bot.handle({ text: 'brief' });
    expect(reply.kind).toBe('list');
    const harbour = reply.citations.filter((c) => c.articleId.startsWith('lisbon'));
    expect(harbour[0]!.text).toMatch(/^The Lisbon city council on Tuesday approved/);
    expect(harbour.map((c) => c.section)).toEqual([null, 'Funding and Opposition', 'What Comes Next']);
    expect(reply.citations.map((c) => c.n)).toEqual(reply.citations.map((_, i) => i + 1));
  });

  it('who: an entity card with type, roles, mentions and introducing sentences', () => {
    const reply = bot.handle({ text: 'who Tavares' });
    expect(reply.kind).toBe('list');
    expect(reply.lead).toBe('Rui Tavares (person)');
    expect(reply.facts).toContainEqual({ label: 'Roles', value: 'Portuguese Prime Minister' });
    expect(reply.facts.find((f) => f.label === 'Mentioned')!.value).toMatch(/1 sentence \(and 1 more by pronoun\)/);
    expect(reply.citations[0]!.text).toBe('Portuguese Prime Minister Rui Tavares has not committed any money.');
  });

  it('who: declines a name the articles do not mention', () => {
    const reply = bot.handle({ text: 'who Macron', command: undefined });
    expect(reply.kind).toBe('decline');
    expect(reply.lead).toMatch(/don't mention Macron/);
  });

  it('quotes: all quotes, or one speaker\'s, with speakers', () => {
    const all = bot.handle({ text: 'quotes' });
    expect(all.citations.length).toBeGreaterThanOrEqual(3);
    const silva = bot.handle({ text: 'Silva', command: 'quotes' });
    expect(silva.citations.every((c) => c.speaker === 'Marco Silva')).toBe(true);
    expect(silva.citations[0]!.text).toMatch(/monument to cars/);
    expect(bot.handle({ text: 'quotes Macron' }).kind).toBe('decline');
  });

  it('sources: every article with outlet, date and link', () => {
    const reply = bot.handle({ text: 'sources' });
    expect(reply.sources).toHaveLength(2);
    expect(reply.sources.find((s) => s.outlet === 'The Coastal Herald')).toMatchObject({ url: 'https://example.org/harbour', sentences: 14 });
  });

  it('help: lists every command and offers answerable questions', () => {
    const reply = bot.handle({ text: 'help' });
    expect(reply.kind).toBe('help');
    expect(reply.commands.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const s of reply.suggestions) expect(bot.handle({ text: s }).kind).toBe('answer');
  });

  it('complete: entity names and speakers for autocomplete', () => {
    expect(bot.complete('entities', 'dua')).toContain('Helena Duarte');
    expect(bot.complete('speakers', '')).toContain('Marco Silva');
  });
});
