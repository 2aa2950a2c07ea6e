import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOptionChoice,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessage,
  type APIMessageComponentInteraction,
} from 'discord.js';
import type { Bot, Reply } from '../../core/index.ts';
import type { ArticleAdder } from '../shared/articles.ts';
import { hashUser, type FeedbackLog } from '../shared/feedback.ts';
import type { Logger } from '../shared/logger.ts';
import { planAdd, planRemove, type AddPlan } from './add.ts';
import { helpEntry as addHelp } from './commands/add.ts';
import { helpEntry as removeHelp } from './commands/remove.ts';
import { autocompleteSource, loadCommands, type DiscordCommand, type OptionValue } from './commands/index.ts';
import {
  CUSTOM_IDS,
  DISCORD_LIMITS,
  NO_MENTIONS,
  renderNotice,
  renderReply,
  requestFromTitle,
  type AskedRequest,
  type DiscordActionRow,
  type DiscordMessage,
} from './render.ts';

/** What answering an interaction needs; every client is passed in. */
export interface InteractionContext {
  bot: Bot;
  feedbackLog: FeedbackLog;
  logger: Logger;
  /** The slash commands by name; `loadCommands()` when omitted. */
  commands?: Map<string, DiscordCommand>;
  /** Adds articles attached to `/add`; without it, `/add` says adding is off. */
  articles?: ArticleAdder | undefined;
  /** The REST base (DISCORD_API_URL): `/add` downloads attachments from its origin too. */
  apiUrl?: string | undefined;
}

/** How a transport delivers the answer: the first response, then edits or follow-ups after a deferral. */
export interface InteractionTransport {
  /** The interaction response (HTTP body, or POST …/callback over REST). */
  respond(response: APIInteractionResponse): Promise<void>;
  /** PATCH /webhooks/{app}/{token}/messages/@original. */
  editOriginal(message: DiscordMessage): Promise<void>;
  /** POST /webhooks/{app}/{token}. */
  followUp(message: DiscordMessage): Promise<void>;
}

export interface AnswerOptions {
  /**
   * Defer (type 5/6) when the answer is not ready after this many ms, then edit the original.
   * Discord allows 3 s; 0 defers every command and component, which tests use.
   */
  deferAfterMs?: number;
}

export const DEFAULT_DEFER_AFTER_MS = 1500;

/** The REST calls a transport makes; discord.js's `REST` fits. */
export interface RestLike {
  post(route: `/${string}`, options: { body: unknown; auth?: boolean }): Promise<unknown>;
  patch(route: `/${string}`, options: { body: unknown; auth?: boolean }): Promise<unknown>;
}

/**
 * A transport over REST: the callback endpoint for the response, the interaction webhook for
 * edits and follow-ups (the interaction token authorises them, so no bot token is sent).
 */
export function createRestTransport(rest: RestLike, interaction: Pick<APIInteraction, 'id' | 'token' | 'application_id'>): InteractionTransport {
  return {
    async respond(response) {
      await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: response, auth: false });
    },
    async editOriginal(body) {
      await rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token, '@original'), { body, auth: false });
    },
    async followUp(body) {
      await rest.post(Routes.webhook(interaction.application_id, interaction.token), { body, auth: false });
    },
  };
}

const APOLOGY = 'Sorry, something went wrong while answering. Please try again in a moment.';

type Options = Record<string, OptionValue>;

function flatOptions(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): { values: Options; focused: { name: string; value: string } | null } {
  const values: Options = {};
  let focused: { name: string; value: string } | null = null;
  for (const option of options ?? []) {
    if (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup) continue;
    if (!('value' in option)) continue;
    values[option.name] = option.value;
    if ('focused' in option && option.focused) focused = { name: option.name, value: String(option.value) };
  }
  return { values, focused };
}

function userIdOf(interaction: APIInteraction): string | null {
  return interaction.member?.user.id ?? interaction.user?.id ?? null;
}

