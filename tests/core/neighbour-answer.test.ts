import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

/** The first cited sentence of an answer, or null when declined. */
function citedFor(index: ReturnType<typeof buildIndex>, question: string): { cited: string | null; best: string | undefined } {
  const { reply, trace } = answerWithTrace(index, question);
  return { cited: reply.kind === 'answer' ? (reply.citations[0]?.text ?? null) : null, best: trace.ranked[0]?.doc.sentence.text };
}

describe('a "why" question echoed by a sentence that says it is what came of the one before', () => {
  const index = buildIndex([
    articleOf('ostrel-ferry', 'The Ostrel ferry', [
      'The Ostrel ferry crossed the Halvin sound twice a day for forty years.',
      'In 1988 the harbour board doubled the landing fees for every boat of the Ostrel line. As a result, the Ostrel ferry was withdrawn from the Halvin sound.',
      'A footbridge over the narrows opened in 1994, and the old landing became a cafe.',
    ]),
  ]);

  it('answers with the sentence before, which gives the reason', () => {
    const { cited, best } = citedFor(index, 'Why was the Ostrel ferry withdrawn from the Halvin sound?');
    // The echo ranks first: it writes every word of the question.
    expect(best).toBe('As a result, the Ostrel ferry was withdrawn from the Halvin sound.');
    expect(cited).toBe('In 1988 the harbour board doubled the landing fees for every boat of the Ostrel line.');
  });

  it('keeps a sentence that gives its own reason after such an opening', () => {
    const own = buildIndex([
      articleOf('ostrel-ferry-2', 'The Ostrel ferry', [
        'The Ostrel ferry crossed the Halvin sound twice a day for forty years.',
        'In 1988 the harbour board met in Varn. Consequently, the Ostrel ferry was withdrawn from the Halvin sound because its landing fees had doubled.',
      ]),
    ]);
    expect(citedFor(own, 'Why was the Ostrel ferry withdrawn from the Halvin sound?').cited).toContain('because its landing fees had doubled');
  });
});

describe('"how did X respond?" answered by the sentence after the one that tells what was done to X', () => {
  const index = buildIndex([
    articleOf('brask-mill', 'The Brask mill dispute', [
      'The Brask mill stood on the Tolle river for a century.',
      'In March the district warden Ilse Marrow sent the miller Tobin Adair a written warning over the mill race. Adair ignored the warning and kept the wheel turning.',
      'The mill closed for good in 1931.',
    ]),
  ]);

  it('answers with the sentence that opens with X', () => {
    const { cited, best } = citedFor(index, 'How did Tobin Adair respond to Ilse Marrow?');
    expect(best).toContain('sent the miller Tobin Adair a written warning');
    expect(cited).toBe('Adair ignored the warning and kept the wheel turning.');
  });

  it('keeps the best when it opens with X', () => {
    const own = buildIndex([
      articleOf('brask-mill-2', 'The Brask mill dispute', [
        'The Brask mill stood on the Tolle river for a century.',
        'Tobin Adair answered the warden Ilse Marrow with a letter of complaint to the district court. Adair also kept the wheel turning.',
      ]),
    ]);
    expect(citedFor(own, 'How did Tobin Adair respond to Ilse Marrow?').cited).toContain('answered the warden Ilse Marrow');
  });
});

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

describe('a question about a member of a list that the sentence before names', () => {
  const index = buildIndex([
    articleOf('ostrel-harbour', 'Harbour charges in Ostrel', [
      'Boats that use the Ostrel harbour pay a dozen separate charges.',
      'Such charges are set every spring in the town of Varnley, where the harbour board meets. These include the ferry levy, the mooring fee, the pilot charge and the fuel duty.',
      'Fishermen have asked for the fuel duty to be cut.',
    ]),
  ]);

  it('answers "where …?" with the sentence before the list, which says where of them all', () => {
    const { cited, best } = citedFor(index, 'Where are charges like the ferry levy and the mooring fee set?');
    expect(best).toBe('These include the ferry levy, the mooring fee, the pilot charge and the fuel duty.');
    expect(cited).toBe('Such charges are set every spring in the town of Varnley, where the harbour board meets.');
  });

  it('keeps the list when the question asks what is in it', () => {
    expect(citedFor(index, 'What charges include the ferry levy?').cited).toBe('These include the ferry levy, the mooring fee, the pilot charge and the fuel duty.');
  });
});
