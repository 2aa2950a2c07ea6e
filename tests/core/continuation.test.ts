import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

describe('a sentence that refers back to the best one and adds what the question asks about', () => {
  const index = buildIndex([
    articleOf('tarvik-guilds', 'The guilds of Tarvik', [
      'Tarvik grew rich on its river trade in the seventeenth century, and its guilds ran the quays.',
      'In 1612 the Brenholt charter was signed by the weavers and the dyers of Tarvik after a long dispute over river tolls. This later inspired the founding of the Merrow trading company.',
      'The Merrow company traded wool and salt along the coast until 1790.',
    ]),
  ]);

  it('answers "what did the charter inspire?" with the sentence that says so, over the one that only names the charter', () => {
    const { reply, trace } = answerWithTrace(index, 'What did the Brenholt charter inspire?');
    // The first sentence writes the charter's name; the second, which refers back to it, writes the question's deed, "inspire".
    expect(trace.ranked[0]?.doc.sentence.text).toContain('was signed by the weavers');
    expect(reply.kind).toBe('answer');
    if (reply.kind === 'answer') expect(reply.citations[0]?.text).toBe('This later inspired the founding of the Merrow trading company.');
  });

  it('keeps the best when the continuation adds none of the question\'s words', () => {
    const { reply } = answerWithTrace(index, 'Who signed the Brenholt charter in Tarvik?');
    expect(reply.kind).toBe('answer');
    if (reply.kind === 'answer') expect(reply.citations[0]?.text).toContain('was signed by the weavers');
  });
});
