import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Article, type Bot } from '../../src/core/index.ts';
import { createArticleAdder, type ArticleAdder } from '../../src/server/articles.ts';
import { createCorpusWatcher, type CorpusWatcher } from '../../src/server/corpus-watch.ts';
import { memoryLogger, tempCorpus } from './helpers.ts';

const STORY = `Ferry crews vote to strike over rotas

PORTHAVEN — Ferry crews on the island routes voted on Tuesday to strike for three days next month.

Union organiser Aileen Murray said the new rotas left crews working fourteen-hour shifts.

"Nobody should cross open water that tired," Murray said.
`;

const bytes = (text: string) => new TextEncoder().encode(text);

describe('createArticleAdder', () => {
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  let watcher: CorpusWatcher;
  let bot: Bot;
  let served: readonly Article[];
  let adder: ArticleAdder;

  beforeEach(async () => {
    corpus = await tempCorpus('briefbot-add-');
    const log = memoryLogger('info');
    watcher = createCorpusWatcher({
      dir: corpus.dir,
      logger: log.logger,
      onChange: (articles) => {
        served = articles;
        bot.reload(articles);
      },
    });
    served = (await watcher.scan()).articles;
    bot = createBot(served);
    // As the server does: the first scan is the initial load, then the watcher applies changes.
    watcher.start();
    adder = createArticleAdder({ corpusDir: corpus.dir, articles: () => served, refresh: () => watcher.scan(), logger: log.logger, maxBytes: 4096 });
  });

  afterEach(async () => {
    await watcher.close();
    await corpus.cleanup();
  });

  it('writes the article beside its text and serves it before replying', async () => {
    const reply = await adder.add({ bytes: bytes(STORY), fileName: 'ferry.md', outlet: 'Island Post' });
    expect(reply.kind).toBe('list');
    expect(reply.lead).toBe('Added “Ferry crews vote to strike over rotas” (3 sentences, 1 name). Ask away.');
    expect(reply.sources).toMatchObject([{ articleId: 'ferry-crews-vote-to-strike-over-rotas', outlet: 'Island Post', sentences: 3 }]);
    const files = await readdir(corpus.dir);
    expect(files).toEqual(expect.arrayContaining(['ferry-crews-vote-to-strike-over-rotas.json', 'ferry-crews-vote-to-strike-over-rotas.txt']));
    const answer = bot.handle({ text: 'How long will the ferry crews strike?' });
    expect(answer.kind).toBe('answer');
    expect(answer.citations[0]?.text).toContain('voted on Tuesday to strike for three days');
  });

  it('adds a saved web page through its article, with the outlet the page names', async () => {
    const html = `<!doctype html><html><head><meta property="og:site_name" content="Island Post"></head><body><nav><a href="/">Home</a></nav><article><h1>Ferry crews vote to strike over rotas</h1><p>PORTHAVEN — Ferry crews on the island routes voted on Tuesday to strike for three days next month, in a ballot that drew most of the union's members.</p><p>Union organiser Aileen Murray said the new rotas left crews working fourteen-hour shifts, and that the company had refused to talk for weeks.</p></article></body></html>`;
    const reply = await adder.add({ bytes: bytes(html), fileName: 'ferry.html' });
    expect(reply.lead).toMatch(/^Added “Ferry crews vote to strike over rotas”/);
    expect(reply.sources).toMatchObject([{ outlet: 'Island Post' }]);
    expect(await readFile(join(corpus.dir, 'ferry-crews-vote-to-strike-over-rotas.txt'), 'utf8')).toMatch(/^# Ferry crews vote to strike over rotas\n/);
  });

  it('says when the same text is already served, and writes nothing', async () => {
    await adder.add({ bytes: bytes(STORY), fileName: 'ferry.md' });
    const before = await readdir(corpus.dir);
    const again = await adder.add({ bytes: bytes(STORY), fileName: 'copy.txt' });
    expect(again.lead).toBe('Already in the briefing: “Ferry crews vote to strike over rotas”.');
    expect(await readdir(corpus.dir)).toEqual(before);
  });

  it('gives a different article with a title already taken its own id', async () => {
    await adder.add({ bytes: bytes(STORY), fileName: 'ferry.md' });
    const other = STORY.replace('three days', 'two days');
    const reply = await adder.add({ bytes: bytes(other), fileName: 'ferry-update.md' });
    expect(reply.sources[0]?.articleId).toBe('ferry-crews-vote-to-strike-over-rotas-2');
    expect(served.map((a) => a.id)).toEqual(expect.arrayContaining(['ferry-crews-vote-to-strike-over-rotas', 'ferry-crews-vote-to-strike-over-rotas-2']));
  });

  it('never writes over a file of the folder that is not served, such as one failing validation', async () => {
    await writeFile(join(corpus.dir, 'ferry-crews-vote-to-strike-over-rotas.json'), '{"id": "broken"');
    const reply = await adder.add({ bytes: bytes(STORY), fileName: 'ferry.md' });
    expect(reply.sources[0]?.articleId).toBe('ferry-crews-vote-to-strike-over-rotas-2');
    expect(await readFile(join(corpus.dir, 'ferry-crews-vote-to-strike-over-rotas.json'), 'utf8')).toBe('{"id": "broken"');
  });

  it('lets two processes adding same-titled articles at once each claim its own id', async () => {
    // A second adder over the same folder stands for another replica or shard process.
    const log = memoryLogger('info');
    const other = createArticleAdder({ corpusDir: corpus.dir, articles: () => served, refresh: () => watcher.scan(), logger: log.logger });
    const update = STORY.replace('three days', 'five days');
    const [a, b] = await Promise.all([adder.add({ bytes: bytes(STORY), fileName: 'a.md' }), other.add({ bytes: bytes(update), fileName: 'b.md' })]);
    const ids = [a.sources[0]?.articleId, b.sources[0]?.articleId];
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(await readFile(join(corpus.dir, `${id}.txt`), 'utf8')).toMatch(/(three|five) days/);
    expect((await readFile(join(corpus.dir, `${ids[0]}.txt`), 'utf8')) === (await readFile(join(corpus.dir, `${ids[1]}.txt`), 'utf8'))).toBe(false);
  });

  it('lets the person who added an article remove it, and no one else', async () => {
    await adder.add({ bytes: bytes(STORY), fileName: 'ferry.md', user: 'slack:alice' });
    const id = 'ferry-crews-vote-to-strike-over-rotas';
    const saved = JSON.parse(await readFile(join(corpus.dir, `${id}.json`), 'utf8')) as { addedBy?: string };
    expect(saved.addedBy).toBe('slack:alice');
    const byOther = await adder.remove({ article: 'Ferry crews vote to strike over rotas', user: 'slack:bob' });
    expect(byOther).toMatchObject({ kind: 'error', code: 'NOT_YOURS' });
    expect(await readdir(corpus.dir)).toContain(`${id}.json`);
    const removed = await adder.remove({ article: '“ferry crews vote to strike over rotas”', user: 'slack:alice' });
    expect(removed.lead).toBe('Removed “Ferry crews vote to strike over rotas” from the briefing.');
    expect(await readdir(corpus.dir)).not.toEqual(expect.arrayContaining([`${id}.json`]));
    expect(await readdir(corpus.dir)).not.toEqual(expect.arrayContaining([`${id}.txt`]));
    expect(served.map((a) => a.id)).not.toContain(id);
    expect(bot.handle({ text: 'How long will the ferry crews strike?' }).citations.some((c) => c.articleId === id)).toBe(false);
  });

  it('never removes an article the operator added, nor one it cannot find', async () => {
    const operators = served[0]!;
    expect(await adder.remove({ article: operators.title, user: 'slack:alice' })).toMatchObject({ kind: 'error', code: 'NOT_ADDED_HERE' });
    expect(await adder.remove({ article: 'No such story', user: 'slack:alice' })).toMatchObject({ kind: 'error', code: 'NOT_FOUND' });
    expect(await adder.remove({ article: '  ', user: 'slack:alice' })).toMatchObject({ kind: 'error', code: 'BAD_OPTION' });
    expect(served.map((a) => a.id)).toContain(operators.id);
  });

  it('refuses what is not an article file, with a reason, and writes nothing', async () => {
    const before = await readdir(corpus.dir);
    const cases: [Uint8Array, string, string][] = [
      [bytes(STORY), 'ferry.pdf', 'NOT_TEXT'],
      [bytes(STORY.repeat(40)), 'long.md', 'TOO_LARGE'],
      [bytes('   \n'), 'blank.txt', 'EMPTY_TEXT'],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14]), 'zipped.txt', 'BINARY_FILE'],
    ];
    for (const [data, name, code] of cases) {
      const reply = await adder.add({ bytes: data, fileName: name });
      expect(reply.kind, name).toBe('error');
      expect(reply.code, name).toBe(code);
      expect(reply.lead, name).toContain(name);
    }
    expect(await readdir(corpus.dir)).toEqual(before);
    expect(adder.accepts('story.md', 100)).toBe(true);
    expect(adder.accepts('story.md', 5000)).toBe(false);
    expect(adder.accepts('story.docx')).toBe(false);
  });

  it('adds two files sent at once one after the other, so neither takes the other\'s id', async () => {
    const other = STORY.replace('three days', 'four days');
    const [a, b] = await Promise.all([adder.add({ bytes: bytes(STORY), fileName: 'a.md' }), adder.add({ bytes: bytes(other), fileName: 'b.md' })]);
    expect(new Set([a.sources[0]?.articleId, b.sources[0]?.articleId]).size).toBe(2);
  });
});
