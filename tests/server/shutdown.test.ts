import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BOT_TOKEN, FAKE_BOT_USER, nextTs, startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { eventCallback, jsonPost, postToApp, SIGNING_SECRET } from '../fakes/slack-requests.ts';
import { allText } from '../slack/helpers.ts';
import { eventually, tempCorpus, slackHttpEnv } from './helpers.ts';

const BIN = fileURLToPath(new URL('../../bin/briefbot.js', import.meta.url));

/** `node bin/briefbot.js start` as an operator runs it, with Slack HTTP mode against the fake. */
/** Logs come on standard output; a setting that stops the start, on standard error. */
function startChild(env: Record<string, string>, cwd: string): { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [BIN, 'start'], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
}

describe('briefbot start as a process', () => {
  let slack: FakeSlack;
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
    corpus = await tempCorpus('briefbot-shutdown-');
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await slack.close();
    await corpus.cleanup();
  });

  const env = () => ({
    ...slackHttpEnv(corpus, slack.apiUrl),
  });

  it('exits 0 within 5 seconds of SIGTERM, after answering the question in flight', async () => {
    const run = startChild(env(), corpus.root);
    children.push(run.child);
    const port = await eventually(() => /"port":(\d+).*"msg":"briefbot serving"/.exec(run.stdout())?.[1], 15_000, 50);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    const ts = nextTs();
    const event = { type: 'app_mention', user: 'U0ALICE', text: `<@${FAKE_BOT_USER}> Who voted against the bridge?`, ts, channel: 'C0NEWS', event_ts: ts };
    expect((await postToApp(`${base}/slack/events`, jsonPost(eventCallback(event)))).status).toBe(200);
    const signalled = Date.now();
    run.child.kill('SIGTERM');
    const { code, signal } = await run.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(5000);

    const post = slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts === ts);
    expect(allText(post?.args ?? {})).toContain('Marco Silva voted against the plan.');
    expect(run.stdout()).toContain('"msg":"shut down"');
    expect(run.stdout()).not.toContain('took too long');
    for (const secret of [FAKE_BOT_TOKEN, SIGNING_SECRET, 'U0ALICE']) expect(run.stdout() + run.stderr()).not.toContain(secret);
    expect(run.stderr()).toBe('');
  });

  it('exits 0 on SIGINT too', async () => {
    const run = startChild(env(), corpus.root);
    children.push(run.child);
    await eventually(() => run.stdout().includes('briefbot serving'), 15_000, 50);
    const signalled = Date.now();
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(5000);
  });

  it('stops at start with one briefbot: line and exit code 1 when a setting is wrong', async () => {
    const run = startChild({ ...env(), PORT: 'eighty' }, corpus.root);
    children.push(run.child);
    expect((await run.exited).code).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^briefbot: PORT is "eighty"; set it to a port number/)]);
  });
});
