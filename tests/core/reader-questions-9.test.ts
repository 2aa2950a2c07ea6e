import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf, spanText } from '../helpers.ts';

// Made-up stories for the ninth round of reader questions.
const ask = (articles: ReturnType<typeof articleOf>[], text: string) => createBot(articles).handle({ text });

const boiler = articleOf('quenby-boilers', 'Quenby boilers called back', [
  'Quenby Heating is calling back 8,400 boilers after a faulty seal was linked to 14 small fires and at least six injuries.',
  'Engineers will visit every home from next week to fit a new seal at no charge.',
  'The work takes about an hour, the firm said.',
  'It is the biggest recall in the firm’s 58-year history.',
]);

const poll = articleOf('senna-poll', 'Greens surge in Senna', [
  'With all votes counted on Friday, the Greens had 19 of the 40 seats on Senna council, up from 11.',
  'The party won 37.5% of the vote.',
  'Of the residents who cycled to work, 12% said they had voted for the first time in 10 years.',
]);

describe('a span of one unit written without a digit', () => {
  it('answers "how long" with "about an hour"', () => {
    const reply = ask([boiler], 'How long does the work take?');
    expect(reply.citations[0]?.text).toBe('The work takes about an hour, the firm said.');
    expect(spanText(reply.citations[0])).toBe('about an hour');
  });
});

describe('related forms and words a reader uses for the article’s', () => {
  it('finds "injuries" for "injured"', () => {
    const market = articleOf('tilby-market', 'Tilby market reopens', [
      'About 300 people attended the reopening of the Tilby market on Saturday.',
      'The stalls sold out of bread by noon.',
    ]);
    const ferry = articleOf('pell-ferry', 'Pell ferry delayed', [
      'The morning ferry from Pell was delayed by three hours on Friday, leaving 200 people stranded.',
      'Many people waited in the terminal café.',
    ]);
    const reply = ask([boiler, market, ferry, poll], 'how many people were injured?');
    expect(reply.citations[0]?.text).toMatch(/^Quenby Heating is calling back/);
    expect(spanText(reply.citations[0])).toBe('six');
  });

  it('reads "biggest" as "largest" and "lawyer" as "barrister"', () => {
    const court = articleOf('marrick-court', 'Marrick trader fined', [
      'A Marrick market trader, Ned Pollard, was fined £4,000 on Tuesday for selling fake watches.',
      'His barrister, Ruth Okonedo, said he had been misled by a supplier.',
      'It was the largest fine the court has handed down this year.',
    ]);
    expect(ask([court], "What did Pollard's lawyer say?").citations[0]?.text).toBe('His barrister, Ruth Okonedo, said he had been misled by a supplier.');
    expect(ask([court], 'Was it the biggest fine this year?').citations[0]?.text).toBe('It was the largest fine the court has handed down this year.');
  });
});

describe('ages', () => {
  it('reads "aged between 30 and 65" and a firm’s "58-year history" as ages', () => {
    const survey = articleOf('lorn-survey', 'Lorn anglers surveyed', [
      'The survey asked 600 anglers aged between 30 and 65 about the state of the river.',
      'Most said the water was cleaner than ten years ago.',
    ]);
    expect(spanText(ask([survey], 'How old were the anglers?').citations[0])).toMatch(/^30/);
    expect(spanText(ask([boiler], 'How old is the firm?').citations[0])).toBe('58');
  });
});

describe('who, when the sentence names no one', () => {
  it('gives the description the sentence opens with', () => {
    const theft = articleOf('tilby-theft', 'Tilby treasurer jailed', [
      'A former village hall treasurer who took £80,000 from the hall’s accounts has been jailed for four years.',
      'The money was meant for a new roof.',
    ]);
    const reply = ask([theft], 'Who was jailed?');
    expect(spanText(reply.citations[0])).toBe('A former village hall treasurer');
  });

  it('keeps the doer of a deed the sentence says was done to its subject', () => {
    const survey = articleOf('ranby-survey', 'Ranby river survey', [
      'The survey was funded by the Ranby Angling Trust and took two years.',
      'It found otters on every stretch of the river.',
    ]);
    expect(spanText(ask([survey], 'Who funded the survey?').citations[0])).not.toBe('The survey');
  });
});

describe('share questions', () => {
  it('answers "what share of the vote" with the sentence that gives a percentage', () => {
    const reply = ask([poll], 'What share of the vote did the Greens get?');
    expect(reply.citations[0]?.text).toBe('The party won 37.5% of the vote.');
    expect(spanText(reply.citations[0])).toBe('37.5%');
  });

  it('marks the percentage, not another number of the sentence', () => {
    expect(spanText(ask([poll], 'What percentage of residents who cycled to work voted for the first time?').citations[0])).toBe('12%');
  });
});
