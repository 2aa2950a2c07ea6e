import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

const results = articleOf('darnley-results', 'Darnley cuts outlook', [
  'For the third quarter, Darnley Tools expects revenue of about $2 billion.',
  'It lowered its forecast for the full year to $8.1 billion.',
  'Darnley Tools has a workforce of about 3,200.',
]);
const obituary = articleOf('pell-obituary', 'Una Pell dies', [
  'The chemist Una Pell has died aged 90.',
  'She completed her doctorate at Oldbridge University in 1961.',
  'She is survived by three grandchildren.',
]);
const study = articleOf('sleep-study', 'Sleep study', ['A study by Fenwick College found that seven hours of sleep a night was optimal for adults.']);

const first = (article: ReturnType<typeof articleOf>, text: string) => createBot([article]).handle({ text }).citations[0]?.text ?? null;

describe('words a question may use for the article\'s', () => {
  it('reads "Q3" as "third quarter" when the articles never write "Q3", in either case', () => {
    expect(first(results, 'What is the Q3 revenue forecast?')).toBe('For the third quarter, Darnley Tools expects revenue of about $2 billion.');
    expect(first(results, 'what revenue does darnley expect in q3?')).toBe('For the third quarter, Darnley Tools expects revenue of about $2 billion.');
  });

  it('matches guidance with forecast, grandkids with grandchildren, employees with workforce, PhD with doctorate, best with optimal', () => {
    expect(first(results, 'whats the full year guidance')).toBe('It lowered its forecast for the full year to $8.1 billion.');
    expect(first(results, 'how many employees does Darnley have?')).toBe('Darnley Tools has a workforce of about 3,200.');
    expect(first(results, 'how many staff does Darnley have?')).toBe('Darnley Tools has a workforce of about 3,200.');
    expect(first(obituary, 'how many grandkids did Pell have')).toBe('She is survived by three grandchildren.');
    expect(first(obituary, 'Where did Pell do her PhD?')).toBe('She completed her doctorate at Oldbridge University in 1961.');
    expect(first(study, 'how much sleep is best?')).toBe('A study by Fenwick College found that seven hours of sleep a night was optimal for adults.');
  });

  it('names a missing short form of letters and digits without "the" before it', () => {
    const reply = createBot([results]).handle({ text: 'What is the FY25 revenue target?' });
    expect(reply.lead).toContain("The articles don't mention FY25.");
    expect(createBot([results]).handle({ text: 'What did the Bank of Marlow say?' }).lead).toContain("The articles don't mention the Bank of Marlow.");
  });
});
