import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

/**
 * Who sees the commands that write into the corpus (`/add`, `/remove`): by default only people
 * who may manage the server (admins can change that in Server Settings → Integrations), and only
 * in servers (`contexts`, which replaces the deprecated `dm_permission`).
 */
export const CORPUS_EDITORS = {
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  contexts: [InteractionContextType.Guild],
} satisfies Partial<RESTPostAPIChatInputApplicationCommandsJSONBody>;

/**
 * `/add file:<attachment> [outlet:<text>] [url:<link>]`: adds an article to the corpus. Not a
 * core command, so it has no `execute`: the adapter answers it itself, asynchronously
 * (`../add.ts`), because the file has to be downloaded and ingested first.
 */
export const data: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: 'add',
  description: 'Add an article to the briefing by attaching its text',
  options: [
    { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'The article as a .txt, .md or .html file', required: true },
    { type: ApplicationCommandOptionType.String, name: 'outlet', description: 'Who published it, e.g. The Coastal Herald', required: false, max_length: 100 },
    { type: ApplicationCommandOptionType.String, name: 'url', description: 'Link to the article', required: false, max_length: 500 },
  ],
  ...CORPUS_EDITORS,
};

/** How `/help` lists it when adding is on. */
export const helpEntry = {
  name: 'add',
  description: 'Add an article: attach its .txt, .md or .html file (people who may manage the server)',
  example: 'add file:story.md outlet:The Coastal Herald',
} as const;
