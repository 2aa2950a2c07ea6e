import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { ACTION_FEEDBACK_DOWN, ACTION_SHARE } from '../../src/adapters/slack/payload.ts';
import { createFeedbackLog } from '../../src/adapters/shared/feedback.ts';
import { silentLogger } from '../../src/adapters/shared/logger.ts';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FAKE_BOT_USER, nextTs, startFakeSlack, type Envelope, type FakeSlack } from '../fakes/slack-api.ts';
import { blockActions, eventCallback, nextEventId, slashCommandFields } from '../fakes/slack-requests.ts';
import { fixtureBot } from './fixture-bot.ts';
import { allText, PINGING } from './helpers.ts';

const HOMES = 'protect about 12,000 homes';

let fake: FakeSlack;
let adapter: SlackAdapter;
let dir: string;
let envelopes = 0;
let startupCalls: { method: string; token: string | null }[] = [];

function envelope(type: Envelope['type'], payload: Record<string, unknown>, extra: Partial<Envelope> = {}): Envelope {
  envelopes += 1;
  return { envelope_id: `env-${envelopes}`, type, payload, accepts_response_payload: type !== 'events_api', ...extra };
}

beforeAll(async () => {
  fake = await startFakeSlack();
  dir = await mkdtemp(join(tmpdir(), 'briefbot-slack-sm-'));
  adapter = createSlackAdapter({
    bot: fixtureBot(),
    token: FAKE_BOT_TOKEN,
    appToken: FAKE_APP_TOKEN,
    apiUrl: fake.apiUrl,
    feedbackLog: createFeedbackLog(join(dir, 'feedback.jsonl')),
    logger: silentLogger(),
  });
  expect(adapter.mode).toBe('socket');
  expect(adapter.requestListener).toBeNull();
  await adapter.start();
  await fake.waitForSocket();
  startupCalls = fake.calls.map(({ method, token }) => ({ method, token }));
});

afterAll(async () => {
  await adapter.stop();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => fake.reset());

describe('createSlackAdapter in Socket Mode', () => {
  it('checks the bot token, then opens the connection with the app-level token', () => {
    expect(startupCalls).toContainEqual({ method: 'auth.test', token: FAKE_BOT_TOKEN });
    expect(startupCalls).toContainEqual({ method: 'apps.connections.open', token: FAKE_APP_TOKEN });
  });

  it('acknowledges an app_mention envelope and answers in its thread', async () => {
    const ts = nextTs();
    const sent = envelope('events_api', eventCallback({ type: 'app_mention', user: 'U0ALICE', text: `<@${FAKE_BOT_USER}> <!here> how many homes would the flood barrier protect?`, ts, channel: 'C0NEWS', event_ts: ts }));
    fake.sendEnvelope(sent);
    const post = await fake.waitFor(() => fake.callsTo('chat.postMessage')[0]);
    expect(fake.acks.has(sent.envelope_id)).toBe(true);
    expect(post.args).toMatchObject({ channel: 'C0NEWS', thread_ts: ts });
    expect(post.token).toBe(FAKE_BOT_TOKEN);
    expect(allText(post.args)).toContain(HOMES);
    expect(allText(post.args)).not.toMatch(PINGING);
  });

  it('answers a redelivered envelope for the same event once', async () => {
    const ts = nextTs();
    const eventId = nextEventId();
    const body = eventCallback({ type: 'app_mention', user: 'U0ALICE', text: `<@${FAKE_BOT_USER}> how many homes would the flood barrier protect?`, ts, channel: 'C0NEWS', event_ts: ts }, eventId);
    fake.sendEnvelope(envelope('events_api', body));
    await fake.waitFor(() => fake.callsTo('chat.postMessage')[0]);
    const retry = envelope('events_api', body, { retry_attempt: 1, retry_reason: 'timeout' });
    fake.sendEnvelope(retry);
    await fake.waitFor(() => fake.acks.has(retry.envelope_id));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('acknowledges a slash command envelope and answers privately with a Share button that posts publicly', async () => {
    const sent = envelope('slash_commands', slashCommandFields('How many homes would the flood barrier protect?', fake.responseUrl()));
    fake.sendEnvelope(sent);
    const answer = await fake.waitFor(() => fake.responses[0]);
    expect(fake.acks.has(sent.envelope_id)).toBe(true);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(allText(answer.body)).toContain(HOMES);
    const blocks = (answer.body.blocks ?? []) as { type: string; elements?: { action_id?: string; value?: string }[] }[];
    const share = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_SHARE);
    expect(share?.value).toBeTruthy();

    const click = envelope('interactive', blockActions({ action_id: ACTION_SHARE, value: share?.value ?? '' }, { channel: 'C0NEWS', responseUrl: fake.responseUrl(), ephemeral: true }));
    fake.sendEnvelope(click);
    const post = await fake.waitFor(() => fake.callsTo('chat.postMessage')[0]);
    expect(fake.acks.has(click.envelope_id)).toBe(true);
    expect(post.args.channel).toBe('C0NEWS');
    expect(allText(post.args)).toContain(HOMES);
  });

  it('records a thumbs-down click', async () => {
    const value = JSON.stringify({ q: 'How many homes would the flood barrier protect?', c: ['harbor-flood-barrier#s3'] });
    fake.sendEnvelope(envelope('interactive', blockActions({ action_id: ACTION_FEEDBACK_DOWN, value }, { channel: 'C0NEWS', responseUrl: fake.responseUrl(), messageTs: nextTs() })));
    await fake.waitFor(() => fake.callsTo('chat.postEphemeral')[0]);
    const log = await readFile(join(dir, 'feedback.jsonl'), 'utf8');
    expect(JSON.parse(log.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ platform: 'slack', verdict: 'down', citations: ['harbor-flood-barrier#s3'] });
  });
});
