import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf, spanText } from '../helpers.ts';

/** The first citation of the answer to `question` over one article: its sentence and marked part. */
const answerOf = (paragraphs: string[], question: string, headline = 'Figures in the news') => {
  const c = answerWithTrace(buildIndex([articleOf('numbers', headline, paragraphs)]), question).reply.citations[0];
  return { text: c?.text ?? null, span: spanText(c) };
};

describe('"how old" marks the age, not another number of the sentence', () => {
  it('marks the "52" of "the 52-year-old", not the "12" of "12 years of rule"', () => {
    const election = [
      "The Dovran Party of Mila Orsek won Sunday's election in Tessaly, ending 12 years of Green rule and putting the 52-year-old former teacher on course to lead the country.",
      'Turnout was 61%, the commission said.',
    ];
    const answer = answerOf(election, 'How old is Orsek?');
    expect(answer.text).toMatch(/^The Dovran Party/);
    expect(answer.span).toBe('52');
  });
});

describe('"how many … win" marks the part of "N of the M seats", not the whole', () => {
  const vote = [
    'With most ballots counted, officials said the Moor Alliance had won 41.2% of the vote and was set to take 58 of the 120 seats in the Orlen council.',
    'Turnout was higher than at the last election.',
  ];

  it('marks the seats won', () => {
    expect(answerOf(vote, 'How many seats did the Moor Alliance win?').span).toBe('58');
  });

  it('still marks the whole when the question asks what the council has', () => {
    expect(answerOf(vote, 'How many seats does the Orlen council have?').span).toBe('120');
  });
});
