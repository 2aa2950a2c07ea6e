import {
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  Partials,
  type APIInteraction,
  type ClientOptions,
  type Message,
  type PartialMessage,
} from 'discord.js';
import type { Bot, CommandName, Turn } from '../../core/index.ts';
import { hashUser, type FeedbackLog } from '../shared/feedback.ts';
import type { Logger } from '../shared/logger.ts';
import { loadCommands, type DiscordCommand } from './commands/index.ts';
import { answerInteraction, createRestTransport } from './interactions.ts';
import { NO_MENTIONS, plainTextOfEmbed, renderNotice, renderReply, type AskedRequest, type DiscordMessage } from './render.ts';
import type { ArticleAdder } from '../shared/articles.ts';

export interface DiscordGatewayOptions {
  bot: Bot;
  /** The bot token (DISCORD_TOKEN); used by `startDiscordGateway`, or pass it to `client.login()`. */
  token: string;
  /** REST base (DISCORD_API_URL). The gateway URL itself comes from `GET /gateway/bot` on it. */
  apiUrl?: string;
  feedbackLog: FeedbackLog;
  logger: Logger;
  commands?: Map<string, DiscordCommand>;
  /** See `AnswerOptions.deferAfterMs`. */
  deferAfterMs?: number;
  /** How many referenced messages to read back for a follow-up's context. */
  maxContextMessages?: number;
  /** Extra discord.js client options (tests shorten timeouts). */
  clientOptions?: Partial<ClientOptions>;
  /**
   * Called with each answer in progress (an interaction until its deferred edit is sent, a
   * message until its reply is); the promise never rejects. A server counts them for a
   * graceful shutdown.
   */
  track?: (work: Promise<void>) => void;
  /** Adds articles attached to `/add` (BRIEFBOT_CHAT_ADD); without it, `/add` says adding is off. */
  articles?: ArticleAdder | undefined;
}

const APOLOGY = 'Sorry, something went wrong while answering. Please try again in a moment.';

