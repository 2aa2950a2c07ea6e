import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf, entityNamed, quoteStarting, spanText } from '../helpers.ts';

// Made-up stories: who a name is, which role a modifier makes, who speaks a headline's quote,
// an age given by a description, and a name asked for.
const ask = (articles: ReturnType<typeof articleOf>[], text: string) => createBot(articles).handle({ text });

const signing = articleOf('ostrow-signing', 'Ostrow sign winger Pavel Lenk from Carlby in £12m deal', [
  'Ostrow Rovers have signed the winger Pavel Lenk from Carlby for £12 million.',
  'Ostrow\'s manager, Clara Ridge, said the club had watched Lenk for a year. "He is quick and brave," she said.',
  'Ridge added that Lenk would play on Saturday.',
  'Lenk said he had not hesitated. "When a club like this and a coach like Clara Ridge want you, it is an easy decision," he said.',
]);

describe('a given name and a surname named by a role', () => {
  it('is a person, with the surname for a short name, whatever the surname reads as', () => {
    const ridge = entityNamed(signing, 'Clara Ridge');
    expect(ridge.type).toBe('person');
    expect(ridge.aliases).toContain('Ridge');
  });

  it('answers what she said by her surname', () => {
    const reply = ask([signing], 'What did Ridge say?');
    expect(reply.citations[0]?.speaker).toBe('Clara Ridge');
  });
});

const outage = articleOf('tarnwell-outage', 'Gale cuts power to Brenn homes', [
  'A gale cut power to thousands of homes in Brenn on Monday.',
  'Tarnwell, the regional power operator, said 9,000 homes had lost power at the peak of the gale.',
  '"Our crews are out in very difficult conditions," said Tarnwell\'s spokesperson, Ada Crane.',
  'Tarnwell has set up a helpline for customers. She said it would stay open all week.',
]);

describe('a name in apposition to a noun for a kind of organisation', () => {
  it('is an organisation, not a person, though the noun may be a job', () => {
    expect(entityNamed(outage, 'Tarnwell').type).toBe('organisation');
  });

  it('is not who "she" stands for', () => {
    expect(entityNamed(outage, 'Tarnwell').pronounMentions).toEqual([]);
  });
});

const budget = articleOf('brenmark-budget', 'Brenmark unveils £4bn budget with fuel duty freeze', [
  'Treasurer vows "the fairest budget in a generation" as critics say the sums do not add up',
  'Treasurer Pia Vantor on Tuesday set out a £4 billion budget that freezes fuel duty.',
  'Responding for the opposition, shadow treasurer Corin Ashdale said the budget was "a sleight of hand that fools nobody". "Families will not be fooled by this," he said.',
  'Ashdale said the freeze would cost more than the government admitted.',
  'Acting governor Omar Feld welcomed the plan.',
]);

describe('roles with a modifier and a headline\'s speaker', () => {
  it('keeps the modifier as part of the role', () => {
    expect(entityNamed(budget, 'Corin Ashdale').roles).toContain('shadow treasurer');
    expect(entityNamed(budget, 'Omar Feld').roles.map((r) => r.toLowerCase())).toContain('acting governor');
  });

  it('tells the holder of an office from the one who shadows it', () => {
    const reply = ask([budget], 'What did the treasurer say?');
    expect(reply.citations[0]?.speaker).toBe('Pia Vantor');
  });

  it('gives a headline quote to whoever vows it, not to words read on past the quote', () => {
    const quote = quoteStarting(budget, 'the fairest budget');
    expect(quote.speaker?.description).toBe('Treasurer');
    expect(quote.speaker?.entity).toBe(entityNamed(budget, 'Pia Vantor').id);
  });
});

const transfer = articleOf('dorne-transfer', 'Tarrow sign forward Pell Dorne from Esk Town', [
  'Tarrow Rovers have signed the forward Pell Dorne from Esk Town for £9m.',
  'The 23-year-old Wendish international has agreed a four-year contract.',
  'Dorne scored 18 goals in 30 games for Esk Town last season.',
  'Dorne will wear the No 11 shirt at Tarrow.',
  'Dorne trained with his new teammates on Friday.',
  'Dorne joined Esk Town from Harrowby in 2021.',
  'Dorne said he was proud to join Tarrow.',
  'The manager said Dorne would start against Milbeck.',
  'Dorne is the club\'s third signing of the summer.',
  'Esk Town have already agreed to sign the 20-year-old forward Ivo Brant from Harrowby.',
]);

describe('an age given by a description', () => {
  it('answers how old someone named in many sentences is from "The 23-year-old … international"', () => {
    const reply = ask([transfer], 'How old is Dorne?');
    expect(reply.kind).toBe('answer');
    expect(spanText(reply.citations[0])).toBe('23');
  });

  it('does not give the age of someone named after the description to the one before', () => {
    const sentence = transfer.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences)).find((s) => s.text.includes('Ivo Brant'))!;
    expect(entityNamed(transfer, 'Pell Dorne').pronounMentions).not.toContain(sentence.id);
  });
});

const musician = articleOf('varrow-musician', 'The fiddler who plays the tides', [
  'Ansel Quay has played the fiddle for 40 years. His latest album looks back on a life at sea and the songs it gave him',
  'Ansel Quay keeps a row of fiddles in his kitchen on the island of Varrow.',
  'Quay, 61, is one of the country\'s best-known folk musicians. His latest album, Low Tide, out in May, is part memoir and part lament.',
]);

describe('a name asked for', () => {
  it('is given by the sentence that names the thing, over a standfirst that speaks of it', () => {
    const reply = ask([musician], 'What is his latest album called?');
    expect(reply.citations[0]?.text).toContain('Low Tide');
  });
});
