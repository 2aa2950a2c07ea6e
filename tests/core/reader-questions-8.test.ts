import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf, spanText } from '../helpers.ts';

// Made-up stories for the eighth round of reader questions.
const mill = articleOf('dorrin-mill', 'Fire guts Dorrin mill', [
  'A fire broke out at the old Dorrin mill after midnight on Sunday, destroying the roof.',
  'It is the worst fire in the valley since the Askey blaze of 2015.',
  'The cause of the blaze is not yet known.',
]);
const ferry = articleOf('pell-ferry', 'Pell ferry runs late', [
  'The morning ferry from Pell was delayed by three hours on Friday.',
  'The delay came about because a storm had closed the harbour overnight.',
]);

const ask = (articles: ReturnType<typeof articleOf>[], text: string) => createBot(articles).handle({ text });

describe('what caused it', () => {
  it('finds the sentence that names the cause, not one that only says when', () => {
    const reply = ask([mill], 'What caused the blaze?');
    expect(reply.citations[0]?.text).toBe('The cause of the blaze is not yet known.');
    expect(spanText(reply.citations[0])).toBe('is not yet known');
  });

  it('still answers with the reason when the story never writes "cause"', () => {
    expect(ask([ferry, mill], 'What caused the delay?').citations[0]?.text).toBe('The delay came about because a storm had closed the harbour overnight.');
  });
});

const depot = articleOf('orlin-depot', 'Blaze spreads from Orlin depot', [
  'The blaze started near Gate 12 of the Orlin fuel depot and had burned 3,200 acres by Friday evening.',
  'Tom Vell, 64, whose knee operation at Brisk Hospital was cancelled on Monday, said he had nowhere to go.',
  'The hospital apologised to its patients.',
]);

describe('numbers that count nothing', () => {
  it('does not give the number of a name ("Gate 12") for the size of something', () => {
    expect(spanText(ask([depot], 'How big is the blaze now?').citations[0])).toMatch(/^3,200/);
  });

  it('does not give a person\'s age ("Tom Vell, 64,") as a count', () => {
    const reply = ask([depot], 'How many operations were cancelled?');
    expect(spanText(reply.citations[0])).not.toBe('64');
    expect(reply.kind).toBe('decline');
  });
});

describe('a date the question\'s words stand around', () => {
  it('is marked whole, not only its day', () => {
    const bids = articleOf('venn-bids', 'Venn council opens bidding', ['The council set a deadline of 14 March for bids and said it would decide in May.']);
    expect(spanText(ask([bids], 'What is the deadline for bids?').citations[0])).toBe('14 March');
  });
});

const cup = articleOf('tarrow-cup', 'Tarrow edge past Quell', [
  'Quell had taken the lead in the 12th minute through Ivo Brandt.',
  'Substitute Remy Castel hit the crossbar in stoppage time.',
  'Tarrow manager Nadia Holm said she was proud of her players.',
  'Man of the match: Lio Ferrer (Tarrow).',
  'A crowd of 8,200 saw the game at Holm Park.',
]);
const porters = articleOf('brisk-porters', 'Brisk porters vote to walk out', [
  'Porters at Brisk General will hold a two-day walkout from 4 May.',
  'The hospital has 40 vacant porter posts.',
  'The fire on the roof was 60% contained by Friday.',
]);

describe('a reader\'s word for what a story writes otherwise', () => {
  it('reads boss, bar, best player, scored first and attendance in the words of a match report', () => {
    expect(ask([cup, porters], 'Who scored first?').citations[0]?.text).toBe('Quell had taken the lead in the 12th minute through Ivo Brandt.');
    expect(ask([cup, porters], 'Who hit the bar?').citations[0]?.text).toBe('Substitute Remy Castel hit the crossbar in stoppage time.');
    expect(ask([cup, porters], 'What did the Tarrow boss say?').citations[0]?.text).toBe('Tarrow manager Nadia Holm said she was proud of her players.');
    expect(ask([cup, porters], 'Who was the best player?').citations[0]?.text).toBe('Man of the match: Lio Ferrer (Tarrow).');
  });

  it('reads strike, unfilled and under control in the words of the story', () => {
    expect(ask([cup, porters], 'When is the porters strike?').citations[0]?.text).toBe('Porters at Brisk General will hold a two-day walkout from 4 May.');
    expect(ask([cup, porters], 'How many porter jobs are unfilled?').citations[0]?.text).toBe('The hospital has 40 vacant porter posts.');
    expect(ask([cup, porters], 'How much of the fire is under control?').citations[0]?.text).toBe('The fire on the roof was 60% contained by Friday.');
  });
});

describe('the usual figure beside this time\'s', () => {
  const border = articleOf('quell-border', 'Queues at Quell border', ['Passport checks, which usually take 20 minutes, were taking up to three hours on Saturday.']);
  it('gives this time\'s figure unless the question asks what is usual', () => {
    expect(spanText(ask([border], 'How long are passport checks taking?').citations[0])).toMatch(/^three/);
    expect(spanText(ask([border], 'How long do passport checks usually take?').citations[0])).toMatch(/^20/);
  });
});
