/**
 * Corpus hot reload. The folder is watched (fs.watch, debounced) and also polled (readdir +
 * stat), because fs.watch misses events on some file systems (network mounts, some container
 * volumes); either way a change shows up within `pollMs` + the index build.
 *
 * Each `*.json` file is tracked on its own, with the last version of it that validated. A file
 * that fails validation (corrupt JSON, a wrong field, a file caught mid-write) is logged with
 * its name and field and skipped, and the last good version of that article keeps serving; a
 * deleted file removes its article. Files are read and checked with the core's own
 * `parseArticleJson`, the check `loadCorpus` makes, one file at a time, so that a problem can
 * be tied to the file whose previous version should stay. Nothing is ever written here.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BriefbotError } from '../core/errors.ts';
import { parseArticleJson, signatureOf, type CorpusProblem } from '../core/corpus.ts';
import type { Article } from '../core/schema.ts';
import type { Logger } from '../adapters/shared/logger.ts';

export interface CorpusWatcherOptions {
  dir: string;
  logger: Logger;
  /** Called with the whole new article set (sorted by id) after a scan that changed it. */
  onChange: (articles: Article[]) => void;
  /** Quiet time after the last fs.watch event before scanning. */
  debounceMs?: number;
  /** Interval of the stat poll that catches what fs.watch misses. */
  pollMs?: number;
}

export interface ScanResult {
  changed: boolean;
  articles: Article[];
  /** Problems of the current files (each with the article still served from it, if any). */
  problems: CorpusProblem[];
}

export interface CorpusWatcher {
  /** Reads the folder now; the first call is the initial load. Scans never overlap. */
  scan(): Promise<ScanResult>;
  /**
   * Makes the initial load, instead of `scan`, from articles read and checked elsewhere: the
   * index file, whose content hash matched every file. Each entry gives a file's name, its
   * article, and its signature from `fileSignatures`, or '' when the file changed while it
   * was being read, so that the next scan reads it again.
   */
  prime(entries: readonly PrimedFile[]): ScanResult;
  /**
   * Before the first scan: the last good versions of files, from an older index file, to keep
   * serving if those files fail validation now (the first scan reads every file regardless).
   */
  remember(lastGood: readonly { name: string; article: Article }[]): void;
  /** Starts watching and polling. */
  start(): void;
  /** Stops watching; waits for a scan in progress. */
  close(): Promise<void>;
  /** The problems of the last scan. */
  problems(): readonly CorpusProblem[];
  /** When the last scan finished (ms since the epoch), or null before the first. */
  readonly lastScanAt: number | null;
}

export interface PrimedFile {
  name: string;
  article: Article;
  signature: string;
}

interface Tracked {
  /** size, mtime and inode as last read; '' forces a re-read. */
  signature: string;
  /** The last version of this file that validated, still served while the file is bad. */
  good: Article | null;
  problem: CorpusProblem | null;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function createCorpusWatcher(options: CorpusWatcherOptions): CorpusWatcher {
  const { dir } = options;
  const logger = options.logger.child({ component: 'corpus' });
  const debounceMs = options.debounceMs ?? 150;
  const pollMs = options.pollMs ?? 1000;
  const files = new Map<string, Tracked>();
  let problems: CorpusProblem[] = [];
  let duplicateProblems: CorpusProblem[] = [];
  let started = false;
  let lastScanAt: number | null = null;
  let running: Promise<ScanResult> | null = null;
  let again = false;
  let folderMissingLogged = false;
  let watcher: FSWatcher | null = null;
  let debounce: NodeJS.Timeout | null = null;
  let poll: NodeJS.Timeout | null = null;
  let closed = false;

  async function readOne(name: string, tracked: Tracked | undefined): Promise<{ entry: Tracked | null; changed: boolean }> {
    const file = join(dir, name);
    let before;
    try {
      before = await stat(file);
    } catch (error) {
      if (isMissing(error)) return { entry: null, changed: tracked?.good != null };
      throw error;
    }
    if (!before.isFile()) return { entry: null, changed: tracked?.good != null };
    const signature = signatureOf(before);
    if (tracked && tracked.signature === signature) return { entry: tracked, changed: false };
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) return { entry: null, changed: tracked?.good != null };
      const problem = { file, field: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
      return { entry: { signature: '', good: tracked?.good ?? null, problem }, changed: false };
    }
    // A writer still busy with the file: read it again on the next scan, whatever we got now.
    const after = await stat(file).catch(() => null);
    const settled = after !== null && signatureOf(after) === signature;
    if (!settled) again = true;
    const result = parseArticleJson(file, text);
    if ('article' in result) {
      return { entry: { signature: settled ? signature : '', good: result.article, problem: null }, changed: true };
    }
    const kept = tracked?.good ?? null;
    logger.warn(
      { file, field: result.problem.field || undefined, problem: result.problem.message, keeping: kept ? kept.id : null },
      kept ? 'corpus file failed validation; still serving its last good version' : 'corpus file failed validation; skipped',
    );
    return { entry: { signature: settled ? signature : '', good: kept, problem: result.problem }, changed: false };
  }

