import { describe, expect, it } from 'vitest';
import { createBot, type Turn } from '../../src/core/index.ts';
import { articleOf, spanText } from '../helpers.ts';

// Made-up stories for the answering leftovers of the ninth probe round.

/** Plays a chat as the terminal keeps it: each answered question and each `who` card is a turn. */
function chat(bot: ReturnType<typeof createBot>, lines: readonly string[]) {
  const history: Turn[] = [];
  const replies = [];
  for (const text of lines) {
    const reply = bot.handle({ text, history: [...history] });
    replies.push(reply);
    if ((reply.command === 'ask' && reply.kind !== 'error') || (reply.command === 'who' && reply.kind === 'list')) {
      history.push({ role: 'user', text }, { role: 'bot', text: reply.lead });
    }
  }
  return replies;
}

const orly = articleOf('orly-flood', 'Floods close Orly valley roads', [
  'Floods closed six roads in the Orly valley on Monday, the county council said.',
  '"We have never seen the river this high," said the council\'s highways chief, Petra Holm.',
  'The forecaster Anton Brisk, 44, said the rain would ease by Tuesday. "The worst is over," he said.',
  'Holm said crews would clear the roads by Wednesday.',
]);

const succession = articleOf('orly-forecast', 'Orly forecaster takes over', [
  'The forecaster Anton Brisk, 44, who took over from Mira Stone, said the rain would ease.',
  '"The worst is over," Brisk said.',
  'Mira Stone, who retired in May, said she was proud of the service. "It was a privilege," Stone said.',
]);

describe('a pronoun after the `who` card', () => {
  it('means the person whose card was asked for', () => {
    const replies = chat(createBot([orly]), ['what did Petra Holm say?', 'who Anton Brisk', 'what did he say?']);
    expect(replies[2]?.citations[0]?.speaker).toBe('Anton Brisk');
  });

  it('means her after her card, too', () => {
    const replies = chat(createBot([orly]), ['what did Anton Brisk say?', 'who Petra Holm', 'what did she say?']);
    expect(replies[2]?.citations[0]?.speaker).toBe('Petra Holm');
  });

  it('reads a card shown as a platform shows it (with others it names) as about its person', () => {
    const card = 'Anton Brisk (person)\nRoles: forecaster\n[1] The forecaster Anton Brisk, 44, who took over from Mira Stone, said the rain would ease.';
    const history: Turn[] = [
      { role: 'user', text: 'who Anton Brisk' },
      { role: 'bot', text: card },
    ];
    const reply = createBot([succession]).handle({ text: 'what did he say?', history });
    expect(reply.citations[0]?.speaker).toBe('Anton Brisk');
  });

  it('reads the card as a question about its person, not about others the card names', () => {
    const replies = chat(createBot([orly]), ['who Anton Brisk', 'how old is he?']);
    expect(replies[1]?.kind).toBe('answer');
    expect(replies[1]?.citations[0]?.text).toMatch(/Anton Brisk, 44/);
  });
});

const gale = articleOf('brenna-gale', 'Gale shuts Brenna railway', [
  'Train operators cancelled dozens of services across the west after a gale brought down trees on Monday, leaving 4,000 homes without power.',
  'The gale reached 80mph on the coast.',
  'Are flights affected?',
  'Brenna Airport said 14 departures and 17 arrivals had been cancelled by noon. Travellers should check with their airline.',
  'Ferries to the islands were also suspended.',
]);

describe('a count of another noun, in the lede, over the count the question asks about', () => {
  it('keeps the sentence that ranks first when both count other nouns than the question\'s', () => {
    const reply = createBot([gale]).handle({ text: 'How many flights have been cancelled?' });
    expect(reply.citations[0]?.text).toMatch(/14 departures and 17 arrivals/);
  });
});

const plan = articleOf('marlo-plan', 'Marlo council sets out £600m spending plan with levy on cruise ships', [
  'Council leader Anya Petrov on Tuesday set out a £600 million spending plan that raises the threshold at which residents start paying the housing charge, introduces a new levy on cruise ship passengers and commits an extra £45 million to libraries over the next four years.',
  'Petrov said the plan would "put money back in residents\' pockets".',
  'The housing charge threshold will rise from £18,000 to £19,500.',
  'To help pay for the plan, Petrov announced a levy of £6 per passenger on cruise ships docking at Marlo from March 2028, which the council expects to raise £9 million a year.',
  'The port\'s operators said the levy would drive ships to other harbours.',
]);