function isEphemeral(message: Pick<APIMessage, 'flags'> | undefined): boolean {
  return ((message?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

function asked(request: AskedRequest): string {
  return request.command === 'ask' ? request.text : `/${request.command} ${request.text}`.trim();
}

function citationIds(reply: Reply): string[] {
  return reply.citations.map((c) => `${c.articleId}#${c.sentence}`);
}

function message(type: InteractionResponseType.ChannelMessageWithSource | InteractionResponseType.UpdateMessage, data: DiscordMessage): APIInteractionResponse {
  return { type, data } as APIInteractionResponse;
}

/** The plan of `/add` or `/remove`, which are answered outside the core (see add.ts); null for any other interaction. */
function addPlanOf(interaction: APIInteraction, context: InteractionContext): AddPlan | null {
  if (interaction.type !== InteractionType.ApplicationCommand || interaction.data.type !== ApplicationCommandType.ChatInput) return null;
  const plan = interaction.data.name === 'add' ? planAdd : interaction.data.name === 'remove' ? planRemove : null;
  if (!plan) return null;
  const { values } = flatOptions(interaction.data.options as APIApplicationCommandInteractionDataOption[] | undefined);
  const userId = userIdOf(interaction);
  try {
    return plan(
      { id: interaction.id, ...(userId ? { user: hashUser('discord', userId) } : {}), options: values, attachments: interaction.data.resolved?.attachments },
      { articles: context.articles, apiUrl: context.apiUrl, logger: context.logger },
    );
  } catch (error) {
    context.logger.error({ err: error, interaction: interaction.id, type: interaction.type }, 'discord interaction failed');
    return { now: renderNotice(APOLOGY) };
  }
}

/** Runs `/add`'s work; its result is public, as the deferral announced. */
async function addResponse(plan: AddPlan): Promise<APIInteractionResponse> {
  return message(InteractionResponseType.ChannelMessageWithSource, 'now' in plan ? plan.now : await plan.later());
}

/** Whether a command's answer will be ephemeral, known before it is computed (for the deferral). */
function commandIsPrivate(interaction: APIInteraction): boolean {
  if (interaction.type !== InteractionType.ApplicationCommand) return false;
  const data = interaction.data;
  if (!('options' in data)) return true;
  const { values } = flatOptions(data.options as APIApplicationCommandInteractionDataOption[] | undefined);
  return values['private'] !== false;
}

/** The message's action rows minus the Share button: a shared answer is public already. */
function withoutShareButton(rows: readonly DiscordActionRow[] | undefined): DiscordActionRow[] {
  const kept: DiscordActionRow[] = [];
  for (const row of rows ?? []) {
    if (row.type !== ComponentType.ActionRow) continue;
    const components = row.components.filter((c) => !('custom_id' in c) || c.custom_id !== CUSTOM_IDS.share);
    if (components.length > 0) kept.push({ ...row, components });
  }
  return kept;
}

async function onComponent(interaction: APIMessageComponentInteraction, context: InteractionContext): Promise<APIInteractionResponse> {
  const { bot } = context;
  const source = interaction.message;
  const embed = source.embeds[0];
  const wasPrivate = isEphemeral(source);
  const userId = userIdOf(interaction);
  const user = userId ? hashUser('discord', userId) : undefined;
  const customId = interaction.data.custom_id;

  if (customId === CUSTOM_IDS.suggest && interaction.data.component_type === ComponentType.StringSelect) {
    const question = interaction.data.values[0] ?? '';
    const request: AskedRequest = { command: 'ask', text: question };
    const reply = bot.handle({ ...request, ...(user ? { user } : {}), requestId: interaction.id });
    return message(InteractionResponseType.ChannelMessageWithSource, renderReply(reply, { request, private: wasPrivate }));
  }

  if (customId === CUSTOM_IDS.share) {
    const components = withoutShareButton(source.components as DiscordActionRow[] | undefined);
    const shared: DiscordMessage = {
      content: userId ? `Shared by <@${userId}>` : 'Shared from a private answer',
      embeds: source.embeds.slice(0, 10),
      components: components.slice(0, DISCORD_LIMITS.actionRows),
      allowed_mentions: NO_MENTIONS,
    };
    return message(InteractionResponseType.ChannelMessageWithSource, shared);
  }

  const request = requestFromTitle(embed?.title);
  if (!request) {
    return message(InteractionResponseType.ChannelMessageWithSource, renderNotice('This message is too old to act on; please ask again.'));
  }

  if (customId === CUSTOM_IDS.more) {
    const reply = bot.handle({ ...request, ...(user ? { user } : {}), requestId: interaction.id });
    return message(InteractionResponseType.UpdateMessage, renderReply(reply, { request, private: wasPrivate, expanded: true }));
  }

  if (customId === CUSTOM_IDS.up || customId === CUSTOM_IDS.down) {
    const reply = bot.handle({ ...request, requestId: interaction.id });
    await context.feedbackLog.record({
      platform: 'discord',
      verdict: customId === CUSTOM_IDS.up ? 'up' : 'down',
      question: asked(request),
      citations: citationIds(reply),
      user: user ?? hashUser('discord', 'unknown'),
    });
    return message(InteractionResponseType.ChannelMessageWithSource, renderNotice('Thanks, your feedback was recorded.'));
  }

  return message(InteractionResponseType.ChannelMessageWithSource, renderNotice('This button is not one briefbot knows.'));
}

/**
 * Turns one raw interaction into its response: the single inbound path that the gateway and
 * the HTTP endpoint share. It holds no question-answering logic; the core answers, `render.ts`
 * formats. A failure is logged with the interaction id and answered with a short apology.
 */
export async function processInteraction(interaction: APIInteraction, context: InteractionContext): Promise<APIInteractionResponse> {
  const commands = context.commands ?? loadCommands();
  try {
    switch (interaction.type) {
      case InteractionType.Ping:
        return { type: InteractionResponseType.Pong };
      case InteractionType.ApplicationCommandAutocomplete: {
        const { focused } = flatOptions(interaction.data.options as APIApplicationCommandInteractionDataOption[]);
        const source = autocompleteSource(interaction.data.name);
        const names = source && focused ? context.bot.complete(source, focused.value, 25) : [];
        const choices: APIApplicationCommandOptionChoice<string>[] = names
          .filter((name) => name.length >= 1 && name.length <= DISCORD_LIMITS.selectOptionText)
          .slice(0, 25)
          .map((name) => ({ name, value: name }));
        return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } };
      }
      case InteractionType.ApplicationCommand: {
        const add = addPlanOf(interaction, context);
        if (add) return await addResponse(add);
        const command = commands.get(interaction.data.name);
        if (!command || interaction.data.type !== ApplicationCommandType.ChatInput) {
          return message(InteractionResponseType.ChannelMessageWithSource, renderNotice(`briefbot does not know /${interaction.data.name}; try /help.`));
        }
        const { values } = flatOptions(('options' in interaction.data ? interaction.data.options : undefined) as APIApplicationCommandInteractionDataOption[] | undefined);
        const userId = userIdOf(interaction);
        const output = command.execute({
          bot: context.bot,
          options: values,
          ...(userId ? { user: hashUser('discord', userId) } : {}),
          ...(interaction.channel?.id ? { conversation: interaction.channel.id } : {}),
          requestId: interaction.id,
        });
        const request: AskedRequest = { command: output.request.command, text: output.request.text };
        // `/add` is not the core's, so help lists it here, and only when adding is on.
        const extraCommands = output.reply.kind === 'help' && context.articles ? [addHelp, removeHelp] : [];
        return message(InteractionResponseType.ChannelMessageWithSource, renderReply(output.reply, { request, private: output.private, extraCommands }));
      }
      case InteractionType.MessageComponent:
        return await onComponent(interaction, context);
      case InteractionType.ModalSubmit:
        return message(InteractionResponseType.ChannelMessageWithSource, renderNotice('briefbot has no forms.'));
    }
  } catch (error) {
    context.logger.error({ err: error, interaction: interaction.id, type: interaction.type }, 'discord interaction failed');
    if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
    }
    return message(InteractionResponseType.ChannelMessageWithSource, renderNotice(APOLOGY));
  }
}

