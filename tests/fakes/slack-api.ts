/**
 * A fake Slack on 127.0.0.1: the Web API methods briefbot calls (recorded, with form or JSON
 * bodies as the real client sends them), response_url endpoints, private file downloads (bot
 * token only), and a Socket Mode WebSocket server speaking Slack's envelope protocol. No network
 * beyond the loopback interface.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const FAKE_TEAM = 'T0TEST';
export const FAKE_BOT_ID = 'B0BRIEF';
export const FAKE_BOT_USER = 'U0BRIEFBOT';
export const FAKE_BOT_TOKEN = 'xoxb-test-token';
export const FAKE_APP_TOKEN = 'xapp-test-token';

/** One Web API call as the fake received it. */
export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token it was sent with. */
  token: string | null;
}

/** One POST to a response_url. */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

/** A message as conversations.replies / conversations.history return it. */
export interface FakeMessage {
  ts: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text: string;
  thread_ts?: string;
}

/** A file the fake serves, as a file object of a `file_share` event carries it. */
export interface FakeFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  url_private: string;
  url_private_download: string;
}

/** One GET of a hosted file, with the bearer token it came with. */
export interface FileDownload {
  path: string;
  token: string | null;
}

export interface HostOptions {
  /** Wait this long before answering a download (for timeouts). */
  delayMs?: number;
  /** Answer downloads with this status instead of the file. */
  status?: number;
  /** Answer downloads with a redirect to this URL. */
  redirectTo?: string;
  /** Slack's type of the file, when not the one its name's extension gives (a text snippet). */
  mimetype?: string;
  filetype?: string;
}

