import { describe, expect, it } from 'vitest';
import { roundsFor, runEval, type EvalIO } from '../../src/eval/run.ts';

function captureIO(): EvalIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    out: () => out,
    err: () => err,
  };
}

describe('runEval', () => {
  it('runs the seed set and prints one JSON object with both systems’ figures', async () => {
    const io = captureIO();
    const code = await runEval(['--set', 'seed', '--json'], io);
    expect(code).toBe(0);
    const report = JSON.parse(io.out()) as { sets: Record<string, unknown>[] };
    expect(report.sets).toHaveLength(1);
    const seed = report.sets[0]!;
    expect(seed).toMatchObject({ set: 'seed', questions: 39, answerable: 30, unanswerable: 9 });
    expect(Object.keys(seed)).toEqual(expect.arrayContaining(['briefbot', 'baseline', 'meanTimeRatio', 'buildMs', 'targets']));
    const keys = ['p1', 'hit3', 'rankingP1', 'wronglyDeclined', 'rightlyDeclined', 'meanMs', 'p99Ms'];
    expect(Object.keys(seed.briefbot as object)).toEqual(expect.arrayContaining(keys));
    expect(Object.keys(seed.baseline as object)).toEqual(expect.arrayContaining(keys));
    expect(seed.baseline).toMatchObject({ wronglyDeclined: 0, rightlyDeclined: 0 });
  });

  it('runs the news set: three real articles in one corpus, judged by fragments like the seed', async () => {
    const io = captureIO();
    expect(await runEval(['--set', 'news', '--json', '--misses', '0'], io)).toBe(0);
    const [news] = (JSON.parse(io.out()) as { sets: { set: string; articles: number; questions: number; answerable: number; targets: { name: string }[]; missCounts: object }[] }).sets;
    expect(news).toMatchObject({ set: 'news', articles: 3, questions: 47, answerable: 40 });
    // No quality target is set for questions the team wrote; the speed one holds for every set.
    expect(news!.targets.map((t) => t.name)).toEqual(['mean time <= 2x baseline']);
    expect(news!.missCounts).toBeDefined();
  });

  it('runs the probe set: eleven invented articles in one corpus, a development set with no target whose misses are listed', async () => {
    const io = captureIO();
    expect(await runEval(['--set', 'probe', '--json', '--misses', '5'], io)).toBe(0);
    const [probe] = (JSON.parse(io.out()) as { sets: { set: string; articles: number; questions: number; answerable: number; targets: unknown[]; misses?: unknown[]; missCounts?: object }[] }).sets;
    expect(probe).toMatchObject({ set: 'probe', articles: 11, questions: 297, answerable: 264, targets: [] });
    expect(probe!.missCounts).toBeDefined();
    expect(probe!.misses!.length).toBeLessThanOrEqual(5);
  });

  it('runs the blind set for reporting only: no targets, and its misses never listed', async () => {
    const io = captureIO();
    expect(await runEval(['--set', 'blind', '--json', '--misses', '50'], io)).toBe(0);
    const [blind] = (JSON.parse(io.out()) as { sets: { set: string; articles: number; questions: number; answerable: number; targets: unknown[]; misses?: unknown[] }[] }).sets;
    expect(blind).toMatchObject({ set: 'blind', articles: 8, questions: 96, answerable: 86, targets: [] });
    expect(blind!.misses).toBeUndefined();
  });

  it('prints a table per set and the misses asked for', async () => {
    const io = captureIO();
    const code = await runEval(['--set', 'seed', '--limit', '5', '--misses', '3'], io);
    expect(code).toBe(0);
    expect(io.out()).toMatch(/^seed: 5 questions/);
    expect(io.out()).toMatch(/P@1\s+\d\.\d{3}\s+\d\.\d{3}/);
    expect(io.out()).toMatch(/mean time ratio \(briefbot \/ baseline\): [\d.]+x/);
  });

  it('lists misses for tuning sets with what was cited and where the gold ranked', async () => {
    const io = captureIO();
    expect(await runEval(['--set', 'seed', '--json', '--misses', '50'], io)).toBe(0);
    const report = JSON.parse(io.out()) as { sets: { misses?: { kind: string; gold: string[]; goldRank: number | null }[] }[] };
    const misses = report.sets[0]?.misses;
    expect(Array.isArray(misses)).toBe(true);
    for (const m of misses ?? []) expect(['wrong', 'declined', 'answered']).toContain(m.kind);
  });

  it('counts every miss by kind and where or why, however few are listed', async () => {
    const io = captureIO();
    expect(await runEval(['--set', 'seed', '--json', '--misses', '0'], io)).toBe(0);
    const [seed] = (JSON.parse(io.out()) as { sets: { misses: unknown[]; missCounts: Record<string, number>; answerable: number; briefbot: { p1: number } }[] }).sets;
    expect(seed!.misses).toEqual([]);
    const answerableMisses = Object.entries(seed!.missCounts).filter(([label]) => !label.startsWith('answered')).reduce((sum, [, n]) => sum + n, 0);
    expect(answerableMisses).toBe(Math.round(seed!.answerable * (1 - seed!.briefbot.p1)));
  });

  it('rejects an unknown set and a bad limit with exit code 2', async () => {
    const io = captureIO();
    expect(await runEval(['--set', 'nope'], io)).toBe(2);
    expect(io.err()).toContain('unknown set "nope"');
    expect(await runEval(['--limit', 'ten'], captureIO())).toBe(2);
    expect(await runEval(['--frobnicate'], captureIO())).toBe(2);
  });

  it('reports unreadable data with exit code 1', async () => {
    const io = captureIO();
    expect(await runEval(['--set', 'seed', '--data', '/nonexistent-eval-dir'], io)).toBe(1);
    expect(io.err()).toContain('cannot read the seed set');
  });
});

describe('roundsFor', () => {
  it('times small sets over several rounds and large ones once', () => {
    expect(roundsFor(39)).toBe(25);
    expect(roundsFor(200)).toBe(5);
    expect(roundsFor(3746)).toBe(1);
    expect(roundsFor(0)).toBe(1);
  });
});
