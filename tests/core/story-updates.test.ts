import { describe, expect, it } from 'vitest';
import { createBot, smallTalkOf, type Turn } from '../../src/core/index.ts';
import { articleOf, spanText } from '../helpers.ts';

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
    '"The worst is behind us," Vantongeren said.',
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

describe('today in a question about a story reported on several days', () => {
  it('is the day of the newest report of the story', () => {
    // No article writes "today": it is no unknown word, and the newest report's quote answers.
    const reply = bot.handle({ text: 'What did Vantongeren say today?' });
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toBe('"The worst is behind us," Vantongeren said.');
  });
});

describe('a day of the week in the question', () => {
  // Reports of a made-up ferry strike: the prime minister speaks on Thursday only.
  const thursday = articleOf(
    'ferry-strike-1',
    'Ferry crews walk out at Dunlow',
    [
      'Ferry crews at Dunlow walked out on Thursday, said union leader Bea Okonjo.',
      'Prime Minister Hal Brandvik visited the harbour.',
      '"The crews have my sympathy, and the ferries must sail again," Brandvik said.',
    ],
    { published: '2025-06-05' },
  );
  const friday = articleOf(
    'ferry-strike-2',
    'Dunlow ferries stay in port',
    ['Ferries stayed in port at Dunlow for a second day.', '"We are ready to talk," Okonjo said.'],
    { published: '2025-06-06' },
  );
  const strike = createBot([thursday, friday]);

  it('is not answered with what was said on another day', () => {
    expect(strike.handle({ text: 'What did the Prime Minister say on Thursday?' }).citations[0]?.text).toMatch(/^"The crews have my sympathy/);
    expect(strike.handle({ text: 'What did the Prime Minister say on Friday?' }).kind).toBe('decline');
  });
});

describe('a newer report whose headline gives the figure', () => {
  // The newer report words the figure otherwise than the question; its headline words it as asked.
  const first = articleOf(
    'quarry-blast-1',
    'Blast at Sorrel quarry',
    ['Site manager Gus Pemberton-Ray said on Monday that the death toll from the blast at the Sorrel quarry stood at five.'],
    { published: '2025-09-01' },
  );
  const second = articleOf(
    'quarry-blast-2',
    'Sorrel quarry death toll reaches 8',
    ['A total of 8 workers are now known to have been killed in the Sorrel quarry blast, site manager Gus Pemberton-Ray said on Tuesday.'],
    { published: '2025-09-02' },
  );

  it('gives the newest figure', () => {
    expect(createBot([first, second]).handle({ text: 'What is the death toll at the Sorrel quarry?' }).citations[0]?.text).toMatch(/total of 8 workers/);
  });
});

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

describe('suggestions after a declined follow-up', () => {
  const fire = articleOf(
    'carrow-fire',
    'Fire sweeps hills above Carrow',
    ['A fire swept the hills above Carrow on Sunday, said fire officer Nia Tallis.', 'Sixty firefighters fought the flames.', '"The wind turned against us," Tallis said.', 'Forty homes were evacuated.'],
    { published: '2025-07-06' },
  );
  const match = articleOf(
    'rovers-win',
    'Brook Rovers beat Elm Town',
    ['Brook Rovers took the lead through Sam Oduya after ten minutes.', '"We were leading from the start," coach Piet Varga said.', 'Elm Town never recovered.'],
    { published: '2025-07-07' },
  );

  it('come from the conversation\'s story, not from the article whose words the question happened to match', () => {
    const bot2 = createBot([fire, match]);
    const first = bot2.handle({ text: 'What did Tallis say?' });
    expect(first.citations[0]?.articleId).toBe('carrow-fire');
    const reply = bot2.handle({ text: 'who is leading the firefighting?', history: history('What did Tallis say?', first.lead) });
    expect(reply.kind).toBe('decline');
    expect(reply.suggestions.join(' ')).toMatch(/Tallis|Carrow/);
    expect(reply.suggestions.join(' ')).not.toMatch(/Varga|Oduya|Brook|Elm/);
  });
});

describe('a count of another thing or another place', () => {
  // A made-up flood: deaths are counted only for one town; rescues and evacuations elsewhere.
  const flood = articleOf(
    'wyre-flood',
    'Flood kills eight in Calloway',
    [
      'Storm water tore through the harbour town of Calloway on Sunday, killing at least eight people after the sea wall gave way.',
      'Most of the dead were recovered from vans washed off the coast road between Calloway and Pettigrew, said Oren Mallory, who leads the coastguard. He said his teams had rescued 90 people by lifeboat and helicopter overnight.',
      'About 700 people were evacuated from Pettigrew.',
    ],
    { published: '2025-10-05' },
  );

  const flood2 = articleOf(
    'wyre-flood-2',
    'Calloway flood toll rises',
    ['The toll in Calloway rose to 11 on Monday, said Oren Mallory.', 'The evacuation area now takes in Pettigrew too, and about 1,500 people have left their homes.'],
    { published: '2025-10-06' },
  );

  it('declines "how many died" in a place no count of deaths is given for', () => {
    // Not the rescued, nor the other town's dead, nor a newer report's evacuees.
    expect(createBot([flood]).handle({ text: 'How many people have died in Pettigrew?' }).kind).toBe('decline');
    expect(createBot([flood, flood2]).handle({ text: 'How many people have died in Pettigrew?' }).kind).toBe('decline');
  });

  it('still counts the deaths of the place the count is given for', () => {
    expect(spanText(createBot([flood]).handle({ text: 'How many people have died in Calloway?' }).citations[0])).toMatch(/eight/);
  });
});
