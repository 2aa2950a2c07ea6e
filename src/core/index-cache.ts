/**
 * The serialized index: a corpus folder's articles, their load problems and the index built
 * over them, in one file outside the corpus folder, so a process starts without validating
 * every article and indexing every word again. The file is named after the corpus folder and
 * keyed by a content hash of its article files and of the code and word lists that build the
 * index; when either changes, the index is rebuilt and the file replaced.
 *
 * Hashing the content of every article file takes a second at 10,000 articles, so the file also
 * records each article file's signature (size, modification time, inode) as it was when hashed,
 * as git's index does: when the folder holds exactly those files with those signatures, and the
 * code and word lists are those that built it, the recorded hash stands without reading them. A file modified within RACY_MS of the moment its
 * signature was taken is not recorded, since a second write in the same clock tick would leave
 * its signature unchanged; it is hashed again at the next start.
 *
 * Layout: 8 bytes `BRIEFIX4`; a 4-byte little-endian length and the stat section (JSON: hash,
 * signatures); a 4-byte length and the header (JSON); then the typed arrays and the articles in
 * the form of article-codec.ts, each section starting at a multiple of 8 bytes. A file of an
 * earlier layout is not read: the index is built again and the file replaced.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Article } from './schema.ts';
import { fileSignatures, loadCorpus, signatureTime, type CorpusProblem } from './corpus.ts';
import { buildIndex, restoreIndex, snapshotIndex, type Index, type IndexOptions, type IndexSnapshot } from './search-index.ts';
import { BriefbotError } from './errors.ts';
import { decodeArticles, encodeArticles } from './article-codec.ts';

const MAGIC = Buffer.from('BRIEFIX4');
const FORMAT_VERSION = 4;
/** How recent a file's modification may be for its signature not to be trusted (coarse file-system clocks tick in 1 or 2 s). */
const RACY_MS = 2000;

/** The signatures of a corpus folder's article files, and when they were taken. */
export interface CorpusSignatures {
  at: number;
  files: Map<string, string>;
}

/** The small section read first: enough to tell whether the content hash needs computing. */
interface StatSection {
  version: number;
  hash: string;
  /** The hash of the code and word lists that built the index: a new version of either rebuilds it. */
  code: string;
  /** Signature by file name, of every article file, when none was racy; otherwise null. */
  files: Record<string, string> | null;
}

interface Header {
  version: number;
  hash: string;
  /** The short strings the encoded articles share (see article-codec.ts). */
  articleTable: string[];
  /** The file name (in the corpus folder) of each article; the articles are in the `articleInts` and `articleText` sections. */
  files: string[];
  problems: CorpusProblem[];
  dfTerms: string[];
  dfSentenceTerms: number;
  words: string[];
  search: { terms: string[]; averageFieldLengths: number[]; documentCount: number; stringIds: boolean };
  sections: Record<SectionName, { offset: number; bytes: number }>;
}

type SectionName = 'starts' | 'docs' | 'freqs' | 'fieldLengths' | 'dfCounts' | 'articleInts' | 'articleText';

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

/**
 * The signatures to record: those of `taken` that `now` still shows, when every file is in
 * both and none was modified within RACY_MS of `taken.at`; otherwise null (hash next time).
 */
function trustworthy(taken: CorpusSignatures | undefined, now: Map<string, string> | undefined): Record<string, string> | null {
  if (!taken || !now || taken.files.size !== now.size) return null;
  const out: Record<string, string> = {};
  for (const [name, signature] of taken.files) {
    if (now.get(name) !== signature || signatureTime(signature) >= taken.at - RACY_MS) return null;
    out[name] = signature;
  }
  return out;
}

/** True when the folder holds exactly the recorded files, unchanged. */
function unchanged(recorded: Record<string, string> | null, files: Map<string, string> | undefined): boolean {
  if (!recorded || !files) return false;
  let count = 0;
  for (const name in recorded) {
    if (files.get(name) !== recorded[name]) return false;
    count++;
  }
  return count === files.size;
}

/**
 * Writes an index file (to a temporary name, then renamed over, so a reader never sees half of
 * one). `signatures`, taken before the files were hashed, and `now`, taken after they were
 * read, give the signatures it records (see the module comment).
 */
export async function writeIndexFile(
  file: string,
  hash: string,
  index: Index,
  problems: readonly CorpusProblem[],
  files: readonly string[],
  signatures?: { taken: CorpusSignatures; now: Map<string, string> },
): Promise<void> {
  if (files.length !== index.articles.length) throw new Error('index file: one file name per article is needed');
  const snapshot = snapshotIndex(index);
  const encoded = encodeArticles(index.articles);
  const arrays: Record<SectionName, ArrayBufferView> = {
    starts: snapshot.search.starts,
    docs: snapshot.search.docs,
    freqs: snapshot.search.freqs,
    fieldLengths: snapshot.search.fieldLengths,
    dfCounts: Uint32Array.from(snapshot.df.counts),
    articleInts: encoded.ints,
    articleText: encoded.text,
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
    articleTable: encoded.table,
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
  const stat: StatSection = { version: FORMAT_VERSION, hash, code: await indexCodeHash(), files: trustworthy(signatures?.taken, signatures?.now) };
  const statBytes = Buffer.from(JSON.stringify(stat), 'utf8');
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const lengthOf = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length);
    return length;
  };
  const headerAt = MAGIC.length + 4 + statBytes.length + 4;
  const dataStart = align(headerAt + headerBytes.length);
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.write(Buffer.concat([MAGIC, lengthOf(statBytes), statBytes, lengthOf(headerBytes)]), 0, headerAt, 0);
    await handle.write(headerBytes, 0, headerBytes.length, headerAt);
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
 * Reads an index file when it exists and matches the corpus: its recorded hash stands when the
 * folder's `signatures` match the recorded ones, otherwise `contentHash()` is computed (while the
 * header is parsed). Null when there is no usable file; `{ stale }` with the articles it was
 * built from when the corpus has changed since.
 */
