/**
 * `npm start`: serves Slack and/or Discord when their credentials are set, otherwise opens
 * the terminal chat (which, when standard input is not a terminal, answers each line and ends).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBot, runChat, type Io } from '../adapters/cli/main.ts';
import { withEnvFile } from './env-file.ts';

/** True when any Slack or Discord credential is set. */
export function platformsConfigured(env: NodeJS.ProcessEnv): boolean {
  return ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN', 'DISCORD_PUBLIC_KEY'].some((k) => (env[k] ?? '').trim() !== '');
}

export async function runStart(args: string[], rawIo: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { corpus: { type: 'string' }, shards: { type: 'string' } } });
  // An optional .env in the working folder; variables already in the environment win.
  const io: Io = { ...rawIo, env: withEnvFile(rawIo.env, rawIo.cwd).env };
  const dir = resolve(io.cwd, values.corpus ?? io.env.BRIEFBOT_CORPUS ?? 'corpus');
  if (platformsConfigured(io.env)) {
    const { runServer } = await import('./server.ts');
    return runServer({ corpusDir: dir, env: io.env, io, shards: values.shards });
  }
  return runChat(await loadBot(io, dir), io);
}
