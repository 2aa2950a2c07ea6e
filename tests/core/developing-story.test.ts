import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf, spanText } from '../helpers.ts';

// One developing story reported on three days, each report with its own figures.
const day1 = articleOf(
  'brisk-fire-day1',
  'Wildfire forces hundreds from homes near Tollby',
  [
    'A wildfire spread through the hills above Tollby on Friday, and 30 hikers were missing, said fire chief Oona Mirren.',
    'About 600 residents were told to leave their homes.',
    '"The wind is our enemy tonight," Mirren said.',
  ],
  { published: '2025-08-01' },
);
const day2 = articleOf(
  'brisk-fire-day2',
  'Tollby wildfire spreads as crews battle flames',
  [
    'Crews fought the Tollby wildfire through Saturday as it reached the edge of the town.',
    'Fire chief Oona Mirren said 14 hikers were still missing.',
    '"We are making progress on the northern front," Mirren said.',
  ],
  { published: '2025-08-02' },
);
const day3 = articleOf(
  'brisk-fire-day3',
  'Tollby wildfire contained after three days',
  [
    'Firefighters contained the Tollby wildfire on Sunday, and residents began to return.',
    'Oona Mirren, the fire chief, said three hikers were still missing.',
    '"The town is safe now," Mirren said.',
  ],
  { published: '2025-08-03' },
);

const ask = (question: string, articles = [day2, day1, day3]) => answerWithTrace(buildIndex(articles), question).reply.citations[0];

describe('a developing story reported over several days', () => {
  it('gives the newest report\'s figure when several reports answer about as well', () => {
    const c = ask('How many hikers are still missing?');
    expect(c?.text).toBe('Oona Mirren, the fire chief, said three hikers were still missing.');
    expect(spanText(c)).toBe('three');
    // Whatever order the articles were added in.
    expect(ask('How many hikers are still missing?', [day3, day1, day2])?.text).toMatch(/three hikers/);
  });

  it('keeps an earlier report when the question names its day', () => {
    expect(ask('How many hikers were missing on Friday?')?.text).toMatch(/30 hikers/);
  });

  it('quotes the newest report of whom the question names', () => {
    expect(ask('What did Mirren say?')?.text).toBe('"The town is safe now," Mirren said.');
  });

  it('does not prefer a newer article of another story', () => {
    const other = articleOf(
      'quarry-rescue',
      'Cavers trapped in Wenlow quarry',
      ['Rescuers said 12 cavers were still missing in the flooded Wenlow quarry on Tuesday.'],
      { published: '2025-09-09' },
    );
    expect(ask('How many hikers are still missing?', [day1, other])?.text).toMatch(/30 hikers/);
  });
});

describe('an office whose holder several reports of one story name', () => {
  const report = (id: string, day: string, quote: string) =>
    articleOf(id, `Harlow dock strike, ${day}`, [`Dockers at Harlow stayed out on ${day}.`, `"${quote}," said the mayor, Ivo Brandt.`], { published: id.endsWith('1') ? '2025-04-07' : '2025-04-08' });
  const other = articleOf('mine-report', 'Copper mine to close', ['The Selwick copper mine will close in May.', '"It is a sad day," said the mayor, Nadia Osei.']);

  it('answers with the holder\'s words rather than asking which of one person is meant', () => {
    const index = buildIndex([report('dock-1', 'Monday', 'We will not give in'), report('dock-2', 'Tuesday', 'Talks resume tomorrow')]);
    const { reply } = answerWithTrace(index, 'What did the mayor say?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toMatch(/Ivo Brandt/);
  });

  it('names each holder once when it asks', () => {
    const index = buildIndex([report('dock-1', 'Monday', 'We will not give in'), report('dock-2', 'Tuesday', 'Talks resume tomorrow'), other]);
    const { reply } = answerWithTrace(index, 'What did the mayor say?');
    expect(reply.lead).toMatch(/^Which mayor do you mean\?/);
    expect(reply.lead.split('Ivo Brandt').length - 1).toBe(1);
    expect(reply.suggestions).toEqual(['What did Brandt say?', 'What did Osei say?']);
  });
});

describe('a day of the week in a question about reports of several days', () => {
  const monday = articleOf(
    'ferry-day1',
    'Ferry runs aground off Carrow Point',
    ['A ferry ran aground off Carrow Point on Monday with 200 passengers on board.', '"Everyone is safe and warm," said coastguard officer Wim Tessel.'],
    { published: '2025-10-06' },
  );
  const tuesday = articleOf(
    'ferry-day2',
    'Carrow ferry towed back to port',
    ['Tugs towed the stranded ferry back to Carrow harbour, a day after it ran aground on Monday.', '"The hull is badly damaged," said coastguard officer Wim Tessel.'],
    { published: '2025-10-07' },
  );
  const index = buildIndex([tuesday, monday]);

  it('reads a sentence of the report published that day as said that day', () => {
    expect(answerWithTrace(index, 'What did Tessel say on Monday?').reply.citations[0]?.text).toBe('"Everyone is safe and warm," said coastguard officer Wim Tessel.');
    expect(answerWithTrace(index, 'What did Tessel say on Tuesday?').reply.citations[0]?.text).toBe('"The hull is badly damaged," said coastguard officer Wim Tessel.');
  });

  it('moves to another day\'s report of the story in a conversation', () => {
    const history = [
      { role: 'user' as const, text: 'What did Tessel say on Tuesday?' },
      { role: 'bot' as const, text: '"The hull is badly damaged," said coastguard officer Wim Tessel.' },
    ];
    expect(answerWithTrace(index, 'what did he say on Monday?', history).reply.citations[0]?.text).toBe('"Everyone is safe and warm," said coastguard officer Wim Tessel.');
  });
});

describe('a count from another story', () => {
  it('does not replace a count of the story the question names', () => {
    const selwyn = articleOf(
      'selwyn',
      'Ten years on, Marlow still remembers the Selwyn flood',
      [
        'The 2015 disaster killed 14 people and changed how the valley prepares for high water',
        'A decade after the river swept through this market town in Selwyn, killing 14 people, the marks are still on the church wall.',
        'The town has spent 9 million crowns on defences.',
      ],
      { published: '2025-06-01' },
    );
    const brora = articleOf(
      'brora',
      'Brora death toll climbs to 31',
      ['The number of people killed in the Brora floods has risen to 31, officials said on Wednesday.', 'Rescuers were still searching the old town.'],
      { published: '2025-03-11' },
    );
    const c = answerWithTrace(buildIndex([selwyn, brora]), 'How many people died in the Selwyn flood?').reply.citations[0];
    expect(c?.text).toMatch(/killing 14 people/);
    expect(spanText(c)).toBe('14');
  });
});
