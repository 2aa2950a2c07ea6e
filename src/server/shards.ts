/**
 * Discord sharding on what discord.js provides: a ShardingManager in the main process spawns
 * one process per shard (or per `shardList` entry), each running `briefbot start` with
 * `SHARDING_MANAGER`, `SHARDS`, `SHARD_COUNT` and `DISCORD_TOKEN` in its environment; the
 * discord.js Client in that process reads them and connects only its shards. Every process
 * holds its own read-only index and nothing else that answering needs (follow-ups are read
 * back from the platform), so shards share no state.
 *
 * The main process of a sharded start should serve HTTP (Slack, Discord interactions,
 * /healthz) and leave the gateway to the shards; a shard process (see {@link shardOf}) should
 * serve only the Discord gateway.
 */
import { fileURLToPath } from 'node:url';
import { ShardingManager, type Shard } from 'discord.js';
import { BriefbotError } from '../core/errors.ts';
import { NODE_FLAGS } from '../runtime.ts';

/** How many shards: a number, or `auto` for Discord's recommendation. */
export type ShardSetting = number | 'auto';

/** The CLI entry point each shard process runs (`bin/briefbot.js`). */
export const BRIEFBOT_BIN = fileURLToPath(new URL('../../bin/briefbot.js', import.meta.url));

/**
 * The shard setting from `--shards` (which wins) or `BRIEFBOT_SHARDS`; null when neither is
 * set, or when it is `1`/`off` (one process, no manager).
 *
 * @throws BriefbotError `BAD_CONFIG` for anything but `auto` or a whole number from 1 to 1,000.
 */
export function shardSetting(flag: string | undefined, env: NodeJS.ProcessEnv): ShardSetting | null {
  const fromFlag = flag?.trim();
  const raw = fromFlag !== undefined && fromFlag !== '' ? fromFlag : (env.BRIEFBOT_SHARDS ?? '').trim();
  const source = fromFlag !== undefined && fromFlag !== '' ? '--shards' : 'BRIEFBOT_SHARDS';
  if (raw === '' || raw === 'off' || raw === '1') return null;
  if (raw === 'auto') return 'auto';
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1000) {
    throw new BriefbotError('BAD_CONFIG', `${source} must be "auto" or a whole number of shards from 1 to 1000 (got "${raw}")`);
  }
  return Number(raw);
}

/** The shards this process serves when a ShardingManager started it, or null in an unsharded process. */
export function shardOf(env: NodeJS.ProcessEnv): { shards: number[]; count: number } | null {
  if (env.SHARDING_MANAGER !== 'true' || env.SHARDS === undefined) return null;
  const parsed = JSON.parse(env.SHARDS) as unknown;
  const shards = (Array.isArray(parsed) ? parsed : [parsed]).map(Number).filter(Number.isInteger);
  return { shards, count: Number(env.SHARD_COUNT ?? shards.length) };
}

/**
 * Discord's recommended shard count (`GET /gateway/bot`), from `DISCORD_API_URL` when set so
 * tests can use a fake. discord.js's own `auto` always asks discord.com.
 */
export async function recommendedShardCount(token: string, apiUrl = 'https://discord.com/api/v10'): Promise<number> {
  const response = await fetch(`${apiUrl.replace(/\/+$/, '')}/gateway/bot`, { headers: { authorization: `Bot ${token}` } });
  if (!response.ok) throw new BriefbotError('BAD_CONFIG', `Discord refused the shard count request (HTTP ${response.status}); check DISCORD_TOKEN`);
  const body = (await response.json()) as { shards?: unknown };
  if (typeof body.shards !== 'number' || !Number.isInteger(body.shards) || body.shards < 1) throw new Error('Discord sent no shard count');
  return body.shards;
}

export interface DiscordShardsOptions {
  token: string;
  shards: ShardSetting;
  /** Script each shard runs (default `bin/briefbot.js`), with `args` (default `['start']`). */
  script?: string;
  args?: string[];
  execArgv?: string[];
  /** Extra environment for the shard processes (on top of this process's). */
  env?: Record<string, string>;
  /** REST base for `auto` (DISCORD_API_URL). */
  apiUrl?: string | undefined;
  /** Restart a shard process that exits (default true). */
  respawn?: boolean;
  /** Wait this long for each shard's client to become ready; -1 does not wait (default 30 s). */
  readyTimeout?: number;
  /** Pause between shard spawns; Discord allows one IDENTIFY per 5 s per bucket (default 5.5 s). */
  delay?: number;
  log?: (message: string) => void;
  /** Called for each shard before its process starts (to listen to its messages, say). */
  onShard?: (shard: Shard) => void;
}

export interface DiscordShards {
  readonly manager: ShardingManager;
  readonly count: number;
  /** Stops every shard process (no respawn). */
  stop(): Promise<void>;
}

/**
 * Starts a ShardingManager and spawns the shard processes.
 *
 * @example
 * ```ts
 * // in src/server/start.ts, before anything else is served:
 * const setting = shardSetting(values.shards, io.env);
 * if (setting !== null && !shardOf(io.env) && io.env.DISCORD_TOKEN) {
 *   const shards = await startDiscordShards({ token: io.env.DISCORD_TOKEN, shards: setting, apiUrl: io.env.DISCORD_API_URL, args: ['start', ...args] });
 *   // serve HTTP here (Slack, /discord/interactions, /healthz) without a gateway client; on SIGTERM: await shards.stop()
 * }
 * ```
 */
export async function startDiscordShards(options: DiscordShardsOptions): Promise<DiscordShards> {
  const count = options.shards === 'auto' ? await recommendedShardCount(options.token, options.apiUrl) : options.shards;
  const respawn = options.respawn ?? true;
  const manager = new ShardingManager(options.script ?? BRIEFBOT_BIN, {
    token: options.token,
    totalShards: count,
    mode: 'process',
    respawn,
    shardArgs: options.args ?? ['start'],
    execArgv: options.execArgv ?? [...NODE_FLAGS],
  });
  const log = options.log ?? (() => undefined);
  manager.on('shardCreate', (shard: Shard) => {
    // Shard copies process.env when created; add ours before it forks.
    Object.assign(shard.env as Record<string, string>, options.env ?? {});
    shard.on('death', () => log(`discord shard ${shard.id} exited${respawn ? '; restarting it' : ''}`));
    shard.on('spawn', () => log(`discord shard ${shard.id} of ${count} started`));
    options.onShard?.(shard);
  });
  await manager.spawn({ amount: count, delay: options.delay ?? 5_500, timeout: options.readyTimeout ?? 30_000 });
  return {
    manager,
    count,
    async stop() {
      manager.respawn = false;
      await Promise.all(
        [...manager.shards.values()].map(
          (shard) =>
            new Promise<void>((resolve) => {
              const child = shard.process;
              if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              shard.kill();
            }),
        ),
      );
    },
  };
}
