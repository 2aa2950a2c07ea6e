import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../src/server/config.ts';
import { startServer, type Health, type RunningServer } from '../../src/server/server.ts';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FAKE_BOT_USER, nextTs, startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { eventCallback } from '../fakes/slack-requests.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.ts';
import { slashCommand } from '../fakes/discord-interactions.ts';
import { allText } from '../slack/helpers.ts';
import { closeDuringDeferredEdit, discordGatewayEnv, memoryLogger, tempCorpus } from './helpers.ts';

const QUESTION = 'Who voted against the bridge?';
const ANSWER = 'Opposition councillor Marco Silva voted against the plan.';
const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.fake.token';

describe('startServer with Slack Socket Mode and the Discord gateway beside the HTTP server', () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  let server: RunningServer;
  let log: ReturnType<typeof memoryLogger>;

  beforeAll(async () => {
    slack = await startFakeSlack();
    discord = await startFakeDiscord();
    corpus = await tempCorpus('briefbot-socket-');
    log = memoryLogger('info');
    const config = loadServerConfig(
      {
        PORT: '0',
        BRIEFBOT_HOST: '127.0.0.1',
        BRIEFBOT_CORPUS: corpus.dir,
        BRIEFBOT_FEEDBACK_LOG: join(corpus.root, 'feedback.jsonl'),
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_APP_TOKEN: FAKE_APP_TOKEN,
        SLACK_API_URL: slack.apiUrl,
        DISCORD_TOKEN,
        DISCORD_API_URL: discord.apiUrl,
      },
      { cwd: corpus.root },
    );
    server = await startServer({ config, logger: log.logger });
    await slack.waitForSocket();
  });

  afterAll(async () => {
    await server?.close();
    await slack.close();
    await discord.close();
    await corpus.cleanup();
  });

  it('reports both platforms on /healthz, and has no HTTP routes for them', async () => {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as Health;
    expect(health).toMatchObject({ status: 'ok', articles: 2, slack: 'socket', discord: { http: false, gateway: true } });
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${server.url}/discord/interactions`, { method: 'POST' })).status).toBe(404);
  });

  it('answers a Slack mention over Socket Mode and a Discord /ask over the gateway', async () => {
    const ts = nextTs();
    const event = { type: 'app_mention', user: 'U0ALICE', text: `<@${FAKE_BOT_USER}> ${QUESTION}`, ts, channel: 'C0NEWS', event_ts: ts };
    slack.sendEnvelope({ envelope_id: 'env-server-1', type: 'events_api', payload: eventCallback(event), accepts_response_payload: false });
    const post = await slack.waitFor(() => slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts === ts));
    expect(allText(post.args)).toContain(ANSWER);

    const interaction = slashCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]);
    discord.dispatch('INTERACTION_CREATE', interaction);
    const callback = await discord.waitForRequest((r) => r.method === 'POST' && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(JSON.stringify(callback.body).replaceAll('**', '')).toContain(ANSWER);
  });

  it('disconnects both on close, well within the shutdown budget', async () => {
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(4000);
    // Disconnected: an event sent now reaches no one and is never answered.
    const before = slack.callsTo('chat.postMessage').length;
    const ts = nextTs();
    slack.sendEnvelope({ envelope_id: 'env-server-2', type: 'events_api', payload: eventCallback({ type: 'app_mention', user: 'U0ALICE', text: `<@${FAKE_BOT_USER}> ${QUESTION}`, ts, channel: 'C0NEWS', event_ts: ts }), accepts_response_payload: false });
    discord.dispatch('INTERACTION_CREATE', slashCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]));
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.callsTo('chat.postMessage').length).toBe(before);
    expect(slack.acks.has('env-server-2')).toBe(false);
    expect(log.text()).toContain('"msg":"shut down"');
    expect(log.text()).not.toContain(FAKE_APP_TOKEN);
    expect(log.text()).not.toContain(DISCORD_TOKEN);
  });
});

describe('a graceful close with a deferred answer over the Discord gateway', () => {
  it('waits for the edit of the deferred reply before disconnecting', async () => {
    const discord = await startFakeDiscord({ webhookLatencyMs: 400 });
    const corpus = await tempCorpus('briefbot-gateway-drain-');
    const config = loadServerConfig(discordGatewayEnv(corpus, discord.apiUrl, DISCORD_TOKEN), { cwd: corpus.root });
    const server = await startServer({ config, logger: memoryLogger('info').logger, discordDeferAfterMs: 0 });
    try {
      const interaction = slashCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]);
      discord.dispatch('INTERACTION_CREATE', interaction);
      await closeDuringDeferredEdit(server, discord, ANSWER);
    } finally {
      await server.close();
      await discord.close();
      await corpus.cleanup();
    }
  });
});
