import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import type { Bot, BotRequest } from '../../src/core/index.ts';
import { createFeedbackLog } from '../../src/adapters/shared/feedback.ts';
import { silentLogger } from '../../src/adapters/shared/logger.ts';
import { startDiscordGateway } from '../../src/adapters/discord/gateway.ts';
import { CUSTOM_IDS, plainTextOfEmbed, renderReply, type DiscordMessage } from '../../src/adapters/discord/render.ts';
import { startFakeDiscord, type FakeDiscord, type FakeUser } from '../fakes/discord-api.ts';
import { createHarbourBot } from '../fakes/discord-bot.ts';
import { componentClick, slashCommand, TEST_USER } from '../fakes/discord-interactions.ts';

const READER: FakeUser = { id: TEST_USER.id, username: TEST_USER.username };
const QUESTION = 'When did the dock workers return to work?';

/** The real bot, recording what it was asked (a hand-written double, not a module mock). */
function recording(bot: Bot): { bot: Bot; requests: BotRequest[] } {
  const requests: BotRequest[] = [];
  return {
    requests,
    bot: {
      ...bot,
      commands: bot.commands,
      indexBuiltAt: bot.indexBuiltAt,
      handle(request) {
        requests.push(request);
        return bot.handle(request);
      },
    },
  };
}

