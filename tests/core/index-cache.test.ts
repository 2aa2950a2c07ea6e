import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot, fileSignatures, openBot, saveArticle } from '../../src/core/index.ts';
import { corpusHash, indexCacheFile, openIndexedCorpus, readIndexFile } from '../../src/core/index-cache.ts';
import { buildIndex, restoreIndex, snapshotIndex } from '../../src/core/search-index.ts';
import { fixtureArticle, fixtureText } from '../helpers.ts';

const QUESTIONS = [
  'What did Putin demand?',
  'What did Trump say?',
  'How much will the harbour barrier cost?',
  'Who voted against the plan?',
  'Why is the clinic closing?',
  'What did Macron say?',
  'When will the work start?',
  'brief',
  'who Putin',
  'quotes',
];

let root: string;
let corpus: string;
let cache: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'briefbot-cache-'));
  corpus = join(root, 'corpus');
  cache = join(root, 'cache');
  for (const name of ['donetsk-demand.txt', 'harbour-vote.txt', 'clinic-closure.txt']) {
    await saveArticle(corpus, fixtureArticle(name), fixtureText(name));
  }
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function replies(bot: ReturnType<typeof createBot>) {
  return QUESTIONS.map((text) => bot.handle({ text }));
}

describe('restoreIndex', () => {
  it('rebuilds every statistic of the index from its snapshot, in the same order', () => {
    const articles = ['donetsk-demand.txt', 'harbour-vote.txt', 'clinic-closure.txt'].map((n) => fixtureArticle(n));
    const built = buildIndex(articles);
    const restored = restoreIndex(articles, snapshotIndex(built));
    expect([...restored.df]).toEqual([...built.df]);
    expect([...restored.vocabularyByInitial]).toEqual([...built.vocabularyByInitial]);
    expect([...restored.words]).toEqual([...built.words]);
    expect([...restored.entityForms.keys()]).toEqual([...built.entityForms.keys()]);
    expect(restored.suggestions).toEqual(built.suggestions);
    expect(restored.peopleByMentions.map((r) => r.entity.id)).toEqual(built.peopleByMentions.map((r) => r.entity.id));
    for (const d of built.docs) expect(restored.doc(d.article.id, d.sentence.id)?.id).toBe(d.id);
    expect(restored.doc('donetsk-demand', 's999')).toBeUndefined();
    expect(restored.doc('no-such-article', 's1')).toBeUndefined();
  });
});

describe('openBot with an index file', () => {
  it('builds and writes the index once, then loads it and answers exactly like a freshly built index', async () => {
    const before = (await readdir(corpus)).sort();
    const first = await openBot(corpus, { indexCache: cache });
    expect(first.index).toBe('built');
    const second = await openBot(corpus, { indexCache: cache });
    expect(second.index).toBe('loaded');
    // The articles come back from the file exactly as they were loaded, key order included.
    expect(JSON.stringify(second.bot.articles())).toBe(JSON.stringify(first.bot.articles()));
    const fresh = createBot(first.bot.articles());
    expect(replies(second.bot)).toEqual(replies(fresh));
    expect(second.bot.complete('entities', 'p')).toEqual(fresh.complete('entities', 'p'));
    // Nothing is ever written into the corpus folder.
    expect((await readdir(corpus)).sort()).toEqual(before);
    expect(await readdir(cache)).toHaveLength(1);
  });

  it('rebuilds when an article file changes, is added or removed', async () => {
    await openBot(corpus, { indexCache: cache });
    const id = (await readdir(corpus)).find((n) => n.startsWith('lisbon') && n.endsWith('.json'))!.replace(/\.json$/, '');
    const file = join(corpus, `${id}.json`);
    const article = JSON.parse(await readFile(file, 'utf8')) as { title: string };
    await writeFile(file, JSON.stringify({ ...article, title: 'Harbour vote, updated' }));
    const changed = await openBot(corpus, { indexCache: cache });
    expect(changed.index).toBe('built');
    expect(changed.bot.articles().find((a) => a.id === id)?.title).toBe('Harbour vote, updated');
    expect((await openBot(corpus, { indexCache: cache })).index).toBe('loaded');

    await rm(file);
    const removed = await openBot(corpus, { indexCache: cache });
    expect(removed.index).toBe('built');
    expect(removed.bot.articles().map((a) => a.id)).not.toContain(id);
  });

  it('reports bad files from the index file as it did when building', async () => {
    await writeFile(join(corpus, 'broken.json'), '{ not json');
    const built = await openBot(corpus, { indexCache: cache });
    const loaded = await openBot(corpus, { indexCache: cache });
    expect(loaded.index).toBe('loaded');
    expect(loaded.problems).toEqual(built.problems);
    expect(loaded.problems[0]?.file).toContain('broken.json');
  });

  it('treats a damaged index file as missing and replaces it', async () => {
    await openBot(corpus, { indexCache: cache });
    const file = indexCacheFile(cache, corpus);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length >> 1));
    const reopened = await openBot(corpus, { indexCache: cache });
    expect(reopened.index).toBe('built');
    expect((await openBot(corpus, { indexCache: cache })).index).toBe('loaded');
  });

  it('writes nothing when the cache is off, and reports a cache folder it cannot write', async () => {
    const off = await openBot(corpus, { indexCache: false });
    expect(off.index).toBe('built-uncached');
    await writeFile(join(root, 'not-a-folder'), 'x');
    const unwritable = await openBot(corpus, { indexCache: join(root, 'not-a-folder') });
    expect(unwritable.index).toBe('built');
    expect(unwritable.cacheError).toBeInstanceOf(Error);
    expect(replies(unwritable.bot)).toEqual(replies(off.bot));
  });

  it('keeps its default cache folder beside the corpus folder, not inside it', async () => {
    const opened = await openBot(corpus);
    expect(opened.index).toBe('built');
    expect(await readdir(join(root, '.briefbot'))).toHaveLength(1);
    expect((await readdir(corpus)).some((n) => n.startsWith('.') || n.endsWith('.bin'))).toBe(false);
  });
});

