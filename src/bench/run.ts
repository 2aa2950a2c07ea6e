/**
 * `briefbot bench`: how briefbot scales, next to raw MiniSearch and MiniSearch with stop words
 * removed on the same sentences in the same run. Each corpus size is measured in its own child
 * process (a fresh heap, so one size's memory does not weigh on the next); cold starts run in
 * further children. These machines are noisy: the ratios are the figures to quote.
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { answerWithTrace, buildIndex } from '../core/index.ts';
import { isCorrect, percentile } from '../eval/metrics.ts';
import { REPO_ROOT, ingestGenerated, loadBaseCorpus } from './corpus.ts';
import { SYSTEMS, type SizeReport } from './measure.ts';
import { NODE_FLAGS } from '../runtime.ts';

/** The streams and settings a command runs with (the CLI passes its own). */
export interface BenchIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdin?: NodeJS.ReadableStream;
}

export interface BenchReport {
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  /** Articles per second through the real ingester, on one core, over a sample of generated articles. */
  ingestion: { articlesPerSecond: number; sample: number };
  /** briefbot's SQuAD dev P@1 with only the SQuAD dev articles in the corpus (the reference for the target). */
  squadOnlyP1: number;
  /** briefbot over the seed article alone and its questions (repeated rounds). */
  seed: { questions: number; p50Ms: number; p99Ms: number };
  sizes: SizeReport[];
  targets: { name: string; value: string; met: boolean }[];
}

const USAGE = `Usage: briefbot bench [--sizes 100,1000,10000] [--json] [--baseline-questions N] [--cold-runs N] [--ingest-sample N] [--work-dir DIR]

Measures ingestion, index build, serialized size, cold start, memory, latency and SQuAD P@1
for briefbot, raw MiniSearch and MiniSearch without stop words, at each corpus size.
Generated articles and corpora are cached in --work-dir (default .briefbot/bench).
`;

function runSize(options: { size: number; workDir: string; baselineQuestions: number; coldRuns: number }, stderr: NodeJS.WritableStream): Promise<SizeReport> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, '--max-old-space-size=6144', '--import', 'tsx', join(REPO_ROOT, 'src/bench/child.ts'), 'size', JSON.stringify(options)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => stderr.write(chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench: size ${options.size} failed (exit ${code})`));
      resolvePromise(JSON.parse(out.trim().split('\n').pop()!) as SizeReport);
    });
  });
}

function fmt(n: number, digits = 1): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(digits);
}

function ratio(a: number, b: number): string {
  if (!(b > 0) || !(a > 0)) return '–';
  const r = a / b;
  return r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`;
}

/** The report as Markdown tables: one per size, each row a figure for the three systems and the ratios. */
export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const lines: string[] = [];
  lines.push(`Machine: ${m.cpus} × ${m.cpuModel}, Node ${m.node}, ${m.platform}`);
  lines.push(`Ingestion (real ingester, one core, ${report.ingestion.sample} generated articles): ${fmt(report.ingestion.articlesPerSecond)} articles/s`);
  lines.push(`Seed article alone: p50 ${report.seed.p50Ms.toFixed(3)} ms, p99 ${report.seed.p99Ms.toFixed(3)} ms over ${report.seed.questions} questions`);
  lines.push(`SQuAD dev P@1 with only the SQuAD articles: ${report.squadOnlyP1.toFixed(3)}`);
  for (const s of report.sizes) {
    lines.push('');
    lines.push(`### ${s.articles.toLocaleString('en')} articles, ${s.sentences.toLocaleString('en')} sentences (${fmt(s.seconds)} s)`);
    lines.push('');
    lines.push('| | briefbot | raw MiniSearch | MiniSearch − stop words | raw / briefbot | stop words / briefbot |');
    lines.push('|---|---:|---:|---:|---:|---:|');
    const row = (name: string, v: (k: (typeof SYSTEMS)[number]) => number, show: (n: number) => string, higherIsBetter = false) => {
      const b = v('briefbot');
      const r = v('raw');
      const w = v('stopwords');
      lines.push(`| ${name} | ${show(b)} | ${show(r)} | ${show(w)} | ${higherIsBetter ? ratio(r, b) : ratio(r, b)} | ${ratio(w, b)} |`);
    };
    row('index build (s)', (k) => s.buildMs[k] / 1000, (n) => n.toFixed(2));
    row('serialized index (MB)', (k) => s.serializedBytes[k] / 2 ** 20, (n) => fmt(n));
    row('cold start to first answer (s)', (k) => s.coldStartMs[k] / 1000, (n) => n.toFixed(2));
    row('resident memory after load (MB)', (k) => s.rssMB[k], (n) => fmt(n));
    row(`latency p50 (ms, ${s.latency.raw.questions} questions)`, (k) => s.latency[k].p50Ms, (n) => n.toFixed(2));
    row('latency p99 (ms)', (k) => s.latency[k].p99Ms, (n) => n.toFixed(2));
    row('throughput (questions/s, one core)', (k) => s.latency[k].perSecond, (n) => fmt(n), true);
    row(`SQuAD dev P@1 (${s.p1Questions} answerable in the sample)`, (k) => s.p1[k], (n) => n.toFixed(3), true);
    lines.push('');
    lines.push(
      `briefbot over all ${s.latencyAll.questions} mixed questions: p50 ${s.latencyAll.p50Ms.toFixed(2)} ms, p99 ${s.latencyAll.p99Ms.toFixed(2)} ms, ${fmt(s.latencyAll.perSecond)} questions/s; SQuAD dev P@1 ${s.p1All.toFixed(3)} over ${s.p1AllQuestions} answerable questions.`,
    );
  }
  lines.push('');
  lines.push('Targets:');
  for (const t of report.targets) lines.push(`- [${t.met ? 'x' : ' '}] ${t.name}: ${t.value}`);
  return lines.join('\n') + '\n';
}

