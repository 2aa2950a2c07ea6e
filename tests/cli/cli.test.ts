import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Citation } from '../../src/core/index.ts';
import { FIXTURES } from '../helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'briefbot.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command as a process, the way `npx briefbot` does. */
function briefbot(args: string[], options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
}

const seed = await readFile(join(FIXTURES, 'donetsk-demand.txt'), 'utf8');
const sentenceTexts = new Set(seed.split('\n'));
const noStackTrace = (r: Run) => {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toMatch(/\n\s+at /);
};

describe('briefbot CLI', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'briefbot-cli-'));
  });

  it('npm start with piped input answers each line with a citation and exits 0', async () => {
    const r = await briefbot(['start'], { input: 'What did Putin demand?\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cede\s+full\s+control/);
    expect(r.stdout).toMatch(/\[1\] .*The Washington Post · lede · ¶1/);
    expect(r.stdout).not.toMatch(/\u001b\[/); // no colour when not a terminal
    noStackTrace(r);
  });

  it('ask --json prints one line whose first citation is a sentence of the article, verbatim', async () => {
    const r = await briefbot(['ask', '--json', 'What did Putin demand?']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!) as { question: string; answered: boolean; confidence: number; answer: string; citations: { article: string; sentence: string; text: string }[] };
    expect(json).toMatchObject({ question: 'What did Putin demand?', answered: true });
    expect(json.citations[0]!.article).toBe('donetsk-demand');
    expect(seed.includes(json.citations[0]!.text)).toBe(true);
    expect(json.citations[0]!.text).toMatch(/cede full control of Donetsk/);
  });

  it('ask declines what the article does not cover', async () => {
    const r = await briefbot(['ask', 'What did Macron say about the proposal?']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/don't mention Macron/);
    expect(r.stdout).not.toMatch(/\[1\]/);
  });

  it('ask reads one question per line from standard input, as JSON lines', async () => {
    const r = await briefbot(['ask', '--json'], { input: 'Who is Steve Witkoff?\n\nWho won the Super Bowl?\n' });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { answered: boolean; citations: { text: string }[] });
    expect(lines.map((l) => l.answered)).toEqual([true, false]);
    for (const c of lines[0]!.citations) expect(seed.includes(c.text)).toBe(true);
    expect(sentenceTexts.size).toBeGreaterThan(0);
  });

  it('ingest writes a validated article and its text into a new corpus folder, then answers from it', async () => {
    const corpus = join(work, 'fresh');
    const r = await briefbot(['ingest', join(FIXTURES, 'harbour-vote.txt'), join(FIXTURES, 'clinic-closure.txt'), '--corpus', corpus, '--outlet', 'Test Wire']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['lisbon-council-approves-harbour-bridge-after-long-dispute', 'rural-clinic-to-close-as-doctors-leave']);
    const a = await briefbot(['ask', '--corpus', corpus, 'How far must residents travel to the hospital?']);
    expect(a.stdout).toMatch(/40\s+miles/);
    expect(a.stdout).toMatch(/Test Wire · Patients react · ¶3/);
  });

  it('ingest reads a saved web page: its article, title, outlet, date and link, without the page around it', async () => {
    const corpus = join(work, 'page');
    const r = await briefbot(['ingest', join(FIXTURES, 'web-page.html'), '--corpus', corpus]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('council-approves-harbour-tunnel-after-decade-of-debate');
    const kept = await readFile(join(corpus, 'council-approves-harbour-tunnel-after-decade-of-debate.txt'), 'utf8');
    expect(kept).toMatch(/^# Council approves harbour tunnel after decade of debate\n\nKELMOUTH — The city council/);
    expect(kept).not.toMatch(/Most read|Advertisement|All rights reserved|Photo: Gazette/);
    const a = await briefbot(['ask', '--corpus', corpus, '--json', 'What did Dev Patel say?']);
    const answer = JSON.parse(a.stdout) as { citations: { text: string; outlet: string; published: string; url: string }[] };
    expect(answer.citations[0]).toMatchObject({ outlet: 'The Kelmouth Gazette', published: '2026-11-24', url: 'https://gazette.example/news/harbour-tunnel' });
    expect(answer.citations[0]?.text).toContain('could not afford it');
  });

  it('chat understands commands and follow-ups', async () => {
    const r = await briefbot(['chat'], { input: 'who Witkoff\nquotes Trump\nWho is Steve Witkoff?\nWhat did he press for?\nsources\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Steve Witkoff \(person\)/);
    expect(r.stdout).toMatch(/Roles: special envoy/);
    expect(r.stdout).toMatch(/It is time to stop the killing/);
    expect(r.stdout).toMatch(/pressed Zelenskyy’s team/);
    expect(r.stdout).toMatch(/Donetsk demand · The Washington Post/);
  });

  it('chat keeps a `who` card as a turn: "he" after it is that person', async () => {
    const file = join(work, 'orly.txt');
    await writeFile(
      file,
      'Floods close Orly valley roads\n\nFloods closed six roads in the Orly valley on Monday.\n\n' +
        '"We have never seen the river this high," said the council\'s highways chief, Petra Holm.\n\n' +
        'The forecaster Anton Brisk said the rain would ease by Tuesday. "The worst is over," he said.\n',
    );
    const corpus = join(work, 'orly');
    expect((await briefbot(['ingest', file, '--corpus', corpus])).code).toBe(0);
    const r = await briefbot(['chat', '--corpus', corpus], { input: 'what did Petra Holm say?\nwho Anton Brisk\nwhat did he say?\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.slice(r.stdout.indexOf('Anton Brisk (person)'))).toMatch(/The worst is over/);
  });

  describe('bad input gets one clear line, a non-zero exit code and no stack trace', () => {
    it('a missing file', async () => {
      const r = await briefbot(['ingest', join(work, 'nope.txt'), '--corpus', join(work, 'c1')]);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim()).toMatch(/^briefbot: .*nope\.txt: no such file$/);
      noStackTrace(r);
    });
    it('an empty file', async () => {
      const file = join(work, 'empty.txt');
      await writeFile(file, '  \n');
      const r = await briefbot(['ingest', file, '--corpus', join(work, 'c2')]);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim()).toMatch(/empty\.txt: the file is empty$/);
    });
    it('a web page with no article in it', async () => {
      const file = join(work, 'links.html');
      await writeFile(file, '<!doctype html><html><body><nav><a href="/a">Home</a></nav></body></html>');
      const r = await briefbot(['ingest', file, '--corpus', join(work, 'c6')]);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim()).toMatch(/^briefbot: .*links\.html: no article found in this web page/);
      noStackTrace(r);
    });
    it('a binary file, and nothing is written', async () => {
      const file = join(work, 'image.png');
      await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe]));
      const r = await briefbot(['ingest', join(FIXTURES, 'harbour-vote.txt'), file, '--corpus', join(work, 'c3')]);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim()).toMatch(/image\.png: looks like a binary file/);
      await expect(readFile(join(work, 'c3', 'lisbon-council-approves-harbour-bridge-after-long-dispute.json'))).rejects.toThrow();
    });
    it('a corpus file that fails validation is named with its field, and the rest still answers', async () => {
      const corpus = join(work, 'c4');
      await cp(join(ROOT, 'corpus'), corpus, { recursive: true });
      await writeFile(join(corpus, 'bad.json'), JSON.stringify({ id: 'bad', title: 'x', sections: 'oops' }));
      const r = await briefbot(['ask', '--corpus', corpus, 'What did Putin demand?']);
      expect(r.code).toBe(0);
      expect(r.stderr.trim()).toMatch(/^briefbot: skipped .*bad\.json: sections: /);
      expect(r.stdout).toMatch(/cede\s+full\s+control/);
    });
    it('an empty question', async () => {
      const r = await briefbot(['ask', '   ']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe('briefbot: the question is empty; ask something about the articles');
    });
    it('a bad date and an unknown option', async () => {
      const r = await briefbot(['ingest', join(FIXTURES, 'harbour-vote.txt'), '--published', 'yesterday', '--corpus', join(work, 'c5')]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(/--published must be a date as YYYY-MM-DD/);
      for (const day of ['2025-13-45', '2025-02-29']) {
        const bad = await briefbot(['ingest', join(FIXTURES, 'harbour-vote.txt'), '--published', day, '--corpus', join(work, 'c5')]);
        expect(bad.code, day).toBe(2);
        expect(bad.stderr.trim()).toBe(`briefbot: --published must be a date as YYYY-MM-DD, not "${day}"`);
      }
      const u = await briefbot(['ask', '--frobnicate', 'x']);
      expect(u.code).toBe(2);
      expect(u.stderr).toMatch(/^briefbot: Unknown option '--frobnicate'/);
      noStackTrace(u);
    });
    it('--help after a command prints the usage, not "unknown option"', async () => {
      const r = await briefbot(['ingest', '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^briefbot: answers questions/);
      expect(r.stdout).toContain('briefbot ingest FILE...');
      expect(r.stderr).toBe('');
    });
  });
});

describe('the terminal citation line', () => {
  it('calls only the first two paragraphs of an opening section the lede', async () => {
    const { citationLine } = await import('../../src/adapters/cli/render.ts');
    const at = (paragraph: number): Citation => ({
      n: 1, articleId: 'port-strike-ends', articleTitle: 'Port strike ends', section: null, paragraph, sentence: 's1', text: 'The strike ended.', span: null,
      speaker: null, attribution: null, outlet: 'Valmora Ledger', published: '', url: '', primary: true,
    });
    expect(citationLine(at(2))).toBe('[1] Port strike ends · Valmora Ledger · lede · ¶2');
    expect(citationLine(at(14))).toBe('[1] Port strike ends · Valmora Ledger · ¶14');
  });
});
