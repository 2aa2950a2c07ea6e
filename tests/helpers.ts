import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ingestText, createBot, type Article, type Bot, type Citation, type Entity, type IngestOptions, type Quote } from '../src/core/index.ts';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function fixtureText(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

export function fixtureArticle(name: string, options: IngestOptions = {}): Article {
  return ingestText(fixtureText(name), { outlet: 'Test Outlet', source: name, ...options });
}

/** An article written inside a test: its headline, then one paragraph per line given. */
export function articleOf(id: string, headline: string, paragraphs: readonly string[], options: IngestOptions = {}): Article {
  return ingestText([headline, ...paragraphs].join('\n\n') + '\n', { ...options, id });
}

/** A bot over the two articles written for the tests (not the seed). */
export function testBot(): Bot {
  return createBot([
    fixtureArticle('harbour-vote.txt', { outlet: 'The Coastal Herald', url: 'https://example.org/harbour' }),
    fixtureArticle('clinic-closure.txt', { outlet: 'Highland Times' }),
  ]);
}

/** Every sentence of an article, in order. */
export function sentencesOf(article: Article) {
  return article.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences));
}

/** The entity of an article with this name, asserted to exist. */
export function entityNamed(article: Article, name: string): Entity {
  const entity = article.entities.find((e) => e.name === name);
  expect(entity, `an entity named ${name} among ${article.entities.map((e) => e.name).join(', ')}`).toBeDefined();
  return entity!;
}

/** The quote of an article that starts with these words, asserted to exist. */
export function quoteStarting(article: Article, start: string): Quote {
  const quote = article.quotes.find((q) => q.text.startsWith(start));
  expect(quote, `a quote starting "${start}"`).toBeDefined();
  return quote!;
}

/** The part of a cited sentence the reply marks as the answer, or null. */
export function spanText(c: Pick<Citation, 'text' | 'span'> | undefined): string | null {
  return c?.span ? c.text.slice(c.span.start, c.span.end) : null;
}
