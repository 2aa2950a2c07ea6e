import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex, createBot, type Turn } from '../../src/core/index.ts';
import { resolveFollowUp } from '../../src/core/analyse.ts';
import { articleOf, entityNamed, quoteStarting, spanText } from '../helpers.ts';

describe('a speaker named "Ms" or "Mr" and a surname two people share', () => {
  it('gives the quote to the one the text named last before it, not to the first holder of the surname', () => {
    const article = articleOf('mould-flats', 'Landlord jailed over mould flats', [
      'A landlord, Peter Dunsby, was jailed on Friday for letting flats full of mould.',
      'One tenant, 77-year-old Agnes Corrin, died last winter. An inquest found the damp had worsened her asthma, and her daughter, Ruth Corrin, said the family was still angry.',
      'Outside court, Ms Corrin said: "My mother deserved a warm home and he took her money for nothing at all."',
    ]);
    const ruth = entityNamed(article, 'Ruth Corrin');
    expect(quoteStarting(article, 'My mother deserved').speaker).toEqual({ entity: ruth.id, description: 'Ms Corrin' });
  });

  it('passes over the one named last when the word of address does not fit them (a mother is no "Mr")', () => {
    const article = articleOf('ridge-rescue', 'Climber rescued from ridge', [
      'A climber, Tom Corrin, was rescued from Brack Ridge on Sunday after two nights in the snow.',
      'His mother, Jane Corrin, said she had not slept since Friday.',
      'Speaking from hospital, Mr Corrin said: "I thought I would never see my family again after the second night."',
    ]);
    const tom = entityNamed(article, 'Tom Corrin');
    expect(quoteStarting(article, 'I thought I would never').speaker?.entity).toBe(tom.id);
  });
});

describe('a clause after "said" is no speaker', () => {
  it('gives the quote to the person who said it, not to "the count proved"', () => {
    const article = articleOf('torvale-vote', 'Greens gain in Torvale vote', [
      'The Green Alliance won 14 seats in Torvale on Sunday.',
      'Mr Ostrander, who leads the Farmers\' League, said the count proved that "voters want a real change of direction" and called for talks.',
    ]);
    const speaker = quoteStarting(article, 'voters want a real change').speaker;
    expect(speaker?.description).not.toMatch(/proved/);
    expect(speaker?.entity).toBe(entityNamed(article, 'Ostrander').id);
  });

  it('still keeps a speaker described without a name', () => {
    const article = articleOf('veld-talks', 'Talks stall', ['The talks in Veld stalled on Monday.', '"We are nowhere near a deal and nobody wants to admit it," said one senior diplomat.']);
    expect(quoteStarting(article, 'We are nowhere near').speaker).toEqual({ entity: null, description: 'one senior diplomat' });
  });
});

// "Johansson" is a surname to compromise: here it is a carmaker's name.
const recall = articleOf('johansson-recall', 'Johansson recalls 20,000 vans over gearbox fault', [
  'Danish carmaker Johansson is recalling 20,000 vans after a gearbox fault, the firm said on Thursday.',
  'Owners of the Johansson Corra van built since 2023 will get a letter.',
  '"The van can slip out of gear on a steep hill, which nobody should accept," said Johansson\'s technical director, Anna Berge.',
  'Johansson first heard of the fault from drivers in Austria.',
  'Johansson said it would fit a new gearbox part free of charge.',
]);

describe('a carmaker whose name is also a surname, and its model', () => {
  it('types the carmaker as an organisation and its model as no person', () => {
    expect(entityNamed(recall, 'Johansson').type).toBe('organisation');
    expect(entityNamed(recall, 'Johansson Corra').type).not.toBe('person');
  });

  it('gives a quote to the person in apposition after a role the carmaker owns', () => {
    expect(quoteStarting(recall, 'The van can slip').speaker?.entity).toBe(entityNamed(recall, 'Anna Berge').id);
  });
});

describe('"where is X based?"', () => {
  it('is answered by the demonym written before the name', () => {
    const index = buildIndex([recall]);
    const { reply } = answerWithTrace(index, 'Where is Johansson based?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toMatch(/^Danish carmaker Johansson/);
    expect(spanText(reply.citations[0])).toBe('Danish');
  });

  it('is still declined when nothing says where', () => {
    const index = buildIndex([recall]);
    expect(answerWithTrace(index, 'Where is Anna Berge based?').reply.kind).toBe('decline');
  });
});

describe('an "and X?" follow-up after a question for what someone said', () => {
  const trial = articleOf('orlin-trial', 'Builder jailed for pension fraud', [
    'A builder, Cyril Orlin, was jailed for nine years on Monday for stealing £2m from a pension fund.',
    'His barrister, Helen Marsh, said Orlin "deeply regrets the harm he has caused to so many people".',
    'The judge, Simon Faye, said the fraud was "cruel, careful and carried out over many years".',
  ]);
  const index = buildIndex([trial]);
  const history = (questions: readonly string[]): Turn[] => questions.flatMap((q) => [{ role: 'user' as const, text: q }, { role: 'bot' as const, text: 'ok' }]);

  it('asks what X said, in place of whom the question before asked about', () => {
    expect(resolveFollowUp(index, 'and the judge?', history(['who was jailed?', 'what did his barrister say?']))).toBe('what did the judge say?');
    expect(resolveFollowUp(index, 'and the jury?', history(['what did his barrister say?', 'and the judge?']))).toBe('what did the jury say?');
  });

  it('answers it with what the judge said', () => {
    const bot = createBot([trial]);
    const turns: Turn[] = [];
    let last = '';
    for (const q of ['who was jailed?', 'what did his barrister say?', 'and the judge?']) {
      const reply = bot.handle({ text: q, history: turns });
      turns.push({ role: 'user', text: q }, { role: 'bot', text: reply.lead });
      last = reply.citations[0]?.text ?? '';
    }
    expect(last).toMatch(/^The judge, Simon Faye, said/);
  });
});
