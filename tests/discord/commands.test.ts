import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/core/index.ts';
import { commandDefinitions, DiscordCommandShapeError, loadCommands } from '../../src/adapters/discord/commands/index.ts';
import { registerCommands, runDiscordRegister } from '../../src/adapters/discord/register.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.ts';
import { createHarbourBot } from '../fakes/discord-bot.ts';

describe('loadCommands', () => {
  it('loads one module per core command, with data generated from COMMANDS', () => {
    const commands = loadCommands();
    expect([...commands.keys()]).toEqual(COMMANDS.map((c) => c.name));
    for (const spec of COMMANDS) {
      const data = commands.get(spec.name)?.data;
      expect(data?.description).toBe(spec.description);
      const argument = data?.options?.find((o) => o.name === spec.argument?.name);
      if (spec.argument) {
        expect(argument).toMatchObject({ type: 3, required: spec.argument.required });
        expect('autocomplete' in (argument ?? {}) && argument && 'autocomplete' in argument ? argument.autocomplete : false).toBe(Boolean(spec.argument.autocomplete));
      }
    }
  });

  it('gives /ask an optional private boolean after the required question', () => {
    const ask = loadCommands().get('ask')?.data;
    expect(ask?.options?.map((o) => [o.name, o.type, 'required' in o ? o.required : undefined])).toEqual([
      ['question', 3, true],
      ['private', 5, false],
    ]);
  });

  it('refuses a module without the { data, execute } shape, naming it', () => {
    expect(() => loadCommands([{ data: { name: 'x', description: 'y' } }])).toThrow(DiscordCommandShapeError);
    expect(() => loadCommands([{ data: { name: 'Bad Name', description: 'y' }, execute: () => null }])).toThrow(/invalid name/);
    expect(() => loadCommands([{ data: { name: 'x', description: '' }, execute: () => null }])).toThrow(/description/);
  });

  it('answers a command through the core: /who with its argument, private by default', () => {
    const who = loadCommands().get('who');
    const output = who?.execute({ bot: createHarbourBot(), options: { name: 'Reyes' } });
    expect(output?.request).toMatchObject({ command: 'who', text: 'Reyes' });
    expect(output?.private).toBe(true);
    expect(output?.reply.command).toBe('who');
  });
});

describe('registerCommands and runDiscordRegister', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await startFakeDiscord();
  });
  afterAll(async () => {
    await discord.close();
  });

  it('registers every command in a guild with one PUT, authorised by the bot token', async () => {
    const names = await registerCommands({ token: 'a.b.c', appId: discord.appId, guildId: discord.guildId, apiUrl: discord.apiUrl });
    expect(names).toEqual(['ask', 'brief', 'who', 'quotes', 'sources', 'help', 'add', 'remove']);
    const put = await discord.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${discord.appId}/guilds/${discord.guildId}/commands`);
    expect(put.headers.authorization).toBe('Bot a.b.c');
    expect(put.body).toEqual(commandDefinitions());
  });

  it('registers globally from the CLI when no guild is given, and reports what it did', async () => {
    const out: string[] = [];
    const code = await runDiscordRegister([], {
      env: { DISCORD_TOKEN: 'x.y.z', DISCORD_APP_ID: discord.appId, DISCORD_API_URL: discord.apiUrl },
      out: (line) => out.push(line),
      err: (line) => out.push(line),
    });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/Registered 8 commands globally/);
    await discord.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${discord.appId}/commands`);
  });

  it('registers in a guild from the CLI with --guild ID', async () => {
    const code = await runDiscordRegister(['--guild', '5234567890123456789'], {
      env: { DISCORD_TOKEN: 'x.y.z', DISCORD_APP_ID: discord.appId, DISCORD_API_URL: discord.apiUrl },
      out: () => undefined,
    });
    expect(code).toBe(0);
    await discord.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${discord.appId}/guilds/5234567890123456789/commands`);
  });

  it('stops with a message naming the missing variable', async () => {
    const errors: string[] = [];
    const code = await runDiscordRegister([], { env: { DISCORD_TOKEN: 'x.y.z', DISCORD_API_URL: discord.apiUrl }, err: (line) => errors.push(line) });
    expect(code).toBe(1);
    expect(errors.join('')).toContain('DISCORD_APP_ID');
    expect(await runDiscordRegister(['--guild', 'nope'], { env: {}, err: () => undefined })).toBe(2);
  });
});
