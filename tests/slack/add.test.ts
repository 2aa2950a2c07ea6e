/**
 * Adding an article by sharing its file with briefbot in Slack, end to end: the real server
 * (adder, corpus watcher, bot) in HTTP mode against the fake Slack, which also hosts the files.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../src/server/config.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { createArticleAdder } from '../../src/server/articles.ts';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { createFeedbackLog } from '../../src/adapters/shared/feedback.ts';
import { silentLogger } from '../../src/adapters/shared/logger.ts';
import { FAKE_BOT_TOKEN, FAKE_BOT_USER, nextTs, startFakeSlack, type ApiCall, type FakeFile, type FakeSlack } from '../fakes/slack-api.ts';
import { eventCallback, formPost, jsonPost, nextEventId, postToApp, SIGNING_SECRET, slashCommandFields } from '../fakes/slack-requests.ts';
import { memoryLogger, slackHttpEnv, tempCorpus } from '../server/helpers.ts';
import { fixtureBot } from './fixture-bot.ts';
import { allText, PINGING } from './helpers.ts';

const DM = 'D0ALICE';
const CHANNEL = 'C0NEWS';
const HEADLINE = 'Millbrook library reopens after flood restoration';
const ARTICLE_ID = 'millbrook-library-reopens-after-flood-restoration';
/** An article written for these tests. */
const ARTICLE = `# ${HEADLINE}

MILLBROOK — The Riverside Library reopened on Saturday after a two-year restoration that cost about £6 million, the town council said.

The Victorian building had been closed since a burst water main flooded its reading room in 2023. Volunteers rescued more than 4,000 books from the water.

Head librarian Amara Okafor said the library would now stay open until 9 p.m. on weekdays. "A library should be open when people finish work, not only when they start it," Okafor said.

The restoration added a children's wing, a small café and solar panels on the roof. The council expects the panels to supply a third of the building's electricity.

Some residents criticised the cost. Councillor Peter Hale said the money could have repaired the town's roads, but he voted for the plan in the end.
`;
const BOOKS_QUESTION = 'How many books did volunteers rescue?';
const BOOKS_ANSWER = 'Volunteers rescued more than 4,000 books from the water.';
const HOW_TO = 'To add an article, share its .txt, .md or .html file with @briefbot in a direct message, or mention @briefbot in a channel with the file attached.';
const TURNED_OFF = 'Adding articles from Slack is turned off on this server; ask the operator to set BRIEFBOT_CHAT_ADD=on.';

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

/** A file object as Slack puts it in an event, for a file the fake does not host. */
function fileObject(name: string, url: string, size = 1200): Record<string, unknown> {
  return { id: `F0X${name.length}`, name, title: name, mimetype: 'text/markdown', filetype: 'markdown', size, url_private: url, url_private_download: url };
}

/** Delivers a direct message with files, as Slack does (subtype file_share); the DM holds it too. */
async function shareInDm(fake: FakeSlack, url: string, files: unknown[], options: { text?: string; eventId?: string; ts?: string } = {}) {
  const ts = options.ts ?? nextTs();
  const text = options.text ?? '';
  const event = { type: 'message', subtype: 'file_share', channel_type: 'im', channel: DM, user: 'U0ALICE', text, ts, event_ts: ts, files, upload: true, display_as_bot: false };
  fake.addMessage(DM, { ts, user: 'U0ALICE', subtype: 'file_share', text });
  const response = await postToApp(url, jsonPost(eventCallback(event, options.eventId)));
  expect(response.status).toBe(200);
  return ts;
}

/** Delivers a plain direct message (a question). */
async function askInDm(fake: FakeSlack, url: string, text: string) {
  const ts = nextTs();
  fake.addMessage(DM, { ts, user: 'U0ALICE', text });
  await postToApp(url, jsonPost(eventCallback({ type: 'message', channel_type: 'im', channel: DM, user: 'U0ALICE', text, ts, event_ts: ts })));
  return ts;
}

