import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A fake of Discord for tests, on 127.0.0.1: the REST routes briefbot and discord.js call
 * (interaction callbacks, webhook edits and follow-ups, channel messages, command
 * registration, `GET /gateway/bot`, attachment downloads) and a minimal gateway (HELLO, heartbeat ACK, IDENTIFY →
 * READY + GUILD_CREATE, then whatever dispatches the test sends). It records every request.
 */

export interface RecordedRequest {
  method: string;
  /** The path as sent, still URL-encoded (`%40original`). */
  rawPath: string;
  /** The decoded path without the `/api/v10` prefix. */
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: FakeUser & { discriminator: string; avatar: null; global_name: string | null };
  content: string;
  embeds: unknown[];
  components: unknown[];
  mentions: unknown[];
  message_reference?: { message_id: string; channel_id: string; guild_id?: string };
  type: number;
  [key: string]: unknown;
}

/** An attachment as an interaction's `data.resolved.attachments` carries it. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type: string;
}

export interface FakeAttachmentOptions {
  contentType?: string;
  /** Answer with this status instead of 200 and the file. */
  status?: number;
  /** Answer with a 302 to this URL instead of the file. */
  redirectTo?: string;
  /** The size the attachment object claims (Discord's is the real size). */
  size?: number;
  /** Send the file chunked, without a content-length, so only reading it tells its size. */
  withoutLength?: boolean;
  /** Send the headers and the first bytes, then nothing more (a stuck download). */
  stall?: boolean;
}

export interface FakeDiscordOptions {
  appId?: string;
  guildId?: string;
  channelId?: string;
  botUser?: FakeUser;
  /** How long webhook calls (interaction edits and follow-ups) take to answer, like a slow Discord. */
  webhookLatencyMs?: number;
}

