/**
 * One process that serves Slack and Discord side by side: one node:http server on PORT for
 * `POST /slack/events`, `POST /discord/interactions` and `GET /healthz`; Slack Socket Mode and
 * the Discord gateway beside it when configured. The corpus reloads while serving; every
 * question goes through the rate limit and the request log; SIGINT and SIGTERM shut it down
 * gracefully.
 *
 * `startServer` takes its settings, logger and clock as arguments (tests run it on port 0
 * against fakes); `runServer` alone reads the environment and installs signal handlers.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Events, type Client } from 'discord.js';
import { createBot, createBotOver, type Bot } from '../core/bot.ts';
import { fileSignatures } from '../core/corpus.ts';
import { openIndexedCorpus } from '../core/index-cache.ts';
import type { Article } from '../core/schema.ts';
import type { Io } from '../adapters/cli/main.ts';
import { createFeedbackLog } from '../adapters/shared/feedback.ts';
import { createSlackAdapter, SlackConfigError, type SlackAdapter } from '../adapters/slack/index.ts';
import { createDiscordGateway, createDiscordInteractionsHandler, type DiscordInteractionsHandler } from '../adapters/discord/index.ts';
import { ConfigError, loadServerConfig, type Env, type ServerConfig } from './config.ts';
import { createCorpusWatcher, type CorpusWatcher, type ScanResult } from './corpus-watch.ts';
import { createArticleAdder } from './articles.ts';
import { withLimits } from './limits.ts';
import { withRequestLog } from './request-log.ts';
import { shardOf, shardSetting, startDiscordShards, type DiscordShards } from './shards.ts';
import { createLogger, type Logger } from '../adapters/shared/logger.ts';

/** Slack and Discord both send small JSON or form bodies; anything bigger is not from them. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Shutdown budget: the process must be gone within 5 s of the signal. */
const SHUTDOWN_BUDGET_MS = 4500;

/**
 * What this process serves. `all`: everything configured. With Discord sharding (`--shards`),
 * the main process is `shard-main` (HTTP, Slack, Discord interactions, /healthz; the gateway is
 * left to the shard processes) and each shard process is `shard` (its gateway shards only: no
 * HTTP listener, no Slack).
 */
export type ServerRole = 'all' | 'shard-main' | 'shard';

export interface StartServerOptions {
  config: ServerConfig;
  role?: ServerRole;
  logger: Logger;
  /** Milliseconds since the epoch, for the rate limit and the health check's index age. */
  clock?: () => number;
  /** Corpus watch timings (tests shorten them). */
  pollMs?: number;
  debounceMs?: number;
  /** How long a graceful close waits for answers in flight before cutting connections. */
  drainMs?: number;
  /** How long the start waits for Slack's auth.test before serving anyway. */
  slackReadyTimeoutMs?: number;
  /** How long the start waits for the Discord gateway to be ready before giving up. */
  discordReadyTimeoutMs?: number;
  /** How long a Discord interaction may take before it is deferred, over HTTP and the gateway (tests use 0). */
  discordDeferAfterMs?: number;
}

export interface RunningServer {
  /** The port listened on; 0 in a shard process, which does not listen. */
  readonly port: number;
  /** `http://host:port` as listened on (127.0.0.1 when listening on all interfaces); '' when not listening. */
  readonly url: string;
  /** The bot the adapters call: core + rate limit + request log. */
  readonly bot: Bot;
  readonly watcher: CorpusWatcher;
  /** Requests, Slack events and Discord interactions (a deferred answer until its edit is sent) still being answered. */
  inFlight(): number;
  /** Graceful: stop accepting, finish answers in flight (up to `drainMs`), disconnect. */
  close(): Promise<void>;
}

