import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot, ingestText, saveArticle, type Bot } from '../../src/core/index.ts';
import { createCorpusWatcher, type CorpusWatcher } from '../../src/server/corpus-watch.ts';
import { silentLogger } from '../../src/adapters/shared/logger.ts';
import { CLINIC_ID, eventually, HARBOUR_ID, memoryLogger, tempCorpus } from './helpers.ts';

/** Questions whose answers come from one article each, so each proves its article is served. */
const HARBOUR_Q = 'Who voted against the bridge?';
const HARBOUR_A = 'Opposition councillor Marco Silva voted against the plan.';
const CLINIC_Q = 'How far will residents have to travel to the hospital?';
const CLINIC_A = 'Residents will have to travel 40 miles to the nearest hospital in Inverness.';

function answerText(bot: Bot, question: string): string | null {
  const reply = bot.handle({ text: question });
  return reply.kind === 'answer' ? reply.citations.map((c) => c.text).join(' ') : null;
}

describe('createCorpusWatcher', () => {
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  let watcher: CorpusWatcher;
  let bot: Bot;
  let reloads: number;
  let log: ReturnType<typeof memoryLogger>;

  beforeEach(async () => {
    corpus = await tempCorpus('briefbot-reload-');
    log = memoryLogger('info');
    reloads = 0;
    watcher = createCorpusWatcher({
      dir: corpus.dir,
      logger: log.logger,
      pollMs: 200,
      debounceMs: 50,
      onChange: (articles) => {
        reloads++;
        bot.reload(articles);
      },
    });
    const initial = await watcher.scan();
    bot = createBot(initial.articles);
    watcher.start();
    // Before anything changes: both articles answer.
    expect(answerText(bot, HARBOUR_Q)).toContain(HARBOUR_A);
    expect(answerText(bot, CLINIC_Q)).toContain(CLINIC_A);
  });

  afterEach(async () => {
    await watcher.close();
    await corpus.cleanup();
  });

  const harbourFile = () => join(corpus.dir, `${HARBOUR_ID}.json`);
  const served = () => bot.articles().map((a) => a.id);

  it('picks up a new article within 2 seconds', async () => {
    const text = 'Town library extends opening hours\n\nThe town library will open on Sundays from March, the librarian Maria Costa said on Monday.\n';
    const started = Date.now();
    await saveArticle(corpus.dir, ingestText(text, { id: 'library', outlet: 'Town Crier' }), text);
    await eventually(() => served().includes('library'), 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(answerText(bot, 'When will the library open on Sundays?')).toContain('from March');
    expect(answerText(bot, HARBOUR_Q)).toContain(HARBOUR_A);
  });

  it('keeps serving the last good version when a file becomes corrupt JSON, and logs the file', async () => {
    await writeFile(harbourFile(), '{"id": "harbour", "title": ');
    await eventually(() => log.lines().some((l) => l.file === harbourFile() && l.keeping === HARBOUR_ID), 2000);
    expect(served()).toEqual([CLINIC_ID, HARBOUR_ID]);
    expect(answerText(bot, HARBOUR_Q)).toContain(HARBOUR_A);
    expect(watcher.problems().map((p) => p.file)).toEqual([harbourFile()]);
    expect(reloads).toBe(0);
  });

  it('keeps the last good version when a field is wrong, and logs the field', async () => {
    const good = JSON.parse(await readFile(harbourFile(), 'utf8')) as Record<string, unknown>;
    await writeFile(harbourFile(), JSON.stringify({ ...good, title: 42 }));
    const line = await eventually(() => log.lines().find((l) => l.file === harbourFile()), 2000);
    expect(line).toMatchObject({ field: 'title', keeping: HARBOUR_ID, level: 40 });
    expect(answerText(bot, HARBOUR_Q)).toContain(HARBOUR_A);

    // Fixed again: the fixed version is served.
    await writeFile(harbourFile(), JSON.stringify({ ...good, title: 'Bridge approved' }));
    await eventually(() => bot.articles().find((a) => a.id === HARBOUR_ID)?.title === 'Bridge approved', 2000);
    expect(watcher.problems()).toEqual([]);
    expect(answerText(bot, HARBOUR_Q)).toContain(HARBOUR_A);
  });

  it('removes the article of a deleted file, and only that one', async () => {
    await rm(harbourFile());
    await eventually(() => !served().includes(HARBOUR_ID), 2000);
    expect(served()).toEqual([CLINIC_ID]);
    expect(answerText(bot, HARBOUR_Q)).toBeNull();
    expect(answerText(bot, CLINIC_Q)).toContain(CLINIC_A);
  });

  it('never loses the good version to a file replaced mid-write, and serves the new one once complete', async () => {
    const good = await readFile(harbourFile(), 'utf8');
    const updated = good.replace('"outlet": "The Coastal Herald"', '"outlet": "The Coastal Herald Weekly"');
    expect(updated).not.toBe(good);
    // A writer that truncates the file and writes it in slow chunks (not atomically).
    const chunks = [updated.slice(0, 300), updated.slice(300, 2000), updated.slice(2000)];
    await writeFile(harbourFile(), chunks[0] ?? '');
    for (const chunk of chunks.slice(1)) {
      await new Promise((r) => setTimeout(r, 350)); // longer than a poll: a scan sees the half-written file
      expect(served()).toContain(HARBOUR_ID);
      expect(answerText(bot, HARBOUR_Q)).toContain(HARBOUR_A);
      await writeFile(harbourFile(), chunk, { flag: 'a' });
    }
    await eventually(() => watcher.problems().length === 0, 2000);
    expect(log.lines().some((l) => l.file === harbourFile() && l.keeping === HARBOUR_ID)).toBe(true);
    expect(served()).toEqual([CLINIC_ID, HARBOUR_ID]);
    expect(bot.articles().find((a) => a.id === HARBOUR_ID)?.outlet).toBe('The Coastal Herald Weekly');
    expect(answerText(bot, HARBOUR_Q)).toContain(HARBOUR_A);
  });

  it('swaps in an article replaced atomically (write beside, rename over)', async () => {
    const good = JSON.parse(await readFile(harbourFile(), 'utf8')) as Record<string, unknown>;
    const tmp = join(corpus.dir, 'harbour.json.tmp');
    await writeFile(tmp, JSON.stringify({ ...good, outlet: 'Renamed Herald' }));
    await rename(tmp, harbourFile());
    await eventually(() => bot.articles().find((a) => a.id === HARBOUR_ID)?.outlet === 'Renamed Herald', 2000);
  });

  it('skips a second file that claims an id already served', async () => {
    await writeFile(join(corpus.dir, 'zz-copy.json'), await readFile(harbourFile(), 'utf8'));
    await eventually(() => watcher.problems().some((p) => p.field === 'id'), 2000);
    expect(served()).toEqual([CLINIC_ID, HARBOUR_ID]);
  });

  it('never writes into the corpus folder', async () => {
    const { readdir } = await import('node:fs/promises');
    const before = (await readdir(corpus.dir)).sort();
    await writeFile(harbourFile(), 'not json');
    await eventually(() => watcher.problems().length === 1, 2000);
    await new Promise((r) => setTimeout(r, 300));
    const after = (await readdir(corpus.dir)).sort();
    expect(after).toEqual(before);
  });
});

describe('createCorpusWatcher on a missing folder', () => {
  it('fails the first scan with a message naming BRIEFBOT_CORPUS', async () => {
    const watcher = createCorpusWatcher({ dir: '/nonexistent/briefbot/corpus', logger: silentLogger(), onChange: () => undefined });
    await expect(watcher.scan()).rejects.toThrow(/BRIEFBOT_CORPUS/);
  });
});
