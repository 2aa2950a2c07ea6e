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

