import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { saveArticle, type Article } from '../../src/core/index.ts';
import { createLogger as createServerLogger, type Logger } from '../../src/adapters/shared/logger.ts';
import { FAKE_BOT_TOKEN } from '../fakes/slack-api.ts';
import type { FakeDiscord } from '../fakes/discord-api.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { SIGNING_SECRET } from '../fakes/slack-requests.ts';
import { fixtureArticle, fixtureText } from '../helpers.ts';

/**
 * The environment of a server on a free loopback port, serving a temporary corpus and Slack in
 * HTTP mode against a fake Slack; tests add the variables they are about.
 */
export function slackHttpEnv(corpus: { root: string; dir: string }, slackApiUrl: string): Record<string, string> {
  return {
    PORT: '0',
    BRIEFBOT_HOST: '127.0.0.1',
    BRIEFBOT_CORPUS: corpus.dir,
    BRIEFBOT_FEEDBACK_LOG: join(corpus.root, 'feedback.jsonl'),
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
  };
}

export const HARBOUR_ID = 'harbour';
export const CLINIC_ID = 'clinic';

/** The two test articles, as ingestion makes them. */
export function testArticles(): { harbour: Article; clinic: Article } {
  return {
    harbour: fixtureArticle('harbour-vote.txt', { id: HARBOUR_ID, outlet: 'The Coastal Herald', url: 'https://example.org/harbour' }),
    clinic: fixtureArticle('clinic-closure.txt', { id: CLINIC_ID, outlet: 'Highland Times' }),
  };
}

/** A temporary corpus folder with the two test articles ingested into it. */
export async function tempCorpus(prefix = 'briefbot-server-'): Promise<{ root: string; dir: string; cleanup(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const dir = join(root, 'corpus');
  const { harbour, clinic } = testArticles();
  await saveArticle(dir, harbour, fixtureText('harbour-vote.txt'));
  await saveArticle(dir, clinic, fixtureText('clinic-closure.txt'));
  return { root, dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** The server's own logger, its JSON lines kept in memory, for asserting what gets logged. */
export function memoryLogger(level = 'debug'): { logger: Logger; lines(): Record<string, unknown>[]; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createServerLogger({ level, destination: stream });
  const text = () => chunks.join('');
  return {
    logger,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 4000, stepMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** The environment of a server on a free loopback port serving a temporary corpus to the Discord gateway only. */
export function discordGatewayEnv(corpus: { root: string; dir: string }, discordApiUrl: string, token: string): Record<string, string> {
  return {
    PORT: '0',
    BRIEFBOT_HOST: '127.0.0.1',
    BRIEFBOT_CORPUS: corpus.dir,
    BRIEFBOT_FEEDBACK_LOG: join(corpus.root, 'feedback.jsonl'),
    DISCORD_TOKEN: token,
    DISCORD_API_URL: discordApiUrl,
  };
}

/**
 * Closes the server while the edit of a deferred Discord answer is on its way (the fake Discord
 * answering webhook calls slowly), and checks that the close waited for the edit to be sent.
 */
export async function closeDuringDeferredEdit(server: RunningServer, discord: FakeDiscord, answer: string): Promise<void> {
  await discord.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'));
  expect(server.inFlight()).toBeGreaterThan(0);
  await server.close();
  expect(discord.webhooksAnswered).toBe(1);
  const edit = discord.requests.find((r) => r.method === 'PATCH');
  expect(JSON.stringify(edit?.body).replaceAll('**', '')).toContain(answer);
}
