import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { recommendedShardCount, shardOf, shardSetting, startDiscordShards, type DiscordShards } from '../../src/server/shards.ts';

const PROBE = fileURLToPath(new URL('./shard-probe.mjs', import.meta.url));

describe('shardSetting', () => {
  it('reads --shards before BRIEFBOT_SHARDS, and treats unset, 1 and off as no sharding', () => {
    expect(shardSetting('auto', { BRIEFBOT_SHARDS: '4' })).toBe('auto');
    expect(shardSetting(undefined, { BRIEFBOT_SHARDS: '4' })).toBe(4);
    expect(shardSetting(undefined, {})).toBeNull();
    expect(shardSetting('1', {})).toBeNull();
    expect(shardSetting(undefined, { BRIEFBOT_SHARDS: 'off' })).toBeNull();
  });

  it('names the setting that is wrong', () => {
    expect(() => shardSetting('two', {})).toThrow(/--shards must be "auto" or a whole number/);
    expect(() => shardSetting(undefined, { BRIEFBOT_SHARDS: '0' })).toThrow(/BRIEFBOT_SHARDS/);
  });
});

describe('shardOf', () => {
  it('reads the shard ids and count discord.js gives a shard process', () => {
    expect(shardOf({ SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' })).toEqual({ shards: [1], count: 2 });
    expect(shardOf({ SHARDING_MANAGER: 'true', SHARDS: '[0,2]', SHARD_COUNT: '4' })).toEqual({ shards: [0, 2], count: 4 });
    expect(shardOf({})).toBeNull();
  });
});

describe('recommendedShardCount', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('asks GET /gateway/bot on the configured API with the bot token', async () => {
    let auth = '';
    server = createServer((req, res) => {
      auth = req.headers.authorization ?? '';
      res.writeHead(req.url === '/api/v10/gateway/bot' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: 'wss://gateway.test', shards: 3, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    expect(await recommendedShardCount('test-token', `http://127.0.0.1:${port}/api/v10/`)).toBe(3);
    expect(auth).toBe('Bot test-token');
  });
});

describe('startDiscordShards', () => {
  let shards: DiscordShards | undefined;
  afterEach(async () => {
    await shards?.stop();
    shards = undefined;
  });

  it('spawns one process per shard with its shard id, the count, the token and extra environment', async () => {
    const probes: Record<string, unknown>[] = [];
    let allSeen: () => void = () => undefined;
    const seen = new Promise<void>((resolve) => (allSeen = resolve));
    const onProbe = (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'probe' in message) probes.push(message.probe as Record<string, unknown>);
      if (probes.length === 2) allSeen();
    };
    shards = await startDiscordShards({
      token: 'test-token',
      shards: 2,
      script: PROBE,
      args: ['start', '--corpus', 'corpus'],
      env: { BRIEFBOT_PROBE: 'yes' },
      readyTimeout: -1,
      delay: 0,
      respawn: false,
      onShard: (shard) => shard.on('message', onProbe),
    });
    await seen;
    expect(shards?.count).toBe(2);
    expect(probes.map((p) => p.shards).sort()).toEqual(['0', '1']);
    for (const p of probes) expect(p).toMatchObject({ count: '2', manager: 'true', hasToken: true, extra: 'yes', args: ['start', '--corpus', 'corpus'] });
  });
});
