import { commandData, runCoreCommand, type CommandInput, type CommandOutput } from './_define.ts';

/** `/who name:<text>`: a card for a person, place or organisation, with autocomplete from the entities. */
export const data = commandData('who');

export function execute(input: CommandInput): CommandOutput {
  return runCoreCommand('who', input);
}
