import { commandData, runCoreCommand, type CommandInput, type CommandOutput } from './_define.ts';

/** `/quotes [speaker:<text>]`: quotes with their speakers, with autocomplete from the speakers. */
export const data = commandData('quotes');

export function execute(input: CommandInput): CommandOutput {
  return runCoreCommand('quotes', input);
}
