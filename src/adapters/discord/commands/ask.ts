import { ApplicationCommandOptionType } from 'discord.js';
import { commandData, runCoreCommand, type CommandInput, type CommandOutput } from './_define.ts';

/** `/ask question:<text> [private:<bool>]`: private unless `private:false`. */
export const data = commandData('ask', [
  {
    type: ApplicationCommandOptionType.Boolean,
    name: 'private',
    description: 'Only you see the answer (default: true); share it later with the Share button',
    required: false,
  },
]);

export function execute(input: CommandInput): CommandOutput {
  return runCoreCommand('ask', input, input.options['private'] !== false);
}
