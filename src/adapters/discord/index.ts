/**
 * The Discord adapter: slash commands, @mentions and embeds with citations.
 *
 * - Gateway: `startDiscordGateway({ bot, token, apiUrl, feedbackLog, logger })`.
 * - HTTP interactions: `createDiscordInteractionsHandler({ bot, publicKey, appId, apiUrl, feedbackLog, logger })`
 *   mounted at `POST /discord/interactions`.
 * - Registration: `runDiscordRegister(argv)` behind `briefbot discord-register [--guild ID]`.
 * - `/add`: pass the server's article adder as `articles` to either; without it `/add` says adding is off.
 */
export { discordConfigFromEnv, DiscordConfigError, type DiscordConfig, type DiscordConfigErrorCode } from './config.ts';
export { createDiscordGateway, startDiscordGateway, readReplyChain, stripBotMention, type DiscordGatewayOptions } from './gateway.ts';
export {
  createDiscordInteractionsHandler,
  startDiscordInteractionsServer,
  verifyDiscordSignature,
  ed25519PublicKey,
  type DiscordInteractionsOptions,
  type DiscordInteractionsHandler,
} from './http.ts';
export { processInteraction, answerInteraction, createRestTransport, type InteractionContext, type InteractionTransport } from './interactions.ts';
export { registerCommands, runDiscordRegister, type RegisterOptions } from './register.ts';
export { renderReply, escapeMarkdown, DISCORD_LIMITS, CUSTOM_IDS, type DiscordMessage, type RenderOptions } from './render.ts';
export { loadCommands, commandDefinitions, COMMAND_MODULES, ADAPTER_COMMANDS, DiscordCommandShapeError, type DiscordCommand } from './commands/index.ts';
export { planAdd, attachmentUrlAllowed, ADD_TURNED_OFF, type AddPlan } from './add.ts';
