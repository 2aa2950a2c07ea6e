import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { ArticleSchema, type Article, type Section } from './schema.ts';
import { layoutText, softBreaks, unwrapText, type Layout } from './segment.ts';
import { datesIn, extractFacts, numbersIn, type SentenceRef } from './extract.ts';
import { BriefbotError } from './errors.ts';

export interface IngestOptions {
  /** Article id; derived from the title or file name when missing. */
  id?: string;
  /** Title; the text's headline when missing. */
  title?: string;
  outlet?: string;
  url?: string;
  /** YYYY-MM-DD; a date line in the text when missing, else empty. */
  published?: string;
  /** File name the text came from (kept in the article, relative to the corpus). */
  source?: string;
  /** Whether the first line may be a headline (default true). */
  headline?: boolean;
}

/**
 * The text of an article file's bytes, refusing what is empty, binary or not UTF-8. `label`
 * (the file's name) starts each message.
 *
 * @throws BriefbotError `EMPTY_TEXT` or `BINARY_FILE`.
 */
export function decodeArticleBytes(bytes: Uint8Array, label: string): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (bytes.length === 0 || text.trim() === '') throw new BriefbotError('EMPTY_TEXT', `${label}: the file is empty`);
  if (bytes.includes(0)) throw new BriefbotError('BINARY_FILE', `${label}: looks like a binary file; ingest plain text or Markdown`);
  const replaced = (text.match(/\uFFFD/g) ?? []).length;
  if (replaced > 0 && replaced / text.length > 0.01) throw new BriefbotError('BINARY_FILE', `${label}: is not UTF-8 text; ingest plain text or Markdown`);
  return text.replace(/^\uFEFF/, '');
}

/** True when a file is a web page: by its name (`.html`, `.htm`) or by how its text starts. */
export function isWebPage(text: string, fileName = ''): boolean {
  return /\.html?$/i.test(fileName) || /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
}

/**
 * Ingests a file's text: plain text or Markdown as it stands (a hard-wrapped one with each
 * paragraph's lines joined: see `unwrapText`), a saved web page through the
 * article Readability finds in it (see html.ts), with the page's title, outlet, date and link
 * where the options do not give them. Returns the article and the text to keep beside it, which
 * its sentence offsets point into (for a web page, the article's text, not the HTML).
 *
 * @throws BriefbotError `EMPTY_TEXT` when there is no sentence, or a web page holds no article.
 */
export async function ingestDocument(text: string, options: IngestOptions = {}): Promise<{ article: Article; text: string }> {
  if (!isWebPage(text, options.source)) {
    // A hard-wrapped text is kept with each paragraph on one line, so that a sentence quoted from it reads as one line.
    // A text that is not (most are) is laid out with the soft breaks found here, none, not looked for again.
    const soft = softBreaks(text);
    if (soft.size === 0) return { article: ingestLaidOut(text, layoutText(text, { headline: options.headline, soft }), options), text };
    const plain = unwrapText(text, soft);
    return { article: ingestText(plain, options), text: plain };
  }
  // Loaded only for web pages: the HTML parser is not needed to answer questions.
  const { articleFromHtml } = await import('./html.ts');
  const page = articleFromHtml(text);
  if (!page) throw new BriefbotError('EMPTY_TEXT', 'no article found in this web page; save the article itself as text and ingest that');
  const article = ingestText(page.text, {
    ...options,
    outlet: options.outlet || page.outlet,
    url: options.url || page.url,
    published: options.published || page.published,
  });
  return { article, text: page.text };
}

/** A URL-safe id from a title or file name: lower-case words joined by dashes. */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .split('-')
      .slice(0, 8)
      .join('-') || 'article'
  );
}

function titleFromFileName(file: string): string {
  const stem = basename(file, extname(file)).replace(/[-_]+/g, ' ').trim();
  return stem.charAt(0).toUpperCase() + stem.slice(1);
}

/**
 * Turns the text of one news article into a validated `Article`: layout, sentences with
 * offsets into `text`, entities, quotes, attributions, numbers and dates.
 *
 * @throws BriefbotError `EMPTY_TEXT` when the text holds no sentence.
 */
export function ingestText(text: string, options: IngestOptions = {}): Article {
  return ingestLaidOut(text, layoutText(text, { headline: options.headline }), options);
}

/** `ingestText` for a text whose layout has been read. */
function ingestLaidOut(text: string, layout: Layout, options: IngestOptions): Article {
  if (layout.sections.length === 0) {
    throw new BriefbotError('EMPTY_TEXT', 'the text holds no sentence to ingest');
  }
  const title = options.title?.trim() || layout.headline || (options.source ? titleFromFileName(options.source) : '') || 'Untitled';
  const refs: SentenceRef[] = [];
  const sections: Section[] = [];
  let sentenceNo = 0;
  let paragraphNo = 0;
  for (const section of layout.sections) {
    if (section.heading) {
      refs.push({ id: `h${sections.length}`, start: 0, end: 0, text: section.heading, paragraph: -1, heading: true });
    }
    sections.push({
      heading: section.heading,
      paragraphs: section.paragraphs.map((p) => {
        paragraphNo++;
        return {
          n: paragraphNo,
          start: p.start,
          end: p.end,
          sentences: p.sentences.map((s) => {
            const id = `s${++sentenceNo}`;
            refs.push({ id, start: s.start, end: s.end, text: s.text, paragraph: paragraphNo });
            return { id, text: s.text, start: s.start, end: s.end, numbers: numbersIn(s.text), dates: datesIn(s.text) };
          }),
        };
      }),
    });
  }
  const facts = extractFacts(text, refs);
  // Headings are scanned for mentions but are not sentences: keep only sentence ids.
  for (const e of facts.entities) e.mentions = e.mentions.filter((m) => m.startsWith('s'));
  const article = {
    id: options.id || slugify(title),
    title,
    outlet: options.outlet ?? '',
    url: options.url ?? '',
    published: options.published || layout.published,
    dek: layout.dek,
    dateline: layout.dateline,
    source: options.source ?? '',
    sourceHash: createHash('sha256').update(text).digest('hex'),
    sections,
    entities: facts.entities,
    quotes: facts.quotes,
    attributions: facts.attributions,
  };
  return ArticleSchema.parse(article);
}
