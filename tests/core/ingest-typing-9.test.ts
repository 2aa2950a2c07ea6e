import { describe, expect, it } from 'vitest';
import { articleOf, entityNamed } from '../helpers.ts';

// Made-up stories for entity typing and merging at ingest.

describe('a name whose words compromise knows only as given names', () => {
  it('is an organisation where someone works at it ("an analyst at Lorna Shelby")', () => {
    const article = articleOf('brannock-bid', 'Brannock weighs a bid for Tolvey', [
      'Brannock Foods is weighing a bid for its rival Tolvey, people familiar with the matter said.',
      '"A deal would make sense," said Ada Lunt, an analyst at Lorna Shelby, who covers both companies.',
    ]);
    expect(entityNamed(article, 'Lorna Shelby').type).toBe('organisation');
    expect(entityNamed(article, 'Ada Lunt').type).toBe('person');
  });

  it('is an organisation whose shares are traded ("shares of Lorna Shelby")', () => {
    const article = articleOf('marsh-shares', 'Lender shares fall', [
      'Shares of Lorna Shelby fell 4 per cent on Tuesday after the lender cut its forecast.',
      'Ivo Brant, who runs a fund in Tarnby, said he had sold his stake.',
    ]);
    expect(entityNamed(article, 'Lorna Shelby').type).toBe('organisation');
  });

  it('is no workplace where people only stay ("residents at Tarnholm")', () => {
    const article = articleOf('tarnholm-water', 'Water cut at Tarnholm', [
      'Residents at Tarnholm were told to boil their water on Monday.',
      'The village has 400 homes.',
    ]);
    expect(entityNamed(article, 'Tarnholm').type).not.toBe('organisation');
  });
});

describe('the first word of an organisation\'s name, written alone later', () => {
  it('is a short name of it, as a surname is of a person ("Brackwater" after "Brackwater Cartons")', () => {
    const article = articleOf('tamsin-brackwater', 'Tamsin takes over Brackwater', [
      'Tamsin Group will take over Brackwater Cartons in a deal worth $2bn, the two firms said on Monday.',
      'Brackwater shareholders will get $14 a share, and Brackwater\'s chief executive will leave.',
    ]);
    const cartons = entityNamed(article, 'Brackwater Cartons');
    expect(cartons.type).toBe('organisation');
    expect(cartons.aliases).toContain('Brackwater');
    expect(article.entities.map((e) => e.name)).not.toContain('Brackwater');
  });

  it('is not a product\'s named after its maker, written after the maker alone ("Lumvik Fold")', () => {
    const article = articleOf('lumvik-phone', 'Lumvik unveils a new phone', [
      'The phone maker Lumvik unveiled its new phone on Tuesday.',
      'The Lumvik Fold goes on sale in May.',
    ]);
    expect(entityNamed(article, 'Lumvik').type).toBe('organisation');
    expect(entityNamed(article, 'Lumvik Fold').aliases).not.toContain('Lumvik');
  });
});

describe('a possessive before a part of a place\'s land', () => {
  it('makes the name a place\'s, though compromise reads it as a given name ("from Georgina\'s Western Shore")', () => {
    const article = articleOf('shore-launch', 'Rocket lifts off', [
      'The rocket lifted off from Georgina\'s Western Shore on Tuesday, carrying 12 satellites.',
      'It reached orbit ten minutes later.',
    ]);
    expect(entityNamed(article, 'Georgina').type).toBe('place');
  });
});
