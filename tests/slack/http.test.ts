import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/index.ts';
import { APOLOGY, createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { ACTION_FEEDBACK_UP, ACTION_SHARE } from '../../src/adapters/slack/payload.ts';
import { createFeedbackLog, hashUser, type FeedbackEntry } from '../../src/adapters/shared/feedback.ts';
import { silentLogger } from '../../src/adapters/shared/logger.ts';
import { FAKE_BOT_TOKEN, FAKE_BOT_USER, nextTs, startFakeSlack, type ApiCall, type FakeSlack } from '../fakes/slack-api.ts';
import {
  blockActions,
  eventCallback,
  formPost,
  interactivityPost,
  jsonPost,
  nextEventId,
  postToApp,
  SIGNING_SECRET,
  slashCommandFields,
} from '../fakes/slack-requests.ts';
import { fixtureBot } from './fixture-bot.ts';
import { allText, PINGING } from './helpers.ts';

const CHANNEL = 'C0NEWS';
const HOMES = 'protect about 12,000 homes';
const OSEI_QUOTE = 'This is the right idea with the wrong bill attached';

let fake: FakeSlack;
let adapter: SlackAdapter;
let url: string;
let dir: string;
let feedbackFile: string;
let bot: Bot;

beforeAll(async () => {
  fake = await startFakeSlack();
  dir = await mkdtemp(join(tmpdir(), 'briefbot-slack-'));
  feedbackFile = join(dir, 'feedback', 'feedback.jsonl');
  bot = fixtureBot();
  adapter = createSlackAdapter({
    bot,
    token: FAKE_BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    feedbackLog: createFeedbackLog(feedbackFile),
    logger: silentLogger(),
  });
  const { port } = await adapter.start(0, '127.0.0.1');
  url = `http://127.0.0.1:${port}/slack/events`;
});

afterAll(async () => {
  await adapter.stop();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => fake.reset());

/** Delivers an app_mention as Slack would (the message also exists in the channel). */
async function mention(text: string, where: { ts?: string; threadTs?: string; eventId?: string; retryNum?: number; retryReason?: string } = {}) {
  const ts = where.ts ?? nextTs();
  const event: Record<string, unknown> = { type: 'app_mention', user: 'U0ALICE', text, ts, channel: CHANNEL, event_ts: ts };
  if (where.threadTs) event.thread_ts = where.threadTs;
  fake.addMessage(CHANNEL, { ts, user: 'U0ALICE', text, ...(where.threadTs ? { thread_ts: where.threadTs } : {}) });
  const response = await postToApp(url, jsonPost(eventCallback(event, where.eventId)), { retryNum: where.retryNum, retryReason: where.retryReason });
  return { ts, response };
}

function posts(): ApiCall[] {
  return fake.callsTo('chat.postMessage');
}

async function nthPost(n: number): Promise<ApiCall> {
  return fake.waitFor(() => posts()[n]);
}

/** A short pause to show that something does not happen. */
const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

function buttonsOf(message: Record<string, unknown>): { action_id: string; value: string }[] {
  const blocks = (message.blocks ?? []) as { type: string; elements?: { type: string; action_id?: string; value?: string }[] }[];
  return blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).map((e) => ({ action_id: e.action_id ?? '', value: e.value ?? '' })) : []));
}

