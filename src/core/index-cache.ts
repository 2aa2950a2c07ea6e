/**
 * The serialized index: a corpus folder's articles, their load problems and the index built
 * over them, in one file outside the corpus folder, so a process starts without validating
 * every article and indexing every word again. The file is named after the corpus folder and
 * keyed by a content hash of its article files and of the code and word lists that build the
 * index; when either changes, the index is rebuilt and the file replaced.
 *
 * Layout: 8 bytes `BRIEFIDX`, a 4-byte little-endian header length, the header (JSON), then
 * the typed arrays, each starting at a multiple of 8 bytes.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Article } from './schema.ts';
import { loadCorpus, type CorpusProblem } from './corpus.ts';
import { buildIndex, restoreIndex, snapshotIndex, type Index, type IndexOptions, type IndexSnapshot } from './search-index.ts';
import { BriefbotError } from './errors.ts';

const MAGIC = Buffer.from('BRIEFIDX');
const FORMAT_VERSION = 2;

interface Header {
  version: number;
  hash: string;
  articles: Article[];
  /** The file name (in the corpus folder) of each article. */
  files: string[];
  problems: CorpusProblem[];
  dfTerms: string[];
  dfSentenceTerms: number;
  words: string[];
  search: { terms: string[]; averageFieldLengths: number[]; documentCount: number; stringIds: boolean };
  sections: Record<SectionName, { offset: number; bytes: number }>;
}

type SectionName = 'starts' | 'docs' | 'freqs' | 'fieldLengths' | 'dfCounts';

/** Where a corpus folder's index file lives inside a cache folder. */
export function indexCacheFile(cacheDir: string, corpusDir: string): string {
  const name = createHash('sha256').update(resolve(corpusDir)).digest('hex').slice(0, 16);
  return join(cacheDir, `index-${name}.bin`);
}

/** The default cache folder: `.briefbot/` beside the corpus folder (never inside it). */
export function defaultCacheDir(corpusDir: string): string {
  return join(dirname(resolve(corpusDir)), '.briefbot');
}

let codeHash: Promise<string> | undefined;

/** A hash of the code and word lists that turn articles into an index: a change to them invalidates every index file. */
function indexCodeHash(): Promise<string> {
  codeHash ??= (async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const hash = createHash('sha256').update(`format ${FORMAT_VERSION}\0`);
    for (const dir of [here, join(here, 'lexicon')]) {
      const names = (await readdir(dir)).filter((n) => n.endsWith('.ts') || n.endsWith('.json')).sort();
      for (const name of names) hash.update(name).update('\0').update(await readFile(join(dir, name))).update('\0');
    }
    return hash.digest('hex');
  })();
  return codeHash;
}

