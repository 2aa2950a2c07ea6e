/**
 * One benchmark size: build the corpus, then measure briefbot, raw MiniSearch (default
 * options, each sentence a document) and MiniSearch with stop words removed on the same
 * sentences in the same process: index build time, serialized size, cold start and resident
 * memory (each in a fresh child process), question latency and throughput, and SQuAD P@1.
 */
import { spawn } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { answerWithTrace, buildIndex, fileSignatures, type Article } from '../core/index.ts';
import { corpusHash, indexCacheFile, writeIndexFile } from '../core/index-cache.ts';
import { baselineOptions } from './baselines.ts';
import { isCorrect, percentile, type CitedSentence } from '../eval/metrics.ts';
import type { EvalQuestion } from '../eval/data.ts';
import { createRandom } from './generate.ts';
import { REPO_ROOT, generatedArticles, generatedQuestions, loadBaseCorpus, writeCorpusFolder, type BenchQuestion } from './corpus.ts';
import { NODE_FLAGS } from '../runtime.ts';

export const SYSTEMS = ['briefbot', 'raw', 'stopwords'] as const;
export type SystemName = (typeof SYSTEMS)[number];
type PerSystem<T> = Record<SystemName, T>;

export interface Latency {
  questions: number;
  p50Ms: number;
  p99Ms: number;
  /** Questions per second, one after another on one core. */
  perSecond: number;
}

export interface SizeReport {
  size: number;
  articles: number;
  sentences: number;
  buildMs: PerSystem<number>;
  serializedBytes: PerSystem<number>;
  coldStartMs: PerSystem<number>;
  rssMB: PerSystem<number>;
  /** Over the same sample of the mixed questions for all three systems. */
  latency: PerSystem<Latency>;
  /** briefbot over every mixed question. */
  latencyAll: Latency;
  /** P@1 over the answerable SQuAD dev questions of the sample, for all three systems. */
  p1: PerSystem<number>;
  p1Questions: number;
  /** briefbot's P@1 over every answerable SQuAD dev question. */
  p1All: number;
  p1AllQuestions: number;
  seconds: number;
}

export interface SizeOptions {
  size: number;
  /** Folder for cached corpora and index files. */
  workDir: string;
  /** How many mixed questions the baselines answer (briefbot answers them all as well). */
  baselineQuestions: number;
  /** Cold-start runs per system (the median is reported). */
  coldRuns: number;
  log: (line: string) => void;
}

interface Sentenced {
  article: Article;
  text: string;
  start: number;
  end: number;
  id: string;
}

function sentencesOf(articles: readonly Article[]): Sentenced[] {
  return articles.flatMap((article) =>
    article.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences.map((x) => ({ article, text: x.text, start: x.start, end: x.end, id: x.id })))),
  );
}

function latencyOf(times: readonly number[]): Latency {
  const total = times.reduce((a, b) => a + b, 0);
  return { questions: times.length, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), perSecond: total > 0 ? (times.length * 1000) / total : 0 };
}

function cited(s: Sentenced): CitedSentence {
  return { articleId: s.article.id, sentence: s.id, text: s.text, start: s.start, end: s.end };
}

/** A deterministic sample of `k` items, in their original order. */
export function sample<T>(items: readonly T[], k: number, seed: number): T[] {
  if (items.length <= k) return [...items];
  const random = createRandom(seed);
  const chosen = new Set<number>();
  while (chosen.size < k) chosen.add(Math.floor(random() * items.length));
  return [...chosen].sort((a, b) => a - b).map((i) => items[i]!);
}

