import { readFileSync } from 'node:fs';
import { createBot, ingestText, type Bot } from '../../src/core/index.ts';
import { HARBOR_URL } from './helpers.ts';

/** A bot over two real-looking articles: the test fixture and the project's seed article. */
export function fixtureBot(): Bot {
  const harbor = ingestText(readFileSync(new URL('../fixtures/harbor-flood-barrier.txt', import.meta.url), 'utf8'), {
    id: 'harbor-flood-barrier',
    title: 'Harbor City Council Approves Flood Barrier After Costly Storm Season',
    outlet: 'Harbor Gazette',
    url: HARBOR_URL,
    published: '2026-10-14',
  });
  const seed = ingestText(readFileSync(new URL('../fixtures/donetsk-demand.txt', import.meta.url), 'utf8'), {
    id: 'donetsk-demand',
    outlet: 'The Washington Post',
    url: 'https://www.washingtonpost.com/world/2025/10/19/putin-donetsk-demand/',
    published: '2025-10-19',
  });
  return createBot([harbor, seed]);
}

