/**
 * The two systems the evaluation compares on the same articles: briefbot itself, and the raw
 * MiniSearch baseline (every sentence a document, default options, top hits as citations,
 * never declines). Each times only its answer call; building the index is timed apart.
 */
import MiniSearch from 'minisearch';
import { answerWithTrace, buildIndex, type Article, type Sentence } from '../core/index.ts';
import type { CitedSentence, Outcome } from './metrics.ts';

export interface System {
  name: 'briefbot' | 'baseline';
  /** Milliseconds spent building the index. */
  buildMs: number;
  answer(question: string): Outcome;
}

/** Every sentence of every article, in article order: what both systems index. */
export function sentencesOf(articles: readonly Article[]): { article: Article; sentence: Sentence }[] {
  return articles.flatMap((article) =>
    article.sections.flatMap((section) => section.paragraphs.flatMap((p) => p.sentences.map((sentence) => ({ article, sentence })))),
  );
}

function cite(article: Article, sentence: Sentence): CitedSentence {
  return { articleId: article.id, sentence: sentence.id, text: sentence.text, start: sentence.start, end: sentence.end };
}

/** How many of briefbot's ranked candidates an outcome keeps, for ranking figures and misses. */
export const RANKED_KEPT = 10;

export function createBriefbotSystem(articles: readonly Article[]): System {
  const bySentence = new Map<string, CitedSentence>();
  for (const { article, sentence } of sentencesOf(articles)) bySentence.set(`${article.id}\u0000${sentence.id}`, cite(article, sentence));
  const t0 = performance.now();
  const index = buildIndex(articles);
  const buildMs = performance.now() - t0;
  return {
    name: 'briefbot',
    buildMs,
    answer(question) {
      const t = performance.now();
      const { reply, trace } = answerWithTrace(index, question);
      const ms = performance.now() - t;
      const declined = trace.declined || reply.kind !== 'answer';
      const cited = declined
        ? []
        : reply.citations.flatMap((c) => {
            const found = bySentence.get(`${c.articleId}\u0000${c.sentence}`);
            return found ? [found] : [];
          });
      const ranked = trace.ranked.slice(0, RANKED_KEPT).map((r) => cite(r.doc.article, r.doc.sentence));
      return { declined, cited, ranked, reason: declined ? trace.reason : undefined, ms };
    },
  };
}

/** How many top hits the baseline cites. */
export const BASELINE_CITATIONS = 3;

export function createBaselineSystem(articles: readonly Article[]): System {
  const sentences = sentencesOf(articles);
  const t0 = performance.now();
  const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
  search.addAll(sentences.map(({ sentence }, id) => ({ id, text: sentence.text })));
  const buildMs = performance.now() - t0;
  return {
    name: 'baseline',
    buildMs,
    answer(question) {
      const t = performance.now();
      const hits = search.search(question).slice(0, BASELINE_CITATIONS);
      const ms = performance.now() - t;
      const cited = hits.flatMap((h) => {
        const s = sentences[h.id as number];
        return s ? [cite(s.article, s.sentence)] : [];
      });
      return { declined: false, cited, ms };
    },
  };
}
