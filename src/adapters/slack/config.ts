/**
 * Slack settings from the environment, checked before anything connects: a missing or
 * contradictory setting stops the start with a message that names the variable to set.
 */
import { z } from 'zod';

/** The variables this adapter reads. */
export type SlackVariable = 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL';

/** A Slack setting is missing, malformed or contradicts another one. */
export class SlackConfigError extends Error {
  readonly code = 'SLACK_CONFIG';
  /** The variable the operator should set or fix. */
  readonly variable: SlackVariable;
  constructor(variable: SlackVariable, message: string) {
    super(`Slack adapter: ${message}`);
    this.name = 'SlackConfigError';
    this.variable = variable;
  }
}

export interface SlackConfig {
  /** Socket Mode when an app-level token is set, otherwise HTTP mode. */
  mode: 'socket' | 'http';
  /** Bot token, `xoxb-…`. */
  token: string;
  /** HTTP mode: verifies that requests come from Slack. */
  signingSecret?: string;
  /** Socket Mode: app-level token, `xapp-…`, with the connections:write scope. */
  appToken?: string;
  /** Web API base URL (tests point it at a local fake); Slack's own when unset. */
  apiUrl?: string;
}

const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value);

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.preprocess(blankToUndefined, z.string().optional()),
  SLACK_SIGNING_SECRET: z.preprocess(blankToUndefined, z.string().optional()),
  SLACK_APP_TOKEN: z.preprocess(blankToUndefined, z.string().optional()),
  SLACK_API_URL: z.preprocess(blankToUndefined, z.string().optional()),
});

/**
 * Reads the Slack variables. Returns null when none of the credentials is set (Slack is simply
 * not configured); throws `SlackConfigError` when they are set but cannot work.
 */
export function slackConfigFromEnv(env: Record<string, string | undefined> = process.env): SlackConfig | null {
  const parsed = envSchema.parse({
    SLACK_BOT_TOKEN: env.SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET: env.SLACK_SIGNING_SECRET,
    SLACK_APP_TOKEN: env.SLACK_APP_TOKEN,
    SLACK_API_URL: env.SLACK_API_URL,
  });
  if (parsed.SLACK_BOT_TOKEN === undefined && parsed.SLACK_APP_TOKEN === undefined && parsed.SLACK_SIGNING_SECRET === undefined) {
    return null;
  }
  return checkSlackConfig({
    token: parsed.SLACK_BOT_TOKEN,
    signingSecret: parsed.SLACK_SIGNING_SECRET,
    appToken: parsed.SLACK_APP_TOKEN,
    apiUrl: parsed.SLACK_API_URL,
  });
}

/** Checks settings however they were obtained; `createSlackAdapter` calls it too. */
export function checkSlackConfig(input: { token?: string | undefined; signingSecret?: string | undefined; appToken?: string | undefined; apiUrl?: string | undefined }): SlackConfig {
  const { token, signingSecret, appToken, apiUrl } = input;
  if (!token) {
    throw new SlackConfigError('SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN is not set. Set it to the bot token (xoxb-…) from OAuth & Permissions in your Slack app settings.');
  }
  if (token.startsWith('xapp-')) {
    throw new SlackConfigError('SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN holds an app-level token (xapp-…). Put that in SLACK_APP_TOKEN and set SLACK_BOT_TOKEN to the bot token (xoxb-…).');
  }
  if (!token.startsWith('xoxb-')) {
    throw new SlackConfigError('SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions in your Slack app settings).');
  }
  if (appToken !== undefined && !appToken.startsWith('xapp-')) {
    throw new SlackConfigError('SLACK_APP_TOKEN', 'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write). Unset it to use HTTP mode.');
  }
  if (appToken === undefined && !signingSecret) {
    throw new SlackConfigError('SLACK_SIGNING_SECRET', 'Neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set. Set SLACK_APP_TOKEN (xapp-…) for Socket Mode, or SLACK_SIGNING_SECRET (Basic Information → Signing Secret) for HTTP mode at POST /slack/events.');
  }
  let normalisedUrl: string | undefined;
  if (apiUrl !== undefined) {
    const url = z.url({ protocol: /^https?$/ }).safeParse(apiUrl);
    if (!url.success) {
      throw new SlackConfigError('SLACK_API_URL', `SLACK_API_URL is not an http(s) URL: ${JSON.stringify(apiUrl)}. Unset it to use Slack's own API.`);
    }
    // The Web API client appends method names to this base, so it must end with a slash.
    normalisedUrl = apiUrl.endsWith('/') ? apiUrl : apiUrl + '/';
  }
  const config: SlackConfig = appToken !== undefined ? { mode: 'socket', token, appToken } : { mode: 'http', token };
  if (signingSecret) config.signingSecret = signingSecret;
  if (normalisedUrl) config.apiUrl = normalisedUrl;
  return config;
}
