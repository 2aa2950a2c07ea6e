import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefbotError, loadCorpus, saveArticle, describeProblem } from '../../src/core/index.ts';
import { fixtureArticle, fixtureText } from '../helpers.ts';

describe('saveArticle and loadCorpus', () => {
  it('round-trips an article and keeps its source text beside it', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'briefbot-')), 'new-corpus');
    const article = fixtureArticle('harbour-vote.txt');
    await saveArticle(dir, article, fixtureText('harbour-vote.txt'));
    expect((await readdir(dir)).sort()).toEqual([`${article.id}.json`, `${article.id}.txt`]);
    const { articles, problems } = await loadCorpus(dir);
    expect(problems).toEqual([]);
    expect(articles[0]).toEqual({ ...article, source: `${article.id}.txt` });
    expect(await readFile(join(dir, `${article.id}.txt`), 'utf8')).toBe(fixtureText('harbour-vote.txt'));
  });

  it('reports a bad file with its name and failing field, and still loads the others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'briefbot-'));
    const good = fixtureArticle('clinic-closure.txt');
    await saveArticle(dir, good, fixtureText('clinic-closure.txt'));
    const broken = { ...fixtureArticle('harbour-vote.txt'), title: 42 };
    await writeFile(join(dir, 'broken.json'), JSON.stringify(broken));
    await writeFile(join(dir, 'garbage.json'), '{ not json');
    const { articles, problems, files } = await loadCorpus(dir);
    expect(articles.map((a) => a.id)).toEqual([good.id]);
    expect(files).toEqual([`${good.id}.json`]);
    expect(problems.map(describeProblem)).toEqual([
      expect.stringMatching(/broken\.json: title: .*string/i),
      expect.stringMatching(/garbage\.json: not valid JSON/),
    ]);
  });

  it('names a missing corpus folder', async () => {
    await expect(loadCorpus('/nonexistent/briefbot-corpus')).rejects.toThrow(BriefbotError);
  });
});
