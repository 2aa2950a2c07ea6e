/**
 * The server's settings, read once at start from the environment (and an optional `.env`
 * file), checked with zod before anything listens or connects. Every error names the variable
 * and says what to put there; it is printed as one `briefbot: …` line with exit code 1.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import { BriefbotError } from '../core/errors.ts';
import { slackConfigFromEnv, SlackConfigError, type SlackConfig } from '../adapters/slack/index.ts';
import { discordConfigFromEnv, DiscordConfigError, type DiscordConfig } from '../adapters/discord/index.ts';

import type { Env } from './env-file.ts';

export type { Env };
export { withEnvFile } from './env-file.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every default in one place. */
export const DEFAULTS = {
  port: 3000,
  corpus: 'corpus',
  logLevel: 'info' as LogLevel,
  ratePerMinute: 10,
  feedbackLog: '.briefbot/feedback.jsonl',
} as const;

export interface ServerConfig {
  /** PORT: the HTTP server's port (0 picks a free one). */
  port: number;
  /** BRIEFBOT_HOST: the interface to listen on; all interfaces when unset. */
  host: string | undefined;
  /** BRIEFBOT_CORPUS (or `--corpus`), absolute. */
  corpusDir: string;
  /** LOG_LEVEL. */
  logLevel: LogLevel;
  /** BRIEFBOT_RATE_LIMIT: questions per user per minute; 0 turns the limit off. */
  ratePerMinute: number;
  /** BRIEFBOT_FEEDBACK_LOG, absolute; never inside the corpus folder. */
  feedbackLog: string;
  /**
   * BRIEFBOT_INDEX_CACHE: the folder of the serialized index (absolute; never inside the corpus
   * folder), `undefined` for the default beside the corpus, or `false` (`off`) for none.
   */
  indexCache: string | false | undefined;
  /**
   * BRIEFBOT_CHAT_ADD: `on` lets people add articles from Slack and Discord (written into the
   * corpus folder); `off` (the default) keeps the corpus folder the operator's alone.
   */
  chatAdd: boolean;
  slack: SlackConfig | null;
  discord: DiscordConfig | null;
}

/** A setting that cannot work; `variable` names what the operator should set or fix. */
export class ConfigError extends BriefbotError {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super('BAD_CONFIG', message);
    this.variable = variable;
  }
}

const blank = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value);

const shown = (value: unknown): string => JSON.stringify(String(value));

// Messages are written for the operator: the variable, what it holds now, what to put there.
const schema = z.object({
  PORT: z.preprocess(
    blank,
    z
      .string()
      .refine((v) => /^\d{1,5}$/.test(v) && Number(v) <= 65535, { error: (i) => `PORT is ${shown(i.input)}; set it to a port number from 0 to 65535 (default ${DEFAULTS.port}).` })
      .transform(Number)
      .default(DEFAULTS.port),
  ),
  BRIEFBOT_HOST: z.preprocess(blank, z.string().regex(/^[\w.:-]+$/, { error: (i) => `BRIEFBOT_HOST is ${shown(i.input)}; set it to an interface address such as 127.0.0.1 or 0.0.0.0, or leave it unset.` }).optional()),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof blank(v) === 'string' ? String(blank(v)).toLowerCase() : blank(v)),
    z.enum(LOG_LEVELS, { error: (i) => `LOG_LEVEL is ${shown(i.input)}; set it to one of ${LOG_LEVELS.join(', ')} (default ${DEFAULTS.logLevel}).` }).default(DEFAULTS.logLevel),
  ),
  BRIEFBOT_RATE_LIMIT: z.preprocess(
    blank,
    z
      .string()
      .refine((v) => /^\d{1,6}$/.test(v), { error: (i) => `BRIEFBOT_RATE_LIMIT is ${shown(i.input)}; set it to how many questions one person may ask per minute, a whole number (default ${DEFAULTS.ratePerMinute}; 0 turns the limit off).` })
      .transform(Number)
      .default(DEFAULTS.ratePerMinute),
  ),
  BRIEFBOT_FEEDBACK_LOG: z.preprocess(blank, z.string().default(DEFAULTS.feedbackLog)),
  BRIEFBOT_CORPUS: z.preprocess(blank, z.string().default(DEFAULTS.corpus)),
  BRIEFBOT_INDEX_CACHE: z.preprocess(blank, z.string().optional()),
  BRIEFBOT_CHAT_ADD: z.preprocess(
    (v) => (typeof blank(v) === 'string' ? String(blank(v)).toLowerCase() : blank(v)),
    z.enum(['on', 'off'], { error: (i) => `BRIEFBOT_CHAT_ADD is ${shown(i.input)}; set it to on (people may add articles from Slack and Discord) or off (the default).` }).default('off'),
  ),
});