describe('createSlackAdapter over HTTP', () => {
  it('answers url_verification with the challenge', async () => {
    const response = await postToApp(url, jsonPost({ token: 'x', challenge: 'c-123', type: 'url_verification' }));
    expect(response.status).toBe(200);
    expect(response.text).toContain('c-123');
  });

  it('rejects a request with a bad signature with 401, and answers nothing', async () => {
    const response = await postToApp(url, jsonPost(eventCallback({ type: 'app_mention', user: 'U0ALICE', text: `<@${FAKE_BOT_USER}> hi`, ts: nextTs(), channel: CHANNEL })), { secret: 'not-the-secret' });
    expect(response.status).toBe(401);
    await settle(100);
    expect(posts()).toHaveLength(0);
  });

  it('rejects a correctly signed request with a stale timestamp with 401', async () => {
    const response = await postToApp(url, formPost(slashCommandFields('summary', fake.responseUrl())), { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(response.status).toBe(401);
    await settle(100);
    expect(fake.responses).toHaveLength(0);
  });

  it('acknowledges /brief at once and answers privately through response_url with a Share button', async () => {
    const response = await postToApp(url, formPost(slashCommandFields('How many homes would the flood barrier protect?', fake.responseUrl())));
    expect(response.status).toBe(200);
    const answer = await fake.waitFor(() => fake.responses[0]);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(allText(answer.body)).toContain(HOMES);
    expect(buttonsOf(answer.body).map((b) => b.action_id)).toContain(ACTION_SHARE);
    expect(posts()).toHaveLength(0);
  });

  it('shows help for a bare /brief and the brief for /brief summary', async () => {
    await postToApp(url, formPost(slashCommandFields('', fake.responseUrl())));
    const help = await fake.waitFor(() => fake.responses[0]);
    expect(allText(help.body)).toContain('/brief who NAME');
    await postToApp(url, formPost(slashCommandFields('summary', fake.responseUrl())));
    const brief = await fake.waitFor(() => fake.responses[1]);
    expect(brief.body.response_type).toBe('ephemeral');
    expect(allText(brief.body)).toContain('Harbor City Council voted 7-2');
  });

  it('answers an @mention in the thread of the mention, citing the sentence, without echoing a ping', async () => {
    const { ts, response } = await mention(`<@${FAKE_BOT_USER}> <!channel> <@U0BOB> how many homes would the flood barrier protect?`);
    expect(response.status).toBe(200);
    const post = await nthPost(0);
    expect(post.args.channel).toBe(CHANNEL);
    expect(post.args.thread_ts).toBe(ts);
    expect(post.token).toBe(FAKE_BOT_TOKEN);
    expect(allText(post.args)).toContain(HOMES);
    expect(allText(post.args)).not.toMatch(PINGING);
  });

  it('never echoes a ping from a question it cannot answer', async () => {
    await mention(`<@${FAKE_BOT_USER}> what did <!here> and <@U0BOB> and <!subteam^S0TEAM|@editors> say about <!everyone>?`);
    const post = await nthPost(0);
    expect(allText(post.args)).not.toMatch(PINGING);
  });

  it('answers a follow-up in a thread from the thread read back with conversations.replies', async () => {
    const root = await mention(`<@${FAKE_BOT_USER}> Why did David Osei vote against the flood barrier?`);
    await nthPost(0);
    await mention(`<@${FAKE_BOT_USER}> what did he say?`, { threadTs: root.ts });
    const followUp = await nthPost(1);
    expect(followUp.args.thread_ts).toBe(root.ts);
    const replies = fake.callsTo('conversations.replies');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.args).toMatchObject({ channel: CHANNEL, ts: root.ts });
    expect(allText(followUp.args)).toContain(OSEI_QUOTE);
    // Control: the same words in a thread about someone else are not about Osei.
    const elsewhere = bot.handle({ text: 'what did he say?', history: [{ role: 'user', text: 'Why did Mayor Elena Ruiz back the flood barrier?' }] });
    expect(elsewhere.citations[0]?.text ?? '').toContain('We cannot keep rebuilding');
  });

  it('answers a direct message in the conversation and ignores bots, edits and its own messages', async () => {
    const dm = 'D0ALICE';
    const ts = nextTs();
    fake.addMessage(dm, { ts, user: 'U0ALICE', text: 'How many homes would the flood barrier protect?' });
    const im = { type: 'message', channel_type: 'im', channel: dm, user: 'U0ALICE', text: 'How many homes would the flood barrier protect?', ts, event_ts: ts };
    await postToApp(url, jsonPost(eventCallback(im)));
    const post = await nthPost(0);
    expect(post.args.channel).toBe(dm);
    expect(post.args.thread_ts).toBeUndefined();
    expect(allText(post.args)).toContain(HOMES);

    const other = nextTs();
    await postToApp(url, jsonPost(eventCallback({ ...im, ts: other, event_ts: other, bot_id: 'B0OTHER', subtype: 'bot_message' })));
    await postToApp(url, jsonPost(eventCallback({ ...im, ts: other, event_ts: other, subtype: 'message_changed' })));
    await postToApp(url, jsonPost(eventCallback({ ...im, ts: other, event_ts: other, user: FAKE_BOT_USER, bot_id: 'B0BRIEF' })));
    await settle();
    expect(posts()).toHaveLength(1);
  });

  it('answers an edited question again in place of its first answer, and ignores an edit that keeps the text', async () => {
    const dm = 'D0DAVE';
    const ts = nextTs();
    const typo = 'Why did David Osei vote against the flod barrier plan? zzqx';
    fake.addMessage(dm, { ts, user: 'U0DAVE', text: typo });
    const im = { type: 'message', channel_type: 'im', channel: dm, user: 'U0DAVE', text: typo, ts, event_ts: ts };
    await postToApp(url, jsonPost(eventCallback(im)));
    const first = await nthPost(0);
    const replyTs = (await fake.waitFor(() => fake.messagesIn(dm).find((m) => m.bot_id !== undefined)))!.ts;

    const fixed = 'How many homes would the flood barrier protect?';
    const editTs = nextTs();
    const changed = {
      type: 'message',
      subtype: 'message_changed',
      channel_type: 'im',
      channel: dm,
      ts: editTs,
      event_ts: editTs,
      hidden: true,
      message: { type: 'message', user: 'U0DAVE', text: fixed, ts, edited: { user: 'U0DAVE', ts: editTs } },
      previous_message: { type: 'message', user: 'U0DAVE', text: typo, ts },
    };
    await postToApp(url, jsonPost(eventCallback(changed)));
    const update = await fake.waitFor(() => fake.callsTo('chat.update')[0]);
    expect(update.args).toMatchObject({ channel: dm, ts: replyTs });
    expect(allText(update.args)).toContain(HOMES);
    expect(allText(first.args)).not.toContain(HOMES);
    // Still one message from the bot: the answer changed in place.
    expect(posts()).toHaveLength(1);

    // A link preview arriving later is a message_changed with the same text: nothing happens.
    const unfurl = nextTs();
    await postToApp(url, jsonPost(eventCallback({ ...changed, ts: unfurl, event_ts: unfurl, message: { ...changed.message, text: fixed }, previous_message: { ...changed.previous_message, text: fixed } })));
    await settle();
    expect(fake.callsTo('chat.update')).toHaveLength(1);
    expect(posts()).toHaveLength(1);
  });

  it('answers an edited question that had no answer only while it is recent', async () => {
    const dm = 'D0ERIN';
    const question = 'How many homes would the flood barrier protect?';
    const edit = (ts: string) => {
      const editTs = nextTs();
      return { type: 'message', subtype: 'message_changed', channel_type: 'im', channel: dm, ts: editTs, event_ts: editTs, hidden: true, message: { type: 'message', user: 'U0ERIN', text: question, ts, edited: { user: 'U0ERIN', ts: editTs } }, previous_message: { type: 'message', user: 'U0ERIN', text: 'How many homes would the flod barrier protct', ts } };
    };
    // Last year's message, never answered (briefbot was down): the edit tidies it, nothing is posted.
    const old = nextTs();
    fake.addMessage(dm, { ts: old, user: 'U0ERIN', text: question });
    await postToApp(url, jsonPost(eventCallback(edit(old))));
    await settle();
    expect(posts()).toHaveLength(0);
    // A minute old: answered at the end of the conversation.
    const recent = `${Math.floor(Date.now() / 1000) - 60}.000100`;
    fake.addMessage(dm, { ts: recent, user: 'U0ERIN', text: question });
    await postToApp(url, jsonPost(eventCallback(edit(recent))));
    expect(allText((await nthPost(0)).args)).toContain(HOMES);
  });

  it('answers a direct message in a thread with the thread as context', async () => {
    const dm = 'D0CAROL';
    const root = nextTs();
    fake.addMessage(dm, { ts: root, user: 'U0CAROL', text: 'Why did David Osei vote against the flood barrier?' });
    fake.addMessage(dm, { ts: nextTs(), user: FAKE_BOT_USER, bot_id: 'B0BRIEF', text: 'Councillor David Osei voted against the plan.', thread_ts: root });
    const ts = nextTs();
    fake.addMessage(dm, { ts, user: 'U0CAROL', text: 'what did he say?', thread_ts: root });
    await postToApp(url, jsonPost(eventCallback({ type: 'message', channel_type: 'im', channel: dm, user: 'U0CAROL', text: 'what did he say?', ts, thread_ts: root, event_ts: ts })));
    const post = await nthPost(0);
    expect(post.args.thread_ts).toBe(root);
    expect(fake.callsTo('conversations.replies')[0]?.args).toMatchObject({ channel: dm, ts: root });
    expect(allText(post.args)).toContain(OSEI_QUOTE);
  });

  it('shares a private answer publicly in the channel and removes the private copy', async () => {
    await postToApp(url, formPost(slashCommandFields('How many homes would the flood barrier protect?', fake.responseUrl())));
    const ephemeral = await fake.waitFor(() => fake.responses[0]);
    const share = buttonsOf(ephemeral.body).find((b) => b.action_id === ACTION_SHARE);
    expect(share).toBeDefined();
    const responseUrl = fake.responseUrl();
    const response = await postToApp(url, interactivityPost(blockActions({ action_id: ACTION_SHARE, value: share?.value ?? '' }, { channel: CHANNEL, responseUrl, ephemeral: true })));
    expect(response.status).toBe(200);
    const post = await nthPost(0);
    expect(post.args.channel).toBe(CHANNEL);
    expect(post.args.thread_ts).toBeUndefined();
    expect(allText(post.args)).toContain(HOMES);
    expect(buttonsOf(post.args).map((b) => b.action_id)).not.toContain(ACTION_SHARE);
    const deleted = await fake.waitFor(() => fake.responses.find((r) => r.id === responseUrl.split('/').pop()));
    expect(deleted.body).toMatchObject({ delete_original: true });
    expect(fake.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('tells the user to invite the bot when sharing into a channel it is not in', async () => {
    fake.failNext('chat.postMessage', 'not_in_channel');
    const responseUrl = fake.responseUrl();
    await postToApp(url, interactivityPost(blockActions({ action_id: ACTION_SHARE, value: JSON.stringify({ c: 'brief', t: '' }) }, { channel: 'C0PRIVATE', responseUrl, ephemeral: true })));
    const note = await fake.waitFor(() => fake.responses[0]);
    expect(note.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(note.body.text)).toContain('/invite');
  });

  it('records a thumbs-up in the feedback log with a hashed user id, and thanks privately', async () => {
    const { ts } = await mention(`<@${FAKE_BOT_USER}> How many homes would the flood barrier protect?`);
    const post = await nthPost(0);
    const up = buttonsOf(post.args).find((b) => b.action_id === ACTION_FEEDBACK_UP);
    expect(up).toBeDefined();
    await postToApp(url, interactivityPost(blockActions({ action_id: ACTION_FEEDBACK_UP, value: up?.value ?? '' }, { channel: CHANNEL, responseUrl: fake.responseUrl(), threadTs: ts, messageTs: nextTs() })));
    const thanks = await fake.waitFor(() => fake.callsTo('chat.postEphemeral')[0]);
    expect(thanks.args).toMatchObject({ channel: CHANNEL, user: 'U0ALICE', thread_ts: ts });
    const lines = (await readFile(feedbackFile, 'utf8')).trim().split('\n');
    const entry = JSON.parse(lines.at(-1) ?? '{}') as FeedbackEntry;
    expect(entry).toMatchObject({ platform: 'slack', verdict: 'up', user: hashUser('slack', 'U0ALICE') });
    expect(entry.question.toLowerCase()).toContain('how many homes');
    expect(entry.citations.length).toBeGreaterThan(0);
    expect(entry.citations[0]).toMatch(/^harbor-flood-barrier#/);
    expect(lines.join('\n')).not.toContain('U0ALICE');
  });

  it('declines what the articles do not say, offering suggested questions that are asked when clicked', async () => {
    const { ts } = await mention(`<@${FAKE_BOT_USER}> What did the governor of Texas say?`);
    const decline = await nthPost(0);
    expect(decline.args.thread_ts).toBe(ts);
    expect(allText(decline.args)).toContain('Texas');
    expect(buttonsOf(decline.args).map((b) => b.action_id)).not.toContain(ACTION_FEEDBACK_UP);
    const suggestion = buttonsOf(decline.args).find((b) => b.action_id.startsWith('briefbot_suggest_'));
    expect(suggestion).toBeDefined();
    await postToApp(url, interactivityPost(blockActions({ action_id: suggestion?.action_id ?? '', value: suggestion?.value ?? '' }, { channel: CHANNEL, responseUrl: fake.responseUrl(), threadTs: ts, messageTs: String(decline.args.ts ?? nextTs()) })));
    const answer = await nthPost(1);
    expect(answer.args).toMatchObject({ channel: CHANNEL, thread_ts: ts });
    const blocks = JSON.stringify(answer.args.blocks);
    expect(blocks).toContain('Asked:');
    expect(answer.args.text).not.toBe(decline.args.text);
  });

  it('asks a suggested question when its button is clicked, in the same thread', async () => {
    const threadTs = nextTs();
    await postToApp(
      url,
      interactivityPost(blockActions({ action_id: 'briefbot_suggest_1', value: 'How many homes would the flood barrier protect?' }, { channel: CHANNEL, responseUrl: fake.responseUrl(), threadTs, messageTs: nextTs() })),
    );
    const post = await nthPost(0);
    expect(post.args).toMatchObject({ channel: CHANNEL, thread_ts: threadTs });
    expect(allText(post.args)).toContain(HOMES);
  });

  it('answers a suggested question privately when it was clicked on a private reply', async () => {
    await postToApp(url, interactivityPost(blockActions({ action_id: 'briefbot_suggest_0', value: 'How many homes would the flood barrier protect?' }, { channel: CHANNEL, responseUrl: fake.responseUrl(), ephemeral: true })));
    const answer = await fake.waitFor(() => fake.responses[0]);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(allText(answer.body)).toContain(HOMES);
    expect(posts()).toHaveLength(0);
  });

  it('answers a redelivered event once', async () => {
    const eventId = nextEventId();
    const { ts } = await mention(`<@${FAKE_BOT_USER}> How many homes would the flood barrier protect?`, { eventId });
    await nthPost(0);
    const retry = await mention(`<@${FAKE_BOT_USER}> How many homes would the flood barrier protect?`, { ts, eventId, retryNum: 1, retryReason: 'http_error' });
    expect(retry.response.status).toBe(200);
    await settle();
    expect(posts()).toHaveLength(1);
  });

  it('does not answer a timed-out retry, which another delivery is already answering', async () => {
    const retry = await mention(`<@${FAKE_BOT_USER}> How many homes would the flood barrier protect?`, { retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.response.status).toBe(200);
    await settle();
    expect(posts()).toHaveLength(0);
  });
});

describe('createSlackAdapter mounted on a server someone else owns', () => {
  let server: Server;
  let mountedUrl: string;
  let failing: SlackAdapter;

  beforeAll(async () => {
    const broken: Bot = {
      ...fixtureBot(),
      handle() {
        throw new Error('index exploded');
      },
    };
    failing = createSlackAdapter({ bot: broken, token: FAKE_BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, feedbackLog: createFeedbackLog(join(dir, 'unused.jsonl')), logger: silentLogger() });
    await failing.ready();
    const listener = failing.requestListener;
    if (!listener) throw new Error('HTTP mode must expose a request listener');
    server = createServer((req, res) => {
      if (req.url === '/healthz') return void res.writeHead(200).end('ok');
      listener(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mountedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('apologises when the core fails, and keeps serving', async () => {
    const first = nextTs();
    await postToApp(`${mountedUrl}/slack/events`, jsonPost(eventCallback({ type: 'app_mention', user: 'U0ALICE', text: `<@${FAKE_BOT_USER}> anything?`, ts: first, channel: CHANNEL })));
    const apology = await nthPost(0);
    expect(apology.args).toMatchObject({ channel: CHANNEL, thread_ts: first, text: APOLOGY });
    await postToApp(`${mountedUrl}/slack/events`, formPost(slashCommandFields('anything?', fake.responseUrl())));
    const second = await fake.waitFor(() => fake.responses[0]);
    expect(second.body).toMatchObject({ response_type: 'ephemeral', text: APOLOGY });
  });

  it('answers 404 for paths that are not /slack/events', async () => {
    const response = await fetch(`${mountedUrl}/elsewhere`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect((await fetch(`${mountedUrl}/healthz`)).status).toBe(200);
  });
});
