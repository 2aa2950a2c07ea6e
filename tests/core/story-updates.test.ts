import { describe, expect, it } from 'vitest';
import { createBot, smallTalkOf, type Turn } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

// A made-up landslide reported on two days, and an unrelated feature published later.
const monday = articleOf(
  'pellow-slide-1',
  'Landslide buries road above Pellow',
  [
    'A landslide buried the coast road above Pellow on Monday, and six walkers were missing, said rescue leader Idris Vantongeren.',
    'About 200 homes lost power.',
    '"We are digging by hand," Vantongeren said.',
  ],
  { published: '2025-03-03' },
);
const tuesday = articleOf(
  'pellow-slide-2',
  'Pellow landslide: two walkers still missing as road reopens',
  [
    'Rescue leader Idris Vantongeren said on Tuesday that two walkers were still missing after four were found alive.',
    'The coast road reopened to one lane of traffic at noon.',
    'Power was restored to all but 40 homes.',
  ],
  { published: '2025-03-04' },
);
const feature = articleOf(
  'orchard-feature',
  'The last cider orchard of Brackley',
  ['Marta Quell has pressed apples in Brackley for forty years.', 'Her orchard is the last in the valley.'],
  { published: '2025-05-20' },
);

const bot = createBot([monday, feature, tuesday]);
const history = (...texts: string[]): Turn[] => texts.map((text, i) => ({ role: i % 2 === 0 ? 'user' : 'bot', text }));

describe('what changed since the last report', () => {
  it('reads "what changed since yesterday?" as asking for the newest report of a story', () => {
    for (const m of ['What changed since yesterday?', "what's changed?", 'Any updates?', "what's new since yesterday"]) expect(smallTalkOf(m), m).toBe('changes');
    expect(smallTalkOf('What changed in the budget?')).toBeNull();
  });

  it('gives the top of the newest report of the story reported twice, not the newest article', () => {
    const reply = bot.handle({ text: 'what changed since yesterday?' });
    expect(reply.kind).toBe('list');
    expect(reply.lead).toContain('2025-03-04');
    expect(reply.lead).toContain('2025-03-03');
    expect(reply.citations[0]?.text).toBe('Rescue leader Idris Vantongeren said on Tuesday that two walkers were still missing after four were found alive.');
    expect(reply.citations.every((c) => c.articleId === 'pellow-slide-2')).toBe(true);
  });

  it('follows the thread to its story', () => {
    const reply = bot.handle({ text: 'any updates?', history: history('what did Vantongeren say?', '"We are digging by hand," Vantongeren said. [1]') });
    expect(reply.citations[0]?.articleId).toBe('pellow-slide-2');
  });

  it('declines when no story is reported more than once', () => {
    const reply = createBot([monday, feature]).handle({ text: 'what changed since yesterday?' });
    expect(reply.kind).toBe('decline');
    expect(reply.lead).toMatch(/no earlier report/);
  });
});
