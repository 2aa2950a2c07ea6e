import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/server.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.ts';
import { slashCommand } from '../fakes/discord-interactions.ts';
import { discordGatewayEnv, eventually, memoryLogger, tempCorpus, slackHttpEnv } from './helpers.ts';

const BIN = fileURLToPath(new URL('../../bin/briefbot.js', import.meta.url));
const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.fake.token';

describe('startServer roles for a sharded start', () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;

  beforeAll(async () => {
    slack = await startFakeSlack();
    discord = await startFakeDiscord();
    corpus = await tempCorpus('briefbot-roles-');
  });
  afterAll(async () => {
    await slack.close();
    await discord.close();
    await corpus.cleanup();
  });

  const config = () =>
    loadServerConfig(
      {
        ...slackHttpEnv(corpus, slack.apiUrl),
        DISCORD_TOKEN,
        DISCORD_API_URL: discord.apiUrl,
      },
      { cwd: corpus.root },
    );

  it('the main process serves HTTP and Slack and leaves the gateway to the shards', async () => {
    const identifies = discord.identifies.length;
    const server = await startServer({ config: config(), logger: memoryLogger().logger, role: 'shard-main' });
    try {
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { slack: string; discord: { gateway: boolean } };
      expect(health).toMatchObject({ slack: 'http', discord: { gateway: false } });
      expect(discord.identifies.length).toBe(identifies);
    } finally {
      await server.close();
    }
  });

  it('a shard process connects its gateway shard only: no HTTP listener, no Slack', async () => {
    const slackCalls = slack.calls.length;
    const server = await startServer({ config: config(), logger: memoryLogger().logger, role: 'shard' });
    try {
      expect(server.port).toBe(0);
      expect(slack.calls.length).toBe(slackCalls);
      const interaction = slashCommand('ask', [{ name: 'question', type: 3, value: 'Who voted against the bridge?' }]);
      discord.dispatch('INTERACTION_CREATE', interaction);
      const callback = await discord.waitForRequest((r) => r.method === 'POST' && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
      expect(JSON.stringify(callback.body).replaceAll('**', '')).toContain('Marco Silva voted against the plan.');
    } finally {
      await server.close();
    }
  });

  it('briefbot start --shards 2 runs two shard processes and all of them exit 0 on SIGTERM', { timeout: 45_000 }, async () => {
    const before = discord.identifies.length;
    const child = spawn(process.execPath, [BIN, 'start', '--shards', '2'], {
      cwd: corpus.root,
      env: { PATH: process.env.PATH ?? '', ...discordGatewayEnv(corpus, discord.apiUrl, DISCORD_TOKEN) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let err = ''; // the log, from standard output
    child.stdout?.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await eventually(() => (err.match(/briefbot serving discord shards/g) ?? []).length === 2, 30_000, 100);
      const shards = discord.identifies.slice(before).map((i) => (i as { shard?: number[] }).shard);
      expect(shards).toEqual(expect.arrayContaining([[0, 2], [1, 2]]));
      const signalled = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(5000);
      expect((err.match(/"msg":"shut down"/g) ?? []).length).toBe(3);
      expect(err).not.toContain('took too long');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
