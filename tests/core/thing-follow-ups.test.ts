import { describe, expect, it } from 'vitest';
import { createBot, type Bot, type Turn } from '../../src/core/index.ts';
import { articleOf, spanText } from '../helpers.ts';

/** Asks the questions in turn, each with the conversation so far, as the chat does; each reply's first citation and its marked part. */
function converse(bot: Bot, questions: readonly string[]): { text: string; span: string | null; kind: string; lead: string }[] {
  const history: Turn[] = [];
  return questions.map((q) => {
    const reply = bot.handle({ text: q, history });
    if (reply.command === 'ask' && reply.kind !== 'error') history.push({ role: 'user', text: q }, { role: 'bot', text: reply.lead });
    const first = reply.citations[0];
    return { text: first?.text ?? '', span: spanText(first), kind: reply.kind, lead: reply.lead };
  });
}

const prizes = articleOf('copper-kite-awards', "'The Copper Kite' collects six awards at Elmbury", [
  '"The Copper Kite," a comedy about two rival beekeepers on a windswept island, dominated the 12th Elmbury Film Awards on Saturday, collecting six awards, among them best picture, best director and best score.',
  'Mara Quill, 47, is now the only director to have won the best director award twice.',
  '"We shot this with almost no money and a great many bees," Quill said.',
  'The documentary award went to "Low Tide," about a fishing village.',
]);
const fire = articleOf('dovercombe-fire', 'Grass fire burns 19 houses near Dovercombe', [
  'About 900 families were moved out of Dovercombe during the fire on Monday, and 19 houses burned down, officials said.',
  'Station Commander Ines Harrow is commanding the crews at the scene.',
  '"The wind is our biggest enemy tonight," Harrow said.',
  'The cause of the blaze is not yet known, a fire service spokesman said.',
]);
const march = articleOf('brellick-march', 'Thousands march in Brellick against library closures', [
  'About 2,000 people marched through Brellick on Sunday against the closure of four libraries.',
  'One steward was hurt when a barrier fell.',
  'Police arrested eight people after a group left the march and sat down across the ring road.',
  'Six of those arrested were released on Monday because the cells were full, police said.',
]);

describe('"it" and "they" in a follow-up stand for the thing the thread is about', () => {
  it('after "what took best picture?", "it" is the film the answer names, and "she" after "who directed it?" is still the director', () => {
    const replies = converse(createBot([prizes, fire]), [
      'what took best picture at the elmbury awards?',
      'and how many awards did it collect?',
      'who directed it?',
      'what did she say?',
    ]);
    expect(replies[0]!.text).toMatch(/^"The Copper Kite," a comedy/);
    expect(replies[1]!.text).toMatch(/^"The Copper Kite," a comedy/);
    expect(replies[1]!.span).toBe('six');
    expect(replies[2]!.text).toBe('Mara Quill, 47, is now the only director to have won the best director award twice.');
    expect(replies[3]!.text).toBe('"We shot this with almost no money and a great many bees," Quill said.');
  });

  it('after a person in between, "what sparked it?" is about the fire the counts were of, not about the houses or the person', () => {
    const replies = converse(createBot([fire, prizes]), [
      'how many families were moved out during the fire?',
      'and how many houses burned down?',
      'who is commanding the crews?',
      'what did she say?',
      'what sparked it?',
    ]);
    expect(replies[2]!.text).toBe('Station Commander Ines Harrow is commanding the crews at the scene.');
    expect(replies[3]!.text).toBe('"The wind is our biggest enemy tonight," Harrow said.');
    expect(replies[4]!.text).toBe('The cause of the blaze is not yet known, a fire service spokesman said.');
  });

  it('"they" that no one in the thread is named for is read with the thing the thread was about', () => {
    const replies = converse(createBot([march, fire]), ['was anybody injured during the march?', 'what were they arrested for?']);
    expect(replies[0]!.text).toBe('One steward was hurt when a barrier fell.');
    expect(replies[1]!.text).toBe('Police arrested eight people after a group left the march and sat down across the ring road.');
  });
});

describe('a thread about a person is read as before', () => {
  it('"she" and "her" stay with the person the thread named, with "it" questions around them', () => {
    const replies = converse(createBot([fire, prizes]), ['Who is Ines Harrow?', 'what did she say?', 'what is she commanding?']);
    expect(replies[0]!.text).toBe('Station Commander Ines Harrow is commanding the crews at the scene.');
    expect(replies[1]!.text).toBe('"The wind is our biggest enemy tonight," Harrow said.');
    expect(replies[2]!.text).toBe('Station Commander Ines Harrow is commanding the crews at the scene.');
  });

  it('"what did she say?" after "who directed it?" is the director\'s words', () => {
    const replies = converse(createBot([prizes]), ['which film took best picture?', 'who directed it?', 'what did she say?']);
    expect(replies[2]!.text).toBe('"We shot this with almost no money and a great many bees," Quill said.');
  });
});
