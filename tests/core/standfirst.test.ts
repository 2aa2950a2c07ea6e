import { describe, expect, it } from 'vitest';
import { createBot, ingestText } from '../../src/core/index.ts';

/** A standfirst retells the story and names its people; the body holds the facts a question asks for. */
describe('a question the standfirst covers by its names, whose fact is in the body', () => {
  const text = [
    'Bakery owner jailed for nine years for draining staff pension fund\nJudge says Tilda Marsh "preyed on the savings of her own workers" over four years',
    'A former bakery owner who took more than £900,000 from her workers\' pension fund has been jailed for nine years.',
    'Tilda Marsh, 52, of Corran Lane, Hesketh, was convicted in March of 12 counts of fraud after a six-week trial.',
    'The court heard that Marsh, who ran the Old Mill bakery in Hesketh from 2014 to 2022, moved the money into an account in her sister\'s name.',
    'She spent it on a holiday flat, two cars and a racehorse.',
    'Judge Oren Callow told her: "You preyed on the savings of your own workers."',
  ].join('\n\n') + '\n';

  it('answers how long she was jailed for with the sentence that says so, not the standfirst\'s span of the fraud', () => {
    const article = ingestText(text, { id: 'hesketh-bakery' });
    expect(article.dek).toMatch(/^Judge says Tilda Marsh/);
    const reply = createBot([article]).handle({ text: 'How long was Tilda Marsh jailed for?' });
    expect(reply.citations[0]!.text).toMatch(/has been jailed for nine years\.$/);
  });
});

describe('a question the standfirst and a body sentence cover alike', () => {
  const text = [
    'Floods close roads and bridges across the Melvor valley\nEngineers inspect closed bridges in the market town of Anselby as the river keeps rising',
    'Floodwater closed more than 40 roads across the Melvor valley on Friday, the county council said, after two days of heavy rain.',
    'Most of the closed bridges were timber crossings built in the 1950s.',
    'The council said the river at Anselby was still rising and warned people not to drive through floodwater.',
  ].join('\n\n') + '\n';

  it('answers from the body, where the facts are', () => {
    const article = ingestText(text, { id: 'melvor-floods' });
    expect(article.dek).toMatch(/^Engineers inspect/);
    const reply = createBot([article]).handle({ text: 'Why did so many bridges close?' });
    expect(reply.citations[0]!.text).toMatch(/^Most of the closed bridges were timber crossings/);
  });
});

describe('what a document says, asked of a story whose standfirst has someone else say it', () => {
  const text = [
    'Six nations agree Corvo river pact after all-night talks\nPact reached after talks ran 14 hours late; fishing villages say it "does nothing" on dredging',
    'Ministers from six countries agreed a pact on Saturday to clean up the Corvo river within ten years.',
    'The text commits the countries to halting new dredging on the river by 2031, but leaves existing licences untouched.',
    'Fishing groups had wanted an immediate ban on dredging, according to their spokesman.',
    'The next meeting will be held in Tassel.',
  ].join('\n\n') + '\n';

  it('answers "what does the pact say about dredging?" with the body sentence that says what the pact says', () => {
    const article = ingestText(text, { id: 'corvo-pact' });
    expect(article.dek).toMatch(/^Pact reached after talks/);
    const reply = createBot([article]).handle({ text: 'What does the pact say about dredging?' });
    expect(reply.citations[0]!.text).toMatch(/^The text commits the countries/);
  });

  it('keeps the standfirst when the question asks what those it quotes say', () => {
    const article = ingestText(text, { id: 'corvo-pact' });
    const reply = createBot([article]).handle({ text: 'What do the fishing villages say about the pact?' });
    expect(reply.citations[0]!.text).toMatch(/^Pact reached after talks/);
  });
});

describe('the words after a speech verb with a subject before it are what is said of, not who says it', () => {
  it('reads "fishing villages say the pact …" as the villages speaking, not the pact', () => {
    const text = [
      'Six nations agree Corvo river pact after all-night talks\nPact reached after talks ran 14 hours late; fishing villages say the pact "does nothing" on dredging',
      'Ministers from six countries agreed a pact on Saturday to clean up the Corvo river within ten years.',
      'The text commits the countries to halting new dredging on the river by 2031, but leaves existing licences untouched.',
      'Fishing groups had wanted an immediate ban on dredging, according to their spokesman.',
    ].join('\n\n') + '\n';
    const reply = createBot([ingestText(text, { id: 'corvo-pact-2' })]).handle({ text: 'What does the pact say about dredging?' });
    expect(reply.citations[0]!.text).toMatch(/^The text commits the countries/);
  });
});
