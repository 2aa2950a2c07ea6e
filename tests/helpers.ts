import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingestText, createBot, type Article, type Bot, type IngestOptions } from '../src/core/index.ts';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function fixtureText(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

export function fixtureArticle(name: string, options: IngestOptions = {}): Article {
  return ingestText(fixtureText(name), { outlet: 'Test Outlet', source: name, ...options });
}

/** An article written inside a test: its headline, then one paragraph per line given. */
export function articleOf(id: string, headline: string, paragraphs: readonly string[]): Article {
  return ingestText([headline, ...paragraphs].join('\n\n') + '\n', { id });
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
