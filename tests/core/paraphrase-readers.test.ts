import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

// Made-up stories whose answers use other words than a reader's question.
const summit = articleOf('tarn-summit', 'Tarnholm summit ends with fishing deal', [
  'Delegates from nine coastal states met in Tarnholm this week.',
  'The talks ran 14 hours into overtime before the fishing deal was signed.',
  'The next meeting will be held in Quellmouth in the spring.',
]);
const band = articleOf('orla-venn', 'Orla Venn returns with a new album', [
  'Orla Venn grew up in Marbury, the daughter of a ferryman and a seamstress.',
  'Her new album features the young drummer Tobias Reel and the pianist Ines Carr.',
  'Carr has played with Venn since 2009.',
  'It comes in two colors on vinyl: amber and slate.',
]);
const ferry = articleOf('marbury-ferry', 'Marbury ferry to return', ['The mayor said the ferry would come back in May.', 'Tickets will cost £4.']);
const company = articleOf('brindle-recall', 'Brindle recalls kettles', [
  'Brindle Appliances recalled 40,000 kettles on Monday.',
  "Brindle's chief executive, Petra Holm, said the company was sorry.",
  'The fault came to light when a customer in Oxley reported a cracked base.',
  'Owners can call Brindle toll-free at 800-555-0199.',
  'The researchers cautioned that the sample was small.',
  'The firm said it would hold a second recall in June if needed.',
]);

const first = (articles: ReturnType<typeof articleOf>[], text: string) => createBot(articles).handle({ text }).citations[0]?.text ?? null;

describe('paraphrases news readers use', () => {
  it('reads overrun, drums, boss, discovered, limitations and another in the words a story writes', () => {
    expect(first([summit], 'How long did the talks overrun?')).toBe('The talks ran 14 hours into overtime before the fishing deal was signed.');
    expect(first([band], 'Who plays drums on the album?')).toBe('Her new album features the young drummer Tobias Reel and the pianist Ines Carr.');
    expect(first([company], "What did Brindle's boss say?")).toBe("Brindle's chief executive, Petra Holm, said the company was sorry.");
    expect(first([company], 'How was the fault discovered?')).toBe('The fault came to light when a customer in Oxley reported a cracked base.');
    expect(first([company], 'What were the limitations?')).toBe('The researchers cautioned that the sample was small.');
    expect(first([company], 'Will there be another recall?')).toBe('The firm said it would hold a second recall in June if needed.');
  });

  it('knows the words of a phrase whose synonym the story writes: phone number where it says toll-free', () => {
    expect(first([company], "What's the phone number?")).toBe('Owners can call Brindle toll-free at 800-555-0199.');
  });

  it('looks for the colours a "what colours" question asks about, not only its other words', () => {
    expect(first([band, ferry], 'what colours does it come in')).toBe('It comes in two colors on vinyl: amber and slate.');
    expect(first([band, ferry], 'Which colours does the vinyl come in?')).toBe('It comes in two colors on vinyl: amber and slate.');
  });
});

describe('detected, aircraft and confident in a reader\'s words', () => {
  const comet = articleOf('vessel-comet', 'New comet heads for the inner solar system', [
    'The comet was first detected in 2024 by the Orrin Peak Observatory.',
    'It will pass closest to the Sun in March.',
  ]);
  const landing = articleOf('brenmoor-landing', 'Brenmoor Air jet lands safely after bird strike', [
    'A Brenmoor Air jet carrying 164 people made an emergency landing at Tallis airport on Friday.',
    'The airline said a bird had struck the left engine.',
  ]);
  const trial = articleOf('lumen-trial', 'Lumen drug trial reports early results', [
    'The researchers said they were 95% confident the effect was real.',
    'The trial enrolled 310 patients in four countries.',
  ]);
  const bot = [comet, landing, trial];

  it('answers "discovered" with "detected"', () => {
    expect(first(bot, 'When was the comet discovered?')).toBe('The comet was first detected in 2024 by the Orrin Peak Observatory.');
  });
  it('answers "the plane" with "the jet"', () => {
    expect(first(bot, 'How many people were on the plane?')).toBe('A Brenmoor Air jet carrying 164 people made an emergency landing at Tallis airport on Friday.');
  });
  it('answers "how sure" with "confident"', () => {
    expect(first(bot, 'How sure are the researchers?')).toBe('The researchers said they were 95% confident the effect was real.');
  });
});
