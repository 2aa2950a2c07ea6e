import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

describe('a best sentence that gives the asked deed to a pronoun', () => {
  const index = buildIndex([
    articleOf('orsk-court', 'The courts of Orsk', [
      'The courts of Orsk were reformed in 1990.',
      'The Assembly of Wardens is made up of the mayors of the nine Orsk valleys. It appoints the judges of the river court and the harbour court.',
      'The river court sits in Velby; the harbour court sits in Tamsk.',
    ]),
  ]);

  it('answers "what body appoints the judges?" with the sentence the "It" refers back to', () => {
    const { reply, trace } = answerWithTrace(index, 'What body appoints the judges of the river court?');
    // "It appoints the judges …" writes every word of the question but the one asked for.
    expect(trace.ranked[0]?.doc.sentence.text).toBe('It appoints the judges of the river court and the harbour court.');
    expect(reply.kind).toBe('answer');
    if (reply.kind === 'answer') expect(reply.citations[0]?.text).toBe('The Assembly of Wardens is made up of the mayors of the nine Orsk valleys.');
  });

  it('keeps the pronoun sentence when the question asks for the object of the deed', () => {
    const { reply } = answerWithTrace(index, 'Which judges does the Assembly of Wardens appoint?');
    expect(reply.kind).toBe('answer');
    if (reply.kind === 'answer') expect(reply.citations[0]?.text).toBe('It appoints the judges of the river court and the harbour court.');
  });
});
