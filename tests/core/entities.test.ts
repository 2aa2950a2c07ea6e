import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/schema.ts';
import { articleOf } from '../helpers.ts';

function entityNamed(article: Article, name: string) {
  const entity = article.entities.find((e) => e.name === name);
  expect(entity, `an entity named ${name} among ${article.entities.map((e) => e.name).join(', ')}`).toBeDefined();
  return entity!;
}

function names(article: Article): string[] {
  return article.entities.map((e) => e.name);
}

function quoteStarting(article: Article, start: string) {
  const quote = article.quotes.find((q) => q.text.startsWith(start));
  expect(quote, `a quote starting "${start}"`).toBeDefined();
  return quote!;
}

describe('hyphenated names', () => {
  const article = articleOf('delta-floods', 'Floods hit the delta', [
    '"The water came at night," said Kofi Mensah-Darko, a fisherman who lost his boat.',
    'President Ama Osei-Tarkwa, who was abroad, promised help.',
    'Engineers at the Brennick-Lowe Institute blamed the Halvern-Teso dam upstream.',
    'Mensah-Darko said the village had been warned too late.',
    'Trade across the Kenya-Uganda border was halted.',
  ]);

  it('keeps a double-barrelled surname whole, with the whole surname as the alias', () => {
    const kofi = entityNamed(article, 'Kofi Mensah-Darko');
    expect(kofi.type).toBe('person');
    expect(kofi.aliases).toContain('Mensah-Darko');
    expect(names(article)).not.toContain('Kofi Mensah');
  });

  it('does not split off the second half of a surname as a place', () => {
    expect(entityNamed(article, 'Ama Osei-Tarkwa').type).toBe('person');
    expect(names(article)).not.toContain('Tarkwa');
  });

  it('keeps hyphenated organisation and place names whole', () => {
    expect(names(article)).toContain('Brennick-Lowe Institute');
    expect(names(article)).toContain('Halvern-Teso');
  });

  it('keeps two known places joined by a hyphen apart', () => {
    expect(names(article)).toEqual(expect.arrayContaining(['Kenya', 'Uganda']));
  });
});

describe('titles and letters around a name', () => {
  const article = articleOf('quarterly-results', 'Orlent profits rise', [
    '"We had a strong quarter," Chief Executive Officer Mara Quist said on a call with analysts.',
    'Chief Financial Officer Ivo Brandt said costs would rise.',
    'Detective Sergeant Tobias Wren, who led the inquiry, said the accounts had been altered.',
    'Prosecutor Ellen Harte KC told the jury the money was never repaid.',
    '"This was planned for years," Ms Harte said.',
  ]);

  it('reads a multi-word job title before a name as a role, not as part of the name', () => {
    expect(entityNamed(article, 'Mara Quist').roles).toContain('Chief Executive Officer');
    expect(entityNamed(article, 'Ivo Brandt').roles).toContain('Chief Financial Officer');
    expect(entityNamed(article, 'Tobias Wren').roles).toContain('Detective Sergeant');
    expect(names(article).some((n) => /Officer|Financial|Sergeant/.test(n))).toBe(false);
  });

  it('gives the quote to the person, not to the title', () => {
    expect(quoteStarting(article, 'We had a strong quarter').speaker?.entity).toBe(entityNamed(article, 'Mara Quist').id);
  });

  it('leaves post-nominal letters out of the name and the aliases', () => {
    const harte = entityNamed(article, 'Ellen Harte');
    expect(harte.aliases).not.toContain('KC');
    expect(harte.aliases).toContain('Harte');
    expect(names(article)).not.toContain('Harte');
    expect(quoteStarting(article, 'This was planned for years').speaker?.entity).toBe(harte.id);
  });

  it('reads a job that opens the sentence as the role of the name after it', () => {
    expect(entityNamed(article, 'Ellen Harte').roles).toContain('Prosecutor');
  });
});

describe('Sir and Dame before a given name', () => {
  it('makes "Dame Olwen" an alias of the only Olwen', () => {
    const article = articleOf('bus-vote', 'Bus vote looms', [
      'The revolt is led by Dame Olwen Pryde, a former transport secretary.',
      '"This is a tax on the countryside," Dame Olwen said.',
    ]);
    const olwen = entityNamed(article, 'Olwen Pryde');
    expect(olwen.aliases).toContain('Olwen');
    expect(names(article)).not.toContain('Olwen');
    expect(quoteStarting(article, 'This is a tax').speaker?.entity).toBe(olwen.id);
  });

  it('joins no one when two people share the given name', () => {
    const article = articleOf('two-olwens', 'Two Olwens', [
      'Dame Olwen Pryde and Olwen Castell both spoke at the meeting.',
      '"We must vote against this," Dame Olwen said.',
    ]);
    expect(entityNamed(article, 'Olwen Pryde').aliases).not.toContain('Olwen');
    expect(entityNamed(article, 'Olwen Castell').aliases).not.toContain('Olwen');
  });
});