/** A Socket Mode envelope as Slack sends it. */
export interface Envelope {
  envelope_id: string;
  type: 'events_api' | 'slash_commands' | 'interactive';
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface FakeSlack {
  /** Base for SLACK_API_URL, e.g. http://127.0.0.1:1234/api/ */
  readonly apiUrl: string;
  readonly calls: ApiCall[];
  readonly responses: ResponseUrlPost[];
  /** Acknowledgements received over Socket Mode, by envelope id. */
  readonly acks: Map<string, Record<string, unknown>>;
  /** Every GET of a hosted file. */
  readonly downloads: FileDownload[];
  /**
   * Hosts a file at `/files-pri/T0TEST-F…/download/<name>`, served only with the bot token
   * (Slack answers others with a redirect to its sign-in page); `files.info` knows it too.
   */
  hostFile(name: string, content: string | Uint8Array, options?: HostOptions): FakeFile;
  /** A fresh response_url on this fake. */
  responseUrl(): string;
  /** Seeds a message into a channel (and its thread, when `thread_ts` is set). */
  addMessage(channel: string, message: FakeMessage): void;
  /** The messages of a channel as the fake holds them, posted by the bot included. */
  messagesIn(channel: string): readonly FakeMessage[];
  /** The next call to `method` fails with Slack error `error`. */
  failNext(method: string, error: string): void;
  callsTo(method: string): ApiCall[];
  /** Resolves once `predicate` holds, polling; rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | undefined | false | null, timeoutMs?: number): Promise<T>;
  /** Sends an envelope to every connected Socket Mode client. */
  sendEnvelope(envelope: Envelope): void;
  waitForSocket(timeoutMs?: number): Promise<void>;
  /** Forgets recorded calls, responses and acks (seeded messages stay). */
  reset(): void;
  close(): Promise<void>;
}

let tsCounter = 0;
/** Increasing, well-formed Slack timestamps. */
export function nextTs(): string {
  tsCounter += 1;
  return `1760000${String(100 + tsCounter).padStart(3, '0')}.${String(tsCounter).padStart(6, '0')}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The Web API client sends form bodies with JSON-encoded arrays and objects inside. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const acks = new Map<string, Record<string, unknown>>();
  const channels = new Map<string, FakeMessage[]>();
  const failures = new Map<string, string>();
  const sockets = new Set<WebSocket>();
  const downloads: FileDownload[] = [];
  const hosted = new Map<string, { file: FakeFile; bytes: Uint8Array; options: HostOptions }>();
  let responseCounter = 0;
  let fileCounter = 0;

  function messagesOf(channel: string): FakeMessage[] {
    let list = channels.get(channel);
    if (!list) channels.set(channel, (list = []));
    return list;
  }

  function api(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      return { ok: false, error: failure };
    }
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Test', user: 'briefbot', team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, bot_id: FAKE_BOT_ID };
      case 'chat.postMessage': {
        const channel = String(args.channel);
        const ts = nextTs();
        const message: FakeMessage = { ts, user: FAKE_BOT_USER, bot_id: FAKE_BOT_ID, text: String(args.text ?? '') };
        if (typeof args.thread_ts === 'string') message.thread_ts = args.thread_ts;
        messagesOf(channel).push(message);
        return { ok: true, channel, ts, message };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.update': {
        const message = messagesOf(String(args.channel)).find((m) => m.ts === args.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = String(args.text ?? '');
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'conversations.replies': {
        const threadTs = String(args.ts);
        const messages = messagesOf(String(args.channel)).filter((m) => m.ts === threadTs || m.thread_ts === threadTs);
        return { ok: true, messages, has_more: false };
      }
      case 'conversations.history': {
        const latest = typeof args.latest === 'string' ? Number(args.latest) : Infinity;
        const oldest = typeof args.oldest === 'string' ? Number(args.oldest) : 0;
        const messages = messagesOf(String(args.channel))
          .filter((m) => (m.thread_ts === undefined || m.thread_ts === m.ts) && Number(m.ts) < latest && Number(m.ts) > oldest)
          .reverse();
        return { ok: true, messages, has_more: false };
      }
      case 'files.info': {
        const file = [...hosted.values()].find((h) => h.file.id === args.file)?.file;
        return file ? { ok: true, file } : { ok: false, error: 'file_not_found' };
      }
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${port()}/link/?ticket=fake` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = await readBody(req);
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        const method = url.pathname.slice('/api/'.length);
        const args = parseArgs(raw, req.headers['content-type']);
        const auth = req.headers.authorization;
        const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : typeof args.token === 'string' ? args.token : null;
        calls.push({ method, args, token });
        sendJson(res, 200, api(method, args));
        return;
      }
      if (req.method === 'GET' && url.pathname.startsWith('/files-pri/')) {
        const auth = req.headers.authorization;
        const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : null;
        downloads.push({ path: url.pathname, token });
        const file = hosted.get(url.pathname);
        if (file?.options.delayMs) await new Promise((resolve) => setTimeout(resolve, file.options.delayMs));
        if (token !== FAKE_BOT_TOKEN) {
          res.writeHead(302, { location: 'https://fake.slack.test/?redir=' + encodeURIComponent(url.pathname) }).end();
          return;
        }
        if (!file) {
          sendJson(res, 404, { ok: false, error: 'file_not_found' });
          return;
        }
        if (file.options.redirectTo !== undefined) {
          res.writeHead(302, { location: file.options.redirectTo }).end();
          return;
        }
        if (file.options.status !== undefined) {
          res.writeHead(file.options.status, { 'content-type': 'text/plain' }).end('unavailable');
          return;
        }
        res.writeHead(200, { 'content-type': file.file.mimetype, 'content-length': String(file.bytes.length) }).end(file.bytes);
        return;
      }
      if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
        responses.push({ id: url.pathname.slice('/response/'.length), body: parseArgs(raw, 'application/json') });
        sendJson(res, 200, { ok: true });
        return;
      }
      sendJson(res, 404, { ok: false, error: 'not_found' });
    })().catch((error: unknown) => sendJson(res, 500, { ok: false, error: String(error) }));
  });

  const wss = new WebSocketServer({ server, path: '/link/' });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => {
      const message = safeJson(String(data));
      if (typeof message === 'object' && message !== null && 'envelope_id' in message && typeof message.envelope_id === 'string') {
        const payload = 'payload' in message && typeof message.payload === 'object' && message.payload !== null ? (message.payload as Record<string, unknown>) : {};
        acks.set(message.envelope_id, payload);
      }
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0TEST' } }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (): number => (server.address() as AddressInfo).port;

  async function waitFor<T>(predicate: () => T | undefined | false | null, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value !== undefined && value !== false && value !== null) return value;
      if (Date.now() > deadline) throw new Error('fake Slack: timed out waiting for a condition');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  return {
    apiUrl: `http://127.0.0.1:${port()}/api/`,
    calls,
    responses,
    acks,
    downloads,
    hostFile(name, content, options = {}) {
      fileCounter += 1;
      const id = `F0TEST${String(fileCounter).padStart(4, '0')}`;
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      const path = `/files-pri/${FAKE_TEAM}-${id}/download/${encodeURIComponent(name)}`;
      const base = `http://127.0.0.1:${port()}`;
      const extension = name.includes('.') ? (name.split('.').pop() ?? '') : '';
      const file: FakeFile = {
        id,
        name,
        title: name,
        mimetype: options.mimetype ?? (extension === 'md' ? 'text/markdown' : extension === 'txt' ? 'text/plain' : 'application/octet-stream'),
        filetype: options.filetype ?? (extension || 'binary'),
        size: bytes.length,
        url_private: `${base}/files-pri/${FAKE_TEAM}-${id}/${encodeURIComponent(name)}`,
        url_private_download: `${base}${path}`,
      };
      hosted.set(path, { file, bytes, options });
      return file;
    },
    responseUrl() {
      responseCounter += 1;
      return `http://127.0.0.1:${port()}/response/${responseCounter}`;
    },
    addMessage(channel, message) {
      messagesOf(channel).push(message);
    },
    messagesIn(channel) {
      return messagesOf(channel);
    },
    failNext(method, error) {
      failures.set(method, error);
    },
    callsTo(method) {
      return calls.filter((c) => c.method === method);
    },
    waitFor,
    sendEnvelope(envelope) {
      for (const socket of sockets) socket.send(JSON.stringify(envelope));
    },
    waitForSocket(timeoutMs = 5000) {
      return waitFor(() => sockets.size > 0, timeoutMs).then(() => undefined);
    },
    reset() {
      calls.length = 0;
      responses.length = 0;
      downloads.length = 0;
      acks.clear();
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
