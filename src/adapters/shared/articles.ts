/**
 * What an adapter may do with a file a user shares: hand it to the server to add to the corpus.
 * The server implements this (`src/server/articles.ts`) when BRIEFBOT_CHAT_ADD is on; without it
 * the adapters do not offer adding at all.
 */
import { makeReply, type Reply } from '../../core/reply.ts';

export interface AddArticleRequest {
  /** The file's bytes, as downloaded from the platform. */
  bytes: Uint8Array;
  /** The file's name as the user shared it ("story.md"). */
  fileName: string;
  outlet?: string;
  url?: string;
  /** Hashed user id and request id, for the log. */
  user?: string;
  requestId?: string;
}

export interface RemoveArticleRequest {
  /** The article's id or title, as the person wrote it. */
  article: string;
  /** Hashed user id: only the person who added an article may remove it from chat. */
  user?: string;
  requestId?: string;
}

export interface ArticleAdder {
  /** Larger files are refused; check the size the platform gives before downloading. */
  readonly maxBytes: number;
  /** True when a file of this name (and size, when known) could be an article: plain text or Markdown, not too large. */
  accepts(fileName: string, size?: number): boolean;
  /**
   * Aborted when the server starts shutting down: downloads for adds stop, and `add` refuses,
   * so that whoever shared a file hears that it was not added (`stoppedRefusal`).
   */
  readonly stopping: AbortSignal;
  /** Adds the article and serves it. Never throws: a refusal is a reply of kind `error`. */
  add(request: AddArticleRequest): Promise<Reply>;
  /**
   * Removes an article that this same person added from chat, and stops serving it. Never
   * throws: a refusal (no such article, not added from chat, added by someone else) is a reply
   * of kind `error`.
   */
  remove(request: RemoveArticleRequest): Promise<Reply>;
}

/** A size as people read it: "1 MB", "1.5 MB", "300 KB", "200 bytes". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  return bytes >= 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${bytes} bytes`;
}

/** A shared file's name fit to show: no control characters, not endless. */
export function shownFileName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'the file';
}

/** The reply to a file whose adding the server's shutdown cut short. */
export function stoppedRefusal(fileName: string): Reply {
  return articleRefusal('SHUTTING_DOWN', `briefbot is restarting, so ${shownFileName(fileName)} was not added. Please share it again in a minute.`);
}

/** A refusal to add or remove an article, with a stable code: a reply of kind `error`. */
export function articleRefusal(code: string, lead: string): Reply {
  return makeReply({ kind: 'error', command: 'sources', lead, code });
}
