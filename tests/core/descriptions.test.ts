import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf, entityNamed, sentencesOf, spanText } from '../helpers.ts';

/** The id of the sentence of an article that starts with these words. */
function sentenceStarting(article: ReturnType<typeof articleOf>, start: string): string {
  const s = sentencesOf(article).find((x) => x.text.startsWith(start));
  expect(s, `a sentence starting "${start}"`).toBeDefined();
  return s!.id;
}

describe('definite descriptions that refer back to someone named before', () => {
  const transfer = articleOf('quill-transfer', 'Harwick Rovers sign Quill', [
    'Harwick Rovers have signed the striker Tomas Quill from Brenna Athletic. The 23-year-old passed a medical on Tuesday.',
    'The striker scored 14 goals in the league last season.',
    'The club will unveil its new 30-year-old stand plan in May.',
  ]);
  const results = articleOf('tarlow-results', 'Tarlow profits rise', [
    'Tarlow Systems reported higher profits on Friday. The company, which is based in Hull, employs about 2,400 people.',
  ]);

  it('reads "the 23-year-old" and "the striker" as the striker named before, and "the club" as the club', () => {
    const quill = entityNamed(transfer, 'Tomas Quill');
    expect(quill.pronounMentions).toContain(sentenceStarting(transfer, 'The 23-year-old'));
    expect(quill.pronounMentions).toContain(sentenceStarting(transfer, 'The striker scored'));
    expect(entityNamed(transfer, 'Harwick Rovers').pronounMentions).toContain(sentenceStarting(transfer, 'The club will'));
    // "the striker Tomas Quill" names him: it is no reference back.
    expect(quill.pronounMentions).not.toContain(sentenceStarting(transfer, 'Harwick Rovers have'));
  });

  it('reads "the company" as the company named before', () => {
    expect(entityNamed(results, 'Tarlow Systems').pronounMentions).toContain(sentenceStarting(results, 'The company'));
  });

  it('answers "how old is X?" from "The 23-year-old …" after the sentence that names X', () => {
    const reply = createBot([transfer]).handle({ text: 'how old is Quill?' });
    expect(reply.citations[0]?.text).toBe('The 23-year-old passed a medical on Tuesday.');
    expect(spanText(reply.citations[0])).toBe('23');
  });

  it('answers "how many employees does X have?" from "The company … employs about 2,400 people"', () => {
    const reply = createBot([results]).handle({ text: 'how many employees does Tarlow have?' });
    expect(reply.citations[0]?.text).toBe('The company, which is based in Hull, employs about 2,400 people.');
    expect(spanText(reply.citations[0])).toBe('2,400');
  });

  it('reads a sentence that opens with a description as about the sentence before, whatever the name it refers to was taken for', () => {
    // "Dornbury Analytics" is read as no organisation, so no entity stands for "the company"; the sentence before names it.
    const article = articleOf('dornbury-results', 'Dornbury profits rise', [
      'Dornbury Analytics reported higher profits on Friday. The company, which is based in Hull, employs about 2,400 people.',
    ]);
    const reply = createBot([article]).handle({ text: 'how many employees does Dornbury have?' });
    expect(reply.citations[0]?.text).toBe('The company, which is based in Hull, employs about 2,400 people.');
  });

  it('does not read a description as another kind of organisation: "the company" is not the commission', () => {
    const article = articleOf('marl-recall', 'Marl Appliances recall', [
      'The Harbour Safety Commission said Marl Appliances would recall 8,000 kettles. The company said no one had been hurt.',
    ]);
    const recalled = sentenceStarting(article, 'The company');
    expect(entityNamed(article, 'Marl Appliances').pronounMentions).toContain(recalled);
    expect(entityNamed(article, 'Harbour Safety Commission').pronounMentions).not.toContain(recalled);
  });
});
