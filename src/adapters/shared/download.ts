/**
 * Downloading a file someone shared, to add it as an article: bounded in time and in size, and
 * only ever from the origins the platform serves files from (a fake's in tests). Redirects are
 * followed by hand, so a request (and a token in its headers) never follows one elsewhere.
 */

/** How long one download may take, redirects and body included. */
export const DOWNLOAD_TIMEOUT_MS = 15_000;

const MAX_REDIRECTS = 3;

/** The origin of an http(s) URL, or undefined for anything else. */
export function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

export type DownloadFailure =
  /** The URL is not on an allowed origin, so it was not fetched. */
  | { ok: false; reason: 'untrusted'; origin: string | undefined }
  /** A redirect led off the allowed origins (or went round too often); it was not followed. */
  | { ok: false; reason: 'redirected'; origin: string | undefined }
  | { ok: false; reason: 'status'; status: number }
  | { ok: false; reason: 'too_large' }
  | { ok: false; reason: 'timeout' }
  /** `signal` was aborted: the server is shutting down. */
  | { ok: false; reason: 'stopped' }
  | { ok: false; reason: 'unreachable'; detail: string };

export type Download = { ok: true; bytes: Uint8Array } | DownloadFailure;

export interface DownloadOptions {
  /** The origins requests may go to. */
  origins: ReadonlySet<string>;
  /** Larger bodies are refused, by their declared length or as soon as reading passes it. */
  maxBytes: number;
  timeoutMs?: number | undefined;
  headers?: Record<string, string>;
  /** Aborts the download (the server is shutting down). */
  signal?: AbortSignal | undefined;
}

/** Downloads `url`. Never throws: every refusal and failure is a `Download` that says which. */
export async function downloadFile(url: string, options: DownloadOptions): Promise<Download> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  if (options.signal?.aborted) return { ok: false, reason: 'stopped' };
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      const origin = originOf(current);
      if (origin === undefined || !options.origins.has(origin)) return hop === 0 ? { ok: false, reason: 'untrusted', origin } : { ok: false, reason: 'redirected', origin };
      const response = await fetch(current, { ...(options.headers ? { headers: options.headers } : {}), redirect: 'manual', signal });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        if (hop >= MAX_REDIRECTS) return { ok: false, reason: 'redirected', origin: originOf(new URL(location, current).href) };
        current = new URL(location, current).href;
        continue;
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        return { ok: false, reason: 'status', status: response.status };
      }
      return await readLimited(response, options.maxBytes);
    }
  } catch (error) {
    if (options.signal?.aborted) return { ok: false, reason: 'stopped' };
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { ok: false, reason: 'timeout' };
    return { ok: false, reason: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** The body, unless it (or its declared length) is over `maxBytes`: then it is not read further. */
async function readLimited(response: Response, maxBytes: number): Promise<Download> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return { ok: false, reason: 'too_large' };
  }
  if (!response.body) return { ok: true, bytes: new Uint8Array(0) };
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return { ok: false, reason: 'too_large' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
