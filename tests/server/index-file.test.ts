import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArticle } from '../../src/core/index.ts';
import { ConfigError, loadServerConfig, type Env } from '../../src/server/config.ts';
import { startServer } from '../../src/server/server.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { fixtureArticle, fixtureText } from '../helpers.ts';
import { CLINIC_ID, HARBOUR_ID, eventually, memoryLogger, slackHttpEnv, tempCorpus } from './helpers.ts';

describe('startServer and the serialized index', () => {
  let slack: FakeSlack;
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;

  beforeAll(async () => {
    slack = await startFakeSlack();
    corpus = await tempCorpus('briefbot-index-file-');
  });
  afterAll(async () => {
    await slack.close();
    await corpus.cleanup();
  });

  const config = (extra: Env = {}) => loadServerConfig({ ...slackHttpEnv(corpus, slack.apiUrl), ...extra }, { cwd: corpus.root });
  const messages = (log: ReturnType<typeof memoryLogger>) => log.lines().map((l) => String(l.msg));

  it('builds the index file beside the corpus on the first start and loads it on the next, writing nothing into the corpus', async () => {
    const corpusFiles = (await readdir(corpus.dir)).sort();
    const first = memoryLogger('info');
    const a = await startServer({ config: config(), logger: first.logger });
    await a.close();
    expect(messages(first)).toContain('index built');
    expect((await readdir(join(corpus.root, '.briefbot'))).some((f) => f.startsWith('index-'))).toBe(true);

    const second = memoryLogger('info');
    const b = await startServer({ config: config(), logger: second.logger });
    try {
      expect(messages(second)).toContain('index loaded from its file');
      expect(b.bot.handle({ text: 'How far must residents travel to the hospital?' }).citations[0]?.text).toMatch(/40 miles/);
    } finally {
      await b.close();
    }
    expect((await readdir(corpus.dir)).sort()).toEqual(corpusFiles);
  });

  it('still reloads an article added while it serves from a loaded index', async () => {
    const log = memoryLogger('info');
    const server = await startServer({ config: config(), logger: log.logger });
    try {
      expect(messages(log)).toContain('index loaded from its file');
      const article = fixtureArticle('news/anjouan-invasion.txt', { id: 'anjouan' });
      await saveArticle(corpus.dir, article, fixtureText('news/anjouan-invasion.txt'));
      await eventually(() => server.bot.articles().some((a) => a.id === 'anjouan'), 6000);
      expect(server.bot.handle({ text: 'Who is Mohamed Bacar?' }).kind).toBe('answer');
    } finally {
      await server.close();
    }
  });

  it('builds in memory when BRIEFBOT_INDEX_CACHE is off, and refuses a cache folder inside the corpus', async () => {
    const log = memoryLogger('info');
    const server = await startServer({ config: config({ BRIEFBOT_INDEX_CACHE: 'off' }), logger: log.logger });
    await server.close();
    expect(messages(log)).not.toContain('index loaded from its file');
    expect(() => config({ BRIEFBOT_INDEX_CACHE: join(corpus.dir, 'cache') })).toThrow(ConfigError);
    expect(() => config({ BRIEFBOT_INDEX_CACHE: join(corpus.dir, 'cache') })).toThrow(/BRIEFBOT_INDEX_CACHE/);
  });

  it('serves from a corrupt index file by rebuilding it', async () => {
    const dir = join(corpus.root, '.briefbot');
    for (const f of await readdir(dir)) if (f.startsWith('index-')) await writeFile(join(dir, f), 'not an index');
    const log = memoryLogger('info');
    const server = await startServer({ config: config(), logger: log.logger });
    try {
      expect(messages(log)).toContain('index built');
      expect(server.bot.articles().length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  describe('a start from the index file alone', () => {
    let own: Awaited<ReturnType<typeof tempCorpus>>;
    beforeAll(async () => {
      own = await tempCorpus('briefbot-primed-');
    });
    afterAll(async () => {
      await own.cleanup();
    });
    const ownConfig = () => loadServerConfig(slackHttpEnv(own, slack.apiUrl), { cwd: own.root });
    const startLine = (log: ReturnType<typeof memoryLogger>) => log.lines().find((l) => l.msg === 'index loaded from its file' || l.msg === 'index built');

    it('takes the articles from the index file, then still follows every file: a corrupt one, a deleted one', async () => {
      const first = memoryLogger('info');
      await (await startServer({ config: ownConfig(), logger: first.logger })).close();
      const log = memoryLogger('info');
      const server = await startServer({ config: ownConfig(), logger: log.logger, pollMs: 100, debounceMs: 20 });
      try {
        expect(startLine(log)).toMatchObject({ msg: 'index loaded from its file', corpusRead: false, articles: 2 });
        expect(server.bot.articles().map((a) => a.id).sort()).toEqual([CLINIC_ID, HARBOUR_ID].sort());
        await writeFile(join(own.dir, `${CLINIC_ID}.json`), '{ "id": "half-writ');
        await eventually(() => server.watcher.problems().length === 1, 6000);
        // The last good version keeps serving.
        expect(server.bot.handle({ text: 'How far must residents travel to the hospital?' }).citations[0]?.text).toMatch(/40 miles/);
        await rm(join(own.dir, `${HARBOUR_ID}.json`));
        await eventually(() => !server.bot.articles().some((a) => a.id === HARBOUR_ID), 6000);
      } finally {
        await server.close();
      }
    });

    it('reads every file instead when the folder has a problem file, and reports it', async () => {
      const log = memoryLogger('info');
      const server = await startServer({ config: ownConfig(), logger: log.logger });
      try {
        expect(startLine(log)?.corpusRead).toBeUndefined();
        expect(server.watcher.problems().map((p) => p.file)).toEqual([join(own.dir, `${CLINIC_ID}.json`)]);
        // The broken file's last good version comes from the index file built before it broke.
        expect(server.bot.articles().map((a) => a.id)).toEqual([CLINIC_ID]);
      } finally {
        await server.close();
      }
    });
  });

  it('keeps serving the last good version of a file broken while it was stopped, from the older index file', async () => {
    const own = await tempCorpus('briefbot-restart-');
    const ownConfig = () => loadServerConfig(slackHttpEnv(own, slack.apiUrl), { cwd: own.root });
    try {
      await (await startServer({ config: ownConfig(), logger: memoryLogger('info').logger })).close();
      // Broken by hand while the server was down.
      await writeFile(join(own.dir, `${CLINIC_ID}.json`), '{ "id": "clinic", "title": ');
      const log = memoryLogger('info');
      const server = await startServer({ config: ownConfig(), logger: log.logger });
      try {
        expect(server.watcher.problems().map((p) => p.file)).toEqual([join(own.dir, `${CLINIC_ID}.json`)]);
        expect(server.bot.articles().map((a) => a.id).sort()).toEqual([CLINIC_ID, HARBOUR_ID].sort());
        expect(server.bot.handle({ text: 'How far must residents travel to the hospital?' }).citations[0]?.text).toMatch(/40 miles/);
        expect(messages(log)).toContain('corpus file failed validation; still serving its last good version');
      } finally {
        await server.close();
      }
    } finally {
      await own.cleanup();
    }
  });
});
