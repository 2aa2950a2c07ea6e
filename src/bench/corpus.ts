/**
 * The benchmark's corpora and questions: the seed article, the SQuAD dev articles (each title
 * one article, with their questions and gold spans), and generated articles up to the size
 * asked for. Generated articles are ingested by the real ingester, two processes at a time,
 * and kept under `.briefbot/bench/` so later runs read them back instead of ingesting again.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestText, type Article } from '../core/index.ts';
import { loadSeedSet, loadSquadSet, type EvalQuestion } from '../eval/data.ts';
import { createGenerator } from './generate.ts';

/** The repository root (where `node --import tsx` resolves). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Seed of the generated corpus: fixed, so every run and machine measures the same articles. */
export const GENERATOR_SEED = 20_251_127;
/** Generated articles per cached chunk file. */
const CHUNK = 250;

export interface BenchQuestion {
  text: string;
  /** Where it came from: SQuAD dev (with its gold), the seed set, or a generated article. */
  source: 'squad' | 'seed' | 'generated';
  squad?: EvalQuestion;
}

/** The fixed part of every corpus: the seed and SQuAD dev articles and their questions. */
export interface BaseCorpus {
  seed: Article;
  squad: Article[];
  seedQuestions: string[];
  squadQuestions: EvalQuestion[];
}

export async function loadBaseCorpus(): Promise<BaseCorpus> {
  const [seedSet, squadSet] = await Promise.all([loadSeedSet(), loadSquadSet('squad-dev')]);
  return {
    seed: seedSet.articles[0]!,
    squad: squadSet.articles,
    seedQuestions: seedSet.questions.map((q) => q.question),
    squadQuestions: squadSet.questions,
  };
}

/** Ingests one generated article the way `briefbot ingest` would. */
export function ingestGenerated(n: number): Article {
  const generated = createGenerator({ seed: GENERATOR_SEED }).article(n);
  return ingestText(generated.text, { id: generated.id, outlet: 'The Benchmark Gazette', source: `${generated.id}.txt`, published: '2025-11-27' });
}

/** Ingests generated articles `from` to `to - 1` into a JSON file (run in a child process). */
export async function ingestChunkToFile(from: number, to: number, file: string): Promise<void> {
  const generator = createGenerator({ seed: GENERATOR_SEED });
  const articles: Article[] = [];
  for (let n = from; n < to; n++) {
    const g = generator.article(n);
    articles.push(ingestText(g.text, { id: g.id, outlet: 'The Benchmark Gazette', source: `${g.id}.txt`, published: '2025-11-27' }));
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(articles));
  await rename(`${file}.tmp`, file);
}

/** A hash of the code that makes generated articles: chunks cached by other code are not reused. */
async function generatorHash(): Promise<string> {
  const core = join(REPO_ROOT, 'src/core');
  const hash = createHash('sha256').update(String(GENERATOR_SEED));
  // Word-list tuning (lexicon/, text.ts) does not invalidate the cache: it would cost minutes of
  // ingestion per run for articles whose layout and sentences stay the same.
  for (const file of [join(REPO_ROOT, 'src/bench/generate.ts'), ...['ingest.ts', 'segment.ts', 'extract.ts', 'schema.ts'].map((f) => join(core, f))]) {
    hash.update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 12);
}

function runChild(args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/bench/child.ts'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`bench: ingest child exited with ${code}`))));
  });
}

/**
 * The first `count` generated articles, ingested: read from the cache folder, with missing
 * chunks ingested by two child processes at a time (this machine's two cores).
 */
export async function generatedArticles(count: number, cacheDir: string, log: (line: string) => void): Promise<Article[]> {
  if (count <= 0) return [];
  const dir = join(cacheDir, `generated-${await generatorHash()}`);
  const chunks = Math.ceil(count / CHUNK);
  const files = Array.from({ length: chunks }, (_, k) => join(dir, `chunk-${String(k).padStart(4, '0')}.json`));
  const existing = new Set(await readdir(dir).catch(() => [] as string[]));
  const missing = files.map((f, k) => ({ f, k })).filter(({ f }) => !existing.has(f.split(/[\\/]/).pop()!));
  if (missing.length > 0) log(`ingesting ${missing.length * CHUNK} generated articles (cached in ${dir}) ...`);
  const queue = [...missing];
  const workers = Array.from({ length: Math.min(2, queue.length) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      await runChild(['ingest', String(job.k * CHUNK), String((job.k + 1) * CHUNK), job.f]);
    }
  });
  await Promise.all(workers);
  const articles: Article[] = [];
  for (const file of files) articles.push(...(JSON.parse(await readFile(file, 'utf8')) as Article[]));
  return articles.slice(0, count);
}

/** The questions of generated articles, up to `limit`, spread over the articles. */
export function generatedQuestions(count: number, limit: number): string[] {
  const generator = createGenerator({ seed: GENERATOR_SEED });
  const out: string[] = [];
  if (count <= 0) return out;
  const step = Math.max(1, Math.floor(count / Math.max(1, Math.ceil(limit / 3))));
  for (let n = 0; n < count && out.length < limit; n += step) out.push(...generator.article(n).questions.slice(0, 3));
  return out.slice(0, limit);
}

/**
 * Writes articles as a corpus folder (one compact JSON file each), unless it already holds
 * exactly them. The key is the articles' JSON, not their source texts: the same texts ingested
 * by changed extraction code are different articles, and the index file built from the new ones
 * must not be recorded as matching a folder of old ones.
 */
export async function writeCorpusFolder(dir: string, articles: readonly Article[]): Promise<void> {
  const marker = join(dir, '..', `${dir.split(/[\\/]/).pop()}.done`);
  const key = createHash('sha256');
  const texts = articles.map((a) => JSON.stringify(a));
  for (const text of texts) key.update(text).update('\0');
  const digest = key.digest('hex');
  if ((await readFile(marker, 'utf8').catch(() => '')) === digest) return;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < articles.length; i += 200) {
    await Promise.all(articles.slice(i, i + 200).map((a, k) => writeFile(join(dir, `${a.id}.json`), texts[i + k]!)));
  }
  await writeFile(marker, digest);
}
