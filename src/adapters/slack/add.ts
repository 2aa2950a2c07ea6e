/**
 * Adding an article from a file shared in Slack: the checks and the download happen here, the
 * adding itself is the server's (`ArticleAdder`). Every outcome is a core `Reply`, so it is
 * rendered and posted like an answer.
 */
import { makeReply, type Reply } from '../../core/reply.ts';
import { articleRefusal, shownFileName, sizeText, stoppedRefusal, type ArticleAdder } from '../shared/articles.ts';
import { downloadFile } from '../shared/download.ts';
import type { Logger } from '../shared/logger.ts';
import { articleFileName, MAX_FILES_PER_MESSAGE, sharedFiles, type SharedFile } from './files.ts';

export const ADD_HOW_TO = 'To add an article, share its .txt, .md or .html file with @briefbot in a direct message, or mention @briefbot in a channel with the file attached.';
export const ADD_OFF = 'Adding articles from Slack is turned off on this server; ask the operator to set BRIEFBOT_CHAT_ADD=on.';

/**
 * `/brief add`, or `/brief add …` that is not a question: the how-to. "add" is no core command,
 * so the adapter answers it; "add what up?" stays a question for the core, as `quotes …?` does.
 */
export function isAddCommand(text: string): boolean {
  const match = /^\/?add(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match) return false;
  const rest = (match[1] ?? '').trim();
  return rest === '' || !/\?\s*$/.test(rest);
}

/**
 * The title in `/brief remove TITLE`, or null when the text is no removal ("remove what?" is a
 * question for the core).
 */
export function removeArgument(text: string): string | null {
  const match = /^\/?remove(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match) return null;
  const rest = (match[1] ?? '').trim();
  return /\?\s*$/.test(rest) ? null : rest;
}

/** The reply to `/brief add`: how to add, or that adding is off. */
export function addHowTo(enabled: boolean): Reply {
  return enabled ? makeReply({ kind: 'list', command: 'help', lead: ADD_HOW_TO }) : makeReply({ kind: 'error', command: 'help', lead: ADD_OFF, code: 'ADD_OFF' });
}

export function tooManyFiles(count: number): Reply {
  const rest = count - MAX_FILES_PER_MESSAGE;
  return articleRefusal('TOO_MANY_FILES', `I add at most ${MAX_FILES_PER_MESSAGE} files from one message; share ${rest === 1 ? 'the other one' : `the other ${rest}`} in another message.`);
}

export interface AddFileContext {
  articles: ArticleAdder;
  token: string;
  /** Origins the token may go to (see `trustedOrigins`). */
  origins: ReadonlySet<string>;
  timeoutMs?: number | undefined;
  /** Looks a file up when the event carried no URL for it (`files.info`). */
  fileInfo: (id: string) => Promise<Record<string, unknown> | undefined>;
  logger: Logger;
  requestId: string;
  user?: string | undefined;
}

/** Checks, downloads and adds one shared file. Never throws. */
export async function addSharedFile(shared: SharedFile, ctx: AddFileContext): Promise<Reply> {
  const { articles } = ctx;
  // Slack leaves out all but the id for some files ("check_file_info"); files.info has the rest.
  const file = shared.url === undefined ? ((await lookUp(shared.id, ctx)) ?? shared) : shared;
  const fileName = articleFileName(file);
  const name = shownFileName(fileName);
  if (!articles.accepts(fileName, file.size)) {
    // A text file refused only for its size gets the size as the reason.
    return articles.accepts(fileName)
      ? articleRefusal('TOO_LARGE', `${name} is ${sizeText(file.size ?? 0)}; an article file may be at most ${sizeText(articles.maxBytes)}.`)
      : articleRefusal('NOT_TEXT', `${name} is not an article file: share the article as plain text (.txt), Markdown (.md) or a saved web page (.html), at most ${sizeText(articles.maxBytes)}.`);
  }
  if (file.url === undefined) return articleRefusal('NO_FILE_URL', `I could not find ${name} on Slack to download it. Please share the file again.`);
  const download = await downloadFile(file.url, { headers: { authorization: `Bearer ${ctx.token}` }, origins: ctx.origins, maxBytes: articles.maxBytes, timeoutMs: ctx.timeoutMs, signal: articles.stopping });
  if (!download.ok && download.reason === 'stopped') return stoppedRefusal(fileName);
  if (!download.ok) {
    // No URL in the log (it carries the file's name): the reason and origin or status say enough.
    // Slack sends a bot without the files:read scope to its sign-in page instead of the file.
    const hint = download.reason === 'redirected' ? 'check the app has the files:read scope' : undefined;
    ctx.logger.warn({ requestId: ctx.requestId, file: file.id, ...download, hint }, 'could not download a shared file');
    switch (download.reason) {
      case 'untrusted':
        return articleRefusal('UNTRUSTED_URL', `${name} is not stored on Slack, so I did not download it. Share the file itself with me.`);
      case 'too_large':
        return articleRefusal('TOO_LARGE', `${name} is larger than ${sizeText(articles.maxBytes)}, the most an article file may be.`);
      default:
        return articleRefusal('DOWNLOAD_FAILED', `Sorry, I couldn't download ${name} from Slack just now. Please try again in a moment.`);
    }
  }
  return articles.add({ bytes: download.bytes, fileName, requestId: ctx.requestId, ...(ctx.user !== undefined ? { user: ctx.user } : {}) });
}

async function lookUp(id: string, ctx: AddFileContext): Promise<SharedFile | undefined> {
  if (id === '') return undefined;
  try {
    const info = await ctx.fileInfo(id);
    return info ? sharedFiles([info])[0] : undefined;
  } catch (error) {
    ctx.logger.warn({ err: error, requestId: ctx.requestId, file: id }, 'files.info failed for a shared file');
    return undefined;
  }
}
