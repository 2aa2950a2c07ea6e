import { describe, expect, it } from 'vitest';
import { decodeArticles, encodeArticles } from '../../src/core/article-codec.ts';
import type { Article } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

/** Encodes and decodes, through a copy of the table as an index file's JSON header gives it back. */
function roundTrip(articles: readonly Article[]): Article[] {
  const encoded = encodeArticles(articles);
  return decodeArticles({ ...encoded, table: JSON.parse(JSON.stringify(encoded.table)) as string[] }, articles.length);
}

const QUAYSIDE = articleOf(
  'quayside-vote',
  'Tarnby council backs the quayside plan',
  [
    'The Tarnby council voted on Tuesday to rebuild the quayside for 4.2 million euros, a plan the harbour master, Ilse Varnow, had sought since 2019.',
    '"We have waited long enough," Varnow said after the vote.',
    'She added that the work would start in March, according to officials at the harbour office.',
    'Two members voted against it.',
  ],
  { outlet: 'The Tarnby Courier', url: 'https://example.org/quayside', published: '2026-03-04' },
);

const ORCHARD = articleOf(
  'orchard-frost',
  'Frost hits the Pellow orchards',
  [
    'Growers in Pellow lost half of the apple blossom to a late frost, the growers’ co-operative said on Monday.',
    '“It is the worst spring in twenty years,” said its chair, Odo Krenn — the co-operative’s third in a decade. 🍎',
    'Krenn said the co-operative would ask the region for help.',
  ],
  { outlet: 'Pellow Weekly' },
);

describe('the compact form of articles in an index file', () => {
  it('gives back ingested articles exactly, key order included', () => {
    const articles = [QUAYSIDE, ORCHARD, QUAYSIDE];
    expect(QUAYSIDE.quotes.length).toBeGreaterThan(0);
    expect(QUAYSIDE.entities.length).toBeGreaterThan(0);
    expect(QUAYSIDE.attributions.length).toBeGreaterThan(0);
    const back = roundTrip(articles);
    expect(back).toEqual(articles);
    expect(back.map((a) => JSON.stringify(a))).toEqual(articles.map((a) => JSON.stringify(a)));
  });

  it('keeps text beyond Latin-1 (curly quotes, dashes, emoji), empty strings, nulls and an adder', () => {
    const headed: Article = {
      ...ORCHARD,
      addedBy: 'u-5f3a',
      dek: '',
      sections: [...ORCHARD.sections, { heading: 'What growers fear — and hope', paragraphs: ORCHARD.sections[0]!.paragraphs }],
      quotes: [...ORCHARD.quotes, { sentences: ['s2'], text: 'It is the worst spring in twenty years', speaker: { entity: null, description: 'one grower' } }, { sentences: ['s3'], text: 'help', speaker: null }],
    };
    const texts = headed.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences.map((x) => x.text)));
    expect(texts.some((t) => t.length > 32 && /[^\0-\xff]/.test(t) && /\u{1F34E}/u.test(t))).toBe(true);
    const [back] = roundTrip([headed]);
    expect(JSON.stringify(back)).toBe(JSON.stringify(headed));
    expect(back!.addedBy).toBe('u-5f3a');
  });

  it('stores an article it cannot reproduce (an unknown key, a number that is no count) as JSON, unchanged', () => {
    const odd = { ...QUAYSIDE, extra: { note: 'kept' }, sections: [{ ...QUAYSIDE.sections[0]!, paragraphs: [{ ...QUAYSIDE.sections[0]!.paragraphs[0]!, start: -1.5 }] }] } as Article;
    const [back, next] = roundTrip([odd, ORCHARD]);
    expect(JSON.stringify(back)).toBe(JSON.stringify(odd));
    expect(JSON.stringify(next)).toBe(JSON.stringify(ORCHARD));
  });

  it('refuses damaged data instead of returning wrong articles', () => {
    const encoded = encodeArticles([QUAYSIDE, ORCHARD]);
    expect(() => decodeArticles({ ...encoded, ints: encoded.ints.subarray(0, encoded.ints.length - 3) }, 2)).toThrow();
    expect(() => decodeArticles({ ...encoded, text: encoded.text.subarray(0, encoded.text.length >> 1) }, 2)).toThrow();
    expect(() => decodeArticles({ ...encoded, table: [] }, 2)).toThrow();
    expect(() => decodeArticles(encoded, 1)).toThrow();
  });
});
