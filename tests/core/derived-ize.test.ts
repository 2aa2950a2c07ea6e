import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

describe('a verb in -ize or -yze the articles write as a noun', () => {
  const study = articleOf('river-study', 'Study finds microplastics in the Dunmere', [
    'Researchers at Fenwick University published a study of the river Dunmere on Thursday.',
    'Their analysis of 300 water samples found microplastics at every site, the lead author, Ilse Varga, said.',
    'The revolution in cheap sensors made the sampling possible, she added.',
  ]);

  it('meets it: "analyze" is "analysis"', () => {
    const { reply, trace } = answerWithTrace(buildIndex([study]), 'How many water samples did the researchers analyze?');
    expect(trace.query.unknownTerms).toEqual([]);
    expect(trace.declined).toBe(false);
    expect(reply.citations[0]?.text).toMatch(/analysis of 300 water samples/);
  });

  it('meets it: "revolutionized" is "revolution"', () => {
    const { reply, trace } = answerWithTrace(buildIndex([study]), 'What revolutionized the sampling?');
    expect(trace.query.unknownTerms).toEqual([]);
    expect(reply.citations[0]?.text).toMatch(/revolution in cheap sensors/);
  });
});