/** Removes `<@id>` / `<@!id>` mentions of the bot from a message's text. */
export function stripBotMention(text: string, botId: string): string {
  return text.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

/** The discord.js message options for a rendered body: mentions never ping, not even the replied user. */
/** A mention of briefbot, a direct message or a reply (to briefbot, if the chain says so): a message briefbot may answer. */
function mayBeForMe(message: Message, me: string): boolean {
  return message.mentions.users.has(me) || !message.inGuild() || message.reference?.messageId !== undefined;
}

/** How many messages after an edited question are searched for briefbot's answer to it. */
const EDIT_LOOKAHEAD = 20;

function messageOptions(body: DiscordMessage) {
  return {
    ...(body.content !== undefined ? { content: body.content } : {}),
    embeds: body.embeds,
    components: body.components,
    allowedMentions: { ...NO_MENTIONS, repliedUser: false },
  };
}

/**
 * Reads the conversation back from Discord: the chain of replies above `message`, oldest
 * first, as core turns. Nothing is kept in process memory, so a restart loses no thread.
 */
export async function readReplyChain(message: Message, botId: string, limit: number): Promise<{ turns: Turn[]; parentIsBot: boolean }> {
  const chain: Message[] = [];
  let current: Message = message;
  while (chain.length < limit && current.reference?.messageId) {
    try {
      current = await current.fetchReference();
    } catch {
      break;
    }
    chain.push(current);
  }
  const parentIsBot = chain[0]?.author.id === botId;
  const turns: Turn[] = [];
  for (const earlier of [...chain].reverse()) {
    if (earlier.author.id === botId) {
      const text = plainTextOfEmbed(earlier.embeds[0]?.data) || earlier.content;
      if (text) turns.push({ role: 'bot', text });
    } else {
      const text = stripBotMention(earlier.content, botId);
      if (text) turns.push({ role: 'user', text });
    }
  }
  return { turns, parentIsBot };
}

function requestOf(command: CommandName, text: string): AskedRequest {
  return command === 'ask' ? { command, text } : { command, text: text.replace(/^\/?\S+\s*/, '') };
}

/**
 * A discord.js client wired to the core: slash commands, autocomplete and buttons (answered
 * through the interaction callback, as over HTTP), @mentions in channels and DMs (answered
 * as a reply to the message), and replies to its own answers as follow-ups. Not logged in:
 * call `client.login(token)`, or use {@link startDiscordGateway}.
 */
export function createDiscordGateway(options: DiscordGatewayOptions): Client {
  const { bot, logger, feedbackLog } = options;
  const commands = options.commands ?? loadCommands();
  const maxContext = options.maxContextMessages ?? 8;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages],
    // DM channels are not cached before their first message; an edited message may not be cached at all.
    partials: [Partials.Channel, Partials.Message],
    allowedMentions: { parse: [], repliedUser: false },
    ...options.clientOptions,
    rest: { ...options.clientOptions?.rest, ...(options.apiUrl ? { api: options.apiUrl } : {}) },
  });

  // Without an error listener an emitted error would crash the process.
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardError, (error, shard) => logger.error({ err: error, shard }, 'discord shard error'));

  // The raw payload, so the gateway and the HTTP endpoint share one path (and one wire format).
  const track = options.track ?? (() => undefined);
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (interaction: APIInteraction) => {
    const transport = createRestTransport(client.rest, interaction);
    track(
      answerInteraction(interaction, { bot, feedbackLog, logger, commands, articles: options.articles, apiUrl: options.apiUrl }, transport, {
        ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
      }).catch((error: unknown) => logger.error({ err: error, interaction: interaction.id }, 'discord interaction response failed')),
    );
  });

  client.on(Events.MessageCreate, (message) => {
    track(onMessage(message).catch((error: unknown) => logger.error({ err: error, message: message.id }, 'discord message handling failed')));
  });
  client.on(Events.MessageUpdate, (before, after) => {
    track(onEdit(before, after).catch((error: unknown) => logger.error({ err: error, message: after.id }, 'discord edit handling failed')));
  });

  async function onMessage(message: Message): Promise<void> {
    const me = client.user?.id;
    if (!me || message.author.bot || message.system) return;
    if (!mayBeForMe(message, me)) return;
    const { turns, parentIsBot } = await readReplyChain(message, me, maxContext);
    // A reply is for briefbot only when it replies to one of briefbot's messages.
    if (!message.mentions.users.has(me) && message.inGuild() && !parentIsBot) return;
    await message.reply(messageOptions(answer(message, me, turns)));
  }

  /** The answer to a message, rendered; an apology when the core fails. */
  function answer(message: Message, me: string, turns: Turn[]): DiscordMessage {
    const text = stripBotMention(message.content, me);
    try {
      const reply = bot.handle({
        text,
        history: turns,
        user: hashUser('discord', message.author.id),
        conversation: message.channelId,
        requestId: message.id,
      });
      return renderReply(reply, { request: requestOf(reply.command, text), private: false });
    } catch (error) {
      logger.error({ err: error, message: message.id }, 'discord message answer failed');
      return renderNotice(APOLOGY, { private: false });
    }
  }

  /**
   * A question edited after briefbot answered it (a typo fixed) is answered again, and the
   * answer edited in place. The answer is found on Discord, among the messages after the
   * question, so this works after a restart and on any replica. An edit that keeps the text
   * (Discord adding a link preview) does nothing.
   */
  async function onEdit(before: Message | PartialMessage, after: Message | PartialMessage): Promise<void> {
    const me = client.user?.id;
    if (!me || (!before.partial && before.content === after.content)) return;
    const message = after.partial ? await after.fetch() : after;
    if (message.author.bot || message.system) return;
    // Only a message briefbot would have answered is looked into: edits elsewhere cost no request.
    if (!mayBeForMe(message, me)) return;
    const later = await message.channel.messages.fetch({ after: message.id, limit: EDIT_LOOKAHEAD });
    const ours = later.find((m) => m.author.id === me && m.reference?.messageId === message.id);
    if (!ours) return;
    const { turns } = await readReplyChain(message, me, maxContext);
    await ours.edit(messageOptions(answer(message, me, turns)));
  }

  return client;
}

/** Creates the client, logs in and resolves once it is ready (guilds received). */
export async function startDiscordGateway(options: DiscordGatewayOptions): Promise<Client> {
  const client = createDiscordGateway(options);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(options.token);
  await ready;
  options.logger.info({ user: client.user?.tag }, 'discord gateway ready');
  return client;
}
