import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

function firstCited(bot: ReturnType<typeof createBot>, question: string): string {
  return bot.handle({ text: question }).citations[0]?.text ?? '';
}

describe('a common noun of the question is not a word of another story\'s organisation name', () => {
  const mill = articleOf('brindle-mill', 'Brindle paper mill to close with 400 jobs lost', [
    'The Brindle paper mill in Oskerby will close in March, its owner Fallow Paper said on Monday.',
    'About 400 people work at the site.',
    '"This is a dark day for the town," said Nia Carrow, a regional organiser at the union.',
  ]);
  const aid = articleOf('tarvo-aid', 'EU pledges aid to storm-hit Tarvo', [
    'Storms swept across the island of Tarvo on Sunday, flooding hundreds of homes.',
    'The EU said it would send €12 million in emergency aid.',
    'The European Union also offered two rescue teams.',
  ]);
  const bot = createBot([mill, aid]);

  it('answers "what did the union say?" from the story that writes "the union", not "The EU said"', () => {
    expect(firstCited(bot, 'What did the union say?')).toBe('"This is a dark day for the town," said Nia Carrow, a regional organiser at the union.');
  });

  it('still answers "what did the EU say?" with the EU', () => {
    expect(firstCited(bot, 'What did the EU say?')).toBe('The EU said it would send €12 million in emergency aid.');
  });
});

describe('a count from an earlier year\'s event, with the count before the year', () => {
  const slide = articleOf('pellan-landslide', 'Landslide buries homes in Pellan valley', [
    'A powerful landslide swept through the Pellan valley before dawn on Friday, killing at least 62 people and injuring more than 300, officials said, as rescuers dug through the mud in search of survivors.',
    'Rescuers with dogs searched the mud through Saturday.',
    'A landslide in the same valley killed 14 people in 2011.',
    'Heavy rain had fallen for nine days before the slope gave way.',
  ], { published: '2026-05-16' });
  const bot = createBot([slide]);

  it('gives the lede\'s count for "how many people died in the landslide?", not the 2011 one', () => {
    const reply = bot.handle({ text: 'How many people died in the landslide?' });
    expect(reply.citations[0]?.text).toMatch(/^A powerful landslide swept through the Pellan valley/);
  });

  it('still gives the earlier year\'s count when the question names its year', () => {
    const reply = bot.handle({ text: 'How many people died in the 2011 landslide?' });
    expect(reply.citations[0]?.text).toBe('A landslide in the same valley killed 14 people in 2011.');
  });
});

describe('a "why" question is answered by the sentence that gives the cause', () => {
  const bridge = articleOf('orlan-bridge', 'Orlan bridge shut to traffic', [
    'The Orlan bridge, open to traffic since 1962, was shut by the county on Monday.',
    'The county shut the Orlan bridge after engineers found cracks in two of its supports.',
    'Drivers face a detour of 14 miles.',
    'The ferry operator Tessin Lines raised its fares on Tuesday, citing a rise in demand from drivers avoiding the detour.',
    'Tessin Lines raised its fares for the first time in six years.',
  ]);
  const bot = createBot([bridge]);
  const cause = 'The county shut the Orlan bridge after engineers found cracks in two of its supports.';
  const fares = 'The ferry operator Tessin Lines raised its fares on Tuesday, citing a rise in demand from drivers avoiding the detour.';

  it('reads "what made …" and "what prompted …" as asking why', () => {
    expect(firstCited(bot, 'What made the county shut the Orlan bridge?')).toBe(cause);
    expect(firstCited(bot, 'what prompted Tessin Lines to raise its fares')).toBe(fares);
  });

  it('takes "since 1962" for a time, not a cause', () => {
    expect(firstCited(bot, 'Why was the Orlan bridge shut?')).toBe(cause);
  });

  it('takes "citing …" for a cause', () => {
    expect(firstCited(bot, 'Why did Tessin Lines raise its fares?')).toBe(fares);
  });
});
