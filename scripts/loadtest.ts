/**
 * A bounded load test of `POST /slack/events` with signed requests, only on 127.0.0.1, that
 * stops by itself: `npm run loadtest [-- --seconds 10 --concurrency 32]`.
 *
 * The real server runs as a child process (`node bin/briefbot.js start`, Slack HTTP mode, the
 * repository's corpus), so the load generator does not share its event loop. Each request is
 * a distinct app_mention from a distinct user (so every one takes the whole path: signature
 * check, dedupe, rate limit, answer, render, chat.postMessage), signed as Slack signs it. A
 * small Slack Web API sink in this process records when each answer arrives, so the figures
 * cover the answer reaching Slack, not only the HTTP acknowledgement.
 *
 * Passes (exit 0) when no request failed and every answer arrived within 3 seconds.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_FLAGS } from '../src/runtime.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, concurrency: { type: 'string', default: '32' }, corpus: { type: 'string' } } });
const SECONDS = Math.min(60, Math.max(1, Number(values.seconds)));
const CONCURRENCY = Math.min(256, Math.max(1, Number(values.concurrency)));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = values.corpus ?? join(ROOT, 'corpus');
const SECRET = 'loadtest-signing-secret';
const TOKEN = 'xoxb-loadtest';
const BOT_USER = 'U0BRIEFBOT';
const LIMIT_MS = 3000;
const QUESTIONS = ['What did Putin demand?', 'What did Trump say?', 'Who is Zelensky?', 'What did Macron say?', 'brief', 'sources'];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// ---- A Slack Web API sink: auth.test and chat.postMessage, recording arrival times. ----
const answeredAt = new Map<string, number>();
const sink = createServer((req, res) => {
  void readBody(req).then((raw) => {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    const args = req.headers['content-type']?.includes('json') ? (JSON.parse(raw || '{}') as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
    let body: Record<string, unknown> = { ok: false, error: 'unknown_method' };
    if (method === 'auth.test') body = { ok: true, user_id: BOT_USER, bot_id: 'B0BRIEF', team_id: 'T0LOAD' };
    if (method === 'chat.postMessage') {
      const thread = String(args.thread_ts ?? '');
      if (!answeredAt.has(thread)) answeredAt.set(thread, performance.now());
      body = { ok: true, channel: args.channel, ts: `${Date.now() / 1000}` };
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
});
await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
const apiUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/api/`;

// ---- The server under test, as an operator runs it. ----
const scratch = await mkdtemp(join(tmpdir(), 'briefbot-loadtest-'));
const child = spawn(process.execPath, [...NODE_FLAGS, join(ROOT, 'bin/briefbot.js'), 'start'], {
  cwd: scratch,
  env: {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    BRIEFBOT_HOST: '127.0.0.1',
    BRIEFBOT_CORPUS: CORPUS,
    BRIEFBOT_FEEDBACK_LOG: join(scratch, 'feedback.jsonl'),
    LOG_LEVEL: 'info',
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let serverLog = '';
let logLines = 0;
const port = await new Promise<number>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('server did not start within 20 s')), 20_000);
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    logLines += text.split('\n').length - 1;
    if (serverLog.length < 100_000) serverLog += text;
    const m = /"port":(\d+).*"msg":"briefbot serving"/.exec(serverLog);
    if (m) {
      clearTimeout(timer);
      resolve(Number(m[1]));
    }
  });
  child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${serverLog}`)));
});
const url = `http://127.0.0.1:${port}/slack/events`;

// ---- The load: CONCURRENCY workers for SECONDS, each one request at a time. ----
let sequence = 0;
const sentAt = new Map<string, number>();
const ackLatencies: number[] = [];
const errors: string[] = [];
const deadline = performance.now() + SECONDS * 1000;

async function one(): Promise<void> {
  const n = ++sequence;
  const ts = `1800000000.${String(n).padStart(6, '0')}`;
  const question = QUESTIONS[n % QUESTIONS.length] as string;
  const body = JSON.stringify({
    token: 'x', team_id: 'T0LOAD', api_app_id: 'A0LOAD', type: 'event_callback', event_id: `EvLOAD${n}`, event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_mention', user: `U${String(n).padStart(8, '0')}`, text: `<@${BOT_USER}> ${question}`, ts, channel: 'C0LOAD', event_ts: ts },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = 'v0=' + createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex');
  const started = performance.now();
  sentAt.set(ts, started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
      body,
      signal: AbortSignal.timeout(LIMIT_MS),
    });
    await response.arrayBuffer();
    if (response.status !== 200) errors.push(`HTTP ${response.status}`);
  } catch (error) {
    errors.push((error as Error).name + ': ' + (error as Error).message);
  }
  ackLatencies.push(performance.now() - started);
}

const t0 = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < deadline) await one();
  }),
);
const elapsed = (performance.now() - t0) / 1000;
// Answers are posted after the acknowledgement: give the last ones up to the limit to arrive.
const waitUntil = performance.now() + LIMIT_MS + 500;
while (answeredAt.size < sentAt.size && performance.now() < waitUntil) await new Promise((r) => setTimeout(r, 20));

const answerLatencies = [...sentAt].map(([ts, at]) => (answeredAt.has(ts) ? (answeredAt.get(ts) as number) - at : Infinity)).sort((a, b) => a - b);
ackLatencies.sort((a, b) => a - b);
const unanswered = answerLatencies.filter((l) => l === Infinity).length;
const late = answerLatencies.filter((l) => l > LIMIT_MS).length;

// ---- Stop the server the way an operator does, and time it. ----
const stopStarted = performance.now();
child.kill('SIGTERM');
const exitCode = await new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));
const stopMs = performance.now() - stopStarted;
sink.close();
await rm(scratch, { recursive: true, force: true });

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'never');
const summary = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` },
  seconds: Number(elapsed.toFixed(2)),
  concurrency: CONCURRENCY,
  requests: sentAt.size,
  errors: errors.length,
  requestsPerSecond: Number((sentAt.size / elapsed).toFixed(1)),
  ackMs: { p50: Number(fmt(percentile(ackLatencies, 50))), p99: Number(fmt(percentile(ackLatencies, 99))), max: Number(fmt(ackLatencies.at(-1) ?? NaN)) },
  answerMs: { p50: Number(fmt(percentile(answerLatencies, 50))), p99: Number(fmt(percentile(answerLatencies, 99))), max: fmt(answerLatencies.at(-1) ?? NaN) },
  unanswered,
  over3s: late,
  serverLogLines: logLines,
  shutdown: { exitCode, ms: Math.round(stopMs) },
};
console.log(JSON.stringify(summary, null, 2));
console.log(
  `\n${summary.requests} signed requests in ${summary.seconds} s (${summary.requestsPerSecond} req/s, ${CONCURRENCY} concurrent), ${summary.errors} errors; ` +
    `acknowledged p99 ${summary.ackMs.p99} ms; answer posted p50 ${summary.answerMs.p50} ms, p99 ${summary.answerMs.p99} ms, max ${summary.answerMs.max} ms; ` +
    `${unanswered} unanswered, ${late} over 3 s. Machine: ${summary.machine.cpus} × ${summary.machine.cpu}, Node ${summary.machine.node}.`,
);
if (errors.length > 0) console.log('first errors:', errors.slice(0, 5));
process.exitCode = errors.length === 0 && unanswered === 0 && late === 0 && exitCode === 0 ? 0 : 1;
