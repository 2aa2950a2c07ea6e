import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBot, type Reply } from '../../src/core/index.ts';
import { fixtureArticle, fixtureText, sentencesOf } from '../helpers.ts';

const articles = [
  fixtureArticle('donetsk-demand.txt', { outlet: 'The Washington Post' }),
  fixtureArticle('harbour-vote.txt'),
  fixtureArticle('news/anjouan-invasion.txt'),
];
const sources = new Map([
  [articles[0]!.id, fixtureText('donetsk-demand.txt')],
  [articles[1]!.id, fixtureText('harbour-vote.txt')],
  [articles[2]!.id, fixtureText('news/anjouan-invasion.txt')],
]);
const bot = createBot(articles);

/** Every citation is a whole sentence of its article, character for character, at its offsets. */
function expectVerbatim(reply: Reply): void {
  for (const c of reply.citations) {
    const article = articles.find((a) => a.id === c.articleId)!;
    const sentence = sentencesOf(article).find((s) => s.id === c.sentence)!;
    expect(c.text).toBe(sentence.text);
    expect(sources.get(c.articleId)!.slice(sentence.start, sentence.end)).toBe(c.text);
    if (c.span) {
      expect(c.span.start).toBeGreaterThanOrEqual(0);
      expect(c.span.end).toBeLessThanOrEqual(c.text.length);
      expect(c.span.start).toBeLessThan(c.span.end);
    }
  }
}

describe('citations are verbatim', () => {
  it('for every seed evaluation question', () => {
    const questions = (JSON.parse(readFileSync(new URL('../../eval/seed-questions.json', import.meta.url), 'utf8')) as { questions: { q: string }[] }).questions;
    expect(questions.length).toBeGreaterThan(30);
    for (const { q } of questions) expectVerbatim(bot.handle({ text: q }));
  });

  it('for every command', () => {
    for (const text of ['brief', 'who Putin', 'who Bacar', 'quotes', 'quotes Trump', 'sources', 'help']) expectVerbatim(bot.handle({ text }));
  });

  it('for any string at all, and handling never throws', () => {
    const words = ['Putin', 'Donetsk', 'bridge', 'demand', 'Macron', 'who', 'what', 'did', 'say', 'he', 'and', '?', '<@U123>', '@everyone', '**', 'Zelensky', 'cede', '__proto__', 'constructor', 'toString'];
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 600 }), fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((w) => w.join(' '))), fc.array(fc.string({ maxLength: 80 }), { maxLength: 3 }), (text, earlier) => {
        const reply = bot.handle({ text, history: earlier.map((t) => ({ role: 'user' as const, text: t })) });
        expect(['answer', 'decline', 'list', 'help', 'error']).toContain(reply.kind);
        expect(reply.confidence).toBeGreaterThanOrEqual(0);
        expect(reply.confidence).toBeLessThanOrEqual(1);
        expectVerbatim(reply);
      }),
      { numRuns: 300 },
    );
  });
});