export interface FakeDiscord {
  apiUrl: string;
  gatewayUrl: string;
  appId: string;
  guildId: string;
  channelId: string;
  botUser: FakeUser;
  requests: RecordedRequest[];
  messages: Map<string, StoredMessage>;
  /** IDENTIFY payloads received. */
  identifies: unknown[];
  /** Webhook calls (interaction edits and follow-ups) answered so far. */
  readonly webhooksAnswered: number;
  /** Resolves with the first recorded request matching, waiting for it if needed. */
  waitForRequest(match: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Sends a dispatch (op 0) to every connected gateway client. */
  dispatch(t: string, d: unknown): void;
  /** Builds and stores a message as Discord would, for GET and for MESSAGE_CREATE. */
  makeMessage(fields: { author: FakeUser; content: string; replyTo?: string; mentions?: FakeUser[]; embeds?: unknown[] }): StoredMessage;
  /** Serves a file at `GET /attachments/{id}/{name}` on this origin, as Discord's CDN would; returns its attachment object. */
  addAttachment(filename: string, body: string | Uint8Array, options?: FakeAttachmentOptions): FakeAttachment;
  close(): Promise<void>;
}

let snowflake = 1_100_000_000_000_000_000n;
export function nextSnowflake(): string {
  snowflake += 1n;
  return snowflake.toString();
}

function apiUser(user: FakeUser) {
  return { id: user.id, username: user.username, discriminator: '0', avatar: null, global_name: user.username, bot: user.bot ?? false };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text === '') return resolve(null);
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(text);
      }
    });
    req.on('error', reject);
  });
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const appId = options.appId ?? '1234567890123456789';
  const guildId = options.guildId ?? '2234567890123456789';
  const channelId = options.channelId ?? '3234567890123456789';
  const botUser: FakeUser = options.botUser ?? { id: appId, username: 'briefbot', bot: true };
  const requests: RecordedRequest[] = [];
  const messages = new Map<string, StoredMessage>();
  const identifies: unknown[] = [];
  const waiters: { match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  const sockets = new Set<WebSocket>();
  let sequence = 0;
  let port = 0;
  let webhooksAnswered = 0;
  const webhookLatencyMs = options.webhookLatencyMs ?? 0;
  const files = new Map<string, { body: Buffer; options: FakeAttachmentOptions }>();
  const answerWebhook = async (res: ServerResponse, body: unknown) => {
    if (webhookLatencyMs > 0) await new Promise((r) => setTimeout(r, webhookLatencyMs));
    json(res, 200, { ...makeMessage({ author: botUser, content: '' }), ...(body as object) });
    webhooksAnswered++;
  };

  function record(request: RecordedRequest): void {
    requests.push(request);
    for (const waiter of [...waiters]) {
      if (waiter.match(request)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(request);
      }
    }
  }

  function makeMessage(fields: { author: FakeUser; content: string; replyTo?: string; mentions?: FakeUser[]; embeds?: unknown[]; components?: unknown[] }): StoredMessage {
    const message: StoredMessage = {
      id: nextSnowflake(),
      channel_id: channelId,
      guild_id: guildId,
      author: apiUser(fields.author),
      content: fields.content,
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: (fields.mentions ?? []).map(apiUser),
      mention_roles: [],
      attachments: [],
      embeds: fields.embeds ?? [],
      components: fields.components ?? [],
      pinned: false,
      flags: 0,
      type: fields.replyTo ? 19 : 0,
      ...(fields.replyTo ? { message_reference: { message_id: fields.replyTo, channel_id: channelId, guild_id: guildId } } : {}),
    };
    messages.set(message.id, message);
    return message;
  }

  function json(res: ServerResponse, status: number, body: unknown): void {
    if (status === 204) {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    void (async () => {
      const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
      const body = await readJson(req);
      const path = decodeURIComponent(rawPath).replace(/^\/api(\/v10)?/, '');
      record({ method: req.method ?? 'GET', rawPath, path, headers: req.headers, body });
      const method = req.method ?? 'GET';
      let m: RegExpExecArray | null;
      if (method === 'GET' && path === '/gateway/bot') {
        return json(res, 200, {
          url: `ws://127.0.0.1:${port}/gateway`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        });
      }
      if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return json(res, 204, null);
      if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(path))) {
        if (method === 'PATCH') return answerWebhook(res, body);
      }
      if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) return answerWebhook(res, body);
      if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
        const sent = body as { content?: string; embeds?: unknown[]; components?: unknown[]; message_reference?: { message_id: string } };
        const stored = makeMessage({
          author: botUser,
          content: sent.content ?? '',
          embeds: sent.embeds ?? [],
          components: sent.components ?? [],
          ...(sent.message_reference ? { replyTo: sent.message_reference.message_id } : {}),
        });
        stored.channel_id = m[1] ?? channelId;
        return json(res, 200, stored);
      }
      if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'GET') {
        // ?after=ID&limit=N, newest first, as Discord lists them.
        const query = new URL(rawPath, 'http://fake').searchParams;
        const after = BigInt(query.get('after') ?? '0');
        const limit = Number(query.get('limit') ?? '50');
        const inChannel = [...messages.values()].filter((x) => x.channel_id === m![1] && BigInt(x.id) > after);
        inChannel.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
        return json(res, 200, inChannel.slice(0, limit).reverse());
      }
      if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)) && method === 'PATCH') {
        const stored = messages.get(m[2] ?? '');
        if (!stored) return json(res, 404, { message: 'Unknown Message', code: 10008 });
        const edit = body as { content?: string; embeds?: unknown[]; components?: unknown[] };
        if (edit.content !== undefined) stored.content = edit.content;
        if (edit.embeds) stored.embeds = edit.embeds;
        if (edit.components) stored.components = edit.components;
        stored.edited_timestamp = new Date().toISOString();
        return json(res, 200, stored);
      }
      if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)) && method === 'GET') {
        const stored = messages.get(m[2] ?? '');
        return stored ? json(res, 200, stored) : json(res, 404, { message: 'Unknown Message', code: 10008 });
      }
      if (method === 'PUT' && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
        const list = (Array.isArray(body) ? body : []) as Record<string, unknown>[];
        return json(res, 200, list.map((c) => ({ ...c, id: nextSnowflake(), application_id: m?.[1], version: '1' })));
      }
      if (method === 'GET' && path === '/users/@me') return json(res, 200, apiUser(botUser));
      if (method === 'GET' && (m = /^\/attachments\/(\d+)\/[^/]+$/.exec(path))) {
        const file = files.get(m[1] ?? '');
        if (!file) return json(res, 404, { message: 'Not Found' });
        if (file.options.redirectTo) return res.writeHead(302, { location: file.options.redirectTo }).end();
        if (file.options.status) return res.writeHead(file.options.status).end();
        const type = { 'content-type': file.options.contentType ?? 'text/plain; charset=utf-8' };
        if (file.options.stall) return res.writeHead(200, { ...type, 'content-length': String(file.body.length) }).write(file.body.subarray(0, 16));
        if (!file.options.withoutLength) return res.writeHead(200, { ...type, 'content-length': String(file.body.length) }).end(file.body);
        res.writeHead(200, { ...type, 'transfer-encoding': 'chunked' });
        for (let at = 0; at < file.body.length; at += 64 * 1024) res.write(file.body.subarray(at, at + 64 * 1024));
        return res.end();
      }
      return json(res, 404, { message: '404: Not Found', code: 0 });
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/gateway')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  function send(ws: WebSocket, payload: unknown): void {
    ws.send(JSON.stringify(payload));
  }

  function guildCreate() {
    return {
      id: guildId,
      name: 'Newsroom',
      icon: null,
      owner_id: '9234567890123456789',
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      system_channel_flags: 0,
      preferred_locale: 'en-US',
      features: [],
      emojis: [],
      stickers: [],
      roles: [{ id: guildId, name: '@everyone', permissions: '1024', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      joined_at: new Date(0).toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [],
      channels: [{ id: channelId, type: 0, name: 'general', guild_id: guildId, position: 0, permission_overwrites: [], nsfw: false, parent_id: null }],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
    };
  }

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    send(ws, { op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null });
    ws.on('message', (raw) => {
      let payload: { op: number; d: unknown };
      try {
        payload = JSON.parse(String(raw)) as { op: number; d: unknown };
      } catch {
        return;
      }
      if (payload.op === 1) send(ws, { op: 11, d: null, s: null, t: null });
      if (payload.op === 2) {
        identifies.push(payload.d);
        send(ws, {
          op: 0,
          t: 'READY',
          s: ++sequence,
          d: {
            v: 10,
            user: { ...apiUser(botUser), bot: true, verified: true, mfa_enabled: false, flags: 0 },
            guilds: [{ id: guildId, unavailable: true }],
            session_id: 'fake-session',
            resume_gateway_url: `ws://127.0.0.1:${port}/gateway`,
            shard: [0, 1],
            application: { id: appId, flags: 0 },
          },
        });
        send(ws, { op: 0, t: 'GUILD_CREATE', s: ++sequence, d: guildCreate() });
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: `ws://127.0.0.1:${port}/gateway`,
    appId,
    guildId,
    channelId,
    botUser,
    requests,
    messages,
    identifies,
    get webhooksAnswered() {
      return webhooksAnswered;
    },
    makeMessage,
    addAttachment(filename, body, attachmentOptions = {}) {
      const id = nextSnowflake();
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
      files.set(id, { body: bytes, options: attachmentOptions });
      // Discord's CDN links are signed with query parameters; the fake's are decorative.
      const url = `http://127.0.0.1:${port}/attachments/${id}/${encodeURIComponent(filename)}?ex=1&is=2&hm=${id}`;
      return { id, filename, size: attachmentOptions.size ?? bytes.length, url, proxy_url: url, content_type: attachmentOptions.contentType ?? 'text/plain; charset=utf-8' };
    },
    waitForRequest(match, timeoutMs = 5000) {
      const found = requests.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.findIndex((w) => w.resolve === done), 1);
          reject(new Error(`fake discord: no matching request within ${timeoutMs} ms; saw ${requests.map((r) => `${r.method} ${r.path}`).join(', ')}`));
        }, timeoutMs);
        const done = (request: RecordedRequest) => {
          clearTimeout(timer);
          resolve(request);
        };
        waiters.push({ match, resolve: done });
      });
    },
    dispatch(t, d) {
      for (const ws of sockets) send(ws, { op: 0, t, s: ++sequence, d });
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
