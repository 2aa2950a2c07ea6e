import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { buildIndex, ingestText, type Article } from '../../src/core/index.ts';
import { searchOptions } from '../../src/core/search-index.ts';
import { analyse } from '../../src/core/analyse.ts';
import { SentenceSearch } from '../../src/core/sentence-search.ts';

// The SQuAD dev articles (2,000 sentences) give long posting lists and many tied scores.
const squad = JSON.parse(readFileSync(new URL('../../eval/squad/squad-dev-subset.json', import.meta.url), 'utf8')) as {
  data: { title: string; paragraphs: { context: string; qas: { question: string }[] }[] }[];
};
const articles: Article[] = squad.data.slice(0, 4).map((entry, i) =>
  ingestText(entry.paragraphs.map((p) => p.context).join('\n\n'), { id: `a${i}`, title: entry.title, headline: false }),
);
const questions = squad.data.slice(0, 4).flatMap((e) => e.paragraphs.flatMap((p) => p.qas.map((q) => q.question))).filter((_, i) => i % 4 === 0);

function plainMiniSearch(index: ReturnType<typeof buildIndex>): MiniSearch<{ id: number }> {
  const { maxResults: _ignored, ...options } = searchOptions(index.docs);
  const plain = new MiniSearch<{ id: number }>(options);
  plain.addAll(index.docs.map((d) => ({ id: d.id })));
  return plain;
}

function summary(results: SearchResult[]) {
  return results.map((r) => ({ id: r.id as unknown, score: r.score, queryTerms: r.queryTerms, match: r.match }));
}

describe('SentenceSearch', () => {
  const index = buildIndex(articles);
  const plain = plainMiniSearch(index);

  it('returns the hits, exact scores, order and match details that MiniSearch returns', () => {
    expect(index.search).toBeInstanceOf(SentenceSearch);
    let compared = 0;
    for (const question of questions) {
      const query = analyse(index, question);
      const boosts = new Map<string, number>();
      for (const t of query.terms) boosts.set(t.term, Math.max(boosts.get(t.term) ?? 0, t.weight));
      const spec = { combineWith: 'OR' as const, queries: [...boosts.keys()] };
      const options = { boostTerm: (term: string) => boosts.get(term) ?? 1 };
      const fast = index.search.search(spec, options);
      const slow = plain.search(spec, options).slice(0, 1000);
      expect(summary(fast)).toEqual(summary(slow));
      compared += slow.length;
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('keeps the best maxResults hits in MiniSearch order, ties included', () => {
    const small = buildIndex(articles, { maxResults: 7 });
    for (const question of questions.slice(0, 60)) {
      const q = analyse(small, question);
      const spec = { combineWith: 'OR' as const, queries: [...new Set(q.terms.map((t) => t.term))] };
      expect(summary(small.search.search(spec))).toEqual(summary(plain.search(spec).slice(0, 7)));
    }
  });

  it('answers plain string queries like MiniSearch', () => {
    for (const q of ['river city', 'population', 'nothingmatcheszzz', '']) {
      expect(summary(index.search.search(q))).toEqual(summary(plain.search(q)));
    }
  });

  it('ranks pre-processed terms first as MiniSearch does, without hit objects (topDocuments)', () => {
    for (const question of questions.slice(0, 120)) {
      const query = analyse(index, question);
      const boosts = new Map<string, number>();
      for (const t of query.terms) boosts.set(t.term, Math.max(boosts.get(t.term) ?? 0, t.weight));
      const slow = plain.search({ combineWith: 'OR', queries: [...boosts.keys()] }, { boostTerm: (term) => boosts.get(term) ?? 1 }).slice(0, 20);
      const top = index.search.topDocuments([...boosts.keys()], [...boosts.values()], 20);
      expect([...top.ids]).toEqual(slow.map((r) => Number(r.id)));
      expect([...top.scores]).toEqual(slow.map((r) => r.score));
    }
  });

  it('hands topDocuments to MiniSearch when a term repeats or its maps were rebuilt', () => {
    const other = buildIndex(articles);
    const terms = ['river', 'citi', 'river'];
    const expected = plain.search({ combineWith: 'OR', queries: terms }, { boostTerm: (t) => (t === 'river' ? 2 : 1) }).slice(0, 5);
    expect([...other.search.topDocuments(terms, [2, 1, 2], 5).ids]).toEqual(expected.map((r) => Number(r.id)));
    other.search.has('3'); // rebuilds MiniSearch's own maps
    const distinct = ['river', 'citi'];
    const viaMaps = other.search.topDocuments(distinct, [2, 1], 5);
    const reference = plain.search({ combineWith: 'OR', queries: distinct }, { boostTerm: (t) => (t === 'river' ? 2 : 1) }).slice(0, 5);
    expect([...viaMaps.ids]).toEqual(reference.map((r) => Number(r.id)));
    expect([...viaMaps.scores]).toEqual(reference.map((r) => r.score));
  });

  it('hands other queries and methods to MiniSearch over rebuilt maps', () => {
    const other = buildIndex(articles);
    expect(summary(other.search.search('popul', { prefix: true }))).toEqual(summary(plain.search('popul', { prefix: true })));
    expect(other.search.termCount).toBe(plain.termCount);
    expect(other.search.documentCount).toBe(plain.documentCount);
    expect(other.search.has('3')).toBe(true);
  });
});
