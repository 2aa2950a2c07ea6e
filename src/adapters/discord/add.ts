/**
 * `/add`: an article attached to the command is downloaded from Discord's CDN and handed to the
 * server's article adder. Not a core command, so it is answered here, in two steps: what can be
 * refused from the interaction alone is refused at once (privately); the download and the add
 * run afterwards and are shown in the channel, so everyone sees that an article was added.
 */
import type { APIAttachment } from 'discord.js';
import type { Reply } from '../../core/index.ts';
import { articleRefusal, shownFileName, sizeText, stoppedRefusal, type ArticleAdder } from '../shared/articles.ts';
import { downloadFile, originOf, type DownloadFailure } from '../shared/download.ts';
import type { Logger } from '../shared/logger.ts';
import type { OptionValue } from './commands/index.ts';
import { escapeMarkdown, renderNotice, renderReply, type DiscordMessage } from './render.ts';

export const ADD_TURNED_OFF = 'Adding articles is turned off on this server; ask the operator to set BRIEFBOT_CHAT_ADD=on.';

/** Where Discord serves attachments. Nothing else is ever fetched, whatever an interaction says. */
const DISCORD_CDN_ORIGINS: readonly string[] = ['https://cdn.discordapp.com', 'https://media.discordapp.net'];

export interface AddContext {
  /** The server's adder; without it `/add` says adding is off. */
  articles?: ArticleAdder | undefined;
  /** The REST base (DISCORD_API_URL): attachments on its origin are fetched too (tests' fake Discord). */
  apiUrl?: string | undefined;
  logger: Logger;
  downloadTimeoutMs?: number;
}

export interface AddInput {
  /** The interaction id, for the log. */
  id: string;
  /** Hashed user id, as for questions. */
  user?: string;
  options: Readonly<Record<string, OptionValue>>;
  /** `interaction.data.resolved.attachments`. */
  attachments?: Readonly<Record<string, APIAttachment>> | undefined;
}

/** Either a private answer at once, or work whose result is shown in the channel. */
export type AddPlan = { now: DiscordMessage } | { later: () => Promise<DiscordMessage> };

/** The origins attachments are downloaded from: Discord's CDN, and the REST base's (a fake in tests). */
function attachmentOrigins(apiUrl: string | undefined): Set<string> {
  const origins = new Set(DISCORD_CDN_ORIGINS);
  const api = originOf(apiUrl);
  if (api) origins.add(api);
  return origins;
}

/** True when `url` is on Discord's CDN or on the configured REST base's origin. */
export function attachmentUrlAllowed(url: string, apiUrl?: string): boolean {
  const origin = originOf(url);
  return origin !== undefined && attachmentOrigins(apiUrl).has(origin);
}

/** Why a download failed, in words for the person who attached the file. */
function failureReason(failure: DownloadFailure): string {
  switch (failure.reason) {
    case 'untrusted':
      return 'it is not on Discord';
    case 'redirected':
      return 'it was redirected away from Discord';
    case 'status':
      return `Discord answered ${failure.status}`;
    case 'timeout':
      return 'it took too long';
    case 'too_large':
      return 'it is too large';
    case 'unreachable':
      return 'Discord could not be reached';
    case 'stopped':
      return 'briefbot is restarting';
  }
}

function text(value: OptionValue | undefined): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The reply of an `/add`, titled with the file, shown in the channel. */
function renderAdded(reply: Reply, fileName: string): DiscordMessage {
  return renderReply(reply, { request: { command: 'sources', text: '' }, title: `/add ${fileName}`, private: false });
}

function failure(fileName: string, lead: string): DiscordMessage {
  return renderAdded(articleRefusal('DOWNLOAD_FAILED', lead), fileName);
}

/**
 * Decides what `/add` does with an interaction's options: a private refusal at once (adding off,
 * no attachment, not a text file, too large, a bad link, an attachment not on Discord), or the
 * download and add to run, whose result is public. Never throws; the work never rejects.
 */
