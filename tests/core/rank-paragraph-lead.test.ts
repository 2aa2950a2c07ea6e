import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

describe("a paragraph's opening sentence names what its later sentences are about", () => {
  const index = buildIndex([
    articleOf('orla-bridges', 'Bridges of the Orla valley', [
      'The Tellmark Bridge over the Orla opened in 1931. Work on the crossing started in 1925. The engineer Maren Oskvik designed it.',
      'A plaque on the Tellmark Bridge was unveiled by the historian Pell Dunmore.',
      'Engineers designed three other crossings in the valley. The design of the station is older. A new design for the square was approved.',
    ]),
  ]);

  it('answers "who designed the bridge?" with the later sentence that says so, over sentences that only name the bridge', () => {
    const { reply, trace } = answerWithTrace(index, 'Who designed the Tellmark Bridge?');
    // "The Tellmark Bridge" is named by the paragraph's opener; its words count for the third sentence at 0.8 of a written word.
    expect(trace.ranked[0]?.doc.sentence.text).toBe('The engineer Maren Oskvik designed it.');
    expect(reply.kind).toBe('answer');
    if (reply.kind === 'answer') expect(reply.citations[0]?.text).toBe('The engineer Maren Oskvik designed it.');
  });
});
