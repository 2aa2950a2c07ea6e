import { describe, expect, it } from 'vitest';
import { editDistance, relatedTerms, termsOf, textTerms, tokenize, stem } from '../../src/core/text.ts';

describe('termsOf', () => {
  it('stems, and maps irregular forms to their base first', () => {
    expect(termsOf('demanded')).toEqual(['demand']);
    expect(termsOf('said')).toEqual(termsOf('say'));
    expect(termsOf('given')).toEqual(termsOf('give'));
  });

  it('drops stop words and keeps possessives as the name', () => {
    expect(termsOf('the')).toEqual([]);
    expect(termsOf('Ukraine’s')).toEqual(termsOf('Ukraine'));
  });

  it('adds the place a demonym names', () => {
    expect(termsOf('Russian')).toContain(stem('Russia'));
    expect(termsOf('Portuguese')).toContain(stem('Portugal'));
  });

  it('reads U.S., US and EU as the places and blocs they abbreviate, never as the word "us"', () => {
    expect(termsOf('U.S.')).toEqual(termsOf('US'));
    expect(termsOf('U.S.')).toEqual(textTerms('America'));
    expect(termsOf('us')).toEqual([]);
    expect(termsOf('EU')).toEqual(textTerms('European Union'));
  });
});

describe('tokenize', () => {
  it('keeps abbreviations, numbers with commas and percentages whole, and splits hyphenated words', () => {
    expect(tokenize('U.S. officials cited 1,500 troops, 20% of ceasefire-at-current-lines').map((t) => t.surface)).toEqual([
      'U.S.', 'officials', 'cited', '1,500', 'troops', '20%', 'of', 'ceasefire', 'at', 'current', 'lines',
    ]);
  });
});

describe('relatedTerms', () => {
  it('gives synonyms of news verbs and metonyms of seats of power', () => {
    expect(relatedTerms(stem('cede')).synonyms).toContain(stem('relinquish'));
    expect(relatedTerms(stem('demand')).synonyms).toContain(stem('insist'));
    expect(relatedTerms(stem('Kremlin')).metonyms).toContain(stem('Moscow'));
  });
});

describe('editDistance', () => {
  it('counts edits, a swap of neighbours as one, and stops early past the bound', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('zelensky', 'zelenskyy', 2)).toBe(1);
    // A swap of neighbouring letters is one slip, not two.
    expect(editDistance('demnad', 'demand', 2)).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('flaw', 'lawn', 1)).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('a'.repeat(100), 'b'.repeat(90))).toBe(100);
  });
});
