/**
 * Two Slack HTTP-mode replicas behind a load balancer share nothing but the platform: a
 * follow-up that reaches the second replica, in a thread the first one answered, is understood
 * because the thread is read back from Slack (conversations.replies), not from memory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { createFeedbackLog } from '../../src/adapters/shared/feedback.ts';
import { silentLogger } from '../../src/adapters/shared/logger.ts';
import { FAKE_BOT_TOKEN, FAKE_BOT_USER, nextTs, startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { eventCallback, jsonPost, postToApp, SIGNING_SECRET } from '../fakes/slack-requests.ts';
import { fixtureBot } from '../slack/fixture-bot.ts';
import { allText } from '../slack/helpers.ts';

const CHANNEL = 'C0NEWS';
const OSEI_QUOTE = 'This is the right idea with the wrong bill attached';

let fake: FakeSlack;
let dir: string;
const replicas: { adapter: SlackAdapter; url: string }[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  dir = await mkdtemp(join(tmpdir(), 'briefbot-replicas-'));
  // Two processes' worth of state: each replica has its own bot (own index) and feedback file.
  for (const name of ['a', 'b']) {
    const adapter = createSlackAdapter({
      bot: fixtureBot(),
      token: FAKE_BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      feedbackLog: createFeedbackLog(join(dir, name, 'feedback.jsonl')),
      logger: silentLogger(),
    });
    const { port } = await adapter.start(0, '127.0.0.1');
    replicas.push({ adapter, url: `http://127.0.0.1:${port}/slack/events` });
  }
});

afterAll(async () => {
  for (const { adapter } of replicas) await adapter.stop();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** An app_mention as Slack delivers it, to one replica; the message also exists in the channel. */
async function mention(replica: number, text: string, threadTs?: string): Promise<string> {
  const ts = nextTs();
  const event: Record<string, unknown> = { type: 'app_mention', user: 'U0ALICE', text, ts, channel: CHANNEL, event_ts: ts, ...(threadTs ? { thread_ts: threadTs } : {}) };
  fake.addMessage(CHANNEL, { ts, user: 'U0ALICE', text, ...(threadTs ? { thread_ts: threadTs } : {}) });
  const response = await postToApp(replicas[replica]!.url, jsonPost(eventCallback(event)));
  expect(response.status).toBe(200);
  return ts;
}

describe('two Slack replicas sharing one Slack', () => {
  it('understands a follow-up on the second replica in a thread the first one answered', async () => {
    const root = await mention(0, `<@${FAKE_BOT_USER}> Why did David Osei vote against the flood barrier?`);
    const first = await fake.waitFor(() => fake.callsTo('chat.postMessage')[0]);
    expect(first.args.thread_ts).toBe(root);

    await mention(1, `<@${FAKE_BOT_USER}> what did he say?`, root);
    const followUp = await fake.waitFor(() => fake.callsTo('chat.postMessage')[1]);
    expect(followUp.args.thread_ts).toBe(root);
    expect(allText(followUp.args)).toContain(OSEI_QUOTE);
    // The second replica learnt the thread from Slack, the only state the two share.
    expect(fake.callsTo('conversations.replies').at(-1)?.args).toMatchObject({ channel: CHANNEL, ts: root });
  });

  it('gives the same answer whichever replica a question reaches', async () => {
    const question = `<@${FAKE_BOT_USER}> how many homes would the flood barrier protect?`;
    await mention(0, question);
    await mention(1, question);
    const posts = await fake.waitFor(() => {
      const all = fake.callsTo('chat.postMessage');
      return all.length >= 4 ? all.slice(-2) : undefined;
    });
    expect(allText(posts[0]!.args)).toBe(allText(posts[1]!.args));
  });
});
