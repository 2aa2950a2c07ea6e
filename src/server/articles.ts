/**
 * Adding an article from a chat: a file a user shares with briefbot (Slack) or attaches to
 * `/add` (Discord) is checked, ingested and written into the corpus folder like
 * `npx briefbot ingest` does, and served as soon as the watcher has read it. Adds run one at
 * a time, so two files with the same title cannot take the same id.
 */
import { access, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { BriefbotError } from '../core/errors.ts';
import { makeReply, type Reply } from '../core/reply.ts';
import { saveArticle } from '../core/corpus.ts';
import { sourceInfoOf } from '../core/cards.ts';
import type { Article } from '../core/schema.ts';
import type { Logger } from '../adapters/shared/logger.ts';
import { articleRefusal, shownFileName, sizeText, stoppedRefusal, type AddArticleRequest, type ArticleAdder, type RemoveArticleRequest } from '../adapters/shared/articles.ts';

export type { AddArticleRequest, ArticleAdder, RemoveArticleRequest };

/** The largest file accepted by default: a long feature is under 100 KB of text. */
export const DEFAULT_MAX_ARTICLE_BYTES = 1024 * 1024;

/** File names an article may have: plain text, Markdown, or a saved web page. */
const TEXT_FILE = /\.(?:txt|text|md|markdown|html?)$/i;

export interface ArticleAdderOptions {
  corpusDir: string;
  /** The articles served now. */
  articles: () => readonly Article[];
  /** Reads the corpus folder again and serves what it holds (the watcher's scan). */
  refresh: () => Promise<unknown>;
  logger: Logger;
  maxBytes?: number;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** The server's adder: an `ArticleAdder` that the server stops when it shuts down. */
export interface ServerArticleAdder extends ArticleAdder {
  /** Refuses adds from now on and aborts the downloads of those in progress. */
  stop(): void;
}

export function createArticleAdder(options: ArticleAdderOptions): ServerArticleAdder {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  const stopper = new AbortController();
  const log = options.logger.child({ component: 'articles' });
  let queue: Promise<unknown> = Promise.resolve();

  function accepts(fileName: string, size?: number): boolean {
    return TEXT_FILE.test(fileName) && (size === undefined || size <= maxBytes);
  }

  async function addNow(request: AddArticleRequest): Promise<Reply> {
    // An add that waited its turn behind others during a shutdown is not started.
    if (stopper.signal.aborted) return stoppedRefusal(request.fileName);
    const name = shownFileName(request.fileName);
    if (!TEXT_FILE.test(name)) return articleRefusal('NOT_TEXT', `${name} is not an article file: share the article as plain text (.txt), Markdown (.md) or a saved web page (.html).`);
    if (request.bytes.length > maxBytes) return articleRefusal('TOO_LARGE', `${name} is ${sizeText(request.bytes.length)}; an article file may be at most ${sizeText(maxBytes)}.`);
    let article: Article;
    let text: string;
    try {
      // Loaded on the first article added: its part-of-speech tagger takes a few hundred ms to import, which a start need not wait for.
      const { ingestDocument, decodeArticleBytes } = await import('../core/ingest.ts');
      ({ article, text } = await ingestDocument(decodeArticleBytes(request.bytes, name), { source: name, ...(request.outlet ? { outlet: request.outlet } : {}), ...(request.url ? { url: request.url } : {}) }));
    } catch (error) {
      if (error instanceof BriefbotError) {
        const message = error.message.startsWith(`${name}:`) ? error.message : `${name}: ${error.message}`;
        return articleRefusal(error.code, message.endsWith('.') ? message : `${message}.`);
      }
      throw error;
    }
    const served = options.articles();
    const same = served.find((a) => a.sourceHash !== '' && a.sourceHash === article.sourceHash);
    if (same) return makeReply({ kind: 'list', command: 'sources', lead: `Already in the briefing: “${same.title}”.`, sources: [sourceInfoOf(same)], confidence: 1 });
    // A title already taken gets a number: never overwrite an article, nor a file of the folder's
    // that is not served (one failing validation). Creating the text file claims the id, so
    // another process adding at the same moment (a replica, a shard) cannot take it too.
    const taken = new Set(served.map((a) => a.id));
    const base = article.id;
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (taken.has(id) || (await exists(join(options.corpusDir, `${id}.json`)))) continue;
      try {
        const claimed: Article = { ...article, id, ...(request.user ? { addedBy: request.user } : {}) };
        await saveArticle(options.corpusDir, claimed, text, { exclusive: true });
        article = claimed;
        break;
      } catch (error) {
        if (!(error instanceof BriefbotError && error.code === 'ID_TAKEN')) throw error;
      }
    }
    await options.refresh();
    const info = sourceInfoOf(article);
    log.info({ requestId: request.requestId, user: request.user, article: article.id, sentences: info.sentences }, 'article added from a chat');
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const servedNow = options.articles().some((a) => a.id === article.id);
    const lead = servedNow
      ? `Added “${article.title}” (${plural(info.sentences, 'sentence')}, ${plural(article.entities.length, 'name')}). Ask away.`
      : `Saved “${article.title}”; it will be answered from as soon as the corpus is read again.`;
    return makeReply({ kind: 'list', command: 'sources', lead, sources: [info], confidence: 1 });
  }

  async function removeNow(request: RemoveArticleRequest): Promise<Reply> {
    const wanted = request.article.trim().replace(/^["“”']+|["“”']+$/g, '').trim();
    if (wanted === '') return articleRefusal('BAD_OPTION', 'Say which article to remove: its title, as the sources list shows it.');
    const served = options.articles();
    const article = served.find((a) => a.id === wanted) ?? served.find((a) => a.title.toLowerCase() === wanted.toLowerCase());
    if (!article) return articleRefusal('NOT_FOUND', `No article “${wanted}” in the briefing; the sources list shows the titles.`);
    // Only the person who added an article from chat may take it back there; the rest is the operator's.
    if (!article.addedBy) return articleRefusal('NOT_ADDED_HERE', `“${article.title}” was not added from chat; ask whoever runs briefbot to remove it.`);
    if (!request.user || request.user !== article.addedBy) return articleRefusal('NOT_YOURS', `Only the person who added “${article.title}” can remove it.`);
    // The JSON first: once it is gone the article is no longer served, whatever happens next.
    await unlink(join(options.corpusDir, `${article.id}.json`)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await unlink(join(options.corpusDir, `${article.id}.txt`)).catch(() => undefined);
    await options.refresh();
    log.info({ requestId: request.requestId, user: request.user, article: article.id }, 'article removed from a chat');
    return makeReply({ kind: 'list', command: 'sources', lead: `Removed “${article.title}” from the briefing.`, confidence: 1 });
  }

  /** Adds and removals run one at a time, in the order asked. */
  function serial(work: () => Promise<Reply>, requestId: string | undefined, what: string): Promise<Reply> {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      log.error({ err: error, requestId }, `could not ${what} an article`);
      return articleRefusal(`${what.toUpperCase()}_FAILED`, `Sorry, the article could not be ${what === 'add' ? 'added' : 'removed'} just now. Please try again in a moment.`);
    });
  }

  return {
    maxBytes,
    stopping: stopper.signal,
    stop: () => stopper.abort(),
    accepts,
    add: (request) => serial(() => addNow(request), request.requestId, 'add'),
    remove: (request) => serial(() => removeNow(request), request.requestId, 'remove'),
  };
}