export async function readIndexFile(
  file: string,
  contentHash: () => Promise<string>,
  options: IndexOptions = {},
  signatures?: Map<string, string>,
): Promise<{ articles: Article[]; files: string[]; problems: CorpusProblem[]; index: Index } | { stale: IndexedArticles } | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return null;
  }
  let pending: Promise<unknown> | undefined;
  try {
    const readAt = async (bytes: number, position: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, position);
      if (bytesRead !== bytes) throw new Error(`index file ${file} is truncated`);
      return buffer;
    };
    const start = await readAt(MAGIC.length + 4, 0);
    if (!start.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const statLength = start.readUInt32LE(MAGIC.length);
    const stat = JSON.parse((await readAt(statLength, start.length)).toString('utf8')) as StatSection;
    if (stat.version !== FORMAT_VERSION) return null;
    const trusted = stat.code === (await indexCodeHash()) && unchanged(stat.files, signatures);
    const hashing = trusted ? Promise.resolve(stat.hash) : contentHash();
    hashing.catch(() => undefined);
    const headerLength = (await readAt(4, start.length + statLength)).readUInt32LE(0);
    const headerAt = start.length + statLength + 4;
    const header = JSON.parse((await readAt(headerLength, headerAt)).toString('utf8')) as Header;
    if (header.hash !== stat.hash || !Array.isArray(header.files) || !Array.isArray(header.articleTable)) return null;
    const dataStart = align(headerAt + headerLength);
    const read = async (name: SectionName): Promise<ArrayBuffer> => {
      const { offset, bytes } = header.sections[name];
      const buffer = new ArrayBuffer(bytes);
      const { bytesRead } = await handle.read(new Uint8Array(buffer), 0, bytes, dataStart + offset);
      if (bytesRead !== bytes) throw new Error(`index file ${file} is truncated`);
      return buffer;
    };
    // The postings are read (on libuv's threads) while the articles are decoded.
    const postings = Promise.all([read('starts'), read('docs'), read('freqs'), read('fieldLengths'), read('dfCounts')]);
    pending = postings.catch(() => undefined);
    const [ints, text] = await Promise.all([read('articleInts'), read('articleText')]);
    const articles = decodeArticles({ ints: new Uint32Array(ints), text: Buffer.from(text), table: header.articleTable }, header.files.length);
    const hash = await hashing;
    if (header.hash !== hash) return { stale: { articles, files: header.files } };
    const [starts, docs, freqs, fieldLengths, dfCounts] = await postings;
    const snapshot: IndexSnapshot = {
      df: { terms: header.dfTerms, counts: Array.from(new Uint32Array(dfCounts)), sentenceTerms: header.dfSentenceTerms },
      words: header.words,
      search: {
        ...header.search,
        starts: new Uint32Array(starts),
        docs: new Uint32Array(docs),
        freqs: new Uint16Array(freqs),
        fieldLengths: new Uint16Array(fieldLengths),
      },
    };
    return { articles, files: header.files, problems: header.problems, index: restoreIndex(articles, snapshot, options) };
  } catch {
    return null;
  } finally {
    // No read may be left running on the handle when it is closed.
    await pending;
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
  options: IndexOptions & {
    cacheDir?: string | false;
    /** The folder's file signatures, when the caller has just taken them. */
    signatures?: CorpusSignatures;
  } = {},
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
  const at = Date.now();
  // A missing folder has no signatures: the content hash then reports it.
  const signatures = options.signatures ?? (await fileSignatures(corpusDir).then((files) => ({ at, files }), () => undefined));
  let hashing: Promise<string> | undefined;
  const contentHash = (): Promise<string> => (hashing ??= corpusHash(corpusDir));
  const file = indexCacheFile(cacheDir, corpusDir);
  const loaded = await readIndexFile(file, contentHash, options, signatures?.files);
  if (loaded && 'index' in loaded) return { ...loaded, source: 'loaded' };
  const hash = await contentHash();
  const stale = loaded?.stale;
  const { articles, problems, files } = await loadCorpus(corpusDir);
  const now = await fileSignatures(corpusDir).catch(() => undefined);
  // Of an outdated index file, only the versions of files that now fail to load are worth keeping.
  const failing = new Set(problems.map((p) => basename(p.file)));
  const kept = stale ? stale.articles.flatMap((article, i) => (failing.has(stale.files[i]!) ? [{ article, file: stale.files[i]! }] : [])) : [];
  const previous = kept.length > 0 ? { articles: kept.map((k) => k.article), files: kept.map((k) => k.file) } : undefined;
  const index = buildIndex(articles, options);
  const built = { articles, files, problems, index, source: 'built' as const, ...(previous ? { previous } : {}) };
  try {
    await writeIndexFile(file, hash, index, problems, files, signatures && now ? { taken: signatures, now } : undefined);
    return built;
  } catch (error) {
    return { ...built, cacheError: error as Error };
  }
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}