  async function scanOnce(): Promise<ScanResult> {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
      folderMissingLogged = false;
    } catch (error) {
      if (isMissing(error)) {
        if (lastScanAt === null) {
          throw new BriefbotError('CORPUS_NOT_FOUND', `no corpus folder at ${dir}. Set BRIEFBOT_CORPUS to the folder of ingested articles, or ingest one first: npx briefbot ingest FILE --corpus ${dir}`);
        }
        // A vanished folder is more likely a mount problem than a wish to serve nothing.
        if (!folderMissingLogged) logger.error({ dir }, 'corpus folder is gone; still serving the articles loaded before');
        folderMissingLogged = true;
        return { changed: false, articles: currentArticles(), problems };
      }
      throw error;
    }
    let changed = false;
    const present = new Set(names);
    for (const name of [...files.keys()]) {
      if (!present.has(name)) {
        const removed = files.get(name);
        files.delete(name);
        if (removed?.good) {
          changed = true;
          logger.info({ file: join(dir, name), article: removed.good.id }, 'corpus file deleted; its article is no longer served');
        }
      }
    }
    for (const name of names) {
      const tracked = files.get(name);
      const { entry, changed: fileChanged } = await readOne(name, tracked);
      if (entry) files.set(name, entry);
      else files.delete(name);
      changed ||= fileChanged;
    }
    const articles = currentArticles(true);
    problems = [...files.values()].flatMap((t) => (t.problem ? [t.problem] : [])).concat(duplicateProblems);
    lastScanAt = Date.now();
    return { changed, articles, problems };
  }

  /** The served set: each file's last good article, the first file (by name) winning an id. */
  function currentArticles(logDuplicates = false): Article[] {
    const byId = new Map<string, Article>();
    const duplicates: CorpusProblem[] = [];
    for (const [name, tracked] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const article = tracked.good;
      if (!article) continue;
      if (byId.has(article.id)) {
        duplicates.push({ file: join(dir, name), field: 'id', message: `duplicate article id ${article.id}` });
        continue;
      }
      byId.set(article.id, article);
    }
    if (logDuplicates) {
      const before = new Set(duplicateProblems.map((p) => p.file));
      for (const p of duplicates) if (!before.has(p.file)) logger.warn({ file: p.file, field: p.field, problem: p.message }, 'corpus file skipped');
      duplicateProblems = duplicates;
    }
    return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  async function scanAndApply(): Promise<ScanResult> {
    const result = await scanOnce();
    // The first scan is the initial load: its caller builds the bot from the result.
    if (result.changed && started) {
      const t0 = Date.now();
      options.onChange(result.articles);
      logger.info({ articles: result.articles.length, problems: result.problems.length, buildMs: Date.now() - t0 }, 'corpus reloaded');
    }
    return result;
  }

  function scan(): Promise<ScanResult> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let result = await scanAndApply();
        while (again && !closed) {
          again = false;
          result = await scanAndApply();
        }
        return result;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  function background(): void {
    if (closed) return;
    scan().catch((error: unknown) => logger.error({ err: error }, 'corpus scan failed; will try again'));
  }

  return {
    scan,
    prime(entries) {
      if (lastScanAt !== null || running) throw new Error('corpus watcher: prime() is for the initial load only');
      for (const { name, article, signature } of entries) files.set(name, { signature, good: article, problem: null });
      const articles = currentArticles(true);
      problems = [...duplicateProblems];
      lastScanAt = Date.now();
      return { changed: true, articles, problems };
    },
    remember(lastGood) {
      if (lastScanAt !== null || running) throw new Error('corpus watcher: remember() is for before the initial load only');
      for (const { name, article } of lastGood) files.set(name, { signature: '', good: article, problem: null });
    },
    start() {
      if (started || closed) return;
      started = true;
      try {
        watcher = watch(dir, { persistent: false }, () => {
          if (debounce) clearTimeout(debounce);
          debounce = setTimeout(background, debounceMs);
          debounce.unref();
        });
        watcher.on('error', (error) => {
          logger.warn({ err: error }, 'corpus folder watch failed; polling only');
          watcher?.close();
          watcher = null;
        });
      } catch (error) {
        logger.warn({ err: error }, 'cannot watch the corpus folder; polling only');
      }
      poll = setInterval(background, pollMs);
      poll.unref();
    },
    async close() {
      closed = true;
      if (debounce) clearTimeout(debounce);
      if (poll) clearInterval(poll);
      watcher?.close();
      watcher = null;
      await running?.catch(() => undefined);
    },
    problems: () => problems,
    get lastScanAt() {
      return lastScanAt;
    },
  };
}
