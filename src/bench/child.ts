/**
 * Entry point of the benchmark's child processes (run with `node --import tsx`):
 * - `ingest FROM TO FILE`: ingest generated articles into a cache file;
 * - `size JSON`: measure one corpus size, print the report as one JSON line;
 * - `cold-briefbot CORPUS CACHE QUESTION`: open the bot from its index file, answer once;
 * - `cold-minisearch FILE raw|stopwords QUESTION`: load a baseline's JSON index, search once.
 * The cold-start modes print `{"rssMB": …}` as soon as the answer is ready.
 */
import { readFile } from 'node:fs/promises';

const [mode, ...args] = process.argv.slice(2);

function rssMB(): number {
  return Math.round((process.memoryUsage().rss / 2 ** 20) * 10) / 10;
}

async function main(): Promise<void> {
  switch (mode) {
    case 'ingest': {
      const { ingestChunkToFile } = await import('./corpus.ts');
      await ingestChunkToFile(Number(args[0]), Number(args[1]), args[2]!);
      return;
    }
    case 'size': {
      const { measureSize } = await import('./measure.ts');
      const options = JSON.parse(args[0]!) as { size: number; workDir: string; baselineQuestions: number; coldRuns: number };
      const report = await measureSize({ ...options, log: (line) => process.stderr.write(line + '\n') });
      process.stdout.write(JSON.stringify(report) + '\n');
      return;
    }
    case 'cold-briefbot': {
      const { openBot } = await import('../core/bot.ts');
      const { bot, index } = await openBot(args[0]!, { indexCache: args[1]! });
      const reply = bot.handle({ text: args[2]! });
      process.stdout.write(JSON.stringify({ rssMB: rssMB(), index, kind: reply.kind }) + '\n');
      return;
    }
    case 'cold-minisearch': {
      const { default: MiniSearch } = await import('minisearch');
      const { baselineOptions } = await import('./baselines.ts');
      const search = MiniSearch.loadJSON(await readFile(args[0]!, 'utf8'), baselineOptions(args[1] === 'raw' ? 'raw' : 'stopwords'));
      const hits = search.search(args[2]!);
      process.stdout.write(JSON.stringify({ rssMB: rssMB(), hits: hits.length }) + '\n');
      return;
    }
    default:
      throw new Error(`bench child: unknown mode ${String(mode)}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench child: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
