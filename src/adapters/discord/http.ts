import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST, type APIInteraction, type APIInteractionResponse } from 'discord.js';
import type { Bot } from '../../core/index.ts';
import type { FeedbackLog } from '../shared/feedback.ts';
import type { Logger } from '../shared/logger.ts';
import { loadCommands, type DiscordCommand } from './commands/index.ts';
import { answerInteraction, createRestTransport, type InteractionTransport, type RestLike } from './interactions.ts';
import type { ArticleAdder } from '../shared/articles.ts';

export interface DiscordInteractionsOptions {
  bot: Bot;
  /** The application's public key, 64 hex characters (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  /** The application id (DISCORD_APP_ID), for webhook edits and follow-ups. */
  appId: string;
  /** REST base (DISCORD_API_URL), e.g. `http://127.0.0.1:8080/api`. */
  apiUrl?: string;
  /** A REST client to use instead of one built from `apiUrl`. */
  rest?: RestLike;
  feedbackLog: FeedbackLog;
  logger: Logger;
  commands?: Map<string, DiscordCommand>;
  /** See `AnswerOptions.deferAfterMs`. */
  deferAfterMs?: number;
  /** Requests signed longer ago than this are refused as replays; default 5 minutes. */
  maxSkewMs?: number;
  clock?: () => number;
  /** Adds articles attached to `/add` (BRIEFBOT_CHAT_ADD); without it, `/add` says adding is off. */
  articles?: ArticleAdder | undefined;
}

/** The DER prefix that makes a raw 32-byte Ed25519 key an SPKI public key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const MAX_BODY = 1024 * 1024;

/** Wraps a hex Ed25519 public key (as Discord shows it) into a node:crypto key. */
export function ed25519PublicKey(hex: string): KeyObject {
  const raw = Buffer.from(hex, 'hex');
  if (raw.length !== 32) throw new Error('briefbot discord: DISCORD_PUBLIC_KEY must be 32 bytes (64 hex characters)');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Checks Discord's signature: Ed25519 over the timestamp header followed by the raw body. */
export function verifyDiscordSignature(key: KeyObject, signatureHex: string, timestamp: string, body: Buffer): boolean {
  if (!/^[0-9a-fA-F]{128}$/.test(signatureHex)) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The request listener for `POST /discord/interactions`: verifies the Ed25519 signature (401
 * when bad or missing), answers PING with PONG, and answers commands, autocomplete and
 * components through the same path as the gateway. Mount it on any node:http server.
 */
/**
 * A request listener whose promise settles when the interaction is fully answered: after the
 * HTTP response, a deferred answer's edit or follow-up goes out through Discord's REST API, and
 * a graceful shutdown waits for that too.
 */
export type DiscordInteractionsHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createDiscordInteractionsHandler(options: DiscordInteractionsOptions): DiscordInteractionsHandler {
  const key = ed25519PublicKey(options.publicKey);
  const rest: RestLike = options.rest ?? new REST({ version: '10', ...(options.apiUrl ? { api: options.apiUrl } : {}) });
  const commands = options.commands ?? loadCommands();
  const maxSkewMs = options.maxSkewMs ?? 5 * 60_000;
  const clock = options.clock ?? Date.now;
  const { logger } = options;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      send(res, 405, 'POST only');
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      send(res, 413, 'body too large');
      return;
    }
    const signature = header(req, 'x-signature-ed25519');
    const timestamp = header(req, 'x-signature-timestamp');
    if (!signature || !timestamp) {
      send(res, 401, 'missing request signature');
      return;
    }
    if (!verifyDiscordSignature(key, signature, timestamp, body)) {
      send(res, 401, 'invalid request signature');
      return;
    }
    const seconds = Number(timestamp);
    if (Number.isFinite(seconds) && Math.abs(clock() - seconds * 1000) > maxSkewMs) {
      send(res, 401, 'stale request signature');
      return;
    }
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
    } catch {
      send(res, 400, 'body is not JSON');
      return;
    }
    if (typeof interaction !== 'object' || interaction === null || typeof interaction.type !== 'number') {
      send(res, 400, 'not an interaction');
      return;
    }
    const rested = createRestTransport(rest, { id: interaction.id, token: interaction.token, application_id: options.appId });
    const transport: InteractionTransport = {
      async respond(response: APIInteractionResponse) {
        send(res, 200, response);
      },
      editOriginal: rested.editOriginal,
      followUp: rested.followUp,
    };
    const context = { bot: options.bot, feedbackLog: options.feedbackLog, logger, commands, articles: options.articles, apiUrl: options.apiUrl };
    await answerInteraction(interaction, context, transport, {
      ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    });
  }

  return (req, res) =>
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'discord interactions endpoint failed');
      send(res, 500, 'internal error');
    });
}

/** A standalone server with only `POST /discord/interactions`, for tests and single-purpose deployments. */
export async function startDiscordInteractionsServer(
  options: DiscordInteractionsOptions & { port?: number; host?: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const handler = createDiscordInteractionsHandler(options);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/discord/interactions') void handler(req, res);
    else send(res, 404, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/discord/interactions`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
