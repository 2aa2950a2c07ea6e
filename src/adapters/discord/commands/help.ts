import { commandData, runCoreCommand, type CommandInput, type CommandOutput } from './_define.ts';

/** `/help`: what briefbot can do. */
export const data = commandData('help');

export function execute(input: CommandInput): CommandOutput {
  return runCoreCommand('help', input);
}
