import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf, spanText } from '../helpers.ts';

// Made-up stories for the limits of this stop's rules that answer with a neighbour or a close candidate
// instead of the best sentence: each case here had the best sentence right, and a rule took another.

const merger = articleOf('tarnby-merger', 'Tarnby Foods to buy Ossel Dairies for $9bn', [
  'Tarnby Foods has agreed to buy Ossel Dairies for $9bn, the two companies said on Monday.',
  'The deal is expected to close in the spring. It needs the approval of competition authorities in Arland and in Velmora.',
]);

const results = articleOf('quell-results', 'Quell Software misses forecasts', [
  'Quell Software reported revenue of $2.1 billion for the quarter on Tuesday.',
  'Analysts had been expecting $2.3 billion. The company also lowered its forecast for the full year to revenue of $8.4 billion.',
], { published: '2026-05-12' });

const recall = articleOf('brisk-kettles', 'Brisk recalls 300,000 kettles', [
  'Appliance maker Brisk is recalling about 300,000 kettles sold in Arland because they can overheat, the consumer regulator said on Monday.',
  'The recall covers Brisk K2 kettles with model numbers K2-100 and K2-110, sold between May 2022 and June 2024.',
], { published: '2026-03-02' });

const summit = articleOf('orla-summit', 'Nations agree coastal fund at Orla summit', [
  'Ninety countries have agreed to double the money for coastal defences, in a deal struck early on Sunday after talks in Orla ran 31 hours late.',
  'The money will go to the poorest coastal nations first, the summit’s chair said.',
  'Island states welcomed the deal, though some said it came late.',
  'The deal still has to be signed by each government.',
  'Scientists say seas are on course to rise about 1.1 metres, well above the 0.5 metres that countries agreed to plan for in the Tarvik Accord of 2015.',
], { published: '2026-11-23' });

describe('answers kept from the best sentence', () => {
  const bot = createBot([merger, results, recall, summit]);

  it('keeps "It needs the approval of …" for a question that itself says "it"', () => {
    expect(bot.handle({ text: 'Which regulators need to approve it?' }).citations[0]?.text).toMatch(/^It needs the approval/);
  });

  it('does not go on to "The company …" after a best sentence that names no one', () => {
    expect(bot.handle({ text: 'What were analysts expecting for revenue?' }).citations[0]?.text).toBe('Analysts had been expecting $2.3 billion.');
  });

  it('keeps the date said of the asked words over a lede that writes them together but dates something else', () => {
    const reply = bot.handle({ text: 'When were the kettles sold?' });
    expect(reply.citations[0]?.text).toMatch(/^The recall covers Brisk K2 kettles/);
    expect(spanText(reply.citations[0])).toBe('between May 2022 and June 2024');
  });

  it('does not give up the lede for a sentence whose only date is a year before the article', () => {
    expect(createBot([summit]).handle({ text: 'What time was the deal agreed?' }).citations[0]?.text).toMatch(/^Ninety countries have agreed/);
  });
});
