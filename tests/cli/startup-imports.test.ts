/**
 * Starting the terminal chat or the server must not import ingestion's part-of-speech tagger
 * (compromise): it takes a few hundred milliseconds of CPU, and only adding an article needs it.
 * A fresh Node process imports each entry point with a module hook that lists what is resolved.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'briefbot-imports-'));
  await writeFile(
    join(dir, 'hook.mjs'),
    `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  process.stderr.write('RESOLVED ' + resolved.url + '\\n');
  return resolved;
}\n`,
  );
  await writeFile(
    join(dir, 'load.mjs'),
    `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(dir, 'hook.mjs')).href)});
await import(process.argv[2]);\n`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function resolvedBy(entry: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // tsx is resolved from the project (the working folder), as `--import` specifiers are.
    execFile(process.execPath, ['--import', 'tsx', join(dir, 'load.mjs'), pathToFileURL(join(ROOT, entry)).href], { cwd: ROOT }, (error, _stdout, stderr) => {
      if (error) return reject(new Error(`${entry}: ${stderr}`));
      resolve(stderr.split('\n').filter((l) => l.startsWith('RESOLVED ')).map((l) => l.slice('RESOLVED '.length)));
    });
  });
}

describe('what a start imports', () => {
  for (const entry of ['src/adapters/cli/main.ts', 'src/server/start.ts']) {
    it(`${entry} leaves ingestion and its tagger until an article is added`, async () => {
      const urls = await resolvedBy(entry);
      expect(urls.some((u) => u.includes('/core/bot.ts'))).toBe(true);
      expect(urls.filter((u) => /\/compromise\/|\/core\/(?:ingest|extract)\.ts/.test(u))).toEqual([]);
    });
  }
});
