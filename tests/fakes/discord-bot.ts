import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createBot, ingestText, type Bot } from '../../src/core/index.ts';

/** The test article: a short local news report with a dateline, sections and quotes with speakers. */
export const HARBOUR = {
  id: 'harbour-strike',
  title: 'Dock workers in Valmora end nine-day strike after city agrees to safety review',
  outlet: 'Valmora Ledger',
  url: 'https://news.example/valmora/dock-strike-ends',
  published: '2026-11-10',
} as const;

const fixture = fileURLToPath(new URL('../fixtures/discord-harbour-strike.txt', import.meta.url));

/** A real bot (ingestion, index, answering) over the fixture article. */
export function createHarbourBot(): Bot {
  const article = ingestText(readFileSync(fixture, 'utf8'), { ...HARBOUR });
  return createBot([article]);
}
