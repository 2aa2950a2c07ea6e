import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf, spanText } from '../helpers.ts';

// Made-up stories for the eighth round of reader questions.
const mill = articleOf('dorrin-mill', 'Fire guts Dorrin mill', [
  'A fire broke out at the old Dorrin mill after midnight on Sunday, destroying the roof.',
  'It is the worst fire in the valley since the Askey blaze of 2015.',
  'The cause of the fire is under investigation.',
]);
const ferry = articleOf('pell-ferry', 'Pell ferry runs late', [
  'The morning ferry from Pell was delayed by three hours on Friday.',
  'The delay came about because a storm had closed the harbour overnight.',
]);

const ask = (articles: ReturnType<typeof articleOf>[], text: string) => createBot(articles).handle({ text });

describe('what caused it', () => {
  it('finds the sentence that names the cause, not one that only says when', () => {
    const reply = ask([mill], 'What caused the fire?');
    expect(reply.citations[0]?.text).toBe('The cause of the fire is under investigation.');
    expect(spanText(reply.citations[0])).toBe('is under investigation');
  });

  it('still answers with the reason when the story never writes "cause"', () => {
    expect(ask([ferry, mill], 'What caused the delay?').citations[0]?.text).toBe('The delay came about because a storm had closed the harbour overnight.');
  });
});