describe('createDiscordGateway', () => {
  let discord: FakeDiscord;
  let client: Client;
  let dir: string;
  const real = createHarbourBot();
  const { bot, requests } = recording(real);

  beforeAll(async () => {
    discord = await startFakeDiscord();
    dir = mkdtempSync(join(tmpdir(), 'briefbot-discord-gw-'));
    client = await startDiscordGateway({
      bot,
      token: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.fake.token',
      apiUrl: discord.apiUrl,
      feedbackLog: createFeedbackLog(join(dir, 'feedback.jsonl')),
      logger: silentLogger(),
    });
  });

  afterAll(async () => {
    await client?.destroy();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in through the fake gateway with the intents it needs', () => {
    expect(client.user?.id).toBe(discord.botUser.id);
    const identify = discord.identifies[0] as { intents: number; token: string };
    // Guilds (1) + GuildMessages (512) + DirectMessages (4096) + MessageContent (32768)
    expect(identify.intents).toBe(1 + 512 + 4096 + 32768);
    expect(identify.token).toBe('MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.fake.token');
    expect(discord.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
  });

  it('answers an /ask interaction through the interaction callback endpoint', async () => {
    const interaction = slashCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]);
    discord.dispatch('INTERACTION_CREATE', interaction);
    const callback = await discord.waitForRequest((r) => r.method === 'POST' && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    const body = callback.body as { type: number; data: DiscordMessage };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(plainTextOfEmbed(body.data.embeds[0])).toContain(real.handle({ command: 'ask', text: QUESTION }).citations[0]?.text);
  });

  it('answers an @mention in a channel by replying to the message, pinging no one', async () => {
    const ignored = discord.makeMessage({ author: READER, content: 'lunch anyone?' });
    discord.dispatch('MESSAGE_CREATE', ignored);
    const mention = discord.makeMessage({ author: READER, content: `<@${discord.botUser.id}> ${QUESTION}`, mentions: [discord.botUser] });
    discord.dispatch('MESSAGE_CREATE', mention);
    const sent = await discord.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${discord.channelId}/messages` && (r.body as { message_reference?: { message_id: string } }).message_reference?.message_id === mention.id,
    );
    const body = sent.body as DiscordMessage & { allowed_mentions: { parse: string[]; replied_user?: boolean } };
    expect(body.allowed_mentions.parse).toEqual([]);
    expect(body.allowed_mentions.replied_user).toBe(false);
    expect(plainTextOfEmbed(body.embeds[0])).toContain('returned to work');
    expect(requests.find((r) => r.requestId === mention.id)?.text).toBe(QUESTION);
    const repliesToIgnored = discord.requests.filter((r) => (r.body as { message_reference?: { message_id: string } } | null)?.message_reference?.message_id === ignored.id);
    expect(repliesToIgnored).toEqual([]);
  });

  it('answers a direct message without needing a mention', async () => {
    const dmChannel = '6234567890123456789';
    const dm = { ...discord.makeMessage({ author: READER, content: 'who Okafor' }), channel_id: dmChannel, guild_id: undefined, channel_type: 1 };
    delete dm.guild_id;
    discord.dispatch('MESSAGE_CREATE', dm);
    const sent = await discord.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${dmChannel}/messages`);
    const body = sent.body as DiscordMessage & { message_reference?: { message_id: string } };
    expect(body.message_reference?.message_id).toBe(dm.id);
    expect(body.embeds[0]?.title).toBe('/who Okafor');
  });

  it('records a thumbs-down clicked under a gateway answer', async () => {
    const answer = renderReply(real.handle({ command: 'ask', text: QUESTION }), { request: { command: 'ask', text: QUESTION }, private: true });
    const click = componentClick(CUSTOM_IDS.down, { embeds: answer.embeds, components: answer.components, flags: 64 });
    discord.dispatch('INTERACTION_CREATE', click);
    const callback = await discord.waitForRequest((r) => r.path === `/interactions/${click.id}/${click.token}/callback`);
    expect((callback.body as { type: number; data: DiscordMessage }).data.flags).toBe(64);
    const lines = readFileSync(join(dir, 'feedback.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ platform: 'discord', verdict: 'down' });
  });

  it('answers an edited question again and edits its answer in place, found on Discord (not in memory)', async () => {
    const typo = `<@${discord.botUser.id}> Whn did the dok workers retrun zzqx?`;
    const asked = discord.makeMessage({ author: READER, content: typo, mentions: [discord.botUser] });
    // An answer given before a restart: only Discord has it.
    const before = renderReply(real.handle({ text: 'Whn did the dok workers retrun zzqx?' }), { request: { command: 'ask', text: 'x' } });
    const answered = discord.makeMessage({ author: discord.botUser, content: '', embeds: before.embeds, replyTo: asked.id });
    // The edit, as Discord stores it and then sends it.
    asked.content = `<@${discord.botUser.id}> ${QUESTION}`;
    asked.edited_timestamp = new Date().toISOString();
    discord.dispatch('MESSAGE_UPDATE', asked);
    const edit = await discord.waitForRequest((r) => r.method === 'PATCH' && r.path === `/channels/${discord.channelId}/messages/${answered.id}`);
    const body = edit.body as DiscordMessage;
    expect(plainTextOfEmbed(body.embeds[0])).toContain('returned to work');
    expect(body.allowed_mentions).toMatchObject({ parse: [] });
    expect(requests.find((r) => r.requestId === asked.id)?.text).toBe(QUESTION);
    // No new message was posted for the edit.
    expect(discord.requests.some((r) => r.method === 'POST' && (r.body as { message_reference?: { message_id: string } } | null)?.message_reference?.message_id === asked.id)).toBe(false);
  });

  it('looks into no edit of a message it would not have answered', async () => {
    const chatter = discord.makeMessage({ author: READER, content: 'lunch at noon?' });
    const seen = discord.requests.length;
    discord.dispatch('MESSAGE_UPDATE', { ...chatter, content: 'lunch at one?', edited_timestamp: new Date().toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(discord.requests.slice(seen).filter((r) => r.path.startsWith(`/channels/${discord.channelId}/messages`))).toEqual([]);
  });

  it('treats a reply to one of its answers as a follow-up, reading the context back from the referenced messages', async () => {
    // An earlier exchange the client never saw (say, before a restart): only Discord has it.
    const first = discord.makeMessage({ author: READER, content: `<@${discord.botUser.id}> What did Marta Okafor say?`, mentions: [discord.botUser] });
    const answer = renderReply(real.handle({ text: 'What did Marta Okafor say?' }), { request: { command: 'ask', text: 'What did Marta Okafor say?' } });
    const earlier = discord.makeMessage({ author: discord.botUser, content: '', embeds: answer.embeds, replyTo: first.id });
    const followUp = discord.makeMessage({ author: READER, content: 'Why did she walk out?', replyTo: earlier.id });
    discord.dispatch('MESSAGE_CREATE', followUp);

    const sent = await discord.waitForRequest(
      (r) => r.method === 'POST' && (r.body as { message_reference?: { message_id: string } } | null)?.message_reference?.message_id === followUp.id,
    );
    expect((sent.body as DiscordMessage).allowed_mentions).toMatchObject({ parse: [] });
    expect(discord.requests.some((r) => r.method === 'GET' && r.path === `/channels/${discord.channelId}/messages/${earlier.id}`)).toBe(true);
    expect(discord.requests.some((r) => r.method === 'GET' && r.path === `/channels/${discord.channelId}/messages/${first.id}`)).toBe(true);
    const request = requests.find((r) => r.requestId === followUp.id);
    expect(request?.text).toBe('Why did she walk out?');
    expect(request?.history).toEqual([
      { role: 'user', text: 'What did Marta Okafor say?' },
      { role: 'bot', text: plainTextOfEmbed(answer.embeds[0]) },
    ]);
  });
});
