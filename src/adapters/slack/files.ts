/**
 * Files people share with briefbot in Slack, read off an event. Slack serves a private file only
 * with the bot token, so the token is sent to Slack's file host (or the configured Web API's
 * origin, a fake in tests) and to nowhere else (see `trustedOrigins` and shared/download.ts).
 */
import { originOf } from '../shared/download.ts';

/** Where Slack serves `url_private` and `url_private_download`. */
export const SLACK_FILES_ORIGIN = 'https://files.slack.com';

/** At most this many files of one message are added; a message of dozens would tie up the adder. */
export const MAX_FILES_PER_MESSAGE = 3;

/** The fields of a Slack file object this adapter uses. */
export interface SharedFile {
  id: string;
  name: string;
  /** Bytes, when Slack gave it. */
  size?: number;
  url?: string;
  /** Slack's `mimetype` and `filetype` ("text/plain", "text"), when given. */
  mimetype?: string;
  filetype?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The files of a message or mention event, whatever shape `files` has. A file without a URL
 * (Slack sends `file_access: "check_file_info"` for some) keeps its id, for `files.info`.
 */
export function sharedFiles(value: unknown): SharedFile[] {
  if (!Array.isArray(value)) return [];
  const files: SharedFile[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const file = item as Record<string, unknown>;
    const id = text(file.id) ?? '';
    const name = text(file.name) ?? text(file.title) ?? '';
    const url = fileUrl(file);
    const size = typeof file.size === 'number' && Number.isFinite(file.size) && file.size >= 0 ? file.size : undefined;
    if (id === '' && url === undefined) continue;
    const mimetype = text(file.mimetype);
    const filetype = text(file.filetype);
    files.push({ id, name, ...(size !== undefined ? { size } : {}), ...(url !== undefined ? { url } : {}), ...(mimetype ? { mimetype } : {}), ...(filetype ? { filetype } : {}) });
  }
  return files;
}

/**
 * The name to add a file under. A text snippet pasted into Slack is a file named "Untitled" (or
 * whatever its title is), with no extension: its type says it is text, so it gets one.
 */
export function articleFileName(file: SharedFile): string {
  if (/\.[a-z0-9]{1,8}$/i.test(file.name)) return file.name;
  const base = file.name.trim() || 'snippet';
  if (file.filetype === 'markdown' || file.mimetype === 'text/markdown' || file.mimetype === 'text/x-markdown') return `${base}.md`;
  if (file.filetype === 'text' || file.mimetype === 'text/plain') return `${base}.txt`;
  return file.name;
}

/** The download URL of a Slack file object, preferring the one meant for downloading. */
function fileUrl(file: Record<string, unknown>): string | undefined {
  return text(file.url_private_download) ?? text(file.url_private);
}

/** The origins the bot token may be sent to: Slack's file host and the Web API's own origin. */
export function trustedOrigins(apiUrl: string | undefined): Set<string> {
  const origins = new Set([SLACK_FILES_ORIGIN]);
  const api = originOf(apiUrl);
  if (api) origins.add(api);
  return origins;
}
