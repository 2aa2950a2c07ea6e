import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

describe('a kinship asked from the other side', () => {
  const index = buildIndex([
    articleOf('cole-shipping', 'The Cole shipping line', [
      'The Cole shipping line ran steamers between Harwick and the northern isles for sixty years.',
      'In 1904 the line was joined to the Larn family through the marriage of Hedda Larn, sister of the shipowner Marten Cole, to the banker Ivo Larn.',
      "Tomas Brede's grandson Emil Brede later ran the line until it was sold in 1961.",
      'The last steamer was broken up in 1963.',
    ]),
  ]);

  it('answers "who was her brother?" with the sentence that calls her his sister', () => {
    const { reply } = answerWithTrace(index, "Who was Hedda Larn's brother?");
    expect(reply.kind).toBe('answer');
    if (reply.kind === 'answer') expect(reply.citations[0]?.text).toContain('sister of the shipowner Marten Cole');
  });

  it('answers "who was his grandfather?" with the sentence that calls him the grandson', () => {
    const { reply } = answerWithTrace(index, "Who was Emil Brede's grandfather?");
    expect(reply.kind).toBe('answer');
    if (reply.kind === 'answer') expect(reply.citations[0]?.text).toContain("Tomas Brede's grandson Emil Brede");
  });
});
