/** The two MiniSearch baselines of the benchmark: each sentence a document, field `text`. */
import type { Options } from 'minisearch';
import { STOP_WORDS } from '../core/text.ts';

export type BaselineName = 'raw' | 'stopwords';

/** Raw: MiniSearch's default options. Stopwords: the same, with briefbot's stop words dropped. */
export function baselineOptions(kind: BaselineName): Options<{ id: number; text: string }> {
  if (kind === 'raw') return { fields: ['text'], storeFields: [] };
  return {
    fields: ['text'],
    storeFields: [],
    processTerm: (term) => {
      const lower = term.toLowerCase();
      return STOP_WORDS.has(lower) ? null : lower;
    },
  };
}