/** True when `inner` is `outer` or lies inside it. */
function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Reads and checks every server setting, the Slack and Discord ones through their adapters'
 * own readers. `corpusDir`, when given (the `--corpus` flag), wins over BRIEFBOT_CORPUS.
 *
 * @throws ConfigError naming the variable to fix.
 */
export function loadServerConfig(env: Env, options: { cwd: string; corpusDir?: string | undefined }): ServerConfig {
  const parsed = schema.safeParse({
    PORT: env.PORT,
    BRIEFBOT_HOST: env.BRIEFBOT_HOST,
    LOG_LEVEL: env.LOG_LEVEL,
    BRIEFBOT_RATE_LIMIT: env.BRIEFBOT_RATE_LIMIT,
    BRIEFBOT_FEEDBACK_LOG: env.BRIEFBOT_FEEDBACK_LOG,
    BRIEFBOT_CORPUS: env.BRIEFBOT_CORPUS,
    BRIEFBOT_INDEX_CACHE: env.BRIEFBOT_INDEX_CACHE,
    BRIEFBOT_CHAT_ADD: env.BRIEFBOT_CHAT_ADD,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, issue?.message ?? `${variable} is not valid.`);
  }
  const values = parsed.data;
  const corpusDir = resolve(options.cwd, options.corpusDir ?? values.BRIEFBOT_CORPUS);
  const feedbackLog = resolve(options.cwd, values.BRIEFBOT_FEEDBACK_LOG);
  if (isInside(feedbackLog, corpusDir)) {
    throw new ConfigError(
      'BRIEFBOT_FEEDBACK_LOG',
      `BRIEFBOT_FEEDBACK_LOG (${feedbackLog}) is inside the corpus folder ${corpusDir}; the server never writes there. Set it to a file outside, such as ${DEFAULTS.feedbackLog}.`,
    );
  }

  const indexCache = values.BRIEFBOT_INDEX_CACHE === undefined ? undefined : values.BRIEFBOT_INDEX_CACHE === 'off' ? false : resolve(options.cwd, values.BRIEFBOT_INDEX_CACHE);
  if (indexCache && isInside(indexCache, corpusDir)) {
    throw new ConfigError(
      'BRIEFBOT_INDEX_CACHE',
      `BRIEFBOT_INDEX_CACHE (${indexCache}) is inside the corpus folder ${corpusDir}; the server never writes there. Set it to a folder outside, such as .briefbot, or to off.`,
    );
  }

  let slack: SlackConfig | null;
  try {
    slack = slackConfigFromEnv(env);
  } catch (error) {
    if (error instanceof SlackConfigError) throw new ConfigError(error.variable, error.message.replace(/^Slack adapter: /, 'Slack: '));
    throw error;
  }
  let discord: DiscordConfig | null;
  try {
    discord = discordConfigFromEnv(env);
  } catch (error) {
    if (error instanceof DiscordConfigError) throw new ConfigError(error.variable, error.message.replace(/^briefbot discord: /, 'Discord: '));
    throw error;
  }
  if (!slack && !discord) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN',
      'neither Slack nor Discord is configured. Set SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET for Slack, or DISCORD_TOKEN or DISCORD_PUBLIC_KEY with DISCORD_APP_ID for Discord (see .env.example).',
    );
  }

  return {
    port: values.PORT,
    host: values.BRIEFBOT_HOST,
    corpusDir,
    logLevel: values.LOG_LEVEL,
    ratePerMinute: values.BRIEFBOT_RATE_LIMIT,
    feedbackLog,
    indexCache,
    chatAdd: values.BRIEFBOT_CHAT_ADD === 'on',
    slack,
    discord,
  };
}