function sleep(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
}

/**
 * Answers an interaction within Discord's 3 seconds: the response at once when it is ready,
 * otherwise a deferral (type 5 for a command, 6 for a component) followed by an edit of
 * `@original` or a follow-up message.
 */
export async function answerInteraction(
  interaction: APIInteraction,
  context: InteractionContext,
  transport: InteractionTransport,
  options: AnswerOptions = {},
): Promise<void> {
  const deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  // `/add` refuses privately at once, or defers publicly: a deferral's visibility cannot change later.
  const add = addPlanOf(interaction, context);
  if (add && 'now' in add) {
    await transport.respond(message(InteractionResponseType.ChannelMessageWithSource, add.now));
    return;
  }
  const work = add ? addResponse(add) : processInteraction(interaction, context);
  const deferrable = interaction.type === InteractionType.ApplicationCommand || interaction.type === InteractionType.MessageComponent;
  if (!deferrable) {
    await transport.respond(await work);
    return;
  }
  const first = deferAfterMs <= 0 ? 'timeout' : await Promise.race([work, sleep(deferAfterMs)]);
  if (first !== 'timeout') {
    await transport.respond(first);
    return;
  }
  if (interaction.type === InteractionType.ApplicationCommand) {
    const data = !add && commandIsPrivate(interaction) ? { flags: MessageFlags.Ephemeral } : {};
    await transport.respond({ type: InteractionResponseType.DeferredChannelMessageWithSource, data });
    const response = await work;
    if ('data' in response && response.data && 'embeds' in response.data) await transport.editOriginal(response.data as DiscordMessage);
    return;
  }
  await transport.respond({ type: InteractionResponseType.DeferredMessageUpdate });
  const response = await work;
  if (!('data' in response) || !response.data) return;
  if (response.type === InteractionResponseType.UpdateMessage) await transport.editOriginal(response.data as DiscordMessage);
  else await transport.followUp(response.data as DiscordMessage);
}
