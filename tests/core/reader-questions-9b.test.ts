import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf, entityNamed, quoteStarting, spanText } from '../helpers.ts';

// Made-up stories for the ninth round of reader questions (part b).
const ask = (articles: ReturnType<typeof articleOf>[], text: string) => createBot(articles).handle({ text });

const potter = articleOf('elsby-potter', 'The potter who fires with seaweed', [
  'Marta Quell has run the Elsby kiln for 20 years and sells her bowls in 14 countries.',
  'Why open a school now?',
  '"Because nobody taught me, and it took ten years to learn," she said. "I want it to take two."',
  'Is she tired?',
  'Quell laughed before she answered. "I am tired in winter," she said. "Never in spring."',
]);
const gale = articleOf('brenn-gale', 'Gale shuts Brenn line', [
  'A gale closed the Brenn coast line on Monday.',
  'Are ferries affected?',
  'The ferry operator Saltway said its sailings to Orrin were cancelled until Tuesday.',
]);

describe('questions the article asks itself', () => {
  it('answers with what comes after a question the article poses, not the question', () => {
    expect(ask([potter], 'Why did she open a school?').citations[0]?.text).toBe('"Because nobody taught me, and it took ten years to learn," she said.');
  });

  it('takes the sentence of the answering paragraph that matches best', () => {
    expect(ask([potter], 'Is Quell tired?').citations[0]?.text).toBe('"I am tired in winter," she said.');
  });

  it('answers a crosshead question with the paragraph under it', () => {
    expect(ask([gale], 'Are ferries affected by the gale?').citations[0]?.text).toBe('The ferry operator Saltway said its sailings to Orrin were cancelled until Tuesday.');
  });

  it('leaves the question out of a brief', () => {
    const reply = createBot([potter, gale]).handle({ text: 'brief' });
    for (const c of reply.citations) expect(c.text.endsWith('?')).toBe(false);
  });
});

const signing = articleOf('tarrow-signing', 'Tarrow sign Pell Dorne', [
  'Tarrow Rovers have signed the forward Pell Dorne from Esk Town for £9m.',
  'The manager, Vera Lund, said the club had followed Dorne for a year. "He works harder than anyone I have coached," Lund said.',
  '"When Vera Lund calls you, it is an easy decision to come to Tarrow," Dorne said.',
]);

describe('what one person said about another', () => {
  it('gives the asked person\'s words, not a quote of the other that names her', () => {
    const reply = ask([signing], 'What did Vera Lund say about Dorne?');
    expect(reply.citations[0]?.speaker).not.toBe('Pell Dorne');
    expect(reply.citations[0]?.text).toMatch(/Lund/);
    expect(reply.citations[0]?.text).not.toMatch(/easy decision/);
  });
});

const outage = articleOf('vesk-outage', 'Storm cuts power to Vesk homes', [
  'Vesk Power, the network operator, said 9,000 homes had lost power on Sunday night.',
  '"Our crews are working through the night to reach every home," said Vesk Power\'s spokesperson, Ida Voss.',
]);

describe('a spokesperson speaks for the organisation', () => {
  it('answers what the organisation said with its spokesperson\'s quote', () => {
    expect(ask([outage], 'What did Vesk Power say?').citations[0]?.text).toMatch(/^"Our crews are working/);
  });
});

const flood = articleOf('vesk-flood', 'Floods close Vesk line', [
  'Vesk Rail has closed the line between Oxley and Brume after heavy rain.',
  '"We will not run trains until the track is safe," said Vesk Rail\'s operations director, Ida Voss. "Tickets can be used on Friday."',
]);

describe('a speaker named after their organisation\'s role', () => {
  it('gives the quote to the person in apposition, not the organisation that owns the role', () => {
    expect(quoteStarting(flood, 'We will not run trains').speaker?.entity).toBe(entityNamed(flood, 'Ida Voss').id);
  });

  it('answers what that person said', () => {
    expect(ask([flood], 'What did Voss say about tickets?').citations[0]?.text).toMatch(/Tickets can be used on Friday/);
  });
});

const bridge = articleOf('orm-bridge', 'Orm bridge shut by gale', [
  'The Orm Bridge has been closed to traffic since 3am, and police say it will not reopen before noon.',
  'A yellow warning stays in force until midnight.',
]);

describe('noon and midnight', () => {
  it('are times a "when" question can be answered with', () => {
    expect(spanText(ask([bridge], 'When will the Orm Bridge reopen?').citations[0])).toMatch(/noon/);
    expect(spanText(ask([bridge], 'Until when does the yellow warning stay in force?').citations[0])).toMatch(/midnight/);
  });
});
