import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { hashUser } from '../../src/adapters/shared/feedback.ts';
import { commandDefinitions } from '../../src/adapters/discord/commands/index.ts';
import { registerCommands } from '../../src/adapters/discord/register.ts';
import { attachmentUrlAllowed, planAdd } from '../../src/adapters/discord/add.ts';
import { createArticleAdder } from '../../src/server/articles.ts';
import { plainTextOfEmbed, unescapeMarkdown, type DiscordMessage } from '../../src/adapters/discord/render.ts';
import { loadServerConfig } from '../../src/server/config.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { startFakeDiscord, type FakeAttachment, type FakeDiscord } from '../fakes/discord-api.ts';
import { addCommand, generateTestKeys, postInteraction, slashCommand, TEST_USER, type TestKeys } from '../fakes/discord-interactions.ts';
import { discordGatewayEnv, eventually, memoryLogger, tempCorpus } from '../server/helpers.ts';

/** An article written for these tests: a headline, a named person, a quote. */
const HEADLINE = 'Ferry service to Korsund Island resumes after storm repairs';
const ARTICLE = `# ${HEADLINE}

KORSUND — Ferries between the mainland port of Haldby and Korsund Island resumed on Thursday after three weeks of repairs to the storm-damaged pier, the island council said.

The crossing had been suspended since a storm on March 2 tore away part of the pier and left about 1,200 islanders relying on a single emergency boat.

Harbour master Ingrid Solberg said the repairs cost about 2.4 million kroner and were finished four days ahead of schedule.

"We worked through nights and weekends because the island cannot live without its ferry," Solberg said.

The council said the first morning ferry carried 86 passengers and two delivery lorries.
`;
const ARTICLE_ID = 'ferry-service-to-korsund-island-resumes-after-storm';
const COST_SENTENCE = 'Harbour master Ingrid Solberg said the repairs cost about 2.4 million kroner and were finished four days ahead of schedule.';
const COST_QUESTION = 'How much did the repairs cost?';
const TURNED_OFF = 'Adding articles is turned off on this server; ask the operator to set BRIEFBOT_CHAT_ADD=on.';

interface Response {
  type: number;
  data?: DiscordMessage;
}

/** A server for Discord HTTP interactions only, on a free loopback port, over a temporary corpus. */
function discordHttpEnv(corpus: { root: string; dir: string }, discord: FakeDiscord, keys: TestKeys): Record<string, string> {
  return {
    PORT: '0',
    BRIEFBOT_HOST: '127.0.0.1',
    BRIEFBOT_CORPUS: corpus.dir,
    BRIEFBOT_FEEDBACK_LOG: join(corpus.root, 'feedback.jsonl'),
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_APP_ID: discord.appId,
    DISCORD_API_URL: discord.apiUrl,
  };
}

