import { REST, Routes } from 'discord.js';
import { commandDefinitions } from './commands/index.ts';
import { DiscordConfigError, discordConfigFromEnv } from './config.ts';

export interface RegisterOptions {
  token: string;
  appId: string;
  /** Register in one guild (instant updates) instead of globally (may take up to an hour). */
  guildId?: string;
  /** REST base (DISCORD_API_URL). */
  apiUrl?: string;
  /** Command modules to register; all of briefbot's when omitted. */
  modules?: readonly unknown[];
}

/**
 * Registers every slash command in one bulk overwrite (PUT), so commands removed from the
 * list disappear from Discord too. Returns the names registered.
 */
export async function registerCommands(options: RegisterOptions): Promise<string[]> {
  const body = commandDefinitions(options.modules);
  const rest = new REST({ version: '10', ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.appId, options.guildId) : Routes.applicationCommands(options.appId);
  await rest.put(route, { body });
  return body.map((c) => c.name);
}

export interface RegisterIo {
  env?: Record<string, string | undefined>;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const USAGE = 'usage: briefbot discord-register [--guild ID]\n  needs DISCORD_TOKEN and DISCORD_APP_ID (optional DISCORD_API_URL)';

/**
 * `briefbot discord-register [--guild ID]`: pure over its arguments and environment; returns
 * the exit code, so only the CLI's main touches `process.exit`.
 */
export async function runDiscordRegister(argv: readonly string[], io: RegisterIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(line + '\n'));
  const err = io.err ?? ((line: string) => process.stderr.write(line + '\n'));
  let guildId: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      out(USAGE);
      return 0;
    }
    if (arg === '--guild') guildId = argv[++i];
    else if (arg.startsWith('--guild=')) guildId = arg.slice('--guild='.length);
    else {
      err(`briefbot discord-register: unknown argument ${arg}\n${USAGE}`);
      return 2;
    }
    if (guildId !== undefined && !/^\d{15,21}$/.test(guildId)) {
      err(`briefbot discord-register: --guild needs a server id (a 15–21 digit snowflake), got ${JSON.stringify(guildId ?? '')}`);
      return 2;
    }
  }
  try {
    const config = discordConfigFromEnv(io.env ?? process.env);
    if (!config?.token) throw new DiscordConfigError('DISCORD_CONFIG_MISSING', 'DISCORD_TOKEN', 'is missing: registering commands needs the bot token.');
    if (!config.appId) throw new DiscordConfigError('DISCORD_CONFIG_MISSING', 'DISCORD_APP_ID', 'is missing: registering commands needs the application id.');
    const names = await registerCommands({
      token: config.token,
      appId: config.appId,
      ...(guildId ? { guildId } : {}),
      ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
    });
    out(`Registered ${names.length} commands ${guildId ? `in guild ${guildId}` : 'globally (may take up to an hour to appear)'}: ${names.map((n) => '/' + n).join(' ')}`);
    return 0;
  } catch (error) {
    err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
