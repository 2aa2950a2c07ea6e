/**
 * The optional `.env` file. Kept apart from config.ts so that `npm start` can read it before
 * deciding between the server and the terminal chat without loading the Slack and Discord
 * libraries.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { BriefbotError } from '../core/errors.ts';

export type Env = Record<string, string | undefined>;

/**
 * The environment with a `.env` file's variables added underneath: a variable already set in
 * the real environment wins, as with `node --env-file` and `process.loadEnvFile`. Node's own
 * parser (`util.parseEnv`, the one behind `process.loadEnvFile`) reads the file, but the result
 * is returned rather than written into `process.env`, so callers and tests stay pure.
 */
export function withEnvFile(env: Env, cwd: string, file = join(cwd, '.env')): { env: Env; file: string | null } {
  if (!existsSync(file)) return { env, file: null };
  let parsed: NodeJS.Dict<string>;
  try {
    parsed = parseEnv(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BriefbotError('BAD_CONFIG', `cannot read ${file} (${(error as Error).message}); fix or remove it.`);
  }
  const merged: Env = { ...env };
  for (const [name, value] of Object.entries(parsed)) {
    if (merged[name] === undefined && value !== undefined) merged[name] = value;
  }
  return { env: merged, file };
}
