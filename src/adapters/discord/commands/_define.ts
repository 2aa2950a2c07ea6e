import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { COMMANDS } from '../../../core/commands.ts';
import type { Bot, BotRequest, CommandName, Reply } from '../../../core/index.ts';

/** A command option's value as Discord sends it. */
export type OptionValue = string | number | boolean;

/** What a command handler gets: the bot, the options by name, who asked (already hashed). */
export interface CommandInput {
  bot: Bot;
  options: Readonly<Record<string, OptionValue>>;
  /** Hashed, platform-scoped user id. */
  user?: string;
  conversation?: string;
  requestId?: string;
}

export interface CommandOutput {
  request: BotRequest & { command: CommandName };
  reply: Reply;
  /** Answer ephemerally, with a Share button. */
  private: boolean;
}

/** One slash command: its definition for Discord and its handler, as in the discord.js guide. */
export interface DiscordCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(input: CommandInput): CommandOutput;
}

const DESCRIPTION_MAX = 100;

function short(text: string): string {
  return text.length <= DESCRIPTION_MAX ? text : text.slice(0, DESCRIPTION_MAX - 1) + '…';
}

/**
 * The slash-command definition of a core command, generated from `COMMANDS` so that the
 * terminal, Slack and Discord share one list. `extra` adds Discord-only options (`private`).
 */
export function commandData(name: CommandName, extra: APIApplicationCommandOption[] = []): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) throw new Error(`briefbot discord: no core command named ${name}`);
  const options: APIApplicationCommandOption[] = [];
  if (spec.argument) {
    options.push({
      type: ApplicationCommandOptionType.String,
      name: spec.argument.name,
      description: short(spec.argument.description),
      required: spec.argument.required,
      ...(spec.argument.autocomplete ? { autocomplete: true } : { max_length: 500 }),
    });
  }
  options.push(...extra);
  return { type: ApplicationCommandType.ChatInput, name: spec.name, description: short(spec.description), options };
}

/** The core source of autocomplete choices for a command's argument, if it has one. */
export function autocompleteSource(name: string): 'entities' | 'speakers' | null {
  return COMMANDS.find((c) => c.name === name)?.argument?.autocomplete ?? null;
}

/** The usual handler: the command's one argument (if any) as the request text. Private by default. */
export function runCoreCommand(name: CommandName, input: CommandInput, isPrivate = true): CommandOutput {
  const spec = COMMANDS.find((c) => c.name === name);
  const raw = spec?.argument ? input.options[spec.argument.name] : undefined;
  const request: BotRequest & { command: CommandName } = {
    command: name,
    text: typeof raw === 'string' ? raw : '',
    ...(input.user !== undefined ? { user: input.user } : {}),
    ...(input.conversation !== undefined ? { conversation: input.conversation } : {}),
    ...(input.requestId !== undefined ? { requestId: input.requestId } : {}),
  };
  return { request, reply: input.bot.handle(request), private: isPrivate };
}