// Reads and hashes the article files on a worker thread, so that the main thread can parse
// the index file meanwhile. Plain JavaScript: a worker does not go through the TypeScript loader.
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readdir, readFile } = require('node:fs/promises');
const { join } = require('node:path');
(async () => {
  const { dir, seed } = workerData;
  let names;
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    parentPort.postMessage({ error: error.code || String(error) });
    return;
  }
  const hash = createHash('sha256').update(seed);
  for (let i = 0; i < names.length; i += 256) {
    const batch = names.slice(i, i + 256);
    const contents = await Promise.all(batch.map((n) => readFile(join(dir, n)).catch(() => Buffer.from('\\0unreadable'))));
    batch.forEach((name, k) => hash.update(name).update('\\0').update(String(contents[k].length)).update('\\0').update(contents[k]));
  }
  parentPort.postMessage({ hash: hash.digest('hex') });
})();
`;

/**
 * The content hash of a corpus folder's article files (names and bytes), with the index code's
 * hash, computed on a worker thread.
 *
 * @throws BriefbotError `CORPUS_NOT_FOUND` when the folder does not exist.
 */
export async function corpusHash(corpusDir: string): Promise<string> {
  const seed = await indexCodeHash();
  const reply = await new Promise<{ hash?: string; error?: string }>((resolvePromise, reject) => {
    const worker = new Worker(HASH_WORKER, { eval: true, workerData: { dir: corpusDir, seed } });
    worker.once('message', (message: { hash?: string; error?: string }) => {
      resolvePromise(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
  if (reply.error === 'ENOENT') {
    throw new BriefbotError('CORPUS_NOT_FOUND', `no corpus folder at ${corpusDir}; ingest an article first (npx briefbot ingest FILE --corpus ${corpusDir})`);
  }
  if (reply.hash === undefined) throw new Error(`cannot read the corpus folder ${corpusDir} (${reply.error ?? 'unknown error'})`);
  return reply.hash;
}

/** Writes an index file (to a temporary name, then renamed over, so a reader never sees half of one). */
export async function writeIndexFile(file: string, hash: string, index: Index, problems: readonly CorpusProblem[], files: readonly string[]): Promise<void> {
  if (files.length !== index.articles.length) throw new Error('index file: one file name per article is needed');
  const snapshot = snapshotIndex(index);
  const arrays: Record<SectionName, ArrayBufferView> = {
    starts: snapshot.search.starts,
    docs: snapshot.search.docs,
    freqs: snapshot.search.freqs,
    fieldLengths: snapshot.search.fieldLengths,
    dfCounts: Uint32Array.from(snapshot.df.counts),
  };
  const names = Object.keys(arrays) as SectionName[];
  let offset = 0;
  const sections = {} as Header['sections'];
  for (const name of names) {
    sections[name] = { offset, bytes: arrays[name].byteLength };
    offset += align(arrays[name].byteLength);
  }
  const header: Header = {
    version: FORMAT_VERSION,
    hash,
    articles: [...index.articles],
    files: [...files],
    problems: [...problems],
    dfTerms: snapshot.df.terms,
    dfSentenceTerms: snapshot.df.sentenceTerms,
    words: snapshot.words,
    search: {
      terms: snapshot.search.terms,
      averageFieldLengths: snapshot.search.averageFieldLengths,
      documentCount: snapshot.search.documentCount,
      stringIds: snapshot.search.stringIds,
    },
    sections,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const dataStart = align(MAGIC.length + 4 + headerBytes.length);
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.write(MAGIC, 0, MAGIC.length, 0);
    await handle.write(length, 0, 4, MAGIC.length);
    await handle.write(headerBytes, 0, headerBytes.length, MAGIC.length + 4);
    for (const name of names) {
      const view = arrays[name];
      await handle.write(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), 0, view.byteLength, dataStart + sections[name].offset);
    }
    await handle.close();
    await rename(tmp, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/** The articles an index file was built from, with the file name of each. */
export interface IndexedArticles {
  articles: Article[];
  files: string[];
}

/**
 * Reads an index file when it exists and matches `hash`. Null when there is none or it is
 * damaged; `{ stale }` with the articles it was built from when the corpus has changed since.
 */
export async function readIndexFile(
  file: string,
  hash: string | Promise<string>,
  options: IndexOptions = {},
): Promise<{ articles: Article[]; files: string[]; problems: CorpusProblem[]; index: Index } | { stale: IndexedArticles } | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    const start = Buffer.alloc(MAGIC.length + 4);
    await handle.read(start, 0, start.length, 0);
    if (!start.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const headerLength = start.readUInt32LE(MAGIC.length);
    const headerBytes = Buffer.alloc(headerLength);
    await handle.read(headerBytes, 0, headerLength, start.length);
    const peek = headerBytes.toString('utf8', 0, Math.min(headerLength, 200));
    if (!peek.includes(`"version":${FORMAT_VERSION},`)) return null;
    const header = JSON.parse(headerBytes.toString('utf8')) as Header;
    if (!Array.isArray(header.files) || header.files.length !== header.articles.length) return null;
    if (header.hash !== (await hash)) return { stale: { articles: header.articles, files: header.files } };
    const dataStart = align(start.length + headerLength);
    const read = async (name: SectionName): Promise<ArrayBuffer> => {
      const { offset, bytes } = header.sections[name];
      const buffer = new ArrayBuffer(bytes);
      const { bytesRead } = await handle.read(new Uint8Array(buffer), 0, bytes, dataStart + offset);
      if (bytesRead !== bytes) throw new Error(`index file ${file} is truncated`);
      return buffer;
    };
    const snapshot: IndexSnapshot = {
      df: { terms: header.dfTerms, counts: Array.from(new Uint32Array(await read('dfCounts'))), sentenceTerms: header.dfSentenceTerms },
      words: header.words,
      search: {
        ...header.search,
        starts: new Uint32Array(await read('starts')),
        docs: new Uint32Array(await read('docs')),
        freqs: new Uint16Array(await read('freqs')),
        fieldLengths: new Uint16Array(await read('fieldLengths')),
      },
    };
    return { articles: header.articles, files: header.files, problems: header.problems, index: restoreIndex(header.articles, snapshot, options) };
  } catch {
    return null;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** How {@link openIndexedCorpus} got its index. */
export type IndexSource = 'loaded' | 'built' | 'built-uncached';

/**
 * Loads a corpus folder and its index: from the index file in `cacheDir` when it matches the
 * folder's content, otherwise by loading and indexing the articles and then writing the file
 * (a failure to write, such as a read-only disk, is reported in `cacheError`, never thrown).
 * With `cacheDir: false` the index is built and nothing is written.
 */
export async function openIndexedCorpus(
  corpusDir: string,
  options: IndexOptions & { cacheDir?: string | false } = {},
): Promise<{
  articles: Article[];
  files: string[];
  problems: CorpusProblem[];
  index: Index;
  source: IndexSource;
  cacheError?: Error;
  /**
   * When the index was rebuilt over an outdated index file and some files now fail to load: the
   * versions of those files that the outdated index was built from, their last good versions.
   */
  previous?: IndexedArticles;
}> {
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir(corpusDir) : options.cacheDir;
  if (cacheDir === false) {
    const { articles, problems, files } = await loadCorpus(corpusDir);
    return { articles, files, problems, index: buildIndex(articles, options), source: 'built-uncached' };
  }
  if (resolve(cacheDir) === resolve(corpusDir)) throw new BriefbotError('BAD_OPTION', 'the index cache folder must not be the corpus folder');
  const hashing = corpusHash(corpusDir);
  // A missing corpus folder is reported even when the index file reading fails first.
  hashing.catch(() => undefined);
  const file = indexCacheFile(cacheDir, corpusDir);
  const loaded = await readIndexFile(file, hashing, options);
  const hash = await hashing;
  if (loaded && 'index' in loaded) return { ...loaded, source: 'loaded' };
  const stale = loaded?.stale;
  const { articles, problems, files } = await loadCorpus(corpusDir);
  // Of an outdated index file, only the versions of files that now fail to load are worth keeping.
  const failing = new Set(problems.map((p) => basename(p.file)));
  const kept = stale ? stale.articles.flatMap((article, i) => (failing.has(stale.files[i]!) ? [{ article, file: stale.files[i]! }] : [])) : [];
  const previous = kept.length > 0 ? { articles: kept.map((k) => k.article), files: kept.map((k) => k.file) } : undefined;
  const index = buildIndex(articles, options);
  const built = { articles, files, problems, index, source: 'built' as const, ...(previous ? { previous } : {}) };
  try {
    await writeIndexFile(file, hash, index, problems, files);
    return built;
  } catch (error) {
    return { ...built, cacheError: error as Error };
  }
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}
