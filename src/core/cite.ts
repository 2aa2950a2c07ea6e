import type { Citation } from './reply.ts';
import type { Quote } from './schema.ts';
import type { SentenceDoc } from './search-index.ts';

/** Where a quote's opening sentence stands in a sentence of the article, or null when it does not. */
export function quoteSpan(text: string, quote: Quote): { start: number; end: number } | null {
  const opening = quote.text.split(/(?<=[.!?])\s/)[0] ?? quote.text;
  const at = text.indexOf(opening);
  return at >= 0 ? { start: at, end: at + opening.length } : null;
}

/** A citation of one indexed sentence. */
export function makeCitation(doc: SentenceDoc, n: number, primary: boolean, span: { start: number; end: number } | null): Citation {
  return {
    n,
    articleId: doc.article.id,
    articleTitle: doc.article.title,
    section: doc.heading,
    paragraph: doc.paragraph,
    sentence: doc.sentence.id,
    text: doc.sentence.text,
    span,
    speaker: doc.speaker ? doc.speaker.entity?.name ?? doc.speaker.description : null,
    attribution: doc.attribution,
    outlet: doc.article.outlet,
    published: doc.article.published,
    url: doc.article.url,
    primary,
  };
}
