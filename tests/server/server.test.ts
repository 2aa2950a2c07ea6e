import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../src/server/config.ts';
import { startServer, type Health, type RunningServer } from '../../src/server/server.ts';
import { FAKE_BOT_TOKEN, FAKE_BOT_USER, nextTs, startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { blockActions, eventCallback, interactivityPost, jsonPost, postToApp, SIGNING_SECRET } from '../fakes/slack-requests.ts';
import { ACTION_FEEDBACK_UP, encodeFeedback } from '../../src/adapters/slack/payload.ts';
import { readFile } from 'node:fs/promises';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.ts';
import { generateTestKeys, ping, postInteraction, slashCommand, TEST_USER, type TestKeys } from '../fakes/discord-interactions.ts';
import { allText } from '../slack/helpers.ts';
import { closeDuringDeferredEdit, eventually, HARBOUR_ID, memoryLogger, tempCorpus, slackHttpEnv } from './helpers.ts';

const QUESTION = 'Who voted against the bridge?';
const ANSWER = 'Opposition councillor Marco Silva voted against the plan.';

describe('startServer with Slack HTTP mode and Discord HTTP interactions on one port', () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let keys: TestKeys;
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  let server: RunningServer;
  let log: ReturnType<typeof memoryLogger>;

  beforeAll(async () => {
    slack = await startFakeSlack();
    discord = await startFakeDiscord();
    keys = generateTestKeys();
    corpus = await tempCorpus();
    log = memoryLogger('debug');
    const config = loadServerConfig(
      {
        ...slackHttpEnv(corpus, slack.apiUrl),
        DISCORD_PUBLIC_KEY: keys.publicKeyHex,
        DISCORD_APP_ID: discord.appId,
        DISCORD_API_URL: discord.apiUrl,
      },
      { cwd: corpus.root },
    );
    server = await startServer({ config, logger: log.logger, pollMs: 200, debounceMs: 50 });
  });

  afterAll(async () => {
    await server?.close();
    await slack.close();
    await discord.close();
    await corpus.cleanup();
  });

  it('answers GET /healthz with the number of articles and the index age', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as Health;
    expect(health).toMatchObject({ status: 'ok', articles: 2, corpusProblems: 0, slack: 'http', discord: { http: true, gateway: false } });
    expect(health.indexAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(health.indexAgeSeconds).toBeLessThan(60);
  });

  it('answers 404 for other paths and 405 for a POST to /healthz', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    expect((await fetch(`${server.url}/slack/events/extra`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('answers a signed Slack url_verification and a signed mention in its thread', async () => {
    const verification = await postToApp(`${server.url}/slack/events`, jsonPost({ type: 'url_verification', challenge: 'abc123', token: 'x' }));
    expect(verification.status).toBe(200);
    expect(verification.text).toContain('abc123');

    const ts = nextTs();
    const event = { type: 'app_mention', user: 'U0ALICE', text: `<@${FAKE_BOT_USER}> ${QUESTION}`, ts, channel: 'C0NEWS', event_ts: ts };
    const response = await postToApp(`${server.url}/slack/events`, jsonPost(eventCallback(event)));
    expect(response.status).toBe(200);
    const post = await slack.waitFor(() => slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts === ts));
    expect(allText(post.args)).toContain(ANSWER);
  });

  it('refuses a Slack request with a bad signature', async () => {
    const response = await postToApp(`${server.url}/slack/events`, jsonPost({ type: 'url_verification', challenge: 'x' }), { secret: 'wrong' });
    expect(response.status).toBe(401);
  });

  it('answers a signed Discord PING with PONG and /ask with the cited sentence, on the same port', async () => {
    const pong = await postInteraction(`${server.url}/discord/interactions`, ping(), keys);
    expect(pong).toEqual({ status: 200, body: { type: 1 } });

    const asked = await postInteraction(`${server.url}/discord/interactions`, slashCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]), keys);
    expect(asked.status).toBe(200);
    expect(JSON.stringify(asked.body).replaceAll('**', '')).toContain(ANSWER);

    const unsigned = await postInteraction(`${server.url}/discord/interactions`, ping(), null);
    expect(unsigned.status).toBe(401);
  });

  it('answers the 11th Slack question in a minute from one person politely, and another person normally', async () => {
    const mention = async (user: string) => {
      const ts = nextTs();
      const event = { type: 'app_mention', user, text: `<@${FAKE_BOT_USER}> ${QUESTION}`, ts, channel: 'C0FLOOD', event_ts: ts };
      await postToApp(`${server.url}/slack/events`, jsonPost(eventCallback(event)));
      const post = await slack.waitFor(() => slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts === ts));
      return allText(post.args);
    };
    for (let i = 0; i < 10; i++) expect(await mention('U0FLOOD')).toContain(ANSWER);
    expect(await mention('U0FLOOD')).toMatch(/10 questions in the last minute/);
    expect(await mention('U0CALM')).toContain(ANSWER);
  });

  it('logs each question with a request id, latency and decision, and never a token, secret or raw user id', async () => {
    // A feedback click: Slack's client logs the thank-you's body (with the user's id) at debug level.
    const click = blockActions({ action_id: ACTION_FEEDBACK_UP, value: encodeFeedback({ question: QUESTION, citations: ['harbour#s5'] }) }, { channel: 'C0NEWS', responseUrl: slack.responseUrl() });
    expect((await postToApp(`${server.url}/slack/events`, interactivityPost(click))).status).toBe(200);
    await slack.waitFor(() => slack.callsTo('chat.postEphemeral')[0]);
    await eventually(() => log.text().includes('chat.postEphemeral') && log.text().includes('apiCall(\'chat.postEphemeral\') end'));
    expect(await readFile(join(corpus.root, 'feedback.jsonl'), 'utf8')).toContain('"verdict":"up"');

    const questions = log.lines().filter((l) => l.component === 'requests');
    expect(questions.length).toBeGreaterThanOrEqual(13);
    for (const line of questions) {
      expect(line).toHaveProperty('requestId');
      expect(typeof line.latencyMs).toBe('number');
      expect(['answered', 'declined', 'rate_limited']).toContain(line.decision);
    }
    expect(questions.some((l) => l.decision === 'rate_limited')).toBe(true);
    const text = log.text();
    for (const secret of [FAKE_BOT_TOKEN, SIGNING_SECRET, 'U0ALICE', 'U0FLOOD', TEST_USER.id]) expect(text).not.toContain(secret);
  });

  it('keeps serving when a handler fails (Slack refuses to post an answer)', async () => {
    slack.failNext('chat.postMessage', 'channel_not_found');
    const ts = nextTs();
    const event = { type: 'app_mention', user: 'U0ALICE', text: `<@${FAKE_BOT_USER}> ${QUESTION}`, ts, channel: 'C0GONE', event_ts: ts };
    expect((await postToApp(`${server.url}/slack/events`, jsonPost(eventCallback(event)))).status).toBe(200);
    await eventually(() => log.lines().some((l) => l.level === 50 && String(l.msg).includes('unhandled error in a Slack listener')));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const next = nextTs();
    await postToApp(`${server.url}/slack/events`, jsonPost(eventCallback({ ...event, ts: next, event_ts: next, user: 'U0BOB', channel: 'C0NEWS' })));
    await slack.waitFor(() => slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts === next));
  });

  it('reloads the corpus while serving: a deleted file leaves /healthz within 2 seconds', async () => {
    await rm(join(corpus.dir, `${HARBOUR_ID}.json`));
    const health = await eventually(async () => {
      const h = (await (await fetch(`${server.url}/healthz`)).json()) as Health;
      return h.articles === 1 ? h : undefined;
    }, 2000);
    expect(health.indexAgeSeconds).toBeLessThan(5);
  });

  it('closes gracefully: finishes, then refuses new connections', async () => {
    await server.close();
    expect(server.inFlight()).toBe(0);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe('a graceful close with a deferred Discord answer still going out', () => {
  it('waits for the edit of the deferred reply, not only for the HTTP response', async () => {
    const slack = await startFakeSlack();
    // Discord answers webhook calls slowly, and every command is deferred.
    const discord = await startFakeDiscord({ webhookLatencyMs: 400 });
    const keys = generateTestKeys();
    const corpus = await tempCorpus('briefbot-drain-');
    const config = loadServerConfig(
      { ...slackHttpEnv(corpus, slack.apiUrl), DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APP_ID: discord.appId, DISCORD_API_URL: discord.apiUrl },
      { cwd: corpus.root },
    );
    const server = await startServer({ config, logger: memoryLogger('info').logger, discordDeferAfterMs: 0 });
    try {
      const asked = await postInteraction(`${server.url}/discord/interactions`, slashCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]), keys);
      expect(asked.body).toMatchObject({ type: 5 });
      await closeDuringDeferredEdit(server, discord, ANSWER);
    } finally {
      await server.close();
      await slack.close();
      await discord.close();
      await corpus.cleanup();
    }
  });
});
