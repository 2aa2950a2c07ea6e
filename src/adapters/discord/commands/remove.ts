import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { CORPUS_EDITORS } from './add.ts';

/**
 * `/remove article:<title>`: takes back an article the same person added with `/add`. Like
 * `/add`, the adapter answers it itself (`../add.ts`); the server's adder checks who added it.
 */
export const data: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: 'remove',
  description: 'Remove an article you added with /add',
  options: [{ type: ApplicationCommandOptionType.String, name: 'article', description: 'Its title, as /sources lists it', required: true, max_length: 300 }],
  ...CORPUS_EDITORS,
};

/** How `/help` lists it when adding is on. */
export const helpEntry = {
  name: 'remove',
  description: 'Remove an article you added with /add',
  example: 'remove article:Harbour tunnel approved',
} as const;
