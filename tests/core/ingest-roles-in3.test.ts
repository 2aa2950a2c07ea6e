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