describe('a lede full of figures, and the sentence that gives the asked one beside its words', () => {
  const bot = createBot([plan]);
  it('answers how much the levy is with the levy\'s sentence', () => {
    const reply = bot.handle({ text: 'How much is the cruise ship levy?' });
    expect(reply.citations[0]?.text).toMatch(/^To help pay for the plan/);
    expect(spanText(reply.citations[0])).toBe('£6');
  });

  it('answers when the levy starts with the levy\'s sentence, not the lede\'s day', () => {
    const reply = bot.handle({ text: 'When does the cruise levy start?' });
    expect(reply.citations[0]?.text).toMatch(/^To help pay for the plan/);
    expect(spanText(reply.citations[0])).toBe('March 2028');
  });

  it('marks what the levy raises, the figure right after the question\'s verb', () => {
    expect(spanText(bot.handle({ text: 'How much will the cruise levy raise?' }).citations[0])).toBe('£9 million');
  });

  it('still answers from the lede what only the lede gives', () => {
    expect(spanText(bot.handle({ text: 'How much will libraries get?' }).citations[0])).toBe('£45 million');
    expect(spanText(bot.handle({ text: 'How big is the spending plan?' }).citations[0])).toBe('£600 million');
  });
});

const hiking = articleOf('olvend-hiking', 'Weekend hiking cuts risk of back surgery, study finds', [
  'Office workers who hiked at least 20 kilometres a month were a quarter less likely to need back surgery over the following four years, a study by the University of Olvend found.',
  'Over four years, 6.1% of those who hiked at least 20 kilometres a month had back surgery, compared with 8.3% of those who hiked less.',
  'The study followed 2,900 adults, including non-smokers and smokers.',
]);

describe('two shares in one sentence', () => {
  const bot = createBot([hiking]);
  it('marks the share of the group the question asks about', () => {
    expect(spanText(bot.handle({ text: 'What percentage of hikers had back surgery?' }).citations[0])).toBe('6.1%');
  });

  it("marks the other group's share for the group named the other way round", () => {
    expect(spanText(bot.handle({ text: 'What percentage of non-hikers had back surgery?' }).citations[0])).toBe('8.3%');
  });
});

const flood = articleOf('tennick-flood', 'Floods swamp Tennick valley after week of rain', [
  'The river Tenn burst its banks on Sunday, flooding 300 homes in the Tennick valley, the county council said.',
  'Rescue teams took 40 people from their homes by boat.',
  'The last flood to reach the town centre was in March 2011, when the river rose by four metres and three people died.',
  'The council said it would open a relief centre at the Tennick school.',
], { published: '2026-02-09' });

describe('an earlier event told as background', () => {
  const bot = createBot([flood]);
  it('does not answer a yes-or-no question about the story with the earlier event', () => {
    expect(bot.handle({ text: 'Did anyone die in the flooding?' }).kind).toBe('decline');
  });

  it('leaves an undated story alone: its years may lie ahead', () => {
    const undated = articleOf('tennick-levy', 'Tennick sets a river levy', ['The council will charge a flood levy from April.', 'Homes on higher ground are exempt until the end of 2029.']);
    expect(createBot([undated]).handle({ text: 'Are homes on higher ground exempt?' }).kind).toBe('answer');
  });

  it('still answers it when the question asks about the earlier event or the past', () => {
    expect(bot.handle({ text: 'Did anyone die in the 2011 flood?' }).citations[0]?.text).toMatch(/March 2011/);
    expect(bot.handle({ text: 'Has the river ever flooded the town centre before?' }).citations[0]?.text).toMatch(/March 2011/);
  });
});

const vote = articleOf('sarn-vote', 'Union wins most seats in Sarn election', [
  'The Farmers Union won 40 of the 90 seats in Sarn\'s election on Sunday.',
  'Union leader Oskar Brell, a 51-year-old former trade minister, told supporters the result was "a call for change".',
  'Talks on a coalition are expected to last weeks, and the next government must pass a budget by June.',
  'Brell said the trade ministry would be led by an economist.',
]);

describe('the next holder of an office and a past one', () => {
  it('does not answer "who will be the next …" with someone called a former one', () => {
    expect(createBot([vote]).handle({ text: 'Who will be the next trade minister?' }).kind).toBe('decline');
  });

  it('still answers who leads the union with the same sentence', () => {
    expect(createBot([vote]).handle({ text: 'Who is the union leader?' }).citations[0]?.text).toMatch(/Oskar Brell/);
  });
});