/** Delivers a channel mention, with files when given. */
async function mentionWith(fake: FakeSlack, url: string, text: string, files?: unknown[]) {
  const ts = nextTs();
  const full = `<@${FAKE_BOT_USER}> ${text}`;
  fake.addMessage(CHANNEL, { ts, user: 'U0ALICE', text: full });
  const event = { type: 'app_mention', user: 'U0ALICE', text: full, ts, channel: CHANNEL, event_ts: ts, ...(files ? { files } : {}) };
  await postToApp(url, jsonPost(eventCallback(event)));
  return ts;
}

function postsTo(fake: FakeSlack, channel: string): ApiCall[] {
  return fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
}

async function nthPostTo(fake: FakeSlack, channel: string, n: number): Promise<string> {
  const post = await fake.waitFor(() => postsTo(fake, channel)[n]);
  return allText(post.args);
}

async function corpusFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** Another origin on the loopback interface, recording every request that reaches it. */
async function startOtherOrigin(): Promise<{ url: string; requests: { path: string; authorization: string | undefined }[]; close(): Promise<void> }> {
  const requests: { path: string; authorization: string | undefined }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'text/plain' }).end(ARTICLE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The real server in Slack HTTP mode against a fresh fake Slack, over a temporary corpus. */
interface AddingServer {
  fake: FakeSlack;
  corpus: Awaited<ReturnType<typeof tempCorpus>>;
  server: RunningServer;
  log: ReturnType<typeof memoryLogger>;
  /** The server's Slack events URL. */
  events: string;
  /** Closes the server (if still open), the fake and the corpus. */
  stop(): Promise<void>;
}

async function startAddingServer(chatAdd: boolean, prefix: string): Promise<AddingServer> {
  const fake = await startFakeSlack();
  const corpus = await tempCorpus(prefix);
  const log = memoryLogger('debug');
  const env = slackHttpEnv(corpus, fake.apiUrl);
  const config = loadServerConfig(chatAdd ? { ...env, BRIEFBOT_CHAT_ADD: 'on' } : env, { cwd: corpus.root });
  const server = await startServer({ config, logger: log.logger, pollMs: 200, debounceMs: 50 });
  return {
    fake,
    corpus,
    server,
    log,
    events: `${server.url}/slack/events`,
    async stop() {
      await server.close();
      await fake.close();
      await corpus.cleanup();
    },
  };
}

describe('adding an article by sharing its file with briefbot (BRIEFBOT_CHAT_ADD=on)', () => {
  let running: AddingServer;
  let fake: FakeSlack;
  let corpus: AddingServer['corpus'];
  let log: AddingServer['log'];
  let events: string;

  beforeAll(async () => {
    running = await startAddingServer(true, 'briefbot-add-');
    ({ fake, corpus, log, events } = running);
  });

  afterAll(() => running?.stop());

  beforeEach(() => fake.reset());

  it('adds a Markdown file shared in a direct message, then answers a question about it', async () => {
    const file = fake.hostFile('library.md', ARTICLE);
    const eventId = nextEventId();
    const ts = await shareInDm(fake, events, [file], { text: 'Here is the library story, what does it say?', eventId });

    const added = await nthPostTo(fake, DM, 0);
    expect(added).toContain(`Added “${HEADLINE}”`);
    expect(added).toContain('Ask away.');
    expect(postsTo(fake, DM)[0]?.args.thread_ts).toBeUndefined();
    // Downloaded once, with the bot token, from the fake's own origin.
    expect(fake.downloads).toEqual([{ path: new URL(file.url_private_download).pathname, token: FAKE_BOT_TOKEN }]);
    expect(await corpusFiles(corpus.dir)).toEqual(['clinic.json', 'clinic.txt', 'harbour.json', 'harbour.txt', `${ARTICLE_ID}.json`, `${ARTICLE_ID}.txt`]);
    expect(await readFile(join(corpus.dir, `${ARTICLE_ID}.txt`), 'utf8')).toBe(ARTICLE);

    // The message's text was not asked as a question.
    await settle(200);
    expect(postsTo(fake, DM)).toHaveLength(1);
    expect(log.lines().filter((l) => l.component === 'requests' && l.requestId === eventId)).toEqual([]);
    expect(log.lines().some((l) => l.msg === 'answered a shared file' && l.requestId === eventId && l.kind === 'list')).toBe(true);

    const asked = await askInDm(fake, events, BOOKS_QUESTION);
    expect(Number(asked)).toBeGreaterThan(Number(ts));
    expect(await nthPostTo(fake, DM, 1)).toContain(BOOKS_ANSWER);

    // The add is logged with the hashed user, never the raw one or the token.
    const line = log.lines().find((l) => l.msg === 'article added from a chat');
    expect(line).toMatchObject({ article: ARTICLE_ID });
    expect(typeof line?.user).toBe('string');
    expect(log.text()).not.toContain('U0ALICE');
    expect(log.text()).not.toContain(FAKE_BOT_TOKEN);
  });

  it('says the article is already in the briefing when the same text is shared again', async () => {
    const before = await corpusFiles(corpus.dir);
    await shareInDm(fake, events, [fake.hostFile('library-copy.md', ARTICLE)]);
    expect(await nthPostTo(fake, DM, 0)).toContain(`Already in the briefing: “${HEADLINE}”`);
    expect(await corpusFiles(corpus.dir)).toEqual(before);
  });

  it('looks the file up with files.info when the event carries no URL for it', async () => {
    const file = fake.hostFile('library-again.md', ARTICLE);
    await shareInDm(fake, events, [{ id: file.id, mode: 'file_access', file_access: 'check_file_info', created: 0, user: 'U0ALICE' }]);
    expect(await nthPostTo(fake, DM, 0)).toContain(`Already in the briefing: “${HEADLINE}”`);
    expect(fake.callsTo('files.info')[0]?.args.file).toBe(file.id);
    expect(fake.downloads).toHaveLength(1);
  });

  it('refuses a PDF without downloading it, and writes nothing', async () => {
    const before = await corpusFiles(corpus.dir);
    const file = fake.hostFile('report.pdf', '%PDF-1.7 not an article');
    await shareInDm(fake, events, [file]);
    const refusal = await nthPostTo(fake, DM, 0);
    expect(refusal).toContain('report.pdf is not an article file: share the article as plain text (.txt), Markdown (.md) or a saved web page (.html), at most 1 MB.');
    expect(fake.downloads).toHaveLength(0);
    expect(await corpusFiles(corpus.dir)).toEqual(before);
  });

  it('refuses a text file Slack says is over the size limit, without downloading it', async () => {
    const file = { ...fake.hostFile('huge.txt', ARTICLE), size: 5 * 1024 * 1024 };
    await shareInDm(fake, events, [file]);
    expect(await nthPostTo(fake, DM, 0)).toContain('huge.txt is 5 MB; an article file may be at most 1 MB.');
    expect(fake.downloads).toHaveLength(0);
  });

  it('never sends the token to a file URL on another origin, and says why it did not add the file', async () => {
    const other = await startOtherOrigin();
    try {
      const before = await corpusFiles(corpus.dir);
      await shareInDm(fake, events, [fileObject('story.md', `${other.url}/files-pri/T0TEST-F0EVIL/download/story.md`)]);
      expect(await nthPostTo(fake, DM, 0)).toContain('story.md is not stored on Slack, so I did not download it.');
      await settle(100);
      expect(other.requests).toEqual([]);
      expect(await corpusFiles(corpus.dir)).toEqual(before);
    } finally {
      await other.close();
    }
  });

  it('does not follow a redirect off Slack with the token', async () => {
    const other = await startOtherOrigin();
    try {
      await shareInDm(fake, events, [fake.hostFile('moved.md', ARTICLE, { redirectTo: `${other.url}/signin` })]);
      expect(await nthPostTo(fake, DM, 0)).toContain("Sorry, I couldn't download moved.md from Slack just now.");
      expect(fake.downloads).toHaveLength(1);
      await settle(100);
      expect(other.requests).toEqual([]);
      // The operator learns the likely cause; the person sees only the apology.
      expect(log.lines().some((l) => l.msg === 'could not download a shared file' && String(l.hint).includes('files:read'))).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('follows a redirect that stays on Slack', async () => {
    const target = fake.hostFile('library-moved.md', ARTICLE);
    await shareInDm(fake, events, [fake.hostFile('library-link.md', 'unused', { redirectTo: target.url_private_download })]);
    expect(await nthPostTo(fake, DM, 0)).toContain(`Already in the briefing: “${HEADLINE}”`);
    expect(fake.downloads.map((d) => d.token)).toEqual([FAKE_BOT_TOKEN, FAKE_BOT_TOKEN]);
  });

  it('apologises in the thread when a file shared with a mention cannot be downloaded', async () => {
    const before = await corpusFiles(corpus.dir);
    const file = fake.hostFile('outage.txt', 'Storm closes the coast road\n\nThe coast road was closed on Monday.', { status: 503 });
    const ts = await mentionWith(fake, events, 'please add this', [file]);
    const post = await fake.waitFor(() => postsTo(fake, CHANNEL).find((c) => c.args.thread_ts === ts));
    const text = allText(post.args);
    expect(text).toContain("Sorry, I couldn't download outage.txt from Slack just now. Please try again in a moment.");
    expect(text).not.toMatch(/Error|at .*\.ts/);
    expect(fake.downloads).toHaveLength(1);
    expect(await corpusFiles(corpus.dir)).toEqual(before);
    // The server keeps serving: a mention without files is still answered as a question.
    const asked = await mentionWith(fake, events, BOOKS_QUESTION);
    const answer = await fake.waitFor(() => postsTo(fake, CHANNEL).find((c) => c.args.thread_ts === asked));
    expect(allText(answer.args)).toContain(BOOKS_ANSWER);
  });

  it('adds a text file shared with a mention, answering in the thread of the mention', async () => {
    const text = 'Ferry strike ends after pay deal\n\nPORTLOCK — Ferry workers returned to work on Friday after a pay deal ended a nine-day strike, the union said.\n\nUnion leader Dana Whitcombe said the deal gave crews a raise of 6 per cent. "It took nine days, but we were heard," Whitcombe said.\n';
    const ts = await mentionWith(fake, events, '', [fake.hostFile('ferry.txt', text)]);
    const post = await fake.waitFor(() => postsTo(fake, CHANNEL).find((c) => c.args.thread_ts === ts));
    expect(allText(post.args)).toContain('Added “Ferry strike ends after pay deal”');
    expect(await corpusFiles(corpus.dir)).toContain('ferry-strike-ends-after-pay-deal.json');
  });

  it('adds a text snippet pasted into Slack, which has a type but no extension', async () => {
    const text = 'Tram line reopens after repairs\n\nHOLBROOK — The city tram line reopened on Sunday after three weeks of track repairs, the transport authority said.\n\nAuthority spokesman Idris Calloway said trams would run every eight minutes.\n';
    await shareInDm(fake, events, [fake.hostFile('Untitled', text, { mimetype: 'text/plain', filetype: 'text' })]);
    expect(await nthPostTo(fake, DM, 0)).toContain('Added “Tram line reopens after repairs”');
    expect(await corpusFiles(corpus.dir)).toContain('tram-line-reopens-after-repairs.json');
  });

  it('handles a redelivered file share once', async () => {
    const eventId = nextEventId();
    const ts = nextTs();
    const file = fake.hostFile('tiny.pdf', 'x');
    await shareInDm(fake, events, [file], { eventId, ts });
    await shareInDm(fake, events, [file], { eventId, ts });
    await nthPostTo(fake, DM, 0);
    await settle(200);
    expect(postsTo(fake, DM)).toHaveLength(1);
  });

  it('answers at most three files of one message, and says so for the rest', async () => {
    const files = ['a.pdf', 'b.pdf', 'c.pdf', 'd.pdf'].map((name) => fake.hostFile(name, 'x'));
    await shareInDm(fake, events, files);
    const texts = await Promise.all([0, 1, 2, 3].map((n) => nthPostTo(fake, DM, n)));
    expect(texts.slice(0, 3).map((t) => t.split(' ')[0])).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
    expect(texts[3]).toContain('I add at most 3 files from one message; share the other one in another message.');
    await settle(100);
    expect(postsTo(fake, DM)).toHaveLength(4);
  });

  it('never echoes a ping from a file name', async () => {
    await shareInDm(fake, events, [fake.hostFile('<!channel> @here.pdf', 'x')]);
    expect(await nthPostTo(fake, DM, 0)).not.toMatch(PINGING);
  });

  it('answers /brief add privately with how to add an article', async () => {
    const response = await postToApp(events, formPost(slashCommandFields('add', fake.responseUrl())));
    expect(response.status).toBe(200);
    const reply = await fake.waitFor(() => fake.responses[0]);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(allText(reply.body)).toContain(HOW_TO);
    // A question that starts with "add" is still a question.
    await postToApp(events, formPost(slashCommandFields('add up what the library restoration cost?', fake.responseUrl())));
    const answer = await fake.waitFor(() => fake.responses[1]);
    expect(allText(answer.body)).not.toContain(HOW_TO);
  });

  it('lets the person who added an article remove it with /brief remove, and no one else', async () => {
    const text = 'Night bus route cut in budget plan\n\nHARLOW — The county will end its only night bus route in April to save money, the transport committee said on Thursday.\n\nCommittee chair Rosa Pennant said the route carried fewer than 40 people a night.\n';
    await shareInDm(fake, events, [fake.hostFile('night-bus.md', text)]);
    expect(await nthPostTo(fake, DM, 0)).toContain('Added “Night bus route cut in budget plan”');
    // Bob did not add it.
    await postToApp(events, formPost(slashCommandFields('remove Night bus route cut in budget plan', fake.responseUrl(), { user_id: 'U0BOB', user_name: 'bob' })));
    const refused = await fake.waitFor(() => fake.responses[0]);
    expect(allText(refused.body)).toContain('Only the person who added “Night bus route cut in budget plan” can remove it.');
    expect(await corpusFiles(corpus.dir)).toContain('night-bus-route-cut-in-budget-plan.json');
    // Alice did.
    await postToApp(events, formPost(slashCommandFields('remove Night bus route cut in budget plan', fake.responseUrl())));
    const removed = await fake.waitFor(() => fake.responses[1]);
    expect(removed.body.response_type).toBe('ephemeral');
    expect(allText(removed.body)).toContain('Removed “Night bus route cut in budget plan” from the briefing.');
    expect(await corpusFiles(corpus.dir)).not.toContain('night-bus-route-cut-in-budget-plan.json');
  });
});

describe('a shutdown while a shared file is downloading', () => {
  it('stops the download and tells the person the file was not added, before the server has closed', async () => {
    const { fake, corpus, log, server, events, stop } = await startAddingServer(true, 'briefbot-add-stop-');
    try {
      const before = await corpusFiles(corpus.dir);
      // The file takes far longer to arrive than the server's drain waits (3 s).
      await shareInDm(fake, events, [fake.hostFile('slow-story.md', ARTICLE, { delayMs: 20_000 })]);
      await settle(300);
      await server.close();
      // Posted before close() returned: the drain waited for it.
      const posts = postsTo(fake, DM);
      expect(posts).toHaveLength(1);
      expect(allText(posts[0]!.args)).toContain('briefbot is restarting, so slow-story.md was not added. Please share it again in a minute.');
      expect(await corpusFiles(corpus.dir)).toEqual(before);
      expect(log.lines().some((l) => l.msg === 'answers still in flight at the deadline; closing anyway')).toBe(false);
    } finally {
      await stop();
    }
  });
});

describe('sharing a file with BRIEFBOT_CHAT_ADD unset', () => {
  let running: AddingServer;
  let fake: FakeSlack;
  let corpus: AddingServer['corpus'];
  let events: string;

  beforeAll(async () => {
    running = await startAddingServer(false, 'briefbot-add-off-');
    ({ fake, corpus, events } = running);
  });

  afterAll(() => running?.stop());

  beforeEach(() => fake.reset());

  it('ignores a file shared in a direct message, as before: nothing downloaded, written or posted', async () => {
    const before = await corpusFiles(corpus.dir);
    await shareInDm(fake, events, [fake.hostFile('library.md', ARTICLE)], { text: 'Who voted against the bridge?' });
    // A later question is answered, so the file share has been handled (and dropped) by then.
    await askInDm(fake, events, 'Who voted against the bridge?');
    expect(await nthPostTo(fake, DM, 0)).toContain('Opposition councillor Marco Silva voted against the plan.');
    await settle(200);
    expect(postsTo(fake, DM)).toHaveLength(1);
    expect(fake.downloads).toHaveLength(0);
    expect(await corpusFiles(corpus.dir)).toEqual(before);
  });

  it('answers the text of a mention that carries a file, and ignores the file', async () => {
    const ts = await mentionWith(fake, events, 'Who voted against the bridge?', [fake.hostFile('library.md', ARTICLE)]);
    const post = await fake.waitFor(() => postsTo(fake, CHANNEL).find((c) => c.args.thread_ts === ts));
    expect(allText(post.args)).toContain('Opposition councillor Marco Silva voted against the plan.');
    expect(fake.downloads).toHaveLength(0);
  });

  it('answers /brief add saying adding is turned off', async () => {
    await postToApp(events, formPost(slashCommandFields('add', fake.responseUrl())));
    const reply = await fake.waitFor(() => fake.responses[0]);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(allText(reply.body)).toContain(TURNED_OFF);
  });
});

describe('downloading a shared file: limits', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let dir: string;
  let events: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    dir = await mkdtemp(join(tmpdir(), 'briefbot-add-limits-'));
    // The real adder, with a small size limit; no watcher, so nothing it adds would be served.
    const articles = createArticleAdder({ corpusDir: join(dir, 'corpus'), articles: () => [], refresh: async () => undefined, logger: silentLogger(), maxBytes: 200 });
    adapter = createSlackAdapter({
      bot: fixtureBot(),
      token: FAKE_BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      feedbackLog: createFeedbackLog(join(dir, 'feedback.jsonl')),
      logger: silentLogger(),
      articles,
      fileTimeoutMs: 200,
    });
    const { port } = await adapter.start(0, '127.0.0.1');
    events = `http://127.0.0.1:${port}/slack/events`;
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => fake.reset());

  it('apologises when the download times out', async () => {
    await shareInDm(fake, events, [fake.hostFile('slow.md', '# Slow\n\nA short text.', { delayMs: 1000 })]);
    expect(await nthPostTo(fake, DM, 0)).toContain("Sorry, I couldn't download slow.md from Slack just now. Please try again in a moment.");
  });

  it('refuses a body over the limit even when the event understates the size', async () => {
    const hosted: FakeFile = fake.hostFile('long.md', `# Long\n\n${'A sentence of the article. '.repeat(20)}`);
    await shareInDm(fake, events, [{ ...hosted, size: 100 }]);
    expect(await nthPostTo(fake, DM, 0)).toContain('long.md is larger than 200 bytes, the most an article file may be.');
    await expect(readdir(join(dir, 'corpus'))).rejects.toThrow();
  });
});
