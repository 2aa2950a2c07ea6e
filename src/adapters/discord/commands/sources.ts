import { commandData, runCoreCommand, type CommandInput, type CommandOutput } from './_define.ts';

/** `/sources`: the articles briefbot knows. */
export const data = commandData('sources');

export function execute(input: CommandInput): CommandOutput {
  return runCoreCommand('sources', input);
}
