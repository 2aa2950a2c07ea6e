import { describe, expect, it } from 'vitest';
import { COMMANDS, createBot, ingestText, parseCommandLine, smallTalkOf } from '../../src/core/index.ts';
import { articleOf, testBot } from '../helpers.ts';

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

  it('quotes: says when there are more than the ten it lists', () => {
    const speakers = ['Ana Reyes', 'Tomas Berg', 'Lina Okoro'];
    const text = ['Harbour plan divides town', ...Array.from({ length: 12 }, (_, i) => `"We will keep talking about the harbour plan until round ${i + 1} is done," ${speakers[i % 3]} said.`)].join('\n\n');
    const many = createBot([ingestText(text, { id: 'harbour-talks' })]);
    expect(many.handle({ text: 'quotes' })).toMatchObject({ lead: 'Quotes: the 10 newest of 12' });
    expect(many.handle({ text: 'quotes' }).citations).toHaveLength(10);
    expect(many.handle({ text: 'quotes Ana Reyes' }).lead).toBe('Quotes by Ana Reyes');
    expect(bot.handle({ text: 'quotes' }).lead).toBe('Quotes');
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

describe('commands over a newsroom-sized corpus', () => {
  // Twelve short dated stories, in corpus order oldest first; each has a quote and two sections.
  const day = (i: number) => `2026-03-${String(i + 1).padStart(2, '0')}`;
  const stories = Array.from({ length: 12 }, (_, i) =>
    ingestText(
      [
        `Council story number ${i + 1}`,
        `The town council of Brenhold approved budget item ${i + 1} on Monday.`,
        `## Reaction`,
        `"This is item ${i + 1} done," said councillor Ilse Varga.`,
        `## Next steps`,
        `Work on item ${i + 1} starts in the spring.`,
      ].join('\n\n') + '\n',
      { id: `story-${i + 1}`, published: day(i) },
    ),
  );
  const big = createBot(stories);

  it('brief: the ledes of the ten newest articles, newest first, and says how many there are', () => {
    const reply = big.handle({ text: 'brief' });
    expect(reply.lead).toBe('Brief: the 10 newest of 12 articles');
    expect(reply.citations.map((c) => c.articleId)).toEqual(Array.from({ length: 10 }, (_, i) => `story-${12 - i}`));
    expect(reply.citations.every((c) => c.section === null)).toBe(true);
  });

  it('brief: with room to spare, each article keeps its lede before any article gets a second sentence', () => {
    const few = createBot(stories.slice(0, 4)).handle({ text: 'brief' });
    expect(few.lead).toBe('Brief: 4 articles');
    // Four ledes and six section sentences, taken in turn: no article is crowded out.
    const counts = new Map<string, number>();
    for (const c of few.citations) counts.set(c.articleId, (counts.get(c.articleId) ?? 0) + 1);
    expect([...counts.keys()]).toEqual(['story-4', 'story-3', 'story-2', 'story-1']);
    expect([...counts.values()]).toEqual([3, 3, 2, 2]);
    // Each article's sentences in reading order: the lede first.
    expect(few.citations.filter((c) => c.articleId === 'story-4').map((c) => c.section)).toEqual([null, 'Reaction', 'Next steps']);
  });

  it('quotes: at most ten, the newest articles first', () => {
    const reply = big.handle({ text: 'quotes' });
    expect(reply.citations).toHaveLength(10);
    expect(reply.citations[0]!.articleId).toBe('story-12');
  });

  it('sources: every article, the newest first', () => {
    const reply = big.handle({ text: 'sources' });
    expect(reply.sources).toHaveLength(12);
    expect(reply.sources.map((s) => s.published)).toEqual(Array.from({ length: 12 }, (_, i) => day(11 - i)));
  });
});

describe('small talk: messages that are no questions about the articles', () => {
  it('reads overview requests, greetings and thanks as whole messages only', () => {
    for (const m of ['What happened?', 'what is this about', "What's the latest?", 'tl;dr', 'TLDR please', 'so what happened?', 'Catch me up!', 'Tell me everything', 'Summarise please', 'recap']) expect(smallTalkOf(m), m).toBe('overview');
    for (const m of ['hi', 'Hello!', 'hey briefbot', '👋', '?', 'Good morning']) expect(smallTalkOf(m), m).toBe('greeting');
    for (const m of ['thanks!', 'Thank you 🙏', 'ok thanks', 'cheers']) expect(smallTalkOf(m), m).toBe('thanks');
    for (const m of ['Where is this from?', 'What articles do you have?', "what's the source"]) expect(smallTalkOf(m), m).toBe('sources');
    for (const m of ['What happened in Lisbon?', 'What is the bridge about?', 'hi, who is Duarte?', 'Who thanked the council?']) expect(smallTalkOf(m), m).toBeNull();
  });

  it('answers "What happened?" with the brief, "hi" with help, "thanks" with an acknowledgement, never with a citation or a decline', () => {
    expect(bot.handle({ text: 'What happened?' })).toMatchObject({ kind: 'list', command: 'brief' });
    expect(bot.handle({ text: 'Where is this from?' })).toMatchObject({ kind: 'list', command: 'sources' });
    const hello = bot.handle({ text: 'hi' });
    expect(hello.kind).toBe('help');
    expect(hello.lead).toMatch(/^Hi! Ask me a question about the articles/);
    expect(hello.commands.length).toBeGreaterThan(0);
    const thanks = bot.handle({ text: 'thanks!' });
    expect(thanks).toMatchObject({ kind: 'list', command: 'help', lead: "You're welcome. Ask another question about the articles any time.", citations: [] });
    for (const s of thanks.suggestions) expect(bot.handle({ text: s }).kind).toBe('answer');
    // The same through a slash command's question ("/ask hi" on Discord, "/brief hi" on Slack).
    expect(bot.handle({ text: 'hi', command: 'ask' }).kind).toBe('help');
    expect(bot.handle({ text: 'What happened in Lisbon?' }).kind).not.toBe('list');
  });
});

describe('brief: articles without sub-headings', () => {
  it('adds the first sentence of the second paragraph after each lede, unless it only introduces a quote', () => {
    const story = (id: string, second: string) =>
      ingestText(['Harbour story ' + id, `The harbour of ${id} reopened on Monday.`, second, 'A third paragraph says more.'].join('\n\n') + '\n', { id });
    const bot2 = createBot([story('alpha', 'Ferries will run every hour from Tuesday.'), story('beta', 'The mayor replied:')]);
    const reply = bot2.handle({ text: 'brief' });
    expect(reply.citations.map((c) => c.text)).toEqual([
      'The harbour of alpha reopened on Monday.',
      'Ferries will run every hour from Tuesday.',
      'The harbour of beta reopened on Monday.',
    ]);
  });
});

describe('brief: the key sentence of a section', () => {
  it('is never a sentence that only introduces or continues a quote', () => {
    const article = ingestText(
      [
        'Port reopens after strike',
        'The port of Valmora reopened on Tuesday after a nine-day strike.',
        "## Ruiz on the union's win",
        'Asked whether the union had won, union leader Marta Ruiz replied:',
        '"It was a long nine days. We are glad to be back."',
        "The union's deal raises wages by 6% over two years.",
      ].join('\n\n') + '\n',
      { id: 'port-reopens' },
    );
    const brief = createBot([article]).handle({ text: 'brief' });
    expect(brief.citations.map((c) => c.text)).toEqual([
      'The port of Valmora reopened on Tuesday after a nine-day strike.',
      "The union's deal raises wages by 6% over two years.",
    ]);
  });
});

describe('"what happens next?"', () => {
  const article = ingestText(
    [
      'Port strike ends after nine days',
      'Dock workers in Valmora returned to work on Tuesday after a nine-day strike.',
      'The union said its members had won a 6% pay rise over two years.',
      'Talks on working hours are expected to resume next month.',
      'The port authority will publish a new shift plan in the coming weeks.',
    ].join('\n\n') + '\n',
    { id: 'port-strike-ends', published: '2026-11-10' },
  );
  const portBot = createBot([article]);

  it('is small talk only as a whole message', () => {
    for (const m of ['What happens next?', "what's next", 'Next steps?']) expect(smallTalkOf(m), m).toBe('next');
    expect(smallTalkOf('What happens next at the port?')).toBeNull();
  });

  it('cites the sentences that look ahead, in reading order', () => {
    const reply = portBot.handle({ text: 'What happens next?' });
    expect(reply).toMatchObject({ kind: 'list', command: 'brief', lead: 'What comes next, as the articles tell it' });
    expect(reply.citations.map((c) => c.text)).toEqual([
      'Talks on working hours are expected to resume next month.',
      'The port authority will publish a new shift plan in the coming weeks.',
    ]);
  });

  it('in a thread, puts first what looks ahead about the question before', () => {
    const reply = portBot.handle({ text: 'what happens next?', history: [{ role: 'user', text: 'What did the port authority announce?' }] });
    expect(reply.citations[0]!.text).toBe('The port authority will publish a new shift plan in the coming weeks.');
  });

  it("in a thread, reads its last few questions, not only an elliptical last one, for what it is about", () => {
    const fair = articleOf('harvest-fair', 'Harvest fair draws record crowd', ['The harvest fair in Dunlow drew 12,000 visitors on Saturday.', 'Organisers will announce next year\'s dates in the coming weeks.'], { published: '2026-11-12' });
    const bot = createBot([article, fair]);
    const history = [
      { role: 'user' as const, text: 'How long did the dock strike last?' },
      { role: 'bot' as const, text: 'Dock workers in Valmora returned to work on Tuesday after a nine-day strike.' },
      { role: 'user' as const, text: 'and the crowd?' },
      { role: 'bot' as const, text: 'The union said its members had won a 6% pay rise over two years.' },
    ];
    const reply = bot.handle({ text: 'what happens next?', history });
    expect(reply.citations[0]!.articleTitle).toBe('Port strike ends after nine days');
  });

  it('says so when nothing looks ahead', () => {
    const past = createBot([ingestText('Old mill burns\n\nThe old mill burned down on Sunday.\n', { id: 'old-mill' })]);
    expect(past.handle({ text: 'What happens next?' })).toMatchObject({ kind: 'decline', lead: "The articles don't say what comes next." });
  });
});

describe('who: courtesy titles on a card', () => {
  const bot = createBot([
    articleOf('quell-library', 'Library saved', [
      'Mrs Edna Quell, a retired librarian, led the campaign to save the Tarnby library.',
      'Dr Osric Pell, the council leader, said the building would stay open.',
      '"We heard them," Mrs Quell said.',
    ]),
  ]);

  it('shows no word of address ("Mrs") and shows "Dr" as a title, apart from the roles', () => {
    const quell = bot.handle({ text: 'who Quell' });
    expect(quell.facts.map((f) => f.value).join(' | ')).not.toMatch(/\bMrs\b/);
    expect(quell.facts).toContainEqual({ label: 'Roles', value: 'retired librarian' });
    const pell = bot.handle({ text: 'who Pell' });
    expect(pell.facts).toContainEqual({ label: 'Title', value: 'Dr' });
    expect(pell.facts).toContainEqual({ label: 'Roles', value: 'council leader' });
  });
});