describe('a name that opens a sentence', () => {
  const article = articleOf('subsidy-plan', 'Subsidy plan defended', [
    'Ministers plan to scrap the subsidy next year.',
    'Downing Street insisted the measure was necessary.',
    'Adaeze Nwosu, a 40-year-old shopkeeper, said prices had doubled.',
  ]);

  it('keeps a first word that compromise reads as a verb when a place word ends the name', () => {
    expect(names(article)).toContain('Downing Street');
    expect(names(article)).not.toContain('Street');
  });

  it('keeps an unknown given name before a surname', () => {
    const adaeze = entityNamed(article, 'Adaeze Nwosu');
    expect(adaeze.type).toBe('person');
    expect(names(article)).not.toContain('Nwosu');
  });
});

describe('speaker descriptions after the verb', () => {
  it('does not end a description at a title abbreviation', () => {
    const article = articleOf('pill-trial', 'Pill trial succeeds', [
      '"This is the result the field has waited for," said Dr. Imelda Strand, a cardiologist in Oslo.',
    ]);
    const quote = quoteStarting(article, 'This is the result');
    expect(quote.speaker?.description).toBe('Dr. Imelda Strand');
    expect(quote.speaker?.entity).toBe(entityNamed(article, 'Imelda Strand').id);
  });

  it('does not take whoever was told for the speaker', () => {
    const article = articleOf('pricing', 'Pricing unclear', [
      'Its medical director, Dr. Pavel Ostrow, told reporters that pricing would be "responsible and fair to patients".',
    ]);
    const quote = article.quotes[0];
    expect(quote?.speaker?.description).not.toBe('reporters');
  });
});

describe('entity types', () => {
  const article = articleOf('corvane-results', 'Corvane shares climb', [
    'Corvane Holdings Inc. reported record revenue on Tuesday.',
    'The Fernvale, Oregon-based company said sales rose 12%.',
    'Analysts said Corvane would keep hiring.',
    'Piet Vander of Oakridge Capital said investors were cautious.',
    'A spokesman for the agency, Obinna Chukwu, said checks would continue.',
    'Kirra Dunmore, chief executive of the charity Kindred Paths UK, welcomed the news.',
    'Detectives from Norfolk Police\'s fraud unit are investigating.',
  ]);

  it('types a town before a state after a comma as a place', () => {
    expect(entityNamed(article, 'Fernvale').type).toBe('place');
    expect(article.entities.find((e) => e.name === 'Oregon')?.type ?? 'place').toBe('place');
  });

  it('reads the first word of a company name as its short name', () => {
    const corvane = entityNamed(article, 'Corvane Holdings Inc');
    expect(corvane.type).toBe('organisation');
    expect(corvane.aliases).toContain('Corvane');
    expect(names(article)).not.toContain('Corvane');
  });

  it('splits a person "of" an organisation into the two', () => {
    expect(entityNamed(article, 'Piet Vander').type).toBe('person');
    expect(entityNamed(article, 'Oakridge Capital').type).toBe('organisation');
  });

  it('reads a job in apposition before a name as a person\'s role', () => {
    const obinna = entityNamed(article, 'Obinna Chukwu');
    expect(obinna.type).toBe('person');
    expect(obinna.roles).toContain('spokesman for the agency');
  });

  it('types a name after a noun for a kind of organisation as an organisation', () => {
    expect(entityNamed(article, 'Kindred Paths UK').type).toBe('organisation');
  });

  it('types a police force in the possessive as an organisation', () => {
    expect(entityNamed(article, 'Norfolk Police').type).toBe('organisation');
  });
});

describe('offices named as names', () => {
  it('keeps "Secretary of Defense" in the role and "Duke of Aldwick" whole', () => {
    const article = articleOf('offices', 'Offices', [
      'U.S. Secretary of Defense James Morrow visited the base.',
      'The Duke of Aldwick opened the new bridge.',
    ]);
    expect(entityNamed(article, 'James Morrow').roles).toContain('U.S. Secretary of Defense');
    const duke = entityNamed(article, 'Duke of Aldwick');
    expect(duke.type).toBe('person');
    expect(duke.aliases).not.toContain('Aldwick');
  });
});
