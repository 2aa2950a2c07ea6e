import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

// Made-up stories: everyday words and paraphrases a reader uses that the report does not.
const ask = (articles: ReturnType<typeof articleOf>[], text: string) => createBot(articles).handle({ text });

const quarry = articleOf('tressel-quarry', 'Tressel quarry plan approved', [
  'Plans to reopen the Tressel quarry were approved by the county on Thursday.',
  "Brantley's MP, Joan Ferrow, said she was \"bitterly let down\" by the decision.",
  'The quarry owner, Halm Stone, said work would resume in the autumn.',
]);
const tram = articleOf('vessick-tram', 'Tram derails in Vessick', [
  'A tram came off the rails in central Vessick on Monday, injuring four passengers.',
  'The Tram Safety Office said it had sent two inspectors to examine the points.',
]);

describe('everyday words the articles never write', () => {
  it('answers "the local MP" from a report that names the MP by the town', () => {
    const reply = ask([quarry], 'What did the local MP say?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toContain('Joan Ferrow');
  });

  it('answers about "the incident" from a report that never calls it one', () => {
    const reply = ask([tram], 'Who is examining the incident?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toContain('Tram Safety Office');
  });

  it('still declines a question whose missing word is no everyday one', () => {
    expect(ask([tram], 'What did the quarry owner say about the rail strike?').kind).toBe('decline');
  });
});

const blaze = articleOf('corby-heath-fire', 'Heath fire reaches Corby Vale', [
  'A heath fire swept into Corby Vale on Saturday, forcing 300 people to leave and destroying at least 14 homes, the fire service said.',
  'Crews from four counties were still damping down the edges on Sunday.',
]);

describe('a house is a home', () => {
  it('counts the homes a report gives for "how many houses"', () => {
    const reply = ask([blaze], 'How many houses were destroyed?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toContain('at least 14 homes');
  });
});

const derail = articleOf('pennick-derailment', 'Broken rail caused Pennick derailment, inspectors find', [
  'A broken rail caused the derailment of a passenger train outside Pennick on Friday, inspectors said.',
  'The rail had cracked at least two weeks before the accident, the report said.',
  "The 06:40 service from Arlow to Pennick was travelling at 52mph, below the line's limit, when its rear carriage came off the rails.",
  'An inspection train that should have checked the line in May had been cancelled.',
  'Nine of the 120 people travelling in the rear carriage were taken to hospital.',
  'The line reopened on Monday.',
]);

describe('a train that the report calls a service', () => {
  it('answers how fast the train was travelling from the sentence about the service', () => {
    const reply = ask([derail], 'How fast was the train travelling?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toContain('52mph');
  });
});

// Two reports of one storm a day apart; the newer one words its toll another way.
const stormMonday = articleOf('welk-storm-1', 'Storm toll rises in Welk', ['The death toll from the storm in Welk rose to nine on Monday, Mayor Ilsa Crane said.', 'Roads into the town were still shut.'], { published: '2025-02-03' });
const stormTuesday = articleOf('welk-storm-2', 'Welk clears up after storm', ['The number of people killed in the Welk storm has risen to 14, Mayor Ilsa Crane said on Tuesday.', 'The first roads reopened in the afternoon.'], { published: '2025-02-04' });

describe('a toll a newer report words another way', () => {
  it('gives the newer report\'s "number of people killed" for "the death toll"', () => {
    expect(ask([stormMonday, stormTuesday], 'What is the death toll in Welk?').citations[0]?.text).toContain('risen to 14');
  });

  it('gives the newer report\'s "death toll" for "the number of people killed"', () => {
    const older = articleOf('welk-storm-1', 'Storm toll rises in Welk', ['The number of people killed in the Welk storm rose to nine on Monday, Mayor Ilsa Crane said.'], { published: '2025-02-03' });
    const newer = articleOf('welk-storm-2', 'Welk clears up after storm', ['The death toll from the storm in Welk has risen to 14, Mayor Ilsa Crane said on Tuesday.'], { published: '2025-02-04' });
    expect(ask([older, newer], 'What is the number of people killed in Welk?').citations[0]?.text).toContain('risen to 14');
  });
});

const plant = articleOf('harle-plant', 'Harle plant to shut', [
  'The board of Dovan Foods announced the closure of its Harle bottling plant on Wednesday.',
  'The decision to end production there was taken in March, the company said.',
  'About 140 workers will lose their jobs.',
]);

describe('a question verb the report writes as a noun', () => {
  it('finds "the decision" for "when was it decided"', () => {
    expect(ask([plant], 'When was it decided?').citations[0]?.text).toContain('in March');
  });

  it('finds "the closure" for "closed"', () => {
    expect(ask([plant], 'When was the bottling plant closed?').citations[0]?.text).toContain('closure');
  });
});

const heath = articleOf('oster-blaze', 'Rain helps crews on Oster heath', [
  'Crews began to leave the Oster blaze on Thursday as heavy rain eased the danger.',
  'About 40 homes near the heath were cleared as a precaution.',
  'The blaze began late on Monday evening near a picnic site above the village.',
  'Crews expect to leave the heath by the weekend.',
]);

describe('when something started', () => {
  it('takes the sentence that says the asked thing began over one where something else began', () => {
    expect(ask([heath], 'When did the blaze start?').citations[0]?.text).toContain('late on Monday evening');
  });
});
