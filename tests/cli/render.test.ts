import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/adapters/cli/render.ts';
import { openingWords } from '../../src/adapters/shared/citation.ts';
import { createBot } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

describe('terminal rendering', () => {
  it('lists the 20 newest sources and counts the rest, instead of printing the whole corpus', () => {
    const articles = Array.from({ length: 25 }, (_, i) => {
      const article = articleOf(`story-${i}`, `Harbour story ${i}`, [`The harbour board met for the ${i + 1}th time on Monday.`]);
      return { ...article, published: `2024-01-${String(i + 1).padStart(2, '0')}` };
    });
    const reply = createBot(articles).handle({ text: '', command: 'sources' });
    const lines = renderReply(reply, { color: false, width: 200 }).split('\n');
    const listed = lines.filter((l) => l.startsWith('• '));
    expect(listed).toHaveLength(20);
    expect(listed[0]).toContain('Harbour story 24');
    expect(lines.at(-1)).toBe('…and 5 more articles.');
  });
});

describe('terminal citation lines', () => {
  const article = articleOf('orchard-levy', 'Orchard growers fight new water levy', [
    'Growers in the Pellam valley say a new water levy will push small orchards out of business.',
    'The levy, approved by the Pellam water board on Tuesday, charges growers £40 for every thousand cubic metres they draw. "We have had three dry summers in a row. This levy could be the end of us. Nobody on the board has ever run a farm," said Corin Vale, who chairs the Pellam Growers Association. The board said the money would pay for a new reservoir.',
    'The levy takes effect in June. The levy will be reviewed after two years.',
  ]);
  const bot = createBot([article]);
  const citationLinesOf = (question: string) =>
    renderReply(bot.handle({ text: question }), { color: false, width: 400 })
      .split('\n')
      .filter((l) => /^\[\d/.test(l));

  it('never prints the same line twice: the sentences of one quote share a line, a supporting sentence shows its opening words', () => {
    const lines = citationLinesOf('What did Corin Vale say?');
    expect(lines.length).toBeGreaterThan(0);
    const places = lines.map((l) => l.replace(/^\[[\d, ]+\] /, ''));
    expect(new Set(places).size).toBe(places.length);
    expect(lines[0]).toMatch(/^\[1, 2(, 3)?\] Orchard growers fight new water levy · lede · ¶2 · quote: Corin Vale$/);
  });

  it('shows the opening words of a supporting sentence, which the answer does not show, so two of one paragraph differ', () => {
    const reply = bot.handle({ text: 'What is the levy?' });
    const lines = citationLinesOf('What is the levy?');
    const supporting = reply.citations.filter((c) => !c.primary);
    expect(supporting.map((c) => c.paragraph)).toContain(reply.citations[0]!.paragraph);
    for (const c of supporting) expect(lines.find((l) => l.startsWith(`[${c.n}] `))).toContain(`“${c.text.slice(0, 20)}`);
    expect(lines).toContain('[2] Orchard growers fight new water levy · ¶3 · “The levy will be reviewed after two years.”');
    const places = lines.map((l) => l.replace(/^\[[\d, ]+\] /, ''));
    expect(new Set(places).size).toBe(places.length);
  });
});

describe('the opening words of a supporting sentence', () => {
  it('do not double a quotation mark the sentence opens or closes with', () => {
    expect(openingWords('"We will not stop until they are found."')).toBe('“We will not stop until they are found.”');
    expect(openingWords('“Call us,” she said.')).toBe('“Call us,” she said.”');
  });
});