/** A plain HTTP server on another loopback port (another origin) that counts what reaches it. */
async function startElsewhere(): Promise<{ origin: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '/');
    res.writeHead(200, { 'content-type': 'text/plain' }).end(ARTICLE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Posts a signed interaction; returns the first response and the message finally shown (the @original edit when deferred). */
async function interact(server: RunningServer, discord: FakeDiscord, keys: TestKeys, payload: { token: string }): Promise<{ first: Response; shown: DiscordMessage }> {
  const { status, body } = await postInteraction(`${server.url}/discord/interactions`, payload, keys);
  expect(status).toBe(200);
  const first = body as Response;
  if (first.type !== 5) return { first, shown: first.data as DiscordMessage };
  const edit = await discord.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${discord.appId}/${payload.token}/messages/@original`, 10_000);
  return { first, shown: edit.body as DiscordMessage };
}

function downloaded(discord: FakeDiscord, attachment: FakeAttachment): boolean {
  return discord.requests.some((r) => r.method === 'GET' && r.path.startsWith(`/attachments/${attachment.id}/`));
}

function shownText(message: DiscordMessage): string {
  return [message.content ?? '', ...message.embeds.map((e) => `${e.title ?? ''}\n${plainTextOfEmbed(e)}\n${e.footer?.text ?? ''}`)].join('\n');
}

describe('/add over Discord HTTP interactions with BRIEFBOT_CHAT_ADD=on', () => {
  let discord: FakeDiscord;
  let keys: TestKeys;
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  let server: RunningServer;
  let log: ReturnType<typeof memoryLogger>;
  let elsewhere: Awaited<ReturnType<typeof startElsewhere>>;

  beforeAll(async () => {
    discord = await startFakeDiscord();
    elsewhere = await startElsewhere();
    keys = generateTestKeys();
    corpus = await tempCorpus('briefbot-discord-add-');
    log = memoryLogger('info');
    const config = loadServerConfig({ ...discordHttpEnv(corpus, discord, keys), BRIEFBOT_CHAT_ADD: 'on' }, { cwd: corpus.root });
    // Every command is deferred, so the edit of @original is what the channel finally sees.
    server = await startServer({ config, logger: log.logger, pollMs: 200, debounceMs: 50, discordDeferAfterMs: 0 });
  });

  afterAll(async () => {
    await server?.close();
    await discord.close();
    await elsewhere.close();
    await corpus.cleanup();
  });

  const run = (payload: { token: string }) => interact(server, discord, keys, payload);

  it('adds an attached .md article publicly, writes it into the corpus, and then answers from it', async () => {
    const before = await run(slashCommand('ask', [{ name: 'question', type: 3, value: COST_QUESTION }]));
    expect(shownText(before.shown)).not.toContain(COST_SENTENCE);

    const file = discord.addAttachment('korsund-ferry.md', ARTICLE);
    const interaction = addCommand(file, { outlet: 'Island Courier', url: 'https://news.example/korsund-ferry' });
    const { first, shown } = await run(interaction);
    // Deferred in public (no ephemeral flag): the channel sees that an article was added.
    expect(first).toEqual({ type: 5, data: {} });
    expect(downloaded(discord, file)).toBe(true);
    expect(shown.flags).toBeUndefined();
    expect(shown.allowed_mentions).toEqual({ parse: [] });
    const embed = shown.embeds[0];
    expect(unescapeMarkdown(embed?.title ?? '')).toBe('/add korsund-ferry.md');
    expect(plainTextOfEmbed(embed)).toMatch(new RegExp(`^Added “${HEADLINE}” \\(\\d+ sentences, \\d+ names\\)\\. Ask away\\.`));
    // The sources entry: title, outlet, sentence count and a link.
    expect(embed?.description).toContain(`**${HEADLINE}** — Island Courier · 5 sentences · [link](https://news.example/korsund-ferry)`);
    expect(shown.components).toEqual([]);

    const files = await readdir(corpus.dir);
    expect(files).toEqual(expect.arrayContaining([`${ARTICLE_ID}.json`, `${ARTICLE_ID}.txt`]));
    expect(await readFile(join(corpus.dir, `${ARTICLE_ID}.txt`), 'utf8')).toBe(ARTICLE);
    const saved = JSON.parse(await readFile(join(corpus.dir, `${ARTICLE_ID}.json`), 'utf8')) as { title: string; outlet: string; url: string };
    expect(saved).toMatchObject({ title: HEADLINE, outlet: 'Island Courier', url: 'https://news.example/korsund-ferry' });

    const asked = await run(slashCommand('ask', [{ name: 'question', type: 3, value: COST_QUESTION }]));
    expect(plainTextOfEmbed(asked.shown.embeds[0])).toContain(COST_SENTENCE);
    expect(asked.shown.embeds[0]?.footer?.text).toBe(`${HEADLINE} — Island Courier`);

    // Logged with the hashed user and the interaction id, never the raw user id.
    const added = log.lines().find((l) => l.msg === 'article added from a chat');
    expect(added).toMatchObject({ requestId: interaction.id, user: hashUser('discord', TEST_USER.id), article: ARTICLE_ID });
    expect(log.text()).not.toContain(TEST_USER.id);
  });

  it('lets the person who added an article remove it with /remove, and no one else', async () => {
    const text = 'Night bus route cut in budget plan\n\nHARLOW — The county will end its only night bus route in April to save money, the transport committee said on Thursday.\n\nCommittee chair Rosa Pennant said the route carried fewer than 40 people a night.\n';
    const added = await run(addCommand(discord.addAttachment('night-bus.md', text)));
    expect(plainTextOfEmbed(added.shown.embeds[0])).toMatch(/^Added “Night bus route cut in budget plan”/);
    const removal = slashCommand('remove', [{ name: 'article', type: 3, value: 'Night bus route cut in budget plan' }]);
    const someoneElse = { ...removal, member: { ...removal.member, user: { ...TEST_USER, id: '5234567890123456789' } } };
    const refused = await run(someoneElse);
    expect(plainTextOfEmbed(refused.shown.embeds[0])).toBe('Only the person who added “Night bus route cut in budget plan” can remove it.');
    expect(await readdir(corpus.dir)).toContain('night-bus-route-cut-in-budget-plan.json');
    const removed = await run(slashCommand('remove', [{ name: 'article', type: 3, value: 'Night bus route cut in budget plan' }]));
    expect(plainTextOfEmbed(removed.shown.embeds[0])).toBe('Removed “Night bus route cut in budget plan” from the briefing.');
    expect(await readdir(corpus.dir)).not.toContain('night-bus-route-cut-in-budget-plan.json');
  });

  it('says the same file is already in the briefing, and writes nothing more', async () => {
    await eventually(async () => (await readdir(corpus.dir)).includes(`${ARTICLE_ID}.json`));
    const before = (await readdir(corpus.dir)).sort();
    const { shown } = await run(addCommand(discord.addAttachment('ferry-again.md', ARTICLE)));
    expect(plainTextOfEmbed(shown.embeds[0])).toContain(`Already in the briefing: “${HEADLINE}”.`);
    expect((await readdir(corpus.dir)).sort()).toEqual(before);
  });

  it('refuses a .pdf at once, privately, without downloading it or writing anything', async () => {
    const before = (await readdir(corpus.dir)).sort();
    const file = discord.addAttachment('ferry.pdf', '%PDF-1.7 not an article', { contentType: 'application/pdf' });
    const { first, shown } = await run(addCommand(file));
    expect(first.type).toBe(4);
    expect(shown.flags).toBe(64);
    expect(shown.content).toBe('ferry.pdf is not an article file: attach the article as plain text (.txt), Markdown (.md) or a saved web page (.html).');
    expect(downloaded(discord, file)).toBe(false);
    expect((await readdir(corpus.dir)).sort()).toEqual(before);
  });

  it('refuses a file Discord says is too large at once, and one that turns out too large while downloading', async () => {
    const big = discord.addAttachment('huge.txt', 'tiny', { size: 5 * 1024 * 1024 });
    const refused = await run(addCommand(big));
    expect(refused.first.type).toBe(4);
    expect(refused.shown.content).toBe('huge.txt is 5 MB; an article file may be at most 1 MB.');
    expect(downloaded(discord, big)).toBe(false);

    const lying = discord.addAttachment('long.txt', 'Word '.repeat(300_000), { size: 2000, withoutLength: true });
    const { shown } = await run(addCommand(lying));
    expect(shown.flags).toBeUndefined();
    expect(plainTextOfEmbed(shown.embeds[0])).toBe('long.txt is larger than 1 MB, the most an article file may be.');
    expect(await readdir(corpus.dir)).not.toContain('long.json');
  });

  it('never fetches an attachment on another origin, directly or through a redirect', async () => {
    const forged = { ...discord.addAttachment('forged.md', ARTICLE) };
    forged.url = `${elsewhere.origin}/attachments/${forged.id}/forged.md`;
    const direct = await run(addCommand(forged));
    expect(direct.first.type).toBe(4);
    expect(direct.shown.flags).toBe(64);
    expect(direct.shown.content).toBe('Sorry, briefbot only downloads attachments from Discord, and forged.md is not on Discord.');

    const redirected = discord.addAttachment('moved.md', ARTICLE, { redirectTo: `${elsewhere.origin}/moved.md` });
    const { shown } = await run(addCommand(redirected));
    expect(downloaded(discord, redirected)).toBe(true);
    expect(plainTextOfEmbed(shown.embeds[0])).toBe('Sorry, moved.md could not be downloaded from Discord (it was redirected away from Discord). Please try again in a moment.');
    expect(elsewhere.hits).toEqual([]);
  });

  it('apologises when Discord cannot serve the file, and keeps serving', async () => {
    const gone = discord.addAttachment('gone.md', ARTICLE, { status: 404 });
    const { shown } = await run(addCommand(gone));
    expect(plainTextOfEmbed(shown.embeds[0])).toBe('Sorry, gone.md could not be downloaded from Discord (Discord answered 404). Please try again in a moment.');
    expect(shown.embeds[0]?.color).toBe(0xc53030);
    expect(log.lines().some((l) => l.msg === 'discord attachment download failed' && l.reason === 'Discord answered 404')).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('refuses a url option that is not a web link', async () => {
    const { first, shown } = await run(addCommand(discord.addAttachment('ferry-link.md', ARTICLE), { url: 'javascript:alert(1)' }));
    expect(first.type).toBe(4);
    expect(shown.content).toBe('The url option must be a link to the article, starting with https://.');
  });

  it('lists /add in /help while adding is on', async () => {
    const { shown } = await run(slashCommand('help'));
    expect(plainTextOfEmbed(shown.embeds[0])).toContain('/add — Add an article: attach its .txt, .md or .html file');
  });
});

describe('/add with BRIEFBOT_CHAT_ADD unset', () => {
  it('answers with the turned-off notice, downloads nothing and writes nothing', async () => {
    const discord = await startFakeDiscord();
    const keys = generateTestKeys();
    const corpus = await tempCorpus('briefbot-discord-add-off-');
    const config = loadServerConfig(discordHttpEnv(corpus, discord, keys), { cwd: corpus.root });
    const server = await startServer({ config, logger: memoryLogger('info').logger, discordDeferAfterMs: 0 });
    try {
      const before = (await readdir(corpus.dir)).sort();
      const file = discord.addAttachment('korsund-ferry.md', ARTICLE);
      const { first, shown } = await interact(server, discord, keys, addCommand(file));
      expect(first.type).toBe(4);
      expect(shown.flags).toBe(64);
      expect(shown.content).toBe(TURNED_OFF);
      expect(downloaded(discord, file)).toBe(false);
      expect((await readdir(corpus.dir)).sort()).toEqual(before);
      const help = await interact(server, discord, keys, slashCommand('help'));
      expect(plainTextOfEmbed(help.shown.embeds[0])).not.toContain('/add');
    } finally {
      await server.close();
      await discord.close();
      await corpus.cleanup();
    }
  });
});

describe('/add over the Discord gateway', () => {
  it('defers in public through the interaction callback and edits the result in', async () => {
    const discord = await startFakeDiscord();
    const corpus = await tempCorpus('briefbot-discord-add-gw-');
    const config = loadServerConfig({ ...discordGatewayEnv(corpus, discord.apiUrl, 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.fake.token'), BRIEFBOT_CHAT_ADD: 'on' }, { cwd: corpus.root });
    const server = await startServer({ config, logger: memoryLogger('info').logger, discordDeferAfterMs: 0 });
    try {
      const interaction = addCommand(discord.addAttachment('korsund-ferry.txt', ARTICLE.replace(/^# /, '')));
      discord.dispatch('INTERACTION_CREATE', interaction);
      const callback = await discord.waitForRequest((r) => r.method === 'POST' && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
      expect(callback.body).toEqual({ type: 5, data: {} });
      const edit = await discord.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${discord.appId}/${interaction.token}/messages/@original`, 10_000);
      expect(plainTextOfEmbed((edit.body as DiscordMessage).embeds[0])).toContain(`Added “${HEADLINE}”`);
      expect(await readdir(corpus.dir)).toContain(`${ARTICLE_ID}.json`);

      const pdf = addCommand(discord.addAttachment('ferry.pdf', '%PDF'));
      discord.dispatch('INTERACTION_CREATE', pdf);
      const refused = await discord.waitForRequest((r) => r.method === 'POST' && r.path === `/interactions/${pdf.id}/${pdf.token}/callback`);
      expect(refused.body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('is not an article file') } });
    } finally {
      await server.close();
      await discord.close();
      await corpus.cleanup();
    }
  });
});

describe('the /add definition', () => {
  const add = commandDefinitions().find((c) => c.name === 'add');

  it('takes a required attachment and optional outlet and url, and is for server managers by default', () => {
    expect(add?.options?.map((o) => [o.name, o.type, 'required' in o ? o.required : undefined])).toEqual([
      ['file', ApplicationCommandOptionType.Attachment, true],
      ['outlet', ApplicationCommandOptionType.String, false],
      ['url', ApplicationCommandOptionType.String, false],
    ]);
    expect(add?.options?.find((o) => o.name === 'file')?.description).toBe('The article as a .txt, .md or .html file');
    expect(add?.options?.find((o) => o.name === 'url')).toMatchObject({ description: 'Link to the article', max_length: 500 });
    expect(add?.options?.find((o) => o.name === 'outlet')).toMatchObject({ max_length: 100 });
    expect(add?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(add?.contexts).toEqual([InteractionContextType.Guild]);
  });

  it('is registered with the core commands', async () => {
    const discord = await startFakeDiscord();
    try {
      const names = await registerCommands({ token: 'a.b.c', appId: discord.appId, guildId: discord.guildId, apiUrl: discord.apiUrl });
      expect(names).toEqual(['ask', 'brief', 'who', 'quotes', 'sources', 'help', 'add', 'remove']);
      const put = await discord.waitForRequest((r) => r.method === 'PUT');
      expect((put.body as { name: string }[]).find((c) => c.name === 'add')).toEqual(add);
    } finally {
      await discord.close();
    }
  });
});

describe('attachmentUrlAllowed', () => {
  it("allows Discord's CDN and the REST base's origin, nothing else", () => {
    expect(attachmentUrlAllowed('https://cdn.discordapp.com/attachments/1/2/a.md?ex=1')).toBe(true);
    expect(attachmentUrlAllowed('https://media.discordapp.net/attachments/1/2/a.md')).toBe(true);
    expect(attachmentUrlAllowed('http://cdn.discordapp.com/attachments/1/2/a.md')).toBe(false);
    expect(attachmentUrlAllowed('https://cdn.discordapp.com.evil.example/a.md')).toBe(false);
    expect(attachmentUrlAllowed('https://cdn.discordapp.com@evil.example/a.md')).toBe(false);
    expect(attachmentUrlAllowed('file:///etc/passwd')).toBe(false);
    expect(attachmentUrlAllowed('not a url')).toBe(false);
    expect(attachmentUrlAllowed('http://127.0.0.1:4000/attachments/1/a.md', 'http://127.0.0.1:4000/api')).toBe(true);
    expect(attachmentUrlAllowed('http://127.0.0.1:4001/attachments/1/a.md', 'http://127.0.0.1:4000/api')).toBe(false);
    expect(attachmentUrlAllowed('http://127.0.0.1:4000/attachments/1/a.md')).toBe(false);
  });
});

describe('/add when the server shuts down during the download', () => {
  it('stops the download and edits in that the file was not added, before the server has closed', async () => {
    const discord = await startFakeDiscord();
    const keys = generateTestKeys();
    const corpus = await tempCorpus('briefbot-discord-add-stop-');
    const log = memoryLogger('info');
    try {
      const config = loadServerConfig({ ...discordHttpEnv(corpus, discord, keys), BRIEFBOT_CHAT_ADD: 'on' }, { cwd: corpus.root });
      const server = await startServer({ config, logger: log.logger, pollMs: 200, debounceMs: 50, discordDeferAfterMs: 0 });
      const before = (await readdir(corpus.dir)).sort();
      const interaction = addCommand(discord.addAttachment('slow-ferry.md', ARTICLE, { stall: true }));
      const { body } = await postInteraction(`${server.url}/discord/interactions`, interaction, keys);
      expect(body).toEqual({ type: 5, data: {} });
      await eventually(() => discord.requests.some((r) => r.method === 'GET' && r.path.startsWith('/attachments/')));
      await server.close();
      // Edited in before close() returned: the drain waited for it.
      const edit = discord.requests.find((r) => r.method === 'PATCH' && r.path === `/webhooks/${discord.appId}/${interaction.token}/messages/@original`);
      expect(plainTextOfEmbed((edit?.body as DiscordMessage | undefined)?.embeds[0])).toBe('briefbot is restarting, so slow-ferry.md was not added. Please share it again in a minute.');
      expect((await readdir(corpus.dir)).sort()).toEqual(before);
    } finally {
      await discord.close();
      await corpus.cleanup();
    }
  });
});

describe('planAdd with a download that stalls', () => {
  it('gives up after the timeout with an apology, and writes nothing', async () => {
    const discord = await startFakeDiscord();
    const corpus = await tempCorpus('briefbot-discord-add-slow-');
    const log = memoryLogger('info');
    try {
      const adder = createArticleAdder({ corpusDir: corpus.dir, articles: () => [], refresh: async () => undefined, logger: log.logger });
      const file = discord.addAttachment('slow.md', ARTICLE, { stall: true });
      const before = (await readdir(corpus.dir)).sort();
      const plan = planAdd(
        { id: '5234567890123456789', options: { file: file.id }, attachments: { [file.id]: file } },
        { articles: adder, apiUrl: discord.apiUrl, logger: log.logger, downloadTimeoutMs: 200 },
      );
      if (!('later' in plan)) throw new Error('expected the download to be planned');
      const shown = await plan.later();
      expect(plainTextOfEmbed(shown.embeds[0])).toBe('Sorry, slow.md could not be downloaded from Discord (it took too long). Please try again in a moment.');
      expect(log.lines().some((l) => l.msg === 'discord attachment download timed out')).toBe(true);
      expect((await readdir(corpus.dir)).sort()).toEqual(before);
    } finally {
      await discord.close();
      await corpus.cleanup();
    }
  });
});
