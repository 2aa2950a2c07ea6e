import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

function firstCited(bot: ReturnType<typeof createBot>, question: string): string {
  return bot.handle({ text: question }).citations[0]?.text ?? '';
}

describe('a multi-word lexicon entry matches only where the sentence writes the whole phrase', () => {
  const storm = articleOf('orlin-storm', 'Storm hits Orlin', [
    'A storm struck the port of Orlin on Monday night.',
    'The storm knocked down walls along Harbour Street in Orlin.',
    'Shares in Orlin Shipping fell 8% on Wall Street on Tuesday.',
  ]);
  const market = articleOf('vessa-market', 'Vessa fish market closes', [
    'The fish market in Vessa will close in June after 200 years.',
    'Its stallholders will move to a new hall.',
  ]);
  const bot = createBot([storm, market]);

  it('answers "markets" with the sentence that writes "Wall Street", not one with "walls" and "Street" apart', () => {
    expect(firstCited(bot, 'How did markets respond to the storm in Orlin?')).toBe('Shares in Orlin Shipping fell 8% on Wall Street on Tuesday.');
  });
});

describe('a phrase of a word and a particle ("give up", "hand over") is one term, not its words', () => {
  const harbour = articleOf('tarn-harbour', 'Tarn council and the harbour', [
    'Tarn council met on Monday to discuss the harbour.',
    'The council will give the harbour board 2 million pounds next year.',
    'Councillors agreed to hand over the harbour to the Orvel trust in May.',
    'The trust was set up in 1990.',
  ]);
  const bot = createBot([harbour]);
  const handOver = 'Councillors agreed to hand over the harbour to the Orvel trust in May.';

  it('answers "did the council give up the harbour?" with the sentence that hands it over, not one that gives it money', () => {
    expect(firstCited(bot, 'Did the council give up the harbour?')).toBe(handOver);
  });

  it('answers "surrender" with "hand over", not with "give"', () => {
    expect(firstCited(bot, 'Who will the council surrender the harbour to?')).toBe(handOver);
  });

  it('still answers a question with "give" alone by "give"', () => {
    expect(firstCited(bot, 'What will the council give the harbour board?')).toBe('The council will give the harbour board 2 million pounds next year.');
  });
});

describe('phrase synonyms: "set off", "lift off", "in charge"', () => {
  const march = articleOf('orlin-march', 'Tenants march on Orlin town hall', [
    'About 3,000 tenants marched through Orlin on Saturday to protest against rising rents.',
    'The marchers set off from Kessel Park shortly after ten.',
    'Organisers said the rain delayed the march by an hour.',
    'Police closed roads around the town hall for the afternoon.',
  ]);
  const firm = articleOf('vessa-foods', 'Brack to step down at Vessa Foods', [
    'Tom Brack will step down as chief executive of Vessa Foods in June.',
    'Ilsa Marr, the finance director, will run the company from July.',
    'Brack faces two charges of fraud, prosecutors said.',
  ]);
  const rocket = articleOf('kessel-rocket', 'Kessel space port readies first flight', [
    'The Dornal rocket has stood on its pad at Kessel since March.',
    'The rocket will lift off from Kessel at dawn on Friday, the agency said.',
    'Its engines were tested for a third time last week.',
  ]);
  const bot = createBot([march, firm, rocket]);

  it('answers "where did the march start?" with the sentence that says where it set off from', () => {
    expect(firstCited(bot, 'Where did the march start?')).toBe('The marchers set off from Kessel Park shortly after ten.');
  });

  it('answers "where did the marchers leave from?" with where they set off from', () => {
    expect(firstCited(bot, 'Where did the marchers leave from?')).toBe('The marchers set off from Kessel Park shortly after ten.');
  });

  it('answers "when will the rocket launch?" with the sentence that says when it lifts off', () => {
    expect(firstCited(bot, 'When will the rocket launch?')).toBe('The rocket will lift off from Kessel at dawn on Friday, the agency said.');
  });

  it('answers "who will be in charge?" with who will run the company, and "charges" is not "in charge"', () => {
    expect(firstCited(bot, 'Who will be in charge of Vessa Foods?')).toBe('Ilsa Marr, the finance director, will run the company from July.');
    expect(firstCited(bot, 'What charges does Brack face?')).toBe('Brack faces two charges of fraud, prosecutors said.');
  });
});

describe('"in charge" is the whole phrase: "charges" is not it', () => {
  const festival = articleOf('orlin-festival', 'Orlin festival returns', [
    'The Orlin folk festival returns this summer after a two-year break.',
    'The festival opens on 3 June in Kessel Park.',
    'Brack faces two charges of fraud over the festival, prosecutors said.',
    'Ilsa Marr will lead the festival committee.',
  ]);
  const bot = createBot([festival]);

  it('answers "who is in charge of the festival?" with who leads it, not with the charges', () => {
    expect(firstCited(bot, 'Who is in charge of the festival?')).toBe('Ilsa Marr will lead the festival committee.');
  });

  it('still answers "what charges does Brack face?" with the charges', () => {
    expect(firstCited(bot, 'What charges does Brack face?')).toBe('Brack faces two charges of fraud over the festival, prosecutors said.');
  });
});
