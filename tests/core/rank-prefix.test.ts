import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/core/index.ts';
import { analyse } from '../../src/core/analyse.ts';
import { rank } from '../../src/core/answer.ts';
import { articleOf } from '../helpers.ts';

describe('ranking credits a word matched by prefix', () => {
  const index = buildIndex([
    articleOf('vellmoor', 'Harbour news from the north coast', [
      'The commercial port of Vellmoor reopened on Monday.',
      'Officials said commerce along the river had doubled.',
    ]),
  ]);

  it('counts "commerce" as found, at the prefix credit, in a sentence that writes "commercial"', () => {
    const query = analyse(index, 'Was there commerce at the Vellmoor port?');
    const ranked = rank(index, query);
    const port = ranked.find((r) => r.doc.sentence.text.startsWith('The commercial port'))!;
    const river = ranked.find((r) => r.doc.sentence.text.startsWith('Officials'))!;
    // Three key terms of equal weight: two found exactly, one by prefix (0.7).
    expect(query.keys.size).toBe(3);
    expect(port.coverage).toBeCloseTo((1 + 1 + 0.7) / 3, 6);
    // The sentence that writes "commerce" itself has it exactly, and nothing else.
    expect(river.coverage).toBeCloseTo(1 / 3, 6);
  });
});
