/**
 * Earlier turns of a Slack conversation, read back from Slack (conversations.replies or
 * conversations.history) rather than kept in memory, so that a follow-up survives a restart
 * and any replica can answer it.
 */
import type { Turn } from '../../core/index.ts';
import { slackToPlain } from './mrkdwn.ts';

/** The fields of a Slack message that history needs. */
export interface SlackHistoryMessage {
  ts?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
}

export interface HistoryOptions {
  /** The message being answered: it and anything after it are left out. */
  before: string;
  botUserId?: string;
  botId?: string;
  /**
   * In a channel only questions put to the bot (messages that mention it) are turns; people
   * talking among themselves in the thread are not. In a direct message every message is.
   */
  onlyMentions: boolean;
  /** At most this many turns, the latest ones. */
  limit?: number;
}

/** Orders Slack timestamps ("1700000000.000100") without floating-point rounding. */
export function compareTs(a: string, b: string): number {
  const [aSec = '0', aFrac = ''] = a.split('.');
  const [bSec = '0', bFrac = ''] = b.split('.');
  const secs = BigInt(aSec) - BigInt(bSec);
  if (secs !== 0n) return secs < 0n ? -1 : 1;
  const af = aFrac.padEnd(6, '0');
  const bf = bFrac.padEnd(6, '0');
  return af === bf ? 0 : af < bf ? -1 : 1;
}

function isTs(value: string | undefined): value is string {
  return value !== undefined && /^\d+(\.\d+)?$/.test(value);
}

/** Slack messages, oldest first, as the core's turns. */
export function messagesToTurns(messages: readonly SlackHistoryMessage[], options: HistoryOptions): Turn[] {
  const turns: Turn[] = [];
  const sorted = messages.filter((m) => isTs(m.ts) && compareTs(m.ts, options.before) < 0).sort((a, b) => compareTs(a.ts ?? '0', b.ts ?? '0'));
  for (const message of sorted) {
    const raw = message.text ?? '';
    const fromBot = (options.botId !== undefined && message.bot_id === options.botId) || (options.botUserId !== undefined && message.user === options.botUserId);
    if (fromBot) {
      const text = slackToPlain(raw);
      if (text !== '') turns.push({ role: 'bot', text });
      continue;
    }
    // Other bots, joins, edits and the like are not part of the conversation.
    if (message.bot_id !== undefined || (message.subtype !== undefined && message.subtype !== 'thread_broadcast')) continue;
    if (options.onlyMentions && options.botUserId !== undefined && !raw.includes(`<@${options.botUserId}`)) continue;
    const text = slackToPlain(raw, options.botUserId);
    if (text !== '') turns.push({ role: 'user', text });
  }
  return turns.slice(-(options.limit ?? 20));
}

/**
 * The bot's reply to the message at `questionTs`: the first message of the bot's after it, as
 * long as no one wrote anything in between (then the reply, if any, answers something else).
 * Undefined when there is none.
 */
export function replyTo(messages: readonly SlackHistoryMessage[], questionTs: string, bot: { botUserId?: string; botId?: string }): string | undefined {
  const later = messages.filter((m) => isTs(m.ts) && compareTs(m.ts, questionTs) > 0).sort((a, b) => compareTs(a.ts ?? '0', b.ts ?? '0'));
  for (const message of later) {
    const fromBot = (bot.botId !== undefined && message.bot_id === bot.botId) || (bot.botUserId !== undefined && message.user === bot.botUserId);
    if (fromBot) return message.ts;
    if (message.bot_id === undefined && message.subtype === undefined) return undefined;
  }
  return undefined;
}