describe("the index file's record of file signatures", () => {
  /** Makes every corpus file an hour old, as files are that were not just written. */
  async function age(): Promise<void> {
    const old = new Date(Date.now() - 3_600_000);
    for (const name of await readdir(corpus)) await utimes(join(corpus, name), old, old);
  }

  it('lets the recorded hash stand while every file is unchanged, and hashes the content once one is written again', async () => {
    await age();
    expect((await openIndexedCorpus(corpus, { cacheDir: cache })).source).toBe('built');
    const file = indexCacheFile(cache, corpus);
    let hashed = 0;
    const contentHash = () => {
      hashed++;
      return corpusHash(corpus);
    };
    const trusted = await readIndexFile(file, contentHash, {}, await fileSignatures(corpus));
    expect(trusted !== null && 'index' in trusted).toBe(true);
    expect(hashed).toBe(0);
    // Written again with the same bytes: a new signature, so the content is hashed, and it matches.
    const name = (await readdir(corpus)).find((n) => n.endsWith('.json'))!;
    await writeFile(join(corpus, name), await readFile(join(corpus, name)));
    const rehashed = await readIndexFile(file, contentHash, {}, await fileSignatures(corpus));
    expect(hashed).toBe(1);
    expect(rehashed !== null && 'index' in rehashed).toBe(true);
  });

  it('records no signatures when files were modified just before the index was written', async () => {
    // The files were written a moment ago: a second write in the same clock tick could keep a signature.
    await openIndexedCorpus(corpus, { cacheDir: cache });
    let hashed = 0;
    const result = await readIndexFile(indexCacheFile(cache, corpus), () => {
      hashed++;
      return corpusHash(corpus);
    }, {}, await fileSignatures(corpus));
    expect(hashed).toBe(1);
    expect(result !== null && 'index' in result).toBe(true);
  });
});

describe('an index file written by other code', () => {
  it('is not trusted on its recorded signatures: the content is hashed', async () => {
    const old = new Date(Date.now() - 3_600_000);
    for (const name of await readdir(corpus)) await utimes(join(corpus, name), old, old);
    await openIndexedCorpus(corpus, { cacheDir: cache });
    const file = indexCacheFile(cache, corpus);
    // Another version of briefbot: the same layout, another code hash (same length, so offsets hold).
    const bytes = await readFile(file);
    const statLength = bytes.readUInt32LE(8);
    const stat = JSON.parse(bytes.subarray(12, 12 + statLength).toString('utf8')) as { code: string };
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(bytes.subarray(12, 12 + statLength).toString('utf8')), code: stat.code.replace(/./g, '0') }));
    expect(other.length).toBe(statLength);
    other.copy(bytes, 12);
    await writeFile(file, bytes);
    let hashed = 0;
    const result = await readIndexFile(file, () => {
      hashed++;
      return corpusHash(corpus);
    }, {}, await fileSignatures(corpus));
    // Hashed, not trusted. (The content hash covers the code too, so a file really written by
    // other code would then be found outdated; here only its record was altered, and it stands.)
    expect(hashed).toBe(1);
    expect(result !== null && 'index' in result).toBe(true);
  });
});
