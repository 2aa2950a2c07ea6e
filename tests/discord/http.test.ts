import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/index.ts';
import { createFeedbackLog, hashUser } from '../../src/adapters/shared/feedback.ts';
import { silentLogger } from '../../src/adapters/shared/logger.ts';
import { startDiscordInteractionsServer } from '../../src/adapters/discord/http.ts';
import { CUSTOM_IDS, plainTextOfEmbed, type DiscordMessage } from '../../src/adapters/discord/render.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.ts';
import { createHarbourBot } from '../fakes/discord-bot.ts';
import {
  autocomplete,
  componentClick,
  generateTestKeys,
  ping,
  postInteraction,
  slashCommand,
  TEST_USER,
  type TestKeys,
} from '../fakes/discord-interactions.ts';

interface Response {
  type: number;
  data?: DiscordMessage & { choices?: { name: string; value: string }[] };
}

const QUESTION = 'When did the dock workers return to work?';

describe('createDiscordInteractionsHandler', () => {
  let discord: FakeDiscord;
  let keys: TestKeys;
  let bot: Bot;
  let dir: string;
  let feedbackFile: string;
  let server: { url: string; close(): Promise<void> };
  let deferring: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    discord = await startFakeDiscord();
    keys = generateTestKeys();
    bot = createHarbourBot();
    dir = mkdtempSync(join(tmpdir(), 'briefbot-discord-'));
    feedbackFile = join(dir, 'feedback.jsonl');
    const common = { bot, publicKey: keys.publicKeyHex, appId: discord.appId, apiUrl: discord.apiUrl, feedbackLog: createFeedbackLog(feedbackFile), logger: silentLogger() };
    server = await startDiscordInteractionsServer(common);
    deferring = await startDiscordInteractionsServer({ ...common, deferAfterMs: 0 });
  });

  afterAll(async () => {
    await server.close();
    await deferring.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function post(payload: unknown): Promise<Response> {
    const { status, body } = await postInteraction(server.url, payload, keys);
    expect(status).toBe(200);
    return body as Response;
  }

  async function ask(question: string, isPrivate?: boolean): Promise<Response> {
    const options: { name: string; type: 3 | 5; value: string | boolean }[] = [{ name: 'question', type: 3, value: question }];
    if (isPrivate !== undefined) options.push({ name: 'private', type: 5, value: isPrivate });
    return post(slashCommand('ask', options));
  }

  it('answers PING with PONG', async () => {
    expect(await post(ping())).toEqual({ type: 1 });
  });

  it('answers /ask with the cited sentence in an ephemeral embed that cannot ping anyone', async () => {
    const response = await ask(QUESTION);
    const expected = bot.handle({ command: 'ask', text: QUESTION });
    expect(expected.kind).toBe('answer');
    expect(response.type).toBe(4);
    expect(response.data?.flags).toBe(64);
    expect(response.data?.allowed_mentions).toEqual({ parse: [] });
    const embed = response.data?.embeds[0];
    expect(plainTextOfEmbed(embed)).toContain(expected.citations[0]?.text);
    expect(plainTextOfEmbed(embed)).toContain('returned to work');
    expect(embed?.footer?.text).toContain('Valmora Ledger');
  });

  it('answers /ask private:false in the channel, without the ephemeral flag or a Share button', async () => {
    const response = await ask(QUESTION, false);
    expect(response.type).toBe(4);
    expect(response.data?.flags).toBeUndefined();
    const ids = response.data?.components.flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : ''))) ?? [];
    expect(ids).not.toContain(CUSTOM_IDS.share);
    expect(ids).toContain(CUSTOM_IDS.up);
  });

  it('answers autocomplete for /who with names from the corpus (type 8)', async () => {
    const response = await post(autocomplete('who', 'name', 'Rey'));
    expect(response.type).toBe(8);
    expect(response.data?.choices?.map((c) => c.name).join(' ')).toContain('Reyes');
    for (const choice of response.data?.choices ?? []) expect(choice.value.length).toBeLessThanOrEqual(100);
  });

  it('records a thumbs-up in the shared JSONL feedback log, with the question and a hashed user', async () => {
    const answer = await ask(QUESTION);
    const response = await post(componentClick(CUSTOM_IDS.up, { embeds: answer.data?.embeds, components: answer.data?.components, flags: 64 }));
    expect(response.type).toBe(4);
    expect(response.data?.flags).toBe(64);
    const lines = readFileSync(feedbackFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const expected = bot.handle({ command: 'ask', text: QUESTION });
    expect(lines.at(-1)).toMatchObject({
      platform: 'discord',
      verdict: 'up',
      question: expected.question ?? QUESTION,
      citations: expected.citations.map((c) => `${c.articleId}#${c.sentence}`),
      user: hashUser('discord', TEST_USER.id),
    });
    expect(readFileSync(feedbackFile, 'utf8')).not.toContain(TEST_USER.id);
  });

  it('shares a private answer in the channel: same embed, no ephemeral flag, no Share button', async () => {
    const answer = await ask(QUESTION);
    const response = await post(componentClick(CUSTOM_IDS.share, { embeds: answer.data?.embeds, components: answer.data?.components, flags: 64 }));
    expect(response.type).toBe(4);
    expect(response.data?.flags).toBeUndefined();
    expect(response.data?.embeds).toEqual(answer.data?.embeds);
    expect(response.data?.allowed_mentions).toEqual({ parse: [] });
    expect(response.data?.content).toBe(`Shared by <@${TEST_USER.id}>`);
    const ids = response.data?.components.flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : ''))) ?? [];
    expect(ids).not.toContain(CUSTOM_IDS.share);
  });

  it('expands the sources in place when More sources is clicked (type 7), asking the question carried by the embed', async () => {
    const answer = await ask(QUESTION);
    const response = await post(componentClick(CUSTOM_IDS.more, { embeds: answer.data?.embeds, flags: 64 }));
    expect(response.type).toBe(7);
    expect(response.data?.embeds[0]?.title).toBe(answer.data?.embeds[0]?.title);
    expect(response.data?.embeds[0]?.fields?.length ?? 0).toBeGreaterThanOrEqual(answer.data?.embeds[0]?.fields?.length ?? 0);
  });

  it('asks a suggested question picked from a decline', async () => {
    const response = await post(componentClick(CUSTOM_IDS.suggest, { flags: 64 }, [QUESTION]));
    expect(response.type).toBe(4);
    expect(response.data?.flags).toBe(64);
    expect(plainTextOfEmbed(response.data?.embeds[0])).toContain('returned to work');
  });

  it('refuses a bad signature, a tampered body, a stale timestamp and a missing signature with 401', async () => {
    const payload = ping();
    const bad = await postInteraction(server.url, payload, keys, { signature: 'ab'.repeat(64) });
    expect(bad.status).toBe(401);
    const other = generateTestKeys();
    expect((await postInteraction(server.url, payload, other)).status).toBe(401);
    const stale = await postInteraction(server.url, payload, keys, { timestamp: String(Math.floor(Date.now() / 1000) - 3600) });
    expect(stale.status).toBe(401);
    const missing = await postInteraction(server.url, payload, null);
    expect(missing.status).toBe(401);
  });

  it('defers a slow command (type 5, ephemeral) and then edits @original through the webhook', async () => {
    const interaction = slashCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]);
    const { status, body } = await postInteraction(deferring.url, interaction, keys);
    expect(status).toBe(200);
    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await discord.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${discord.appId}/${interaction.token}/messages/@original`);
    expect(edit.rawPath).toContain('%40original');
    expect(edit.headers.authorization).toBeUndefined();
    const message = edit.body as DiscordMessage;
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(plainTextOfEmbed(message.embeds[0])).toContain('returned to work');
  });
});

describe('createDiscordInteractionsHandler when the core fails', () => {
  it('answers with a short ephemeral apology and keeps serving', async () => {
    const keys = generateTestKeys();
    const real = createHarbourBot();
    let calls = 0;
    const flaky: Bot = {
      ...real,
      commands: real.commands,
      indexBuiltAt: real.indexBuiltAt,
      handle(request) {
        calls += 1;
        if (calls === 1) throw new Error('index unavailable');
        return real.handle(request);
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-discord-fail-'));
    const server = await startDiscordInteractionsServer({
      bot: flaky,
      publicKey: keys.publicKeyHex,
      appId: '1234567890123456789',
      apiUrl: 'http://127.0.0.1:9/api',
      feedbackLog: createFeedbackLog(join(dir, 'f.jsonl')),
      logger: silentLogger(),
    });
    try {
      const first = await postInteraction(server.url, slashCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]), keys);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
      expect((first.body as Response).data?.content).toMatch(/^Sorry/);
      const second = await postInteraction(server.url, slashCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]), keys);
      expect(plainTextOfEmbed((second.body as Response).data?.embeds[0])).toContain('returned to work');
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
