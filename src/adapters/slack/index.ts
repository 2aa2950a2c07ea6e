/**
 * The Slack adapter's public surface: the adapter factory, its configuration, and the
 * renderer (for other code that wants a reply as Block Kit).
 */
export { createSlackAdapter, shouldSkipRetry, APOLOGY, type SlackAdapter, type SlackAdapterOptions } from './app.ts';
export { slackConfigFromEnv, checkSlackConfig, SlackConfigError, type SlackConfig, type SlackVariable } from './config.ts';
export { renderReply, LIMITS, ADD_PASTE_HINT, type RenderOptions, type SlackMessage } from './render.ts';
export { escapeText, slackToPlain } from './mrkdwn.ts';
