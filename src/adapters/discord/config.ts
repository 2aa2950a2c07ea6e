import { z } from 'zod';

/** Stable codes for a Discord setup that cannot start. */
export type DiscordConfigErrorCode = 'DISCORD_CONFIG_MISSING' | 'DISCORD_CONFIG_INVALID' | 'DISCORD_CONFIG_CONFLICT';

/** A Discord setting is missing, malformed or contradicts another; `variable` names it. */
export class DiscordConfigError extends Error {
  override readonly name = 'DiscordConfigError';
  constructor(
    readonly code: DiscordConfigErrorCode,
    readonly variable: string,
    message: string,
  ) {
    super(`briefbot discord: ${variable} ${message}`);
  }
}

export interface DiscordConfig {
  /** Bot token: enables the gateway (mentions, replies, slash commands over the websocket) and registration. */
  token: string | null;
  /** Application id: needed for registering commands and for webhook follow-ups in HTTP mode. */
  appId: string | null;
  /** Hex Ed25519 public key: enables the HTTP interactions endpoint. */
  publicKey: string | null;
  /** REST base such as `http://127.0.0.1:8080/api` (tests); Discord's own when null. */
  apiUrl: string | null;
  /** Connect to the gateway (DISCORD_TOKEN set). */
  gateway: boolean;
  /** Serve POST /discord/interactions (DISCORD_PUBLIC_KEY set). */
  http: boolean;
}

const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const FIELDS = {
  DISCORD_TOKEN: z.preprocess(blankToUndefined, z.string().trim().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'is not a bot token (three dot-separated parts)').optional()),
  DISCORD_APP_ID: z.preprocess(blankToUndefined, z.string().trim().regex(/^\d{15,21}$/, 'is not an application id (a 15–21 digit snowflake)').optional()),
  DISCORD_PUBLIC_KEY: z.preprocess(blankToUndefined, z.string().trim().regex(/^[0-9a-fA-F]{64}$/, 'is not an Ed25519 public key (64 hex characters)').optional()),
  DISCORD_API_URL: z.preprocess(
    blankToUndefined,
    z.string().trim().regex(/^https?:\/\/[^\s]+$/, 'is not an http(s) URL').transform((url) => url.replace(/\/+$/, '')).optional(),
  ),
} as const;

/** The application id a bot token was issued for: its first part is the id in base64. */
function appIdOfToken(token: string): string | null {
  const first = token.split('.')[0] ?? '';
  const decoded = Buffer.from(first, 'base64').toString('utf8');
  return /^\d{15,21}$/.test(decoded) ? decoded : null;
}

/**
 * Reads the Discord settings from the environment. Returns null when no DISCORD_ variable is
 * set (Discord is simply off); throws a {@link DiscordConfigError} naming the variable when a
 * setting is malformed, missing for the mode the others ask for, or contradicts another.
 */
export function discordConfigFromEnv(env: NodeJS.ProcessEnv | Record<string, string | undefined>): DiscordConfig | null {
  const values: Partial<Record<keyof typeof FIELDS, string>> = {};
  for (const [name, schema] of Object.entries(FIELDS) as [keyof typeof FIELDS, (typeof FIELDS)[keyof typeof FIELDS]][]) {
    const parsed = schema.safeParse(env[name]);
    if (!parsed.success) {
      const detail = parsed.error.issues[0]?.message ?? 'is invalid';
      throw new DiscordConfigError('DISCORD_CONFIG_INVALID', name, detail);
    }
    if (parsed.data !== undefined) values[name] = parsed.data;
  }
  const { DISCORD_TOKEN: token, DISCORD_APP_ID: appId, DISCORD_PUBLIC_KEY: publicKey, DISCORD_API_URL: apiUrl } = values;
  if (!token && !appId && !publicKey && !apiUrl) return null;
  if (!token && !publicKey) {
    const set = appId ? 'DISCORD_APP_ID' : 'DISCORD_API_URL';
    throw new DiscordConfigError('DISCORD_CONFIG_MISSING', 'DISCORD_TOKEN', `is missing: ${set} is set, but briefbot needs DISCORD_TOKEN (gateway) or DISCORD_PUBLIC_KEY (HTTP interactions) to serve Discord.`);
  }
  if (publicKey && !appId) {
    throw new DiscordConfigError('DISCORD_CONFIG_MISSING', 'DISCORD_APP_ID', 'is missing: the HTTP interactions endpoint (DISCORD_PUBLIC_KEY) needs the application id for follow-up messages.');
  }
  if (token && appId) {
    const tokenApp = appIdOfToken(token);
    if (tokenApp && tokenApp !== appId) {
      throw new DiscordConfigError('DISCORD_CONFIG_CONFLICT', 'DISCORD_APP_ID', `(${appId}) contradicts DISCORD_TOKEN, which was issued for application ${tokenApp}.`);
    }
  }
  return {
    token: token ?? null,
    appId: appId ?? (token ? appIdOfToken(token) : null),
    publicKey: publicKey ?? null,
    apiUrl: apiUrl ?? null,
    gateway: Boolean(token),
    http: Boolean(publicKey),
  };
}
