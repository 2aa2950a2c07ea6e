import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/shared/logger.ts';
import { ConfigError, loadServerConfig, type Env } from '../../src/server/config.ts';
import { startServer } from '../../src/server/server.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { tempCorpus, slackHttpEnv } from './helpers.ts';

describe('startServer refusing to start', () => {
  let slack: FakeSlack;
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;

  beforeAll(async () => {
    slack = await startFakeSlack();
    corpus = await tempCorpus('briefbot-startup-');
  });
  afterAll(async () => {
    await slack.close();
    await corpus.cleanup();
  });

  const config = (extra: Env = {}) =>
    loadServerConfig(
      {
        ...slackHttpEnv(corpus, slack.apiUrl),
        ...extra,
      },
      { cwd: corpus.root },
    );

  it('names SLACK_BOT_TOKEN when Slack rejects it', async () => {
    slack.failNext('auth.test', 'invalid_auth');
    const error = await startServer({ config: config(), logger: silentLogger() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ variable: 'SLACK_BOT_TOKEN', message: expect.stringMatching(/^Slack: .*invalid_auth/) });
  });

  it('names BRIEFBOT_CORPUS when the corpus folder does not exist', async () => {
    await expect(startServer({ config: config({ BRIEFBOT_CORPUS: join(corpus.root, 'missing') }), logger: silentLogger() })).rejects.toThrow(/BRIEFBOT_CORPUS/);
  });

  it('names PORT when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const error = await startServer({ config: config({ PORT: String(port) }), logger: silentLogger() }).catch((e: unknown) => e);
      expect(error).toMatchObject({ variable: 'PORT', message: expect.stringContaining('already in use') });
    } finally {
      blocker.close();
    }
  });

  it('starts with an empty corpus folder, and declines until an article arrives', async () => {
    const { mkdir } = await import('node:fs/promises');
    const empty = join(corpus.root, 'empty');
    await mkdir(empty);
    const server = await startServer({ config: config({ BRIEFBOT_CORPUS: empty }), logger: silentLogger() });
    try {
      expect(server.bot.handle({ text: 'What happened?' }).kind).not.toBe('answer');
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { articles: number };
      expect(health.articles).toBe(0);
    } finally {
      await server.close();
    }
  });
});
