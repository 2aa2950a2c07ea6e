import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

/** The sentence cited for a question over one article written for the test. */
function cited(paragraphs: string[], question: string): string {
  return answerWithTrace(buildIndex([articleOf('light', 'Light verbs in the news', paragraphs)]), question).reply.citations[0]?.text ?? '';
}

describe('light verbs weigh little among the question\'s key terms', () => {
  it('"Where is X located?" cites the sentence that says where X lies, over one that only repeats "located"', () => {
    const text = cited(
      [
        'The Tessaly observatory sits on the ridge above Marrow Bay, two miles from the village.',
        'Its new visitor centre will be located beside the car park, the trust said on Friday.',
        'The trust has run the observatory since 1987.',
      ],
      'Where is the Tessaly observatory located?',
    );
    expect(text).toMatch(/^The Tessaly observatory sits on the ridge/);
  });

  it('"Where did X take place?" cites where X was held, over a sentence that repeats "take place"', () => {
    const text = cited(
      [
        'The Orlen folk festival was held in the old harbour at Brackwater, organisers said.',
        'The festival will take place again next summer, they added.',
        'About 4,000 people bought tickets.',
      ],
      'Where did the Orlen folk festival take place?',
    );
    expect(text).toMatch(/^The Orlen folk festival was held in the old harbour/);
  });

  it('"take" outside "take place" keeps its weight: "take action" is what the question asks about', () => {
    const text = cited(
      [
        'The Dunmere council can take action against landlords who let damp homes.',
        'The council meets in the Dunmere town hall every month.',
      ],
      'Who can the Dunmere council take action against?',
    );
    expect(text).toMatch(/take action/);
  });
});