export interface Health {
  status: 'ok' | 'shutting down';
  articles: number;
  /** Seconds since the index in use was built. */
  indexAgeSeconds: number;
  indexBuiltAt: string;
  /** Corpus files that currently fail validation (their last good version, if any, still serves). */
  corpusProblems: number;
  slack: 'http' | 'socket' | null;
  discord: { http: boolean; gateway: boolean } | null;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders });
  res.end(JSON.stringify(body));
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Bounded wait: resolves when `done()` holds or after `ms`, whichever comes first. */
async function waitUntil(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** The settings as one role of a sharded start sees them. */
function forRole(config: ServerConfig, role: ServerRole): ServerConfig {
  if (role === 'shard') return { ...config, slack: null, discord: config.discord && { ...config.discord, http: false } };
  if (role === 'shard-main') return { ...config, discord: config.discord && { ...config.discord, gateway: false } };
  return config;
}

type OpenedCorpus = Awaited<ReturnType<typeof openIndexedCorpus>>;

/**
 * The bot over the articles the watcher just read, through the serialized index when it was
 * built from the same files (building a large corpus's index takes seconds; loading it, much
 * less). The index file lives outside the corpus folder; when it cannot be used or written,
 * the index is built in memory.
 */
async function openCoreBot(config: ServerConfig, articles: Article[], log: Logger, alreadyOpened?: OpenedCorpus): Promise<Bot> {
  if (config.indexCache === false || articles.length === 0) return createBot(articles);
  const t0 = Date.now();
  try {
    const opened = alreadyOpened ?? (await openIndexedCorpus(config.corpusDir, { cacheDir: config.indexCache }));
    // A file that changed between the two reads makes them differ; the watcher's next scan
    // catches any change after this one, so the same article ids mean the same files here.
    const ids = (list: readonly Article[]) => list.map((a) => a.id).join('\n');
    if (ids(opened.articles) === ids(articles)) {
      if (opened.cacheError) log.warn({ err: opened.cacheError }, 'the index file could not be written; serving from memory');
      log.info({ articles: articles.length, index: opened.source, ms: Date.now() - t0 }, opened.source === 'loaded' ? 'index loaded from its file' : 'index built');
      return createBotOver(opened.index);
    }
  } catch (error) {
    log.warn({ err: error }, 'the index file could not be used; building the index in memory');
  }
  return createBot(articles);
}

/**
 * The initial load from the index file alone, when it matches the corpus folder: its articles
 * were checked when it was built, and its content hash covers every file, so the watcher is
 * primed with them instead of reading and validating every file again (at 10,000 articles that
 * read took 4 s on top of the 2 s load). Files stat'ed before and after the load keep their
 * signature only when it did not change meanwhile; any other is read again by the first scan.
 * When the folder has problem files, the full scan follows, to report them one by one, and the
 * corpus opened here is handed on (a file that failed since an older index file was built is
 * remembered from that file, so its last good version keeps serving across the restart). Null
 * when the index file cannot be used.
 */
async function startFromIndexFile(config: ServerConfig, watcher: CorpusWatcher, log: Logger): Promise<{ bot: Bot; result: ScanResult } | { opened: OpenedCorpus } | null> {
  if (config.indexCache === false) return null;
  const t0 = Date.now();
  try {
    const before = await fileSignatures(config.corpusDir);
    const opened = await openIndexedCorpus(config.corpusDir, { cacheDir: config.indexCache, signatures: { at: t0, files: before } });
    if (opened.problems.length > 0) {
      // A file broken since the last index file was built keeps serving its version from that
      // file, as it would have had the server not restarted.
      const previous = opened.previous;
      if (previous) watcher.remember(previous.articles.map((article, i) => ({ name: previous.files[i]!, article })));
      return { opened };
    }
    if (opened.articles.length === 0) return null;
    const after = await fileSignatures(config.corpusDir);
    const entries = opened.articles.map((article, i) => {
      const name = opened.files[i]!;
      const signature = before.get(name);
      return { name, article, signature: signature !== undefined && signature === after.get(name) ? signature : '' };
    });
    const result = watcher.prime(entries);
    if (opened.cacheError) log.warn({ err: opened.cacheError }, 'the index file could not be written; serving from memory');
    // corpusRead: false: the articles came with the index, not from a read of every file.
    log.info({ articles: result.articles.length, index: opened.source, corpusRead: false, ms: Date.now() - t0 }, opened.source === 'loaded' ? 'index loaded from its file' : 'index built');
    return { bot: createBotOver(opened.index), result };
  } catch (error) {
    // A missing folder is reported by the scan that follows, with what to do about it.
    const code = (error as { code?: string } | null)?.code;
    if (code !== 'ENOENT' && code !== 'CORPUS_NOT_FOUND') log.warn({ err: error }, 'the index file could not be used; reading the corpus folder');
    return null;
  }
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const role = options.role ?? 'all';
  const config = forRole(options.config, role);
  const { logger } = options;
  const clock = options.clock ?? Date.now;
  const drainMs = options.drainMs ?? 3000;
  const log = logger.child({ component: 'server' });

  // The core bot exists only after the first scan; the watcher reloads it afterwards.
  let core: Bot | null = null;
  let served: readonly Article[] = [];
  const watcher = createCorpusWatcher({
    dir: config.corpusDir,
    logger,
    onChange: (articles) => {
      served = articles;
      core?.reload(articles);
    },
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
  });
  const fromIndex = await startFromIndexFile(config, watcher, log);
  const primed = fromIndex && 'bot' in fromIndex ? fromIndex : null;
  const initial = primed?.result ?? (await watcher.scan());
  if (initial.articles.length === 0) log.warn({ dir: config.corpusDir }, 'the corpus has no valid articles yet; every question will be declined until one is added');
  const coreBot = primed?.bot ?? (await openCoreBot(config, initial.articles, log, fromIndex && 'opened' in fromIndex ? fromIndex.opened : undefined));
  core = coreBot;
  served = initial.articles;
  // Adding from a chat writes into the corpus folder, so only when the operator turned it on.
  const articles = config.chatAdd ? createArticleAdder({ corpusDir: config.corpusDir, articles: () => served, refresh: () => watcher.scan(), logger }) : undefined;
  const bot = withRequestLog(withLimits(coreBot, { perMinute: config.ratePerMinute, clock }), logger);
  watcher.start();

  const feedbackLog = createFeedbackLog(config.feedbackLog);
  let slackEvents = 0;
  let httpRequests = 0;
  let closing = false;
  let slack: SlackAdapter | null = null;
  let discordHttp: DiscordInteractionsHandler | null = null;
  // Discord answers until fully sent: a deferred answer's edit goes out after the HTTP response,
  // and the gateway's answers have no HTTP request at all.
  let discordAnswers = 0;
  const trackDiscord = (work: Promise<void>): void => {
    discordAnswers++;
    void work.finally(() => discordAnswers--);
  };
  /** Waits up to `drainMs` for the answers in flight to finish. */
  const drain = async (inFlightNow: () => number): Promise<void> => {
    const drained = await waitUntil(() => inFlightNow() === 0, drainMs);
    if (!drained) log.warn({ inFlight: inFlightNow() }, 'answers still in flight at the deadline; closing anyway');
  };
  let discordGateway: Client | null = null;
  let server: Server | null = null;

  async function stopPlatforms(): Promise<void> {
    await Promise.allSettled([
      slack ? withTimeout(slack.stop(), 1000) : undefined,
      discordGateway ? withTimeout(discordGateway.destroy(), 1000) : undefined,
    ]);
  }

  try {
    if (config.slack) {
      const s = config.slack;
      slack = createSlackAdapter({
        bot,
        token: s.token,
        signingSecret: s.signingSecret,
        appToken: s.appToken,
        apiUrl: s.apiUrl,
        feedbackLog,
        logger,
        articles,
      });
      // Counts Slack work until its listener has finished (posting the answer included): HTTP
      // mode acknowledges before answering, so open connections alone would not show it.
      slack.app.use(async ({ next }) => {
        slackEvents++;
        try {
          await next();
        } finally {
          slackEvents--;
        }
      });
      // A rejected token fails the start at once (Slack answers invalid_auth without retries);
      // an unreachable Slack is retried by the Web API client for minutes, so rather than
      // hang the start, serve anyway: each event checks again.
      const ready = slack.ready();
      ready.catch(() => undefined);
      const identity = await withTimeout(ready, options.slackReadyTimeoutMs ?? 10_000);
      if (identity === undefined) log.warn('Slack did not answer auth.test in time; serving anyway and checking again on each event');
      if (s.mode === 'socket') await slack.start();
      log.info({ mode: s.mode }, 'slack ready');
    }
    if (config.discord?.http && config.discord.publicKey && config.discord.appId) {
      discordHttp = createDiscordInteractionsHandler({
        bot,
        publicKey: config.discord.publicKey,
        appId: config.discord.appId,
        ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}),
        feedbackLog,
        logger,
        articles,
        ...(options.discordDeferAfterMs !== undefined ? { deferAfterMs: options.discordDeferAfterMs } : {}),
      });
    }
    if (config.discord?.gateway && config.discord.token) {
      const client = createDiscordGateway({
        bot,
        token: config.discord.token,
        ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}),
        feedbackLog,
        logger,
        articles,
        track: trackDiscord,
        ...(options.discordDeferAfterMs !== undefined ? { deferAfterMs: options.discordDeferAfterMs } : {}),
      });
      // Kept before login, so that a failed or slow login can still be torn down.
      discordGateway = client;
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      try {
        await client.login(config.discord.token);
      } catch (error) {
        throw new ConfigError('DISCORD_TOKEN', `Discord: DISCORD_TOKEN was not accepted (${(error as Error).message}). Reset the bot token (Bot → Reset Token) and set it again.`);
      }
      if ((await withTimeout(ready.then(() => true), options.discordReadyTimeoutMs ?? 20_000)) !== true) {
        throw new ConfigError('DISCORD_TOKEN', 'Discord: the gateway did not become ready within 20 s; check network access to discord.com (or DISCORD_API_URL).');
      }
      log.info({ shards: client.ws.shards.size }, 'discord gateway ready');
    }
  } catch (error) {
    await stopPlatforms();
    await watcher.close();
    if (error instanceof SlackConfigError) throw new ConfigError(error.variable, error.message.replace(/^Slack adapter: /, 'Slack: '));
    throw error;
  }

  function health(): Health {
    return {
      status: closing ? 'shutting down' : 'ok',
      articles: coreBot.articles().length,
      indexAgeSeconds: Math.max(0, Math.round((clock() - coreBot.indexBuiltAt) / 1000)),
      indexBuiltAt: new Date(coreBot.indexBuiltAt).toISOString(),
      corpusProblems: watcher.problems().length,
      slack: config.slack?.mode ?? null,
      discord: config.discord ? { http: config.discord.http, gateway: config.discord.gateway } : null,
    };
  }

  const slackListener = slack?.requestListener ?? null;
  const discordHandler = discordHttp;
  const countedDiscord: RequestListener | null = discordHandler ? (req, res) => trackDiscord(discordHandler(req, res)) : null;
  const route: RequestListener = (req, res) => {
    httpRequests++;
    res.once('close', () => httpRequests--);
    const path = pathOf(req);
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, { error: 'GET only' }, { allow: 'GET, HEAD' });
        return;
      }
      const body = health();
      sendJson(res, closing ? 503 : 200, body);
      return;
    }
    const platform = path === '/slack/events' ? slackListener : path === '/discord/interactions' ? countedDiscord : null;
    if (!platform) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    if (closing) {
      sendJson(res, 503, { error: 'shutting down' }, { connection: 'close' });
      return;
    }
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > MAX_BODY_BYTES) {
      sendJson(res, 413, { error: 'body too large' }, { connection: 'close' });
      req.resume();
      return;
    }
    try {
      platform(req, res);
    } catch (error) {
      log.error({ err: error, path }, 'request handler failed');
      sendJson(res, 500, { error: 'internal error' });
    }
  };

  if (role === 'shard') {
    log.info({ articles: coreBot.articles().length, shards: discordGateway?.ws.shards.map((sh) => sh.id) ?? [] }, 'briefbot serving discord shards');
    let closedShard: Promise<void> | null = null;
    return {
      port: 0,
      url: '',
      bot,
      watcher,
      inFlight: () => discordAnswers,
      close() {
        closedShard ??= (async () => {
          closing = true;
          // Adds in progress stop now and say so, rather than outlive the drain without a reply.
          articles?.stop();
          await watcher.close();
          await drain(() => discordAnswers);
          await stopPlatforms();
          log.info('shut down');
        })();
        return closedShard;
      },
    };
  }

  server = createServer(route);
  // Slow or stuck clients must not hold connections (or a shutdown) open.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (error, socket) => {
    log.debug({ err: error }, 'bad client request');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  const listening = server;
  try {
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(config.port, config.host, () => {
        listening.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await stopPlatforms();
    await watcher.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new ConfigError('PORT', `cannot listen on port ${config.port} (${code === 'EADDRINUSE' ? 'already in use' : 'permission denied'}); set PORT to a free port.`);
    }
    throw error;
  }
  const port = (listening.address() as AddressInfo).port;
  const host = config.host && config.host !== '0.0.0.0' && config.host !== '::' ? config.host : '127.0.0.1';
  log.info(
    {
      port,
      articles: coreBot.articles().length,
      slack: config.slack?.mode ?? null,
      discord: config.discord ? { http: config.discord.http, gateway: config.discord.gateway } : null,
      rateLimitPerMinute: config.ratePerMinute,
    },
    'briefbot serving',
  );

  let closed: Promise<void> | null = null;
  const inFlight = () => httpRequests + slackEvents + discordAnswers;
  return {
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    bot,
    watcher,
    inFlight,
    close() {
      closed ??= (async () => {
        closing = true;
        const started = Date.now();
        log.info({ inFlight: inFlight() }, 'shutting down: no new requests; finishing answers in flight');
        // Adds in progress stop now and say so, rather than outlive the drain without a reply.
        articles?.stop();
        await watcher.close();
        const serverClosed = new Promise<void>((resolve) => listening.close(() => resolve()));
        listening.closeIdleConnections();
        await drain(inFlight);
        listening.closeAllConnections();
        await withTimeout(serverClosed, 500);
        await stopPlatforms();
        log.info({ ms: Date.now() - started }, 'shut down');
      })();
      return closed;
    },
  };
}

