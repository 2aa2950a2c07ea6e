import { commandData, runCoreCommand, type CommandInput, type CommandOutput } from './_define.ts';

/** `/brief`: the main facts of each article. */
export const data = commandData('brief');

export function execute(input: CommandInput): CommandOutput {
  return runCoreCommand('brief', input);
}
