import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

/**
 * `/remove article:<title>`: takes back an article the same person added with `/add`. Like
 * `/add`, the adapter answers it itself (`../add.ts`); the server's adder checks who added it.
 */
export const data: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: 'remove',
  description: 'Remove an article you added with /add',
  options: [{ type: ApplicationCommandOptionType.String, name: 'article', description: 'Its title, as /sources lists it', required: true, max_length: 300 }],
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  contexts: [InteractionContextType.Guild],
};

/** How `/help` lists it when adding is on. */
export const helpEntry = {
  name: 'remove',
  description: 'Remove an article you added with /add',
  example: 'remove article:Harbour tunnel approved',
} as const;