/** Spawns a child that loads an index, answers one question, and reports; timed from spawn to its answer. */
export function coldStart(args: string[]): Promise<{ ms: number; rssMB: number }> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', join(REPO_ROOT, 'src/bench/child.ts'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let ms = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (ms === 0 && chunk.includes(10)) ms = performance.now() - t0;
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench: cold-start child ${args[0]} exited with ${code}`));
      const report = JSON.parse(out.trim().split('\n')[0]!) as { rssMB: number };
      resolvePromise({ ms, rssMB: report.rssMB });
    });
  });
}

function median(values: number[]): number {
  return percentile(values, 50);
}

/** Corpus of `size` articles: the seed, the SQuAD dev articles, then generated ones. */
export async function benchCorpus(size: number, workDir: string, log: (line: string) => void) {
  const base = await loadBaseCorpus();
  const fixed = [base.seed, ...base.squad];
  const generatedCount = Math.max(0, size - fixed.length);
  const generated = await generatedArticles(generatedCount, join(workDir, 'articles'), log);
  const articles = [...fixed, ...generated].slice(0, Math.max(size, 1));
  const questions: BenchQuestion[] = [
    ...base.squadQuestions.map((q): BenchQuestion => ({ text: q.question, source: 'squad', squad: q })),
    ...base.seedQuestions.map((text): BenchQuestion => ({ text, source: 'seed' })),
    ...generatedQuestions(generatedCount, 500).map((text): BenchQuestion => ({ text, source: 'generated' })),
  ];
  return { articles, questions, base };
}

export async function measureSize(options: SizeOptions): Promise<SizeReport> {
  const started = performance.now();
  const { size, workDir, log } = options;
  const { articles, questions } = await benchCorpus(size, workDir, log);
  const sentences = sentencesOf(articles);
  log(`size ${size}: ${articles.length} articles, ${sentences.length} sentences, ${questions.length} questions`);
  const corpusDir = join(workDir, `corpus-${size}`, 'corpus');
  const cacheDir = join(workDir, `corpus-${size}`, 'cache');
  await writeCorpusFolder(corpusDir, articles);
  await mkdir(cacheDir, { recursive: true });

  const buildMs = {} as PerSystem<number>;
  const serializedBytes = {} as PerSystem<number>;
  const coldStartMs = {} as PerSystem<number>;
  const rssMB = {} as PerSystem<number>;
  const latency = {} as PerSystem<Latency>;
  const p1 = {} as PerSystem<number>;
  const sampled = sample(questions, options.baselineQuestions, 7);
  const sampledSquad = sampled.filter((q) => q.squad?.answerable);
  const isSampled = new Set(sampled);
  const correct = (q: EvalQuestion, c: CitedSentence | undefined) => c !== undefined && isCorrect(q.gold, c);
  const warmup = questions.filter((_, i) => i % 97 === 0).slice(0, 30);
  const coldRuns: PerSystem<number[]> = { briefbot: [], raw: [], stopwords: [] };
  const rssRuns: PerSystem<number[]> = { briefbot: [], raw: [], stopwords: [] };
  let latencyAll: Latency;
  let p1All = 0;
  let p1AllQuestions = 0;

  // briefbot (a block, so its index can be collected before the baselines are built)
  {
    let t = performance.now();
    const index = buildIndex(articles);
    buildMs.briefbot = performance.now() - t;
    log(`  briefbot index built in ${(buildMs.briefbot / 1000).toFixed(1)} s`);
    const file = indexCacheFile(cacheDir, corpusDir);
    // As openIndexedCorpus does: signatures before the hash, and again after, recorded when unchanged.
    const taken = { at: Date.now(), files: await fileSignatures(corpusDir) };
    const hash = await corpusHash(corpusDir);
    await writeIndexFile(file, hash, index, [], index.articles.map((a) => `${a.id}.json`), { taken, now: await fileSignatures(corpusDir) });
    serializedBytes.briefbot = (await stat(file)).size;
    for (const q of warmup) answerWithTrace(index, q.text);
    const times: number[] = [];
    const sampleTimes: number[] = [];
    let right = 0;
    let rightSample = 0;
    let answerable = 0;
    for (const q of questions) {
      t = performance.now();
      const { reply, trace } = answerWithTrace(index, q.text);
      const ms = performance.now() - t;
      times.push(ms);
      if (isSampled.has(q)) sampleTimes.push(ms);
      if (q.squad?.answerable) {
        answerable++;
        const first = reply.kind === 'answer' && !trace.declined ? reply.citations[0] : undefined;
        const doc = first ? index.doc(first.articleId, first.sentence) : undefined;
        const ok = correct(q.squad, doc ? { articleId: doc.article.id, sentence: doc.sentence.id, text: doc.sentence.text, start: doc.sentence.start, end: doc.sentence.end } : undefined);
        if (ok) right++;
        if (ok && isSampled.has(q)) rightSample++;
      }
    }
    latency.briefbot = latencyOf(sampleTimes);
    p1.briefbot = sampledSquad.length ? rightSample / sampledSquad.length : 0;
    latencyAll = latencyOf(times);
    p1All = answerable ? right / answerable : 0;
    p1AllQuestions = answerable;
    log(`  briefbot: p50 ${latencyAll.p50Ms.toFixed(2)} ms, p99 ${latencyAll.p99Ms.toFixed(2)} ms over ${times.length} questions; P@1 ${p1All.toFixed(3)}`);
  }
  // One untimed run first: it fills tsx's compile cache, which a restarted server also finds warm.
  await coldStart(['cold-briefbot', corpusDir, cacheDir, questions[0]!.text]);
  for (let i = 0; i < options.coldRuns; i++) {
    const run = await coldStart(['cold-briefbot', corpusDir, cacheDir, questions[0]!.text]);
    coldRuns.briefbot.push(run.ms);
    rssRuns.briefbot.push(run.rssMB);
  }

  for (const kind of ['raw', 'stopwords'] as const) {
    let t = performance.now();
    const search = new MiniSearch<{ id: number; text: string }>(baselineOptions(kind));
    search.addAll(sentences.map((s, id) => ({ id, text: s.text })));
    buildMs[kind] = performance.now() - t;
    const file = join(cacheDir, `${kind}.json`);
    await writeFile(file, JSON.stringify(search));
    serializedBytes[kind] = (await stat(file)).size;
    for (const q of warmup.slice(0, 5)) search.search(q.text);
    const times: number[] = [];
    let right = 0;
    for (const q of sampled) {
      t = performance.now();
      const hits = search.search(q.text);
      times.push(performance.now() - t);
      if (q.squad?.answerable) {
        const top = hits[0] ? sentences[hits[0].id as number] : undefined;
        if (correct(q.squad, top ? cited(top) : undefined)) right++;
      }
    }
    latency[kind] = latencyOf(times);
    p1[kind] = sampledSquad.length ? right / sampledSquad.length : 0;
    log(`  ${kind}: built in ${(buildMs[kind] / 1000).toFixed(1)} s, p50 ${latency[kind].p50Ms.toFixed(1)} ms, p99 ${latency[kind].p99Ms.toFixed(1)} ms over ${times.length} questions`);
    for (let i = 0; i < options.coldRuns; i++) {
      const run = await coldStart(['cold-minisearch', file, kind, questions[0]!.text]);
      coldRuns[kind].push(run.ms);
      rssRuns[kind].push(run.rssMB);
    }
  }
  for (const s of SYSTEMS) {
    coldStartMs[s] = median(coldRuns[s]);
    rssMB[s] = median(rssRuns[s]);
  }
  return {
    size,
    articles: articles.length,
    sentences: sentences.length,
    buildMs,
    serializedBytes,
    coldStartMs,
    rssMB,
    latency,
    latencyAll,
    p1,
    p1Questions: sampledSquad.length,
    p1All,
    p1AllQuestions,
    seconds: (performance.now() - started) / 1000,
  };
}
