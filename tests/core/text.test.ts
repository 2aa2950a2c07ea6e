import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, foldQuotes, foldWord, relatedTerms, termsOf, textTerms, tokenize, stem } from '../../src/core/text.ts';

describe('termsOf', () => {
  it('stems, and maps irregular forms to their base first', () => {
    expect(termsOf('demanded')).toEqual(['demand']);
    expect(termsOf('said')).toEqual(termsOf('say'));
    expect(termsOf('given')).toEqual(termsOf('give'));
  });

  it('reads an ordinal in digits as its word, so "3rd son" meets "third son"', () => {
    expect(termsOf('3rd')).toEqual(termsOf('third'));
    expect(textTerms('the 18th century')).toEqual(textTerms('the eighteenth century'));
    // Other numbers stay numbers.
    expect(termsOf('1,500')).toEqual(['1500']);
    expect(termsOf('2029')).toEqual(['2029']);
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

  it('finds the words a plain scan with the word pattern finds, letters beyond the BMP included', () => {
    // The word pattern of text.ts, scanned the obvious way; tokenize finds the same words without match arrays.
    const word = /[\p{L}\p{N}](?:[\p{L}\p{N}]|['’](?=\p{L})|\.(?=[\p{L}\p{N}])|,(?=\d{3}\b))*(?:\.(?<=\b\p{Lu}\.\p{Lu}\.)|%)?/gu;
    const scan = (text: string) => [...text.matchAll(word)].map((m) => ({ surface: m[0], start: m.index, end: m.index + m[0].length }));
    const pieces = fc.constantFrom('a', 'Z', '9', ' ', '.', ',', "'", '’', '%', '-', 'U.S.', 'é', 'e\u0301', '𝒜', '😀', '1,000', "don't", '\n');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 24 }), (parts) => {
      const text = parts.join('');
      expect(tokenize(text)).toEqual(scan(text));
    }), { numRuns: 3000 });
    expect(tokenize('𝒜lpha beta').map((t) => t.surface)).toEqual(['𝒜lpha', 'beta']);
  });
});

describe('foldWord', () => {
  it('folds case, curly quotes and accents, with the same result on its plain-ASCII shortcut', () => {
    expect(foldWord('Zelenskyy’s')).toBe("zelenskyy's");
    expect(foldWord('Café')).toBe('cafe');
    const reference = (w: string) => foldQuotes(w).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    fc.assert(fc.property(fc.string({ maxLength: 16 }), (w) => foldWord(w) === reference(w)), { numRuns: 2000 });
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
