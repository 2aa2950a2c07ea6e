import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

const first = (article: ReturnType<typeof articleOf>, text: string) => createBot([article]).handle({ text }).citations[0]?.text ?? null;

const rally = articleOf('quarry-rally', 'Hundreds rally against Penlow quarry expansion', [
  'Hundreds of people gathered in Penlow on Sunday to oppose plans to expand the Greystone quarry.',
  'Organisers said about 3,000 people took part, while Marrowdale Police estimated the crowd at 1,200.',
  'The rally itself was calm and good-natured, police said.',
  'Quarry owner Tessa Whinfell said the expansion would create 40 jobs.',
]);

const vote = articleOf('orlan-vote', 'Reformists win Orlan vote', [
  'The Reform Bloc won the parliamentary election in Orlan on Sunday.',
  'The Bloc leader, Piet Vandrel, said the result was "a mandate for change" and promised lower taxes.',
  '"Investors will see that we mean business," he said.',
  'Investors welcomed the result, and the Orlan crown rose 0.8% against the dollar.',
]);

describe('a question that asks what a group said or how it reacted', () => {
  it('cites a sentence that group speaks, not another speaker next to its name', () => {
    expect(first(rally, 'What did the police say?')).toBe('The rally itself was calm and good-natured, police said.');
  });

  it('does not take another speaker\'s quote for how the group reacted', () => {
    expect(first(vote, 'How did investors react?')).toBe('Investors welcomed the result, and the Orlan crown rose 0.8% against the dollar.');
  });
});

const obituary = articleOf('brannock-obituary', 'Marta Brannock, glassmaker, dies aged 91', [
  'Marta Brannock, the glassmaker whose furnaces revived the Kelvor valley, has died aged 91.',
  'She died on 3 June at her home in Ossing, her daughter said.',
  'She married the potter Ewan Brannock in 1958; he died in 1999.',
  'He won the Tarrow Medal in 1975, and she won it in 1981.',
]);

describe('a question about one person', () => {
  it('is not answered by a sentence that gives its verb to someone the pronoun shows is another', () => {
    expect(first(obituary, 'When did Marta Brannock die?')).toBe('She died on 3 June at her home in Ossing, her daughter said.');
    expect(first(obituary, 'When did Marta Brannock win the Tarrow Medal?')).toBe('He won the Tarrow Medal in 1975, and she won it in 1981.');
  });
});

const trial = articleOf('sleep-trial', 'Short naps sharpen memory, Tessford trial finds', [
  'A 20-minute nap improved memory scores by 12% in a trial of 1,400 adults.',
  'Dr Ilse Marrant, director of the Quillon Trust, which part-funded the trial, said the results were "striking".',
  'The trial was funded by the Quillon Trust and the Harnley Foundation.',
]);

describe('a question that asks who did something', () => {
  it('is answered by the sentence that names the doer after "by", not one that mentions the deed in passing', () => {
    expect(first(trial, 'Who funded the trial?')).toBe('The trial was funded by the Quillon Trust and the Harnley Foundation.');
  });

  it('keeps the sentence about whom the question names over one naming another\'s doer after "by"', () => {
    const deal = articleOf('brewery-deal', 'Tarnmoor Brewing agrees to buy Vellcourt Ales', [
      'Tarnmoor Brewing has agreed to buy its rival Vellcourt Ales for £410m.',
      'Harcastle Partners and Lomond Bank advised Tarnmoor. Vellcourt was advised by Pellow & Sons.',
    ]);
    expect(first(deal, 'Who advised Tarnmoor?')).toBe('Harcastle Partners and Lomond Bank advised Tarnmoor.');
  });
});

const recall = articleOf('kettle-recall', 'Hobway recalls 200,000 kettles', [
  'Hobway is recalling about 200,000 electric kettles because they can overheat.',
  '"We have fixed the fault in all kettles made since May, and we are sorry for the trouble this has caused," its chief executive said.',
  'The company said the fault had been traced to a batch of faulty switches from one supplier.',
]);

describe('a question that asks what caused something', () => {
  it('is answered by the sentence that names the cause, not one where "since" tells a date or "caused" ends the clause', () => {
    expect(first(recall, 'What caused the fault?')).toBe('The company said the fault had been traced to a batch of faulty switches from one supplier.');
  });
});

describe('a common English word of the question is not read as another common word the articles use', () => {
  const bus = articleOf('tolby-bus', 'Two die as bus leaves the road near Tolby', [
    'Two passengers died when a coach left the A61 near Tolby on Saturday night.',
    'The driver, Ewan Strick, 44, was taken to hospital with leg injuries.',
  ]);
  const theft = articleOf('corby-theft', 'Shop manager stole takings', [
    'A shop manager in Dunholt took £40,000 in cash from the tills over five years, a court heard.',
    'Lena Varro, 38, was given a suspended sentence.',
  ]);

  it('does not read "crash" as the "cash" of another story, or "fined" as "five"', () => {
    const bot = createBot([bus, theft]);
    expect(bot.handle({ text: 'What caused the crash?' }).citations[0]?.text ?? '').not.toMatch(/cash/);
    expect(bot.handle({ text: 'how much was she fined' }).citations[0]?.text ?? '').not.toMatch(/five years/);
  });

  it('still reads a common word as another where that one stands by the question\'s other words', () => {
    const flood = articleOf('arn-flood', 'Floods close roads in the Arn valley', [
      'Flood water reached a depth of 1.2 metres in the centre of Kelby on Tuesday.',
      'About 300 homes were evacuated.',
    ]);
    expect(first(flood, 'How deep was the flood weather in Kelby?')).toMatch(/^Flood water reached/);
  });
});