/** Runs the benchmark; `--json` prints the report as one JSON object. Returns the exit code. */
export async function runBenchCommand(args: string[], io: BenchIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        sizes: { type: 'string', default: '100,1000,10000' },
        json: { type: 'boolean', default: false },
        'baseline-questions': { type: 'string' },
        'cold-runs': { type: 'string', default: '3' },
        'ingest-sample': { type: 'string', default: '200' },
        'work-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    io.stderr.write(`briefbot bench: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const sizes = values.sizes.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 100_000)) {
    io.stderr.write(`briefbot bench: --sizes takes whole numbers from 1 to 100000, separated by commas\n`);
    return 2;
  }
  const workDir = resolve(io.cwd, values['work-dir'] ?? io.env.BRIEFBOT_BENCH_DIR ?? '.briefbot/bench');
  const log = (line: string) => io.stderr.write(line + '\n');
  const coldRuns = Math.max(1, Number(values['cold-runs']) || 3);

  // References first: SQuAD dev alone, and the seed article alone (timed before the ingestion
  // sample fills the heap with the tagger's garbage, whose collection is not the bot's cost).
  const base = await loadBaseCorpus();
  const squadIndex = buildIndex(base.squad);
  let t = performance.now();
  let right = 0;
  let answerable = 0;
  for (const q of base.squadQuestions) {
    if (!q.answerable) continue;
    answerable++;
    const { reply, trace } = answerWithTrace(squadIndex, q.question);
    const c = reply.kind === 'answer' && !trace.declined ? reply.citations[0] : undefined;
    const doc = c ? squadIndex.doc(c.articleId, c.sentence) : undefined;
    if (doc && isCorrect(q.gold, { articleId: doc.article.id, sentence: doc.sentence.id, text: doc.sentence.text, start: doc.sentence.start, end: doc.sentence.end })) right++;
  }
  const squadOnlyP1 = answerable ? right / answerable : 0;
  const seedIndex = buildIndex([base.seed]);
  for (const q of base.seedQuestions) answerWithTrace(seedIndex, q);
  const seedTimes: number[] = [];
  for (let round = 0; round < 30; round++) {
    for (const q of base.seedQuestions) {
      t = performance.now();
      answerWithTrace(seedIndex, q);
      seedTimes.push(performance.now() - t);
    }
  }
  const seed = { questions: seedTimes.length, p50Ms: percentile(seedTimes, 50), p99Ms: percentile(seedTimes, 99) };
  log(`seed alone: p99 ${seed.p99Ms.toFixed(3)} ms; SQuAD-only P@1 ${squadOnlyP1.toFixed(3)}`);

  // Ingestion rate: the real ingester on one core, over a sample (the corpora themselves are cached).
  const sampleSize = Math.max(1, Number(values['ingest-sample']) || 200);
  t = performance.now();
  for (let n = 0; n < sampleSize; n++) ingestGenerated(1_000_000 + n);
  const ingestion = { articlesPerSecond: (sampleSize * 1000) / (performance.now() - t), sample: sampleSize };
  log(`ingestion: ${ingestion.articlesPerSecond.toFixed(1)} articles/s`);

  const reports: SizeReport[] = [];
  for (const size of sizes) {
    const baselineQuestions = Number(values['baseline-questions']) || (size >= 5000 ? 150 : 400);
    reports.push(await runSize({ size, workDir, baselineQuestions, coldRuns }, io.stderr));
  }

  const largest = reports.reduce<SizeReport | undefined>((a, b) => (!a || b.articles > a.articles ? b : a), undefined);
  const targets: BenchReport['targets'] = [{ name: 'seed corpus answer p99 <= 1 ms', value: `${seed.p99Ms.toFixed(3)} ms`, met: seed.p99Ms <= 1 }];
  if (largest) {
    const at = `at ${largest.articles.toLocaleString('en')} articles`;
    targets.push(
      { name: `answer p99 <= 15 ms ${at}`, value: `${largest.latencyAll.p99Ms.toFixed(2)} ms`, met: largest.latencyAll.p99Ms <= 15 },
      { name: `cold start <= 2 s ${at}`, value: `${(largest.coldStartMs.briefbot / 1000).toFixed(2)} s`, met: largest.coldStartMs.briefbot <= 2000 },
      { name: `resident memory <= 1 GB ${at}`, value: `${largest.rssMB.briefbot.toFixed(0)} MB`, met: largest.rssMB.briefbot <= 1024 },
      {
        name: `SQuAD dev P@1 within 2 points of SQuAD alone ${at}`,
        value: `${largest.p1All.toFixed(3)} vs ${squadOnlyP1.toFixed(3)}`,
        met: largest.p1All >= squadOnlyP1 - 0.02,
      },
    );
  }
  const cpuList = cpus();
  const report: BenchReport = {
    machine: { cpus: cpuList.length, cpuModel: cpuList[0]?.model.trim() ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` },
    ingestion,
    squadOnlyP1,
    seed,
    sizes: reports,
    targets,
  };
  io.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
  return 0;
}
