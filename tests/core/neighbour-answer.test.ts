import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

/** The first cited sentence of an answer, or null when declined. */
function citedFor(index: ReturnType<typeof buildIndex>, question: string): { cited: string | null; best: string | undefined } {
  const { reply, trace } = answerWithTrace(index, question);
  return { cited: reply.kind === 'answer' ? (reply.citations[0]?.text ?? null) : null, best: trace.ranked[0]?.doc.sentence.text };
}

describe('a continuation that quotes a phrase further on', () => {
  const index = buildIndex([
    articleOf('velm-league', 'The Velm league', [
      'The Velm league was a union of river towns for two centuries.',
      'The league dates its turning point not to the plague of 1502 but to the dissolution of the Velm council by the margrave in 1611. This is believed to have ended the old order, which it blames on "the greed of the salt barons" of the coast.',
    ]),
  ]);

  it('answers with the continuation: it opens in the report\'s own words', () => {
    const { cited, best } = citedFor(index, 'The dissolution of the Velm council by the margrave is believed to have ended what system?');
    expect(best).toContain('dissolution of the Velm council by the margrave in 1611');
    expect(cited).toContain('This is believed to have ended the old order');
  });
});
