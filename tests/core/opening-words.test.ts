import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

const dam = articleOf('dam-burst', 'Dam burst floods Corvel valley', [
  'A dam above the village of Corvel burst on Tuesday, flooding more than 200 homes, officials said.',
  'About 40 people were rescued from rooftops by boat, the fire service said.',
  'The dam was built in 1962 and was last inspected on 14 September 2021 by the Brenmoor water board.',
  'Engineers had warned in October that the spillway was cracked.',
]);

describe('an adverb that opens a question', () => {
  it('is no name the articles must mention: "Approximately how many homes …" is answered', () => {
    const { reply, trace } = answerWithTrace(buildIndex([dam]), 'Approximately how many homes were flooded?');
    expect(trace.query.unknownNames).toEqual([]);
    expect(reply.citations[0]?.text).toMatch(/more than 200 homes/);
  });

  it('is no name after a comma either: "Initially, how many …"', () => {
    const { reply, trace } = answerWithTrace(buildIndex([dam]), 'Initially, how many people were rescued?');
    expect(trace.query.unknownNames).toEqual([]);
    expect(reply.citations[0]?.text).toMatch(/About 40 people/);
  });

  it('leaves a name the articles never mention declined: "Halvorsen, how many …"', () => {
    const { trace } = answerWithTrace(buildIndex([dam]), 'Halvorsen, how many homes were flooded?');
    expect(trace.declined).toBe(true);
    expect(trace.query.unknownNames).toEqual(['Halvorsen']);
  });
});

describe("a month's short form", () => {
  it('meets the month the article writes in full: "Sept 2021" is "September 2021"', () => {
    const { reply, trace } = answerWithTrace(buildIndex([dam]), 'Who inspected the dam in Sept 2021?');
    expect(trace.query.unknownNames).toEqual([]);
    expect(reply.citations[0]?.text).toMatch(/14 September 2021/);
  });
});