export function planAdd(input: AddInput, context: AddContext): AddPlan {
  const { articles, logger } = context;
  if (!articles) return { now: renderNotice(ADD_TURNED_OFF) };
  const id = text(input.options['file']);
  const attachment = id ? input.attachments?.[id] : undefined;
  if (!attachment) return { now: renderNotice('Attach the article to /add as a .txt, .md or .html file.') };
  const name = shownFileName(attachment.filename);
  const shown = escapeMarkdown(name);
  if (!articles.accepts(name)) return { now: renderNotice(`${shown} is not an article file: attach the article as plain text (.txt), Markdown (.md) or a saved web page (.html).`) };
  if (!articles.accepts(name, attachment.size)) {
    return { now: renderNotice(`${shown} is ${sizeText(attachment.size)}; an article file may be at most ${sizeText(articles.maxBytes)}.`) };
  }
  const outlet = text(input.options['outlet']);
  const url = text(input.options['url']);
  if (url && !/^https?:\/\/\S+$/i.test(url)) return { now: renderNotice('The url option must be a link to the article, starting with https://.') };
  if (!attachmentUrlAllowed(attachment.url, context.apiUrl)) {
    // Discord always sends its own CDN links; anything else is not fetched.
    logger.warn({ interaction: input.id, host: originOf(attachment.url) ?? 'invalid' }, 'discord attachment not on Discord; not downloaded');
    return { now: renderNotice(`Sorry, briefbot only downloads attachments from Discord, and ${shown} is not on Discord.`) };
  }

  // Narrowed once for the work below, which runs after this function has returned.
  const adder: ArticleAdder = articles;
  const fileUrl = attachment.url;

  async function later(): Promise<DiscordMessage> {
    const got = await downloadFile(fileUrl, { origins: attachmentOrigins(context.apiUrl), maxBytes: adder.maxBytes, timeoutMs: context.downloadTimeoutMs, signal: adder.stopping });
    if (!got.ok && got.reason === 'stopped') return renderAdded(stoppedRefusal(name), name);
    if (!got.ok && got.reason === 'too_large') return failure(name, `${name} is larger than ${sizeText(adder.maxBytes)}, the most an article file may be.`);
    if (!got.ok) {
      const reason = failureReason(got);
      logger.warn({ interaction: input.id, reason, ...(got.reason === 'unreachable' ? { detail: got.detail } : {}) }, got.reason === 'timeout' ? 'discord attachment download timed out' : 'discord attachment download failed');
      return failure(name, `Sorry, ${name} could not be downloaded from Discord (${reason}). Please try again in a moment.`);
    }
    try {
      const reply = await adder.add({
        bytes: got.bytes,
        fileName: name,
        ...(outlet ? { outlet } : {}),
        ...(url ? { url } : {}),
        ...(input.user !== undefined ? { user: input.user } : {}),
        requestId: input.id,
      });
      return renderAdded(reply, name);
    } catch (error) {
      // The adder never throws; this is a last guard, so a deferred answer is always edited in.
      logger.error({ err: error, interaction: input.id }, 'discord /add failed');
      return failure(name, 'Sorry, the article could not be added just now. Please try again in a moment.');
    }
  }
  return { later };
}

/**
 * `/remove article:<title>`: the adder takes back an article this person added (it checks who
 * added it); the result is shown in the channel, as an addition is.
 */
export function planRemove(input: AddInput, context: AddContext): AddPlan {
  const { articles } = context;
  if (!articles) return { now: renderNotice(ADD_TURNED_OFF) };
  const adder: ArticleAdder = articles;
  const article = text(input.options['article']);
  return {
    async later() {
      const reply = await adder.remove({ article, requestId: input.id, ...(input.user !== undefined ? { user: input.user } : {}) });
      return renderReply(reply, { request: { command: 'sources', text: '' }, title: `/remove ${article}`, private: false });
    },
  };
}