/**
 * `npm start` with Slack and/or Discord configured: reads the settings, serves until SIGINT or
 * SIGTERM, shuts down gracefully and returns 0. A bad setting throws a `ConfigError` naming the
 * variable (printed by the CLI as one `briefbot: …` line, exit code 1).
 *
 * With `--shards N|auto` (or BRIEFBOT_SHARDS) and a Discord bot token, this process serves HTTP
 * and Slack and a discord.js ShardingManager runs the gateway in one process per shard; each
 * of those runs `briefbot start` again and is recognised here by its SHARDING_MANAGER variables.
 */
export async function runServer(options: { corpusDir?: string; env: Env; io: Io; shards?: string | undefined }): Promise<number> {
  const config = loadServerConfig(options.env, { cwd: options.io.cwd, corpusDir: options.corpusDir });
  const shard = shardOf(options.env);
  const setting = shard ? null : shardSetting(options.shards, options.env);
  const sharded = setting !== null && Boolean(config.discord?.gateway && config.discord.token);
  const role: ServerRole = shard ? 'shard' : sharded ? 'shard-main' : 'all';
  // Logs go to standard output, which a server does not otherwise use (`npm start | npx
  // pino-pretty`); a setting that stops the start is still one line on standard error.
  const logger = createLogger({ level: config.logLevel, destination: options.io.stdout }).child(shard ? { shard: shard.shards } : {});

  // A handler's error must never kill the process: log it and keep serving.
  const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection');
  const onException = (error: Error) => logger.error({ err: error }, 'uncaught exception');
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  // Listening from the start, so that a signal during a slow start still shuts down cleanly.
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const signalled = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
  const onSigint = () => onSignal('SIGINT');
  const onSigterm = () => onSignal('SIGTERM');
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);
  const cleanUp = () => {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };

  let running: RunningServer;
  let shards: DiscordShards | null = null;
  try {
    running = await startServer({ config, logger, role });
  } catch (error) {
    cleanUp();
    throw error;
  }
  if (sharded && setting !== null && config.discord?.token) {
    const env = Object.fromEntries(Object.entries(options.env).filter((e): e is [string, string] => e[1] !== undefined));
    const starting = startDiscordShards({
      token: config.discord.token,
      shards: setting,
      apiUrl: config.discord.apiUrl ?? undefined,
      args: ['start', '--corpus', config.corpusDir],
      env,
      log: (message) => logger.info({ component: 'shards' }, message),
    });
    // Shards start one every 5.5 s; a signal meanwhile must not wait for all of them.
    const first = await Promise.race([starting.then((s) => ({ shards: s }), (error: unknown) => ({ error })), signalled.then(() => null)]);
    if (first && 'error' in first) {
      await running.close();
      cleanUp();
      throw first.error;
    }
    if (first) shards = first.shards;
    else starting.then((s) => s.stop(), () => undefined).catch(() => undefined);
  }

  const signal = await signalled;
  logger.info({ signal }, 'signal received');
  // Whatever still holds the event loop open after the budget must not keep the process alive.
  const backstop = setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(0);
  }, SHUTDOWN_BUDGET_MS + 300);
  backstop.unref();
  // A second signal means "now".
  const again = () => process.exit(1);
  process.once('SIGINT', again);
  process.once('SIGTERM', again);
  await Promise.all([running.close(), shards ? withTimeout(shards.stop(), SHUTDOWN_BUDGET_MS - 500) : undefined]);
  process.off('SIGINT', again);
  process.off('SIGTERM', again);
  cleanUp();
  // A shard process is forked with an IPC channel to the manager, which keeps it (and so the
  // manager) alive until closed.
  if (shard && process.connected) process.disconnect();
  return 0;
}
