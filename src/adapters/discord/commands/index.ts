import type { DiscordCommand } from './_define.ts';
import * as ask from './ask.ts';
import * as brief from './brief.ts';
import * as who from './who.ts';
import * as quotes from './quotes.ts';
import * as sources from './sources.ts';
import * as help from './help.ts';
import * as add from './add.ts';
import * as remove from './remove.ts';

export type { CommandInput, CommandOutput, DiscordCommand, OptionValue } from './_define.ts';
export { autocompleteSource } from './_define.ts';

/** Every command module the core answers, one per slash command. */
export const COMMAND_MODULES: readonly unknown[] = [ask, brief, who, quotes, sources, help];

/** Commands the adapter answers itself, asynchronously (`/add`, `/remove`): definitions only, no `execute`. */
export const ADAPTER_COMMANDS: readonly DiscordCommand['data'][] = [add.data, remove.data];

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

/** Thrown when a command module does not have the `{ data, execute }` shape Discord needs. */
export class DiscordCommandShapeError extends Error {
  override readonly name = 'DiscordCommandShapeError';
  readonly code = 'DISCORD_COMMAND_SHAPE';
}

function checkData(data: DiscordCommand['data'] | undefined | null, where: string): DiscordCommand['data'] {
  if (typeof data !== 'object' || data === null) throw new DiscordCommandShapeError(`${where} has no data object`);
  if (typeof data.name !== 'string' || !NAME.test(data.name)) throw new DiscordCommandShapeError(`${where} has an invalid name ${JSON.stringify(data.name)}`);
  if (typeof data.description !== 'string' || data.description.length < 1 || data.description.length > 100) {
    throw new DiscordCommandShapeError(`${where} (/${data.name}) needs a description of 1–100 characters`);
  }
  const options = data.options ?? [];
  if (!Array.isArray(options) || options.length > 25) throw new DiscordCommandShapeError(`${where} (/${data.name}) has more than 25 options`);
  let optionalSeen = false;
  for (const option of options) {
    if (!NAME.test(option.name) || option.description.length < 1 || option.description.length > 100) {
      throw new DiscordCommandShapeError(`${where} (/${data.name}) has an invalid option ${JSON.stringify(option.name)}`);
    }
    const required = 'required' in option && option.required === true;
    if (required && optionalSeen) throw new DiscordCommandShapeError(`${where} (/${data.name}) lists a required option after an optional one`);
    if (!required) optionalSeen = true;
  }
  return data;
}

function check(module: unknown, index: number): DiscordCommand {
  const where = `briefbot discord: command module #${index + 1}`;
  if (typeof module !== 'object' || module === null) throw new DiscordCommandShapeError(`${where} is not a module object`);
  const { data, execute } = module as Partial<DiscordCommand>;
  if (typeof execute !== 'function') throw new DiscordCommandShapeError(`${where} has no execute() function`);
  return { data: checkData(data, where), execute: execute.bind(module) } as DiscordCommand;
}

/**
 * Checks the shape of every command module and returns the commands by name; a module that
 * does not fit stops the start with a {@link DiscordCommandShapeError}.
 */
export function loadCommands(modules: readonly unknown[] = COMMAND_MODULES): Map<string, DiscordCommand> {
  const commands = new Map<string, DiscordCommand>();
  modules.forEach((module, index) => {
    const command = check(module, index);
    if (commands.has(command.data.name)) throw new DiscordCommandShapeError(`briefbot discord: two command modules are named /${command.data.name}`);
    commands.set(command.data.name, command);
  });
  return commands;
}

/**
 * The definitions to register with Discord, in module order: briefbot's own (the core's, then
 * `/add`) when `modules` is omitted, otherwise those modules' alone.
 */
export function commandDefinitions(modules?: readonly unknown[]): DiscordCommand['data'][] {
  const core = [...loadCommands(modules).values()].map((c) => c.data);
  if (modules) return core;
  const extra = ADAPTER_COMMANDS.map((data, i) => checkData(data, `briefbot discord: adapter command #${i + 1}`));
  const names = new Set(core.map((c) => c.name));
  for (const data of extra) if (names.has(data.name)) throw new DiscordCommandShapeError(`briefbot discord: two commands are named /${data.name}`);
  return [...core, ...extra];
}
