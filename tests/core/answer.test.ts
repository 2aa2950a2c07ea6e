import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex, createBot, ingestText } from '../../src/core/index.ts';
import { analyse, findEntities } from '../../src/core/analyse.ts';
import { articleOf, fixtureArticle, spanText, testBot } from '../helpers.ts';

const bot = testBot();
const ask = (text: string, history: { role: 'user' | 'bot'; text: string }[] = []) => bot.handle({ text, history });
const firstText = (text: string) => ask(text).citations[0]?.text ?? '';

describe('answering (bot.handle with a question)', () => {
  it('answers with a sentence of the article and its citation', () => {
    const reply = ask('When will the bridge open?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]).toMatchObject({ articleId: 'lisbon-council-approves-harbour-bridge-after-long-dispute', outlet: 'The Coastal Herald', url: 'https://example.org/harbour', section: null, paragraph: 2 });
    expect(reply.citations[0]!.text).toBe('The bridge will cost about €420 million and is expected to open in 2029.');
    expect(reply.confidence).toBeGreaterThan(0.5);
    expect(reply.lead).toBe(reply.citations[0]!.text);
  });

  it('marks the span that answers a "when" question', () => {
    const c = ask('When will the bridge open?').citations[0]!;
    expect(c.text.slice(c.span!.start, c.span!.end)).toBe('2029');
  });

  it('marks what the article calls a person when asked who they are', () => {
    const c = ask('Who is Rui Tavares?').citations[0]!;
    expect(c.text.slice(c.span!.start, c.span!.end)).toBe('Portuguese Prime Minister Rui Tavares');
  });

  it('answers "who is X" with the sentence that says what X is, and marks the title and the words in apposition', () => {
    const article = articleOf('flood-causes', 'Flood causes debated', [
      'Experts say the flooding reflects a wider pattern. Dr. Amara Okeke-Bassey, a hydrologist at the University of Lenmouth, said poor drainage had made villages more vulnerable.',
      '"The rain is only part of the story," Okeke-Bassey said.',
    ]);
    const c = answerWithTrace(buildIndex([article]), 'Who is Amara Okeke-Bassey?').reply.citations[0]!;
    expect(c.text).toMatch(/a hydrologist at the University of Lenmouth/);
    expect(c.text.slice(c.span!.start, c.span!.end)).toBe('Dr. Amara Okeke-Bassey, a hydrologist at the University of Lenmouth');
  });

  it('answers "what is X?" about a term with the sentence that defines it, and marks the definition', () => {
    const article = articleOf('pill-trial', 'Weekly pill cuts stroke risk', [
      'Regulators have not said when tarvomab could be approved.',
      'The drug, called tarvomab, lowers fibrinoid-7, a protein in the blood that thickens it.',
      'Fibrinoid-7 levels fell by an average of 60%.',
      'Half the patients were given tarvomab and half a placebo.',
    ]);
    const index = buildIndex([article]);
    expect(answerWithTrace(index, 'What is tarvomab?').reply.citations[0]?.text).toMatch(/^The drug, called tarvomab/);
    const c = answerWithTrace(index, 'What is fibrinoid-7?').reply.citations[0]!;
    expect(c.text).toMatch(/^The drug, called tarvomab/);
    expect(spanText(c)).toBe('a protein in the blood that thickens it');
  });

  it('answers "what is X?" with the sentence that defines X when X holds a name ("Korvan tax law"), is labelled so, or is explained in brackets', () => {
    const article = articleOf('korvan-tax', 'Korvan tax reform passes', [
      'The three sources of Korvan tax law are statutes, rulings and custom.',
      'Korvan tax law is a body of rules that sets what households and firms owe the state.',
      'Most disputes over Korvan tax law end in the regional courts.',
      'Dunmark sellers paid a lower duty than other traders in the port.',
      'Salted fish from the northern coast was sometimes labelled as dunmark or harbour fish.',
      'The Velsh were given grazing rights in the valley, and the Velsh kept their own courts.',
      'Traders in the port feared the Velsh (hill clans of the north) more than the winter.',
    ]);
    const index = buildIndex([article]);
    expect(answerWithTrace(index, 'What is Korvan tax law?').reply.citations[0]?.text).toMatch(/^Korvan tax law is a body of rules/);
    expect(answerWithTrace(index, 'What was dunmark?').reply.citations[0]?.text).toMatch(/^Salted fish from the northern coast/);
    // Words in brackets after a name say what it is.
    expect(answerWithTrace(index, 'Who were the Velsh?').reply.citations[0]?.text).toMatch(/^Traders in the port feared the Velsh/);
  });

  it('reads a small number in digits as the word or Roman numeral an article writes ("4 schools" is "four schools", "War 2" is "War II")', () => {
    const article = articleOf('orlen-weavers', 'Orlen weavers mark guild anniversary', [
      'The Teyra guild had four great schools of weaving, which it inherited from the founders of Orlen.',
      'Each school kept its own patterns and trained apprentices for seven years.',
      'During Border War II, Mayor Ilse Drummond ran the city from the harbour fort.',
      'The guild hall was rebuilt after the war with money from the wool trade.',
    ]);
    const index = buildIndex([article]);
    const four = answerWithTrace(index, 'How did the Teyra guild come to have the 4 schools of weaving?');
    expect(four.trace.declined).toBe(false);
    expect(four.reply.citations[0]?.text).toMatch(/^The Teyra guild had four great schools/);
    // A number the article never writes, in any form, is still unknown.
    expect(answerWithTrace(index, 'How did the Teyra guild come to have 5 schools of weaving?').trace.declined).toBe(true);
    const war = answerWithTrace(index, 'Where did Ilse Drummond run the city from during Border War 2?');
    expect(war.reply.citations[0]?.text).toMatch(/^During Border War II/);
    expect(war.reply.confidence).toBeGreaterThan(0.6);
  });

  it('matches inflected forms through stemming ("resigning" finds "resigned")', () => {
    expect(firstText('Why are the doctors resigning?')).toMatch(/last two doctors resigned|leaving because of exhaustion/);
  });

  it('finds a person by short name and by a misspelt name', () => {
    expect(firstText('What did Duarte promise about jobs?')).toBe('Duarte insisted the project would create 3,000 jobs.');
    expect(firstText('What did Duartte promise about jobs?')).toBe('Duarte insisted the project would create 3,000 jobs.');
  });

  it('tolerates a misspelt word', () => {
    expect(firstText('How much will the bridge cots?')).toMatch(/€420 million/);
    // Two neighbouring letters swapped count as one slip.
    expect(firstText('Why did the doctors resgin?')).toMatch(/last two doctors resigned/);
  });

  it('understands a demonym: "Portugal\'s prime minister" finds "Portuguese Prime Minister"', () => {
    expect(firstText("Has Portugal's prime minister committed money?")).toBe('Portuguese Prime Minister Rui Tavares has not committed any money.');
  });

  it('understands an alias: "the Herald" is The Coastal Herald', () => {
    expect(firstText('What did the Herald report about construction?')).toMatch(/^The Herald reported that construction crews/);
  });

  it('understands synonyms of news verbs ("give up" for "cede", "demand" for "insist")', () => {
    const article = fixtureArticle('donetsk-demand.txt');
    const seedBot = createBot([article]);
    expect(seedBot.handle({ text: 'Which regions would Putin give up partial claims to?' }).citations[0]!.text).toMatch(/relinquish partial claims/);
    expect(firstText('What did Duarte demand?')).toMatch(/Duarte insisted|ask the national government/);
  });

  it('understands the words readers use for what the article says another way ("hit" for "affected", "Tory" for "Conservative", "fall" for "cut")', () => {
    const article = articleOf('rent-cap', 'Court strikes down rent cap', [
      'Around 52,000 households in Lenbury are affected by the cap, the council said.',
      'The Conservative group leader, Mark Tolley, said his party would appeal.',
      'The Greens expect the ruling to cut evictions by about 15 percent.',
      'Rents in the town rose by 9 percent last year.',
    ]);
    const index = buildIndex([article]);
    const first = (question: string) => answerWithTrace(index, question).reply.citations[0]?.text ?? '';
    expect(first('How many households are hit by the cap?')).toMatch(/^Around 52,000 households/);
    expect(first('What did the Tory leader say?')).toMatch(/^The Conservative group leader/);
    expect(first('How much will evictions fall?')).toMatch(/cut evictions by about 15 percent/);
  });

  it('reads "back" as "restored": "what time were services back?"', () => {
    const article = articleOf('bank-outage-2', 'Bank app fails for nine hours', [
      'Customers of Corlow Bank could not log in to its app from early on Tuesday.',
      'The bank said services were fully restored at 3.50pm.',
    ]);
    const vote = articleOf('ferry-vote', 'Council backs ferry plan', [
      'Councillors voted at 7pm on Monday to bring the night ferry back next spring.',
      'Ferry services will run twice a night.',
    ]);
    const { reply, trace } = answerWithTrace(buildIndex([article, vote]), 'what time were services back?');
    expect(trace.reason).toBe('');
    expect(spanText(reply.citations[0])).toBe('3.50pm');
  });

  it('reads "husband" or "wife" as whom someone married', () => {
    const article = articleOf('marsh-obituary', 'Composer Lena Marsh dies at 91', [
      'Lena Marsh, whose film scores won three awards, has died at 91.',
      'Marsh married the painter Owen Vale in 1958. He died in 2009.',
      'She is survived by two daughters.',
    ]);
    const { reply, trace } = answerWithTrace(buildIndex([article]), "Who was Marsh's husband?");
    expect(trace.reason).toBe('');
    const c = reply.citations[0]!;
    expect(spanText(c)).toBe('Owen Vale');
  });

  it('resolves a pronoun in the article: "he argued" is about Silva', () => {
    expect(firstText('What did Silva argue about traffic?')).toBe('He argued that the bridge would bring heavy traffic into the old town.');
  });

  it('answers "what did X say" with X\'s quote', () => {
    const reply = ask('What did Silva say?');
    expect(reply.citations[0]!.text).toMatch(/monument to cars/);
    expect(reply.citations[0]!.speaker).toBe('Marco Silva');
  });

  it('answers "what did X say" with a quote whose speaker is named only in the sentence before, its sentences in order', () => {
    const reply = ask('What did Helena Duarte say?');
    expect(reply.citations.slice(0, 2).map((c) => c.text)).toEqual(['"We cannot afford to wait.', 'Every year of delay costs us more than the bridge itself."']);
    expect(reply.citations.slice(0, 2).every((c) => c.primary && c.speaker === 'Helena Duarte')).toBe(true);
  });

  it('cites the quote, not its introduction, when asked how someone replied', () => {
    expect(firstText('How did Duarte reply when asked whether the city could afford it?')).toMatch(/^"We cannot afford to wait\./);
  });

  it('declines a question about a person the articles never mention, naming who they do mention', () => {
    const reply = ask('What did Macron say about the bridge?');
    expect(reply.kind).toBe('decline');
    expect(reply.citations).toHaveLength(0);
    expect(reply.lead).toMatch(/don't mention Macron/);
    expect(reply.lead).toMatch(/Helena Duarte/);
    expect(reply.suggestions.length).toBeGreaterThan(0);
    expect(reply.confidence).toBeLessThan(0.5);
  });

  it('declines a topic the articles do not cover even when other words match', () => {
    expect(ask('What is the population of Lisbon?').kind).toBe('decline');
    expect(ask('Who won the World Cup?').kind).toBe('decline');
  });

  it('declines a "how many" question when no candidate sentence has a number', () => {
    expect(ask('How many cars cross the river each day?').kind).toBe('decline');
  });

  it('suggests only questions it can answer', () => {
    const reply = ask('What did Macron say about the bridge?');
    for (const s of reply.suggestions) expect(ask(s).kind).toBe('answer');
  });

  it('resolves a follow-up pronoun from the earlier turns', () => {
    const history = [
      { role: 'user' as const, text: 'Who is Marco Silva?' },
      { role: 'bot' as const, text: 'Opposition councillor Marco Silva voted against the plan.' },
    ];
    const reply = ask('What did he argue?', history);
    expect(reply.question).toBe('What did Marco Silva argue?');
    expect(reply.citations[0]!.text).toBe('He argued that the bridge would bring heavy traffic into the old town.');
  });

  it('resolves an elliptical follow-up ("and Tavares?") against the previous question', () => {
    const history = [{ role: 'user' as const, text: 'What did Silva say?' }];
    const reply = ask('and Tavares?', history);
    expect(reply.question).toBe('What did Tavares say?');
    expect(reply.citations[0]!.text).toMatch(/Tavares|He told reporters/);
  });

  it('refuses an empty or overlong question with a clear error', () => {
    expect(ask('   ')).toMatchObject({ kind: 'error', code: 'EMPTY_QUESTION' });
    expect(bot.handle({ text: 'why '.repeat(200), command: 'ask' })).toMatchObject({ kind: 'error', code: 'TOO_LONG' });
  });
});

describe('question analysis of "what did X say"', () => {
  it("lets the speech verb frame the question without its synonyms, and finds the speaker's quote", () => {
    const index = buildIndex([fixtureArticle('harbour-vote.txt')]);
    const query = analyse(index, 'What did Silva say?');
    expect(query.asksForQuote).toBe(true);
    expect(query.terms.filter((t) => t.of === 'sai').map((t) => t.kind)).toEqual(['key']);
    expect(firstText('What did Silva say?')).toContain('monument to cars');
  });
});

describe('question analysis: the answer type of plural and nationality questions', () => {
  it('expects places for "which countries", "what cities" and "which nationalities"', () => {
    const index = buildIndex([fixtureArticle('harbour-vote.txt')]);
    for (const q of ['Which countries gave support?', 'What cities voted?', 'Which nationalities are affected?', 'Which islands were hit?']) {
      expect(analyse(index, q).answerType, q).toBe('place');
    }
  });

  it('expects a measure for "how strong", "how fast", "how deep", and does not need the word itself', () => {
    const article = articleOf('storm-warning', 'Storm Ebba to hit the coast', [
      'Storm Ebba is expected to bring winds of up to 75mph to the coast on Friday.',
      'Forecasters said the winds would ease by Saturday evening.',
    ]);
    const index = buildIndex([article]);
    const { reply, trace } = answerWithTrace(index, 'How strong will the winds get?');
    expect(trace.query.answerType).toBe('number');
    expect(trace.reason).toBe('');
    const c = reply.citations[0]!;
    expect(spanText(c)).toBe('75mph');
  });
});

describe('follow-ups about "it" and questions written in lower case', () => {
  const terminal = articleOf('ferry-terminal', 'City to open ferry terminal', [
    'The city will open its new ferry terminal on the east quay in May, the port authority said.',
    'Building the terminal will cost about €30 million, shared with the regional government.',
  ]);
  const gym = articleOf('school-gym', 'School gym rebuilt', [
    'The rebuilt gym cost €2 million.',
    'Pupils returned to the gym on Monday after a year of lessons in a tent.',
  ]);
  const index = buildIndex([terminal, gym]);

  it('reads "it" in a follow-up as what the previous question was about', () => {
    const history = [{ role: 'user' as const, text: 'When will the ferry terminal open?' }];
    const { reply } = answerWithTrace(index, 'How much will it cost?', history);
    expect(reply.citations[0]?.text).toBe('Building the terminal will cost about €30 million, shared with the regional government.');
  });

  it('finds the names of a question written all in lower case, but takes no common word for a name', () => {
    const harbour = buildIndex([fixtureArticle('harbour-vote.txt')]);
    expect(analyse(harbour, 'what did silva say').entities.map((r) => r.entity.name)).toEqual(['Marco Silva']);
    expect(analyse(harbour, 'what did marco silva say about the bridge').entities.map((r) => r.entity.name)).toEqual(['Marco Silva']);
    expect(analyse(harbour, 'what did the herald report').entities.map((r) => r.entity.type)).not.toContain('organisation');
    expect(analyse(harbour, 'what did the coastal herald report').entities.map((r) => r.entity.name)).toEqual(['Coastal Herald']);
  });
});

describe('the answering span', () => {
  const article = articleOf('relief-mission', 'Relief mission reaches flooded delta', [
    'About 1,200 volunteers from Kenya and Uganda joined the relief mission, with Norway, Canada, and the United Kingdom providing aircraft.',
    'The form, which officials say runs from ten to 32 pages, must be returned by every family.',
    'The mission will end within six weeks, once the roads are open again.',
    '"We will stay as long as we are needed," said Amina Odhiambo of the Red Crescent, who leads the mission.',
    'Mission chief Amina Odhiambo met Joseph Mwangi, the delta governor, on Friday.',
  ]);
  const index = buildIndex([article]);
  const spanOf = (question: string) => {
    const c = answerWithTrace(index, question).reply.citations[0]!;
    return spanText(c);
  };

  it('takes the list of names nearest the matched words, not the first name of the sentence', () => {
    expect(spanOf('Which countries provided aircraft?')).toBe('Norway, Canada, and the United Kingdom');
  });

  it('takes the number nearest the matched words, with the range it belongs to', () => {
    expect(spanOf('How many volunteers joined the relief mission?')).toBe('1,200');
    expect(spanOf('How many pages does the form have?')).toBe('ten to 32');
  });

  it('marks a time said without a date, preferring one with a count ("within six weeks" over "once the roads are open")', () => {
    expect(spanOf('When will the mission end?')).toBe('within six weeks');
  });

  it('marks a name only as a whole word, not inside a longer one ("Cole" in "Coleman")', () => {
    const visit = articleOf('council-visit', 'Councillor visits farm', ['Councillor Ben Cole visited the Coleman family farm on Monday.', 'Cole said the farm needs a new road.']);
    const c = answerWithTrace(buildIndex([visit]), 'Who visited the Coleman family farm?').reply.citations[0]!;
    expect(c.text.slice(c.span!.start, c.span!.end)).toBe('Ben Cole');
  });

  it('marks what a sentence calls someone after the name, and never another person for "who is X"', () => {
    expect(spanOf('Who is Joseph Mwangi?')).toBe('Joseph Mwangi, the delta governor');
    expect(spanOf('Who is Amina Odhiambo?')).not.toBe('Joseph Mwangi');
  });
});

describe('choosing among several numbers or dates of one sentence', () => {
  const spanIn = (paragraphs: string[], question: string) => {
    const c = answerWithTrace(buildIndex([articleOf('figures', 'Figures in the news', paragraphs)]), question).reply.citations[0]!;
    return spanText(c);
  };
  const storm = ['At least 17 people died and 40 were injured when a storm struck the Velmar coast on Tuesday, officials said.', 'Rescue teams from Odrin searched collapsed homes through the night.'];

  it('marks the number whose own words the question asks about, not the first or the one beside a shared word', () => {
    expect(spanIn(storm, 'How many injured?')).toBe('40');
    expect(spanIn(storm, 'How many people were injured?')).toBe('40');
    expect(spanIn(storm, 'How many died?')).toBe('17');
    expect(spanIn(storm, 'How many people died?')).toBe('17');
  });

  it('tells counts of different things apart by the noun after each number', () => {
    const border = ['The army of Kestria sent 20 tanks and 450 troops to the border on Friday.', 'The defence ministry gave no reason.'];
    expect(spanIn(border, 'How many troops were sent?')).toBe('450');
    expect(spanIn(border, 'How many tanks were sent?')).toBe('20');
  });

  it('does not take the day of a date for a count', () => {
    const market = ['As of 30 June, the Dunmore exchange had 212 companies listed, officials said.', 'Trading volumes rose sharply.'];
    expect(spanIn(market, 'How many companies were listed on the exchange in June?')).toBe('212');
  });

  it('marks the date whose own words the question asks about', () => {
    const phone = ['The Vantor X2 phone goes on sale on 14 March, with pre-orders opening on 2 March.', 'Vantor said the handset will cost 799 euros.'];
    expect(spanIn(phone, 'When do pre-orders open?')).toBe('2 March');
    expect(spanIn(phone, 'When does the phone go on sale?')).toBe('14 March');
    const talks = ['The talks in Brennic began on Monday and ended on Thursday with a deal.', 'Both sides welcomed the outcome.'];
    expect(spanIn(talks, 'When did the talks end?')).toBe('Thursday');
    expect(spanIn(talks, 'When did the talks begin?')).toBe('Monday');
  });
});

describe('questions that ask for a score', () => {
  const report = articleOf('cup-tie', 'Rovers edge Dunmill in cup tie', [
    'Kestwick Rovers beat Dunmill Town 2-1 at Ferrow Park on Saturday to reach the quarter-finals of the county cup.',
    'Anton Vell scored twice for the hosts, and Dunmill replied through a late header from Ivo Brask.',
    'Rovers manager Kenna Lowe said her side had deserved the win after a difficult 2024-25 season.',
    'About 10-12 supporters were ejected from the ground, police said.',
    'Dunmill, who were held to a 1-1 draw by Rovers in the league last month, have now lost three games in a row.',
  ]);
  const index = buildIndex([report]);
  const answer = (question: string) => {
    const { reply, trace } = answerWithTrace(index, question);
    const c = reply.citations[0];
    return { type: trace.query.answerType, text: c?.text ?? '', span: spanText(c) };
  };

  it('reads "what was the score", "the final score", "the result" and "how did the match end" as asking for a score, and marks it', () => {
    for (const q of ['What was the score?', "What's the score?", 'What was the final score?', 'What was the full-time score?', 'What was the result?', 'How did the match end?']) {
      const a = answer(q);
      expect(a.type, q).toBe('score');
      expect(a.text, q).toMatch(/^Kestwick Rovers beat Dunmill Town 2-1/);
      expect(a.span, q).toBe('2-1');
    }
  });

  it('marks the score with the word that says what it was', () => {
    const a = answer('What was the score in the league last month?');
    expect(a.text).toMatch(/held to a 1-1 draw/);
    expect(a.span).toBe('1-1 draw');
  });

  it('does not take a season, a range or a count for a score, and other questions read the numbers as before', () => {
    const season = buildIndex([
      articleOf('season-review', 'Rovers look back', [
        'Rovers manager Kenna Lowe said the 2024-25 season had been difficult.',
        'About 10-12 supporters were ejected from the ground at Ferrow Park.',
        'The ground opens at 9-5 on weekdays, and children aged 5-11 go free.',
      ]),
    ]);
    expect(answerWithTrace(season, 'What was the score?').reply.kind).toBe('decline');
    expect(answer('How many supporters were ejected?')).toMatchObject({ type: 'number', span: '10-12' });
  });
});

describe('a count of the story\'s own event over one from an earlier year', () => {
  const paragraphs = [
    'At least 17 people were killed when rivers burst their banks in the Varro valley on Monday, officials said.',
    'Thousands of residents were moved to shelters as the water rose.',
    'The region is prone to flooding. A 2019 flood disaster killed more than 600 people.',
  ];
  const ask = (question: string, published?: string) => {
    const article = articleOf('varro-floods', 'Floods sweep Varro valley', paragraphs, { published });
    return answerWithTrace(buildIndex([article]), question).reply.citations[0]?.text ?? '';
  };

  it('answers from the lede, which the headline says is about the floods, not from a sentence about an earlier year', () => {
    expect(ask('How many people were killed in the floods?')).toMatch(/^At least 17 people were killed/);
    expect(ask('How many people were killed in the floods?', '2025-03-04')).toMatch(/^At least 17 people were killed/);
  });

  it('keeps the earlier year\'s sentence when the question names that year', () => {
    expect(ask('How many people were killed in the 2019 floods?')).toMatch(/^A 2019 flood disaster/);
  });

  it('keeps a sentence that gives this year\'s count before comparing it with an earlier year\'s', () => {
    const article = articleOf(
      'dunholm-election',
      'Greens take Dunholm council as Labour slumps',
      [
        'Party wins 24 of 45 seats in the biggest upset in the borough for decades',
        'The Greens won control of Dunholm council on Friday.',
        'Labour won 12 seats, down from 26 at the last election in 2021.',
      ],
      { published: '2026-05-08' },
    );
    const c = answerWithTrace(buildIndex([article]), 'How many seats did Labour win?').reply.citations[0]!;
    expect(c.text).toMatch(/^Labour won 12 seats/);
    expect(spanText(c)).toBe('12');
  });
});

describe('finding an entity by one word of its name', () => {
  it('takes the person whose full name has the word before one whose name is spelt almost alike', () => {
    const article = articleOf('harbour-siege', 'Rebels hold harbour', [
      'Rebel leader Samuel Okafur has held the harbour since March.',
      '"We will take the harbour back within days," said Tunde Adeyemi Okafor, the army spokesman.',
      'Okafur has not been seen in public since the siege began.',
    ]);
    const index = buildIndex([article]);
    expect(findEntities(index, 'Okafor').map((r) => r.entity.name)).toEqual(['Tunde Adeyemi Okafor']);
    expect(findEntities(index, 'Okafur').map((r) => r.entity.name)).toEqual(['Samuel Okafur']);
    expect(answerWithTrace(index, 'What did Okafor say?').reply.citations[0]?.text).toContain('We will take the harbour back');
  });
});

describe('related forms of a word the articles never use', () => {
  it('finds "close" for "closure" and "invade" for "invasion", instead of an unknown term', () => {
    const article = articleOf('mine-invasion', 'Mine closed as troops invade region', [
      'The owners will close the Karsk copper mine by the summer.',
      'Northern troops invaded the border region on Monday, the defence ministry said.',
    ]);
    const index = buildIndex([article]);
    const closure = answerWithTrace(index, 'What about the closure of the copper mine?');
    expect(closure.trace.query.unknownTerms).toEqual([]);
    expect(closure.reply.citations[0]?.text).toBe('The owners will close the Karsk copper mine by the summer.');
    const invasion = answerWithTrace(index, 'When was the invasion of the border region?');
    expect(invasion.trace.query.unknownTerms).toEqual([]);
    expect(invasion.reply.citations[0]?.text).toMatch(/^Northern troops invaded/);
  });

  it('reads no word as an irregular form plus a suffix ("sentence" is not "sent")', () => {
    const article = articleOf('fraud-trial', 'Bookkeeper convicted of fraud', [
      'A bookkeeper was convicted of stealing £200,000 from the Marlow parish fund.',
      'The judge sent the jury home early on Friday.',
    ]);
    const { trace } = answerWithTrace(buildIndex([article]), 'What was her sentence?');
    expect(trace.query.keys.has('send')).toBe(false);
    expect(trace.ranked[0]?.doc.sentence.text).not.toBe('The judge sent the jury home early on Friday.');
  });

  it('finds the hackers for "hacked"', () => {
    const article = articleOf('app-breach', 'Payments app admits data breach', [
      'Hackers took the names and emails of 2.1 million customers from the Penmoor app last week.',
      'The company said it had told the regulator on Friday.',
    ]);
    const { reply, trace } = answerWithTrace(buildIndex([article]), 'how many customers were hacked?');
    expect(trace.query.unknownTerms).toEqual([]);
    expect(spanText(reply.citations[0])).toBe('2.1 million');
  });

  it('finds the prosecutor for "who prosecuted", and counts the related form as fully as the written word', () => {
    const article = articleOf('mill-fraud', 'Mill owner jailed for pension fraud', [
      "Former mill owner Victor Haldane was jailed for six years on Friday for defrauding his workers' pension fund.",
      'Prosecutor Miriam Osei told the jury that Haldane had moved £1.2 million into accounts he controlled.',
      'The judge said the case showed how easily a small pension fund could be plundered.',
      'A spokesperson for the pensions regulator said the case was a warning to other trustees.',
    ]);
    const { reply, trace } = answerWithTrace(buildIndex([article]), 'Who prosecuted the case?');
    expect(trace.query.keys.get('prosecutor')).toBeGreaterThanOrEqual(trace.query.keys.get('case')!);
    expect(reply.kind).toBe('answer');
    const c = reply.citations[0]!;
    expect(c.text).toMatch(/^Prosecutor Miriam Osei/);
    expect(c.text.slice(c.span!.start, c.span!.end)).toBe('Miriam Osei');
  });
});

describe('"how did X react?"', () => {
  it("does not take someone else's quote that mentions X as X's response", () => {
    const article = articleOf('port-fees', 'Port fees to rise', [
      'The port authority will raise docking fees by 8% from January.',
      '"This will hurt every shipping line that calls at Valmora," said analyst Ines Moreau.',
      'Valmora rejected the increase and said it would appeal to the regional court.',
    ]);
    const { reply } = answerWithTrace(buildIndex([article]), 'How did Valmora respond?');
    expect(reply.citations[0]?.text).toBe('Valmora rejected the increase and said it would appeal to the regional court.');
  });

  it('reads react and respond as framing the question, like say: not unknown, not a misspelling of another word', () => {
    const article = articleOf('mine-closure', 'Mine to close by summer', [
      'The owners of the Karsk copper mine will close it by the summer, putting 900 jobs at risk.',
      'Union leader Petra Lindqvist denounced the decision. "This is a betrayal of the whole valley," she said.',
      'The company hopes to reach a deal on redundancy pay within weeks.',
    ]);
    const index = buildIndex([article]);
    for (const q of ['How did Lindqvist react?', 'How did Petra Lindqvist respond to the decision?']) {
      const { reply, trace } = answerWithTrace(index, q);
      expect(trace.query.unknownTerms, q).toEqual([]);
      expect([...trace.query.keys.keys()], q).not.toContain('reach');
      expect(reply.kind, q).toBe('answer');
      expect(reply.citations[0]?.text, q).toMatch(/denounced the decision|betrayal of the whole valley/);
    }
  });
});

describe('a name of several words joined by "of" or "for the"', () => {
  it('is one name in a decline, with its "the"', () => {
    const declined = ask('What did the Foundation for Coastal Birds say about the bridge?');
    expect(declined.kind).toBe('decline');
    expect(declined.lead).toMatch(/^The articles don't mention the Foundation for Coastal Birds\./);
    // "and" joins two names, not one.
    expect(ask('What did Macron and Duarte discuss?').lead).toMatch(/^The articles don't mention Macron\./);
  });
});

describe('a declined follow-up', () => {
  it('shows the question as the user wrote it, not as briefbot rewrote it from the one before', () => {
    const article = articleOf('ward-beds', 'Hospital opens winter beds', [
      'Ashdale Hospital is opening 40 extra beds this winter.',
      'Its chief executive, Mira Holt, said staff were ready.',
    ]);
    const index = buildIndex([article]);
    const { reply, trace } = answerWithTrace(index, 'and the ambulances?', [
      { role: 'user', text: 'How many extra beds are being opened?' },
      { role: 'bot', text: 'Ashdale Hospital is opening 40 extra beds this winter.' },
    ]);
    expect(reply.kind).toBe('decline');
    expect(trace.query.text).not.toBe('and the ambulances?');
    expect(reply.lead).not.toContain(trace.query.text);
    expect(reply.lead).toMatch(/^The articles don't answer "and the ambulances\?"\./);
  });
});

describe('follow-up resolution', () => {
  it('resolves a pronoun to a person named with a title in the earlier turn ("Mayor Helena Duarte")', () => {
    const index = buildIndex([fixtureArticle('harbour-vote.txt')]);
    const history = [{ role: 'user' as const, text: 'Why did Mayor Helena Duarte back the bridge?' }];
    const query = analyse(index, 'what did she say?', history);
    expect(query.text).toBe('what did Mayor Helena Duarte say?');
    expect(query.entities.map((r) => r.entity.name)).toContain('Helena Duarte');
  });

  it('answers "what else did she say?" with a quote not given yet in the conversation', () => {
    const match = articleOf('rovers-manager', 'Rovers go top', [
      '"We were too slow in the first half," manager Gwen Ashby said after the match.',
      '"Tomas changed the game for us," she said.',
      'Calder Athletic manager Ivo Sorel said the red card was harsh.',
    ]);
    const bot = createBot([match]);
    const first = bot.handle({ text: 'What did Gwen Ashby say?' });
    expect(first.citations[0]!.text).toMatch(/too slow/);
    const history = [
      { role: 'user' as const, text: 'What did Gwen Ashby say?' },
      { role: 'bot' as const, text: first.lead },
    ];
    const more = bot.handle({ text: 'what else did she say?', history });
    expect(more.citations[0]!.text).toBe('"Tomas changed the game for us," she said.');
    expect(bot.handle({ text: 'what did she say next?', history }).citations[0]!.text).toBe('"Tomas changed the game for us," she said.');
  });

  it('reads "and her husband?" after "when did she die?" as "when did <her>\'s husband die?"', () => {
    const index = buildIndex([fixtureArticle('harbour-vote.txt')]);
    const history = [
      { role: 'user' as const, text: 'Why did Mayor Helena Duarte back the bridge?' },
      { role: 'bot' as const, text: '…' },
      { role: 'user' as const, text: 'when did she decide?' },
      { role: 'bot' as const, text: '…' },
    ];
    expect(analyse(index, 'and her deputy?', history).text).toBe("when did Mayor Helena Duarte's deputy decide?");
  });

  it('reads "he" after "who …?" as the person the answer gave, and after a question naming someone as that person', () => {
    const match = articleOf('rovers-win', 'Rovers go top', [
      'Harbridge Rovers went top on Saturday after substitute Tomas Okoro headed a late winner against Calder Athletic.',
      '"I have waited weeks for a chance like that," Okoro said.',
      'Manager Gwen Ashby praised the whole squad.',
    ]);
    const index = buildIndex([match]);
    const scorer = [
      { role: 'user' as const, text: 'Who scored the winner?' },
      { role: 'bot' as const, text: 'Harbridge Rovers went top on Saturday after substitute Tomas Okoro headed a late winner against Calder Athletic.' },
    ];
    expect(analyse(index, 'what did he say?', scorer).text).toBe('what did Tomas Okoro say?');
    const manager = [
      { role: 'user' as const, text: 'What did Gwen Ashby do?' },
      { role: 'bot' as const, text: 'Manager Gwen Ashby praised the whole squad.' },
    ];
    expect(analyse(index, 'what did she say?', manager).text).toBe('what did Gwen Ashby say?');
  });

  it('reads "she" as no one the article calls "he", though the last answer named him', () => {
    const profile = articleOf('cellist-profile', 'Mira Holt at 60', [
      'Mira Holt has played the cello for fifty years. She still practises every morning.',
      'Her new album was recorded with the pianist Aled Prys, who has played with her since 1990. He says it is her best.',
      'She rejects the idea that she is a pioneer. "I just kept playing," she says.',
    ]);
    const index = buildIndex([profile]);
    const history = [
      { role: 'user' as const, text: 'Who is Mira Holt?' },
      { role: 'bot' as const, text: 'Mira Holt has played the cello for fifty years.' },
      { role: 'user' as const, text: 'who plays on her album?' },
      { role: 'bot' as const, text: 'Her new album was recorded with the pianist Aled Prys, who has played with her since 1990.' },
    ];
    expect(analyse(index, 'what did she say about being a pioneer?', history).text).toBe('what did Mira Holt say about being a pioneer?');
  });
});

describe('follow-ups to an answer', () => {
  const fire = articleOf('warehouse-fire', 'Fire destroys Tennick warehouse', [
    'A fire destroyed a furniture warehouse in Tennick on Tuesday night.',
    'Station Commander Lise Varndell, who is heading the fire inquiry, said: "The building was well alight when crews arrived." She added: "We believe the fire started in the loading bay."',
    'Crews from four stations fought the fire for six hours because strong winds kept spreading the flames.',
  ]);
  const index = buildIndex([fire]);

  it('reads "she" after "who is heading …?" as the titled person the answer gave, even in her own quote', () => {
    const history = [
      { role: 'user' as const, text: 'who is heading the fire inquiry?' },
      { role: 'bot' as const, text: 'Station Commander Lise Varndell, who is heading the fire inquiry, said: "The building was well alight when crews arrived."' },
    ];
    expect(analyse(index, 'what did she say?', history).text).toBe('what did Lise Varndell say?');
    const reply = createBot([fire]).handle({ text: 'what else did she say?', history });
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]!.text).toMatch(/loading bay/);
  });

  it('asks a bare "why?", "when?" or "how?" about what the question before was about', () => {
    const history = [
      { role: 'user' as const, text: 'How long did crews fight the fire?' },
      { role: 'bot' as const, text: 'Crews from four stations fought the fire for six hours because strong winds kept spreading the flames.' },
    ];
    expect(analyse(index, 'why?', history).text).toBe('why crews fight fire?');
    const why = createBot([fire]).handle({ text: 'why?', history });
    expect(why.kind).toBe('answer');
    expect(why.citations[0]!.text).toMatch(/because strong winds/);
    // A bare follow-up after a bare follow-up is still about the thread's question.
    const longer = [...history, { role: 'user' as const, text: 'why?' }, { role: 'bot' as const, text: why.lead }];
    expect(analyse(index, 'and when?', longer).text).toBe('when crews fight fire?');
  });
});

describe('related terms and corpus statistics', () => {
  // Sentences of one paragraph each, a fifth of them with "said".
  const corpusOf = (sentences: number) =>
    ingestText(
      Array.from({ length: sentences }, (_, i) => (i % 5 === 0 ? `Officials said shipment ${i} left the harbour.` : `Shipment ${i} left the harbour on time.`)).join('\n\n') +
        '\n\nThe minister declared the harbour open.\n',
      { id: 'harbour-log', title: 'Harbour log', headline: false },
    );

  it('searches a synonym that a large corpus uses everywhere only for small corpora', () => {
    const synonymsOf = (sentences: number) => analyse(buildIndex([corpusOf(sentences)]), 'When did the minister declare the harbour open?').terms.filter((t) => t.kind === 'synonym').map((t) => t.term);
    expect(synonymsOf(50)).toContain('sai');
    expect(synonymsOf(1200)).not.toContain('sai');
  });
});

describe('a pronoun with nobody to stand for', () => {
  it('asks who is meant instead of quoting anyone, and answers once the thread names someone', () => {
    const alone = ask('what did he say?');
    expect(alone.kind).toBe('decline');
    expect(alone.lead).toContain('Who do you mean by "he"?');
    const inThread = ask('what did he say?', [{ role: 'user', text: 'Why did Mayor Helena Duarte back the bridge?' }]);
    expect(inThread.kind).toBe('answer');
    expect(inThread.citations[0]?.text).toContain('Duarte');
  });
});

describe('"when" questions answered without a calendar date', () => {
  it('answers with a time said another way ("immediately after the hearing"), not a decline for want of a date', () => {
    const article = articleOf('dredging-vote', 'Harbour committee to vote on dredging plan', [
      'The harbour committee will vote on the dredging plan immediately after the public hearing, its chairwoman Ana Lopes said.',
      'The plan would deepen the main channel by two metres to let larger cargo ships dock.',
      'Fishermen have complained that the dredging could disturb breeding grounds near the breakwater.',
    ]);
    const index = buildIndex([article]);
    const { reply, trace } = answerWithTrace(index, 'When will the committee vote on the dredging plan?');
    expect(trace.reason).not.toBe('no date');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toContain('immediately after the public hearing');
  });

  it('answers with the minute of a match, and marks the time without the clause after it', () => {
    const article = articleOf('cup-tie', 'Harlow United beat Stanmore 3-1', [
      'Stanmore took the lead in the 12th minute through Ola Brand.',
      'Harlow equalised before half-time and scored twice in the second half.',
      'The crowd of 4,200 was the largest of the season.',
    ]);
    const index = buildIndex([article]);
    const span = (question: string) => {
      const { reply, trace } = answerWithTrace(index, question);
      expect(trace.reason).toBe('');
      const c = reply.citations[0]!;
      return spanText(c);
    };
    expect(span('When did Stanmore take the lead?')).toBe('in the 12th minute');
    expect(span('When did Harlow equalise?')).toBe('before half-time');
  });
});

describe('"when" and "how often" said without a date or a number', () => {
  const article = articleOf('ferry-timetable', 'Island ferry to resume after repairs', [
    'The ferry company said the island service would resume within three months, once the new engine is fitted.',
    'The ferry first ran to the island in 1998, when the old pier was rebuilt.',
    'Until then, a smaller boat will cross on a weekly basis, weather permitting.',
  ]);
  const index = buildIndex([article]);

  it('answers "when will" with "within three months" rather than an older sentence that has a year', () => {
    const { reply, trace } = answerWithTrace(index, 'When will the ferry service resume?');
    expect(trace.reason).toBe('');
    expect(reply.citations[0]?.text).toContain('within three months');
  });

  it('answers "how often" with a frequency ("on a weekly basis") instead of declining for want of a number', () => {
    const { reply, trace } = answerWithTrace(index, 'How often will the smaller boat cross?');
    expect(trace.reason).not.toBe('no number');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toContain('on a weekly basis');
  });
});

describe('"what did X say" when the articles never report X saying anything', () => {
  const article = articleOf('canal-closure', 'Canal closed after lock gate fails', [
    'The canal authority closed the Verdon Canal on Monday after a lock gate failed, stranding 40 barges.',
    '"We expect to reopen within ten days," said Marta Ruiz, the authority\'s director.',
    'Barge operators from Belgium and the Netherlands were among those stranded.',
    'The shipping union said on Tuesday that its members would claim compensation for the lost days.',
  ]);
  const index = buildIndex([article]);

  it('declines, naming who was never quoted, instead of citing a sentence that only mentions them', () => {
    const { reply, trace } = answerWithTrace(index, 'What did Belgium say about the closure?');
    expect(trace.reason).toBe('not quoted');
    expect(reply.kind).toBe('decline');
    expect(reply.lead).toMatch(/^The articles mention Belgium but don't report anything it said\./);
    expect(answerWithTrace(index, 'What did Marta Ruiz tell the barge operators?').trace.reason).not.toBe('not quoted');
  });

  it('says "they" of a person it cannot quote', () => {
    const named = articleOf('canal-mention', 'Canal reopens', ['Engineer Tomas Berg inspected the new lock gate before the canal reopened on Friday.']);
    const { reply, trace } = answerWithTrace(buildIndex([named]), 'What did Tomas Berg say about the gate?');
    expect(trace.reason).toBe('not quoted');
    expect(reply.lead).toMatch(/^The articles mention Tomas Berg but don't report anything they said\./);
  });

  it('takes "according to its chief engineer, X, …" for X speaking, but not "according to police, X was …"', () => {
    const grid = articleOf('grid-repairs', 'Power cut leaves Ostley without heating', [
      'About 9,000 homes in Ostley lost power on Sunday after a substation flooded.',
      'Energy firm Voltra said it had 200 crews ready. According to its chief engineer, Priya Malden, repairs would take "at least a week".',
      'According to police, Tom Garrow was arrested near the substation on Monday.',
    ]);
    const gridIndex = buildIndex([grid]);
    const malden = answerWithTrace(gridIndex, 'What did Malden say?');
    expect(malden.trace.reason).not.toBe('not quoted');
    expect(malden.reply.kind).toBe('answer');
    expect(malden.reply.citations[0]!.text).toMatch(/^According to its chief engineer, Priya Malden, repairs would take/);
    expect(answerWithTrace(gridIndex, 'What did Tom Garrow say?').trace.reason).toBe('not quoted');
  });

  it('answers for an organisation with what its people said for it ("Jo Rees, chief executive of Open Doors")', () => {
    const named = articleOf('clinic-plan', 'Clinic plan criticised', [
      'The charity Open Doors Trust campaigns for rural health care.',
      '"A clinic nobody can reach is no clinic at all," said Joanna Rees, chief executive of the charity Open Doors Trust.',
    ]);
    const index = buildIndex([named]);
    expect(named.entities.find((e) => e.name === 'Joanna Rees')?.roles).toContain('chief executive of the charity Open Doors Trust');
    const { reply, trace } = answerWithTrace(index, 'What did Open Doors Trust say?');
    expect(trace.reason).not.toBe('not quoted');
    expect(reply.citations[0]?.text).toMatch(/A clinic nobody can reach/);
  });

  it('does not take a former employee for the organisation speaking ("a former engineer at the Harlow Institute")', () => {
    const named = articleOf('drone-maker', 'Drone maker Pellor opens factory', [
      'Pellor Dynamics opened its first factory in Brenmouth on Tuesday.',
      'The company was founded in 2019 by Ines Varga, a former engineer at the Harlow Institute, and Tom Askey.',
      '"We wanted to build where we grew up," Varga said.',
    ]);
    const index = buildIndex([named]);
    const { reply, trace } = answerWithTrace(index, 'What did the Harlow Institute say?');
    expect(trace.reason).toBe('not quoted');
    expect(reply.lead).toMatch(/^The articles mention the Harlow Institute but don't report anything it said\./);
  });

  it('declines for someone described, not named, whom the articles only mention ("raised it with the harbour master")', () => {
    const port = articleOf('marina-fees', 'Marina fees to double', [
      'Mooring fees at Quellin Marina will double from April, the marina trust said on Monday.',
      'Councillor Ada Pruitt said she had raised the rise with the harbour master. "Boat owners are being squeezed out," she said.',
    ]);
    const index = buildIndex([port]);
    const { reply, trace } = answerWithTrace(index, 'What did the harbour master say?');
    expect(trace.reason).toBe('not quoted');
    expect(reply.lead).toMatch(/^The articles mention the harbour master but don't report anything they said\./);
    // Where the description speaks, it is answered.
    const speaking = articleOf('marina-fees-2', 'Marina fees to double', [
      'Mooring fees at Quellin Marina will double from April.',
      'The harbour master said the fees had not risen in ten years.',
    ]);
    expect(answerWithTrace(buildIndex([speaking]), 'What did the harbour master say?').reply.kind).toBe('answer');
    // Written where it may act ("rejected"), it is left to the decision model.
    const rejecting = articleOf('marina-fees-4', 'Marina fees to double', ['Mooring fees at Quellin Marina will double from April.', 'The harbour master rejected the owners\' complaints on Friday.']);
    expect(answerWithTrace(buildIndex([rejecting]), 'What did the harbour master say?').trace.reason).not.toBe('not quoted');
  });

  it('keeps the "the" the question wrote before a name', () => {
    const named = articleOf('canal-board', 'Canal board meets', ['The Verdon Canal Board met on Friday to discuss the new lock gate.']);
    const { reply } = answerWithTrace(buildIndex([named]), 'What did the Verdon Canal Board say?');
    expect(reply.lead).toMatch(/^The articles mention the Verdon Canal Board but don't report anything it said\./);
  });

  it('answers when X speaks, in a quote or in reported speech without quotation marks', () => {
    expect(answerWithTrace(index, 'What did Marta Ruiz say?').reply.citations[0]?.text).toContain('We expect to reopen within ten days');
    const union = answerWithTrace(index, 'What did the shipping union say?');
    expect(union.trace.reason).not.toBe('not quoted');
  });

  it('reads "what did the director of X say" as a question about the director, not about X', () => {
    expect(answerWithTrace(index, "What did the director of the canal authority say?").trace.reason).not.toBe('not quoted');
  });
});

describe('the answering span of a quote', () => {
  it('ends at the closing quotation mark, before ", he said"', () => {
    const article = articleOf('mill-storm', 'Storm damages old mill', [
      '"The storm tore the roof off the east wing and flooded the basement," the owner said on Sunday.',
    ]);
    const reply = answerWithTrace(buildIndex([article]), 'What did the storm do to the east wing?').reply;
    const c = reply.citations[0]!;
    expect(c.span).not.toBeNull();
    expect(c.text.slice(c.span!.start, c.span!.end)).toBe('and flooded the basement');
  });
});

describe('a decline points at the story the question came near', () => {
  it('names the people of the nearest article and suggests questions about them, which the bot answers', () => {
    const declined = ask('Who funded the clinic renovation?');
    expect(declined.kind).toBe('decline');
    // The clinic story's people, not the harbour story's.
    expect(declined.lead).toMatch(/Mentioned people: Anna Reid/);
    expect(declined.suggestions.length).toBeGreaterThan(0);
    expect(declined.suggestions.join(' ')).toMatch(/Anna Reid|Glenmorra/);
    for (const s of declined.suggestions) expect(ask(s).kind).toBe('answer');

    const harbour = ask('What did the mayor say about the weather?');
    expect(harbour.kind).toBe('decline');
    expect(harbour.lead).toMatch(/Mentioned people: Helena Duarte/);
    for (const s of harbour.suggestions) expect(ask(s).kind).toBe('answer');
  });
});

describe('acronyms the articles spell out', () => {
  const article = articleOf('harbour-authority', 'Harbour authority approves new ferry terminal', [
    'The Harbour Development Authority approved a new ferry terminal on Monday, its chairman Luis Mota said.',
    'The terminal will replace a pier built after World War II, which has been closed since the spring storms.',
    'Construction is expected to take two years.',
  ]);
  const index = buildIndex([article]);

  it('reads "HDA" as the Harbour Development Authority, not as a name the articles never mention', () => {
    const query = analyse(index, 'What did the HDA approve?');
    expect(query.unknownNames).toEqual([]);
    expect([...query.keys.keys()]).toEqual(expect.arrayContaining(['harbour', 'develop', 'author']));
    const { reply } = answerWithTrace(index, 'What did the HDA approve?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toContain('approved a new ferry terminal');
  });

  it('does not read an acronym in wide use as another name with its initials ("FDA" is no "Fenwick Dairy Association")', () => {
    const dairy = articleOf('dairy-prices', 'Milk prices to rise', ['The Fenwick Dairy Association said milk prices would rise by 6% in March.']);
    const dairyIndex = buildIndex([dairy]);
    const { reply } = answerWithTrace(dairyIndex, 'What did the FDA say?');
    expect(reply.kind).toBe('decline');
    expect(reply.lead).toMatch(/don't mention the FDA/);
    expect(answerWithTrace(dairyIndex, 'What did the Fenwick Dairy Association say?').reply.kind).toBe('answer');
  });

  it('keeps a trailing numeral whole ("WW-II" for World War II)', () => {
    const query = analyse(index, 'When was the pier built after WW-II replaced?');
    expect(query.unknownNames).toEqual([]);
    expect([...query.keys.keys()]).toEqual(expect.arrayContaining(['world', 'war', 'ii']));
  });
});

describe('a request about a topic rather than a question', () => {
  it('answers "what do we know about X?", "any news on X?" and "summarise the X story" from the words about X', () => {
    for (const request of ['What do we know about the Glenmorra clinic?', 'Any news on the clinic in Glenmorra?', 'Summarise the Glenmorra clinic story', 'tell me about the clinic in Glenmorra']) {
      const reply = ask(request);
      expect(reply.kind, request).toBe('answer');
      expect(reply.citations[0]!.text, request).toMatch(/Glenmorra/);
    }
  });

  it('marks no part of the sentence, since the whole of it answers', () => {
    const reply = ask('Tell me about the Glenmorra clinic');
    expect(reply.citations[0]!.span).toBeNull();
    expect(ask('When will the clinic close?').citations[0]!.span).not.toBeNull();
  });

  it('still declines a topic the articles never mention', () => {
    expect(ask('What do we know about the Zorvath merger?').kind).toBe('decline');
  });
});

describe('a category noun after "what"', () => {
  it('is not a word the answer must contain: "what language" is answered by "in English"', () => {
    const article = articleOf('asylum-form', 'New asylum form', [
      'The form, which runs to 30 pages, "must be completed in English", the ministry said.',
      'Lawyers said the language of the form was too hard for many applicants.',
    ]);
    const { reply } = answerWithTrace(buildIndex([article]), 'What language must the form be completed in?');
    expect(reply.citations[0]?.text).toMatch(/must be completed in English/);
  });
});

describe('indefinite pronouns', () => {
  it('are not key terms: "was anyone hurt?" is answered by "nobody was hurt"', () => {
    const article = articleOf('depot-fire', 'Fire at bus depot', [
      'A fire broke out at the Carrow Road bus depot on Sunday night, destroying four buses.',
      'Firefighters said anyone living nearby should keep windows closed.',
      'Staff were evacuated and nobody was hurt.',
    ]);
    const reply = answerWithTrace(buildIndex([article]), 'was anyone hurt?').reply;
    expect(reply.citations[0]?.text).toMatch(/nobody was hurt/);
  });
});

describe('chat spelling of question words', () => {
  it('reads "wat", "hw" and "wen" at the start of a question as what, how and when', () => {
    const index = buildIndex([fixtureArticle('harbour-vote.txt')]);
    expect(analyse(index, 'wat did Silva say?').text).toBe('what did Silva say?');
    expect(analyse(index, 'hw many homes will the barrier protect?').answerType).toBe('number');
    expect(analyse(index, 'wen will the bridge open?').answerType).toBe('date');
    // A capitalised word before another starts a name.
    expect(analyse(index, 'Wen Li said what?').text).toBe('Wen Li said what?');
  });

  it('reads chat shorthand written in lower case as the words meant ("ppl", "govt", "yrs")', () => {
    const article = articleOf('mine-collapse', 'Mine collapse in Tarvo', [
      'Rescuers said 9 people were still trapped on Sunday night.',
      'The government said the mine had been inspected two years ago.',
    ]);
    const index = buildIndex([article]);
    expect(analyse(index, 'how many ppl are still trapped').text).toBe('how many people are still trapped');
    expect(answerWithTrace(index, 'how many ppl are still trapped').reply.citations[0]?.text).toMatch(/9 people were still trapped/);
    expect(answerWithTrace(index, 'when did the govt inspect the mine? how many yrs ago').reply.citations[0]?.text).toMatch(/two years ago/);
    // A capitalised word is a name or an acronym, not shorthand.
    expect(analyse(index, 'What did PPL say?').text).toBe('What did PPL say?');
  });
});

describe('the headline', () => {
  it('counts its words as words the articles use: a name only the headline writes is not "not mentioned"', () => {
    const article = articleOf('ferry-revolt', 'Ferry revolt grows in Tarnby', ['More than 40 councillors signalled they would vote against the plan to scrap the night ferry.']);
    const reply = answerWithTrace(buildIndex([article]), 'How many Tarnby councillors will vote against the plan?').reply;
    expect(reply.lead).not.toMatch(/don't mention/);
    expect(reply.citations[0]?.text).toMatch(/^More than 40 councillors/);
  });

  it('takes a word only the headline writes as the question\'s own word, not as a misspelling of a word the sentences use', () => {
    const article = articleOf('marlow-charge', 'Marlow Bay congestion charge explained', [
      'The charge for cars will be £8 a day from 1 June.',
      'A design contest for the new bus shelters will open in July.',
    ]);
    const index = buildIndex([article]);
    const keys = [...analyse(index, 'How much is the congestion charge?').keys.keys()];
    expect(keys).toContain('congest');
    expect(keys).not.toContain('contest');
    expect(answerWithTrace(index, 'How much is the congestion charge?').reply.citations[0]?.text).toMatch(/£8 a day/);
  });

  it("lends its words to every sentence of the story: \"in the Fenmoor raid\" names the story, not words the answer must have", () => {
    const raid = articleOf('fenmoor-raid', 'Police appeal after armed raid at Fenmoor jewellers', [
      'Two men threatened staff with a hammer at a shop on Quay Street on Tuesday afternoon.',
      'The men smashed three cabinets and stole watches worth £90,000, police said.',
      'Detectives have asked anyone who saw a grey van to come forward.',
    ]);
    const fair = articleOf('fenmoor-fair', 'Fenmoor fair returns after five years', [
      'The fair will run for a week and organisers expect 20,000 visitors.',
      'Stallholders said they had stolen a march on rival towns by booking early.',
    ]);
    const reply = answerWithTrace(buildIndex([raid, fair]), 'What was stolen in the Fenmoor raid?').reply;
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toMatch(/stole watches worth £90,000/);
  });
});

describe('amounts and times written the way British news writes them', () => {
  const article = articleOf('dairy-takeover', 'Dairy group agrees takeover', [
    'Brantwell Foods has agreed to buy its rival Oakridge Dairies for £1.7bn, in a deal that would create the largest cheese maker in the region.',
    'Brantwell said it would pay 385p a share and expected savings of £60m a year by 2028.',
    'The payment systems of both companies failed at about 7.15am on Monday, and were restored at 2.30pm.',
  ]);
  const index = buildIndex([article]);
  const spanOf = (question: string) => {
    const c = answerWithTrace(index, question).reply.citations[0]!;
    return spanText(c);
  };

  it('keeps a magnitude or pence written onto the figure ("£1.7bn", "385p", "£60m")', () => {
    expect(spanOf('How much is the Oakridge deal worth?')).toBe('£1.7bn');
    expect(spanOf('How much will Brantwell pay a share?')).toBe('385p');
    expect(spanOf('How much does Brantwell expect to save a year?')).toBe('£60m');
  });

  it('reads a time of day ("7.15am") as a time, not a number', () => {
    expect(spanOf('When did the payment systems fail?')).toBe('7.15am');
    expect(article.sections[0]!.paragraphs.at(-1)!.sentences[0]!.numbers).toEqual([]);
  });
});

describe('a count of things is not a span of time or an amount of money', () => {
  const article = articleOf('ferry-app', 'Ferry booking app Tidelink hit by outage', [
    'Tidelink, the ferry booking app, said on Monday that an outage had locked out about 240,000 of its users for most of the weekend.',
    'Tidelink chief executive Mara Voss said the company would give affected users six months of free bookings.',
    'The company said its ticket offices would stay open for two extra hours on Saturday to help travellers.',
  ]);
  const index = buildIndex([article]);

  it('answers "how many users" with the count of them, not with "six months" in a sentence that shares more words', () => {
    const c = answerWithTrace(index, 'How many users were affected by the Tidelink outage?').reply.citations[0];
    expect(c?.text).toMatch(/^Tidelink, the ferry booking app/);
    expect(spanText(c)).toBe('240,000');
  });

  it('declines "how many offices" rather than give "two extra hours" as the count', () => {
    expect(answerWithTrace(index, 'How many ticket offices does Tidelink have?').reply.kind).toBe('decline');
  });

  it('still answers "how many hours" with a span of time', () => {
    expect(spanText(answerWithTrace(index, 'How many extra hours will the ticket offices open?').reply.citations[0])).toBe('two');
  });
});

describe('the number a question counts is one of the thing it counts', () => {
  const spanOf = (paragraphs: string[], question: string, headline = 'Figures in the news') => {
    const c = answerWithTrace(buildIndex([articleOf('counts', headline, paragraphs)]), question).reply.citations[0];
    return { text: c?.text ?? null, span: spanText(c) };
  };

  it('marks the number followed by the counted noun, not a share of the vote or a count of another thing', () => {
    const vote = ['The Reed Party won 12.5% of the vote and 31 seats in the Callow assembly, officials said on Monday.', 'The Moss Party took 27.1% and 44 seats, down from 58.'];
    expect(spanOf(vote, 'How many seats did the Reed Party win?').span).toBe('31');
    expect(spanOf(vote, 'How many seats did the Moss Party win?').span).toBe('44');
    const fryers = ['Brackley has received 214 reports of its fryers overheating, including 47 fires and 19 burn injuries, the regulator said.'];
    expect(spanOf(fryers, 'How many fires have been reported?').span).toBe('47');
  });

  it('does not read the "one" of "one of the largest" as a count', () => {
    const recall = ['Corlin Appliances is recalling about 52,000 electric kettles because the base can overheat.', 'The recall is one of the largest involving electric kettles in Europe.'];
    const answer = spanOf(recall, 'How many kettles are being recalled?', 'Corlin Appliances recalls electric kettles');
    expect(answer.text).toMatch(/^Corlin Appliances is recalling/);
    expect(answer.span).toBe('52,000');
  });

  const launch = [
    "Tarvo Space's Kestrel rocket reached orbit for the first time on Friday, lifting off from Brenmoor and deploying 16 small satellites less than an hour later, a milestone for the young company.",
    'The 30-meter (98-foot) rocket lifted off from Pad 3 at dawn, after a delay of about 20 minutes.',
    "The rocket's upper stage reached an orbit about 480 kilometers (298 miles) above Earth roughly ten minutes after launch.",
    'Kestrel is designed to carry up to 900 kilograms (about 2,000 pounds) to low Earth orbit, and Tarvo sells launches for about $9 million each.',
  ];
  const headline = 'Tarvo rocket reaches orbit on second try, carrying 16 satellites';

  it('does not count things with a weight: "how many satellites" is not answered by "900 kilograms"', () => {
    const answer = spanOf(launch, 'How many satellites did Kestrel carry?', headline);
    expect(answer.text).toMatch(/^Tarvo Space's Kestrel rocket/);
    expect(answer.span).toBe('16');
  });

  it('answers "how high" with a measure, not with a count of satellites', () => {
    const answer = spanOf(launch, 'How high is the orbit?', headline);
    expect(answer.text).toMatch(/^The rocket's upper stage/);
    expect(answer.span).toBe('480 kilometers (298 miles)');
  });

  it('marks a measure with its conversion in brackets, not another number of its sentence ("Pad 3")', () => {
    expect(spanOf(['The 36-meter (118-foot) tower of the Pellam bridge opened to visitors on Saturday.'], 'How tall is the tower?').span).toBe('36-meter (118-foot)');
    expect(spanOf(launch, 'How tall is the rocket?', headline).span).toBe('30-meter (98-foot)');
  });

  it('answers "how tall is the rocket?" with the measure written before "rocket", not a height of something else it reached', () => {
    const story = [launch[0]!, launch[2]!, launch[3]!, 'Several rivals have gone out of business as satellite operators turned to rideshare flights on larger rockets.', launch[1]!];
    const answer = spanOf(story, 'How tall is the rocket?', headline);
    expect(answer.text).toMatch(/^The 30-meter/);
    expect(answer.span).toBe('30-meter (98-foot)');
  });

  it('answers "how long" with a span of time, not a count, and declines when only a count is given', () => {
    expect(spanOf(['The Halden study tracked 41,200 volunteers for an average of 9 years.', 'During the study, 712 volunteers developed arthritis.'], 'How long did the Halden study track volunteers?').span).toBe('9 years');
    const study = ['The research followed 41,200 adults aged 40 to 79 for an average of 9 years.', 'During the follow-up period, 712 participants developed arthritis.'];
    expect(answerWithTrace(buildIndex([articleOf('study', 'Swimming study', study)]), 'How long were participants followed?').reply.kind).toBe('decline');
  });
});

describe('a count bound to what the question says happened', () => {
  it('answers "how many were evacuated" with the count of the evacuated, not a count of people in another connection', () => {
    const article = articleOf('dunmere-fire', 'Wildfire near Dunmere forces thousands to flee', [
      'A wildfire near Dunmere forced the evacuation of about 3,500 residents on Sunday, officials said.',
      'An evacuation shelter has been opened at Dunmere Town Hall, where about 200 people spent the night.',
    ]);
    const c = answerWithTrace(buildIndex([article]), 'How many people were evacuated?').reply.citations[0];
    expect(c?.text).toMatch(/^A wildfire near Dunmere forced the evacuation/);
    expect(spanText(c)).toBe('3,500');
  });

  it('answers "how many are missing" with the missing, and marks "9 others", not "12 people" killed', () => {
    const article = articleOf('varne-floods', 'Floods in Varne leave thousands homeless', [
      'Heavy rain flooded villages across Varne on Monday and forced about 6,000 people from their homes, the agency said.',
      'At least 12 people were killed and 9 others remain missing, according to the agency.',
    ]);
    const c = answerWithTrace(buildIndex([article]), 'How many people are missing after the floods in Varne?').reply.citations[0];
    expect(c?.text).toMatch(/^At least 12 people were killed/);
    expect(spanText(c)).toBe('9');
  });

  it('keeps a count that names the counted noun when the question says nothing else happened to it', () => {
    const article = articleOf('venn-obituary', 'Ada Venn, harbour engineer, dies at 88', [
      'Born in the port of Selk, Ada Venn was the youngest of five children of a ferry captain.',
      'She is survived by her son and six grandchildren.',
    ]);
    expect(spanText(answerWithTrace(buildIndex([article]), 'How many grandchildren did Venn have?').reply.citations[0])).toBe('six');
  });
});

describe('a word of the question inside another of its words', () => {
  const article = articleOf('coldbrook-fire', 'Coldbrook fire spreads overnight', [
    'A wildfire near Coldbrook had burned about 6,000 acres by Tuesday evening and forced hundreds of families from their homes, officials said.',
    'No deaths have been reported, but three firefighters were treated for smoke inhalation and one resident suffered minor burns, Vale Fire Service said.',
    'Chief Dana Orr said about 400 firefighters were assigned to the blaze, supported by six helicopters.',
    'The fire was 10% contained on Wednesday morning, forecasters said.',
    'Schools in Coldbrook will stay closed until Friday.',
  ]);
  const index = buildIndex([article]);

  it('reads "fighting" of "how many firefighters are fighting the fire?" as said by "firefighters", not as unknown or a misspelling', () => {
    const query = analyse(index, 'How many firefighters are fighting the fire?');
    expect(query.unknownTerms).toEqual([]);
    expect([...query.keys.keys()]).not.toContain('fight');
    expect(answerWithTrace(index, 'How many firefighters are fighting the fire?').reply.kind).toBe('answer');
  });

  it('answers with the firefighters sent to the blaze, not those treated for smoke', () => {
    expect(spanText(answerWithTrace(index, 'How many firefighters are fighting the fire?').reply.citations[0])).toBe('400');
  });
});

describe('"what price …" asks for an amount', () => {
  it('marks the price, not the words after "price" in the sentence ("on Thursday")', () => {
    const article = articleOf('brewer-bid', 'Orlan Brewing agrees takeover of Fenwick Ales', [
      'Orlan Brewing said it would pay 250p a share in cash, a premium of 31% to the closing price of Fenwick Ales on Thursday.',
      'Shares in Fenwick Ales rose sharply in early trading.',
    ]);
    const c = answerWithTrace(buildIndex([article]), 'What price per share is Orlan paying?').reply.citations[0];
    expect(c?.text).toMatch(/^Orlan Brewing said it would pay 250p/);
    expect(spanText(c)).toBe('250p');
  });
});

describe('a count of none', () => {
  const article = articleOf('hill-fire', 'Hill fire forces hundreds from homes', [
    'The Marrow Hill fire has burned more than 9,000 acres and 800 people were moved to shelters.',
    'No deaths have been reported, but two firefighters were treated for smoke inhalation.',
  ]);
  const index = buildIndex([article]);

  it('marks "No deaths", never a count of something else in the sentence', () => {
    expect(spanText(answerWithTrace(index, 'How many deaths have been reported?').reply.citations[0])).toBe('No deaths');
    const died = answerWithTrace(index, 'How many people have died in the fire?').reply;
    if (died.kind === 'answer') expect(spanText(died.citations[0])).not.toBe('two');
  });
});

describe('"how old" asks for an age', () => {
  it('prefers a sentence that gives an age ("Owen Tarrant, 61,") to one with another count about the person', () => {
    const article = articleOf('club-treasurer', 'Club treasurer jailed', [
      'Former treasurer Owen Tarrant, 61, of Millbrook, was jailed for six years on Friday.',
      'Tarrant, who has run 40 marathons, took £84,000 from the club over six years.',
      'Tarrant has two children.',
    ]);
    const reply = answerWithTrace(buildIndex([article]), 'How old is Tarrant?').reply;
    expect(spanText(reply.citations[0])).toBe('61');
  });
});

describe('"how much" asks for an amount', () => {
  it('prefers a close sentence with an amount to one with a bare number such as an age', () => {
    const article = articleOf('club-fraud', 'Club treasurer jailed', [
      'Former treasurer Owen Tarrant, 61, of Millbrook, was jailed on Friday for stealing from the rowing club.',
      'The court heard that Tarrant took £84,000 of the club\'s money over six years.',
    ]);
    const reply = answerWithTrace(buildIndex([article]), 'How much money did Owen Tarrant steal from the club?').reply;
    expect(reply.citations[0]?.text).toMatch(/took £84,000/);
  });
});

describe('an office that several stories give someone', () => {
  const stories = [
    articleOf('ferry-strike', 'Ferry crews strike', ['Baltline Ferries cancelled all sailings.', '"We cannot pay more," said its chief executive, Lena Fors.']),
    articleOf('bank-breach', 'Bank data stolen', ['Hackers stole customer data from Corlow Bank.', '"We are deeply sorry," said its chief executive, Omar Haddad.']),
    articleOf('mill-sale', 'Paper mill sold', ['Ardley Paper sold its last mill.', '"The mill has a future," said its chief executive, Ruth Kemp.']),
  ];
  const index = buildIndex(stories);

  it('asks which holder is meant, naming each with their story, and suggests a question about each', () => {
    const { reply, trace } = answerWithTrace(index, 'What did the chief executive say?');
    expect(trace.reason).toBe('ambiguous office');
    expect(reply.kind).toBe('decline');
    expect(reply.lead).toMatch(/^Which chief executive do you mean\?/);
    for (const name of ['Lena Fors (Ferry crews strike)', 'Omar Haddad (Bank data stolen)', 'Ruth Kemp (Paper mill sold)']) expect(reply.lead).toContain(name);
    expect(reply.suggestions).toEqual(expect.arrayContaining(['What did Fors say?', 'What did Haddad say?', 'What did Kemp say?']));
    for (const q of reply.suggestions) expect(answerWithTrace(index, q).reply.kind, q).toBe('answer');
  });

  it('answers when the thread says which story it is about', () => {
    const { reply } = answerWithTrace(index, 'What did the chief executive say?', [
      { role: 'user', text: 'Why are the ferry crews striking?' },
      { role: 'bot', text: '"We cannot pay more," said its chief executive, Lena Fors.' },
    ]);
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toMatch(/Lena Fors/);
  });
});

describe('an office in a conversation', () => {
  it('is held by the person of the story the conversation is about', () => {
    const plant = articleOf('plant-jobs', 'Battery plant to bring 600 jobs', [
      'Voltrane will build a battery plant in Ashby, bringing 600 jobs.',
      '"This is a great day for Ashby," said Industry Minister Alan Bearden.',
      'Bearden said the plant would open in 2027.',
    ]);
    const coast = articleOf('coast-plan', 'State approves sea walls', [
      'The state cabinet approved a plan to build sea walls along the Lenmar coast.',
      'Coastal Minister Kavita Rane said the first walls would be finished by June.',
    ]);
    const index = buildIndex([plant, coast]);
    const history = [
      { role: 'user' as const, text: 'What will be built along the coast?' },
      { role: 'bot' as const, text: 'Coastal Minister Kavita Rane said the first walls would be finished by June.' },
    ];
    expect(analyse(index, 'what did the minister say?', history).entities.map((r) => r.entity.name)).toEqual(['Kavita Rane']);
  });
});

describe('"the CEO of X" is X\'s CEO', () => {
  it('reads an office followed by "of" and a name as that organisation\'s office holder', () => {
    const plant = articleOf('battery-plant', 'Voltrane to build battery plant', [
      'Voltrane will build a battery plant in Ashby, the company said on Monday.',
      '"Ashby has the land and the skills we need," said Voltrane chief executive Renata Solano in a statement.',
    ]);
    const index = buildIndex([plant]);
    expect(analyse(index, 'What did the CEO of Voltrane say?').entities.map((r) => r.entity.name)).toContain('Renata Solano');
    expect(answerWithTrace(index, 'What did the CEO of Voltrane say?').reply.citations[0]?.text).toMatch(/Ashby has the land/);
  });
});

describe('a person named by their office ("the Prime Minister", "the CEO")', () => {
  const politics = articleOf('ferry-levy', 'Varga defends ferry levy', [
    'Prime Minister Ilse Varga defended the new ferry levy on Tuesday as island MPs threatened to vote against it.',
    'Professor Anton Brel of the University of Marrow said the Prime Minister had "almost no room left" on the levy.',
    '"Nobody enjoys raising a levy," Varga said. "But the ferries must be paid for."',
    'Harbour Mayor Paulo Renn inspected the ferry terminal on Monday.',
  ]);
  const company = articleOf('quarry-results', 'Quarrix profits rise', [
    'Quarrix Holdings reported a record quarterly profit on Thursday.',
    '"This was our strongest quarter in a decade," Chief Executive Officer Mara Oakes said on a call with analysts.',
    'Chief Financial Officer Leon Batt said the company would spend more on new quarries next year.',
  ]);
  const index = buildIndex([politics, company]);

  it('answers "What did the Prime Minister say?" with her own words, not a sentence about her', () => {
    const { reply, trace } = answerWithTrace(index, 'What did the Prime Minister say?');
    expect(trace.query.entities.map((r) => r.entity.name)).toContain('Ilse Varga');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toContain('Nobody enjoys raising a levy');
    expect(answerWithTrace(index, 'what did the prime minister say').reply.citations[0]?.text).toContain('Nobody enjoys raising a levy');
  });

  it('reads a common abbreviation of a title as the title ("the CEO", "the PM")', () => {
    const ceo = answerWithTrace(index, 'What did the CEO say?');
    expect(ceo.trace.query.unknownNames).toEqual([]);
    expect(ceo.reply.kind).toBe('answer');
    expect(ceo.reply.citations[0]?.text).toContain('strongest quarter in a decade');
    expect(answerWithTrace(index, 'What did the PM say?').reply.citations[0]?.text).toContain('Nobody enjoys raising a levy');
    // However the title and the name were split between the entity's roles and its name.
    expect(analyse(index, "What did Quarrix's CFO say?").entities.some((r) => r.entity.name.endsWith('Leon Batt'))).toBe(true);
  });

  it('reads a name or nationality before the office as whose office it is ("the Korvanian president")', () => {
    const floods = articleOf('korvania-floods', 'Floods displace thousands in Korvania', [
      'The Korvanian Weather Agency has forecast more heavy rain for the region over the next week.',
      'President Anel Dobrev, who was abroad at a summit, said on social media that agencies must "spare no effort" to help victims.',
      'At least 12 people have died.',
    ]);
    const { reply, trace } = answerWithTrace(buildIndex([floods, politics]), 'What did the Korvanian president say?');
    expect(trace.query.entities.map((r) => r.entity.name)).toContain('Anel Dobrev');
    expect(reply.citations[0]?.text).toMatch(/^President Anel Dobrev/);
  });

  it('takes the holder a sentence calls whose office it is, when two people hold it ("the Tarnside manager")', () => {
    const match = articleOf('cup-replay', 'Ashby Rovers edge Tarnside in replay', [
      'Ashby Rovers beat Tarnside 2-1 in the cup replay on Tuesday night.',
      'Rovers manager Kate Ellory praised her defence after the game.',
      '"We dug in when it mattered," Ellory said. "I am proud of every one of them."',
      'Kate Ellory has now won six of her eight cup ties.',
      'Tarnside manager Piotr Vance was sent to the stands for protesting.',
      '"The second goal was offside and everyone in the ground saw it," Vance said.',
    ]);
    const index = buildIndex([match]);
    for (const q of ['What did the Tarnside manager say?', "What did Tarnside's manager say?", 'What did the manager of Tarnside say?']) {
      const { reply, trace } = answerWithTrace(index, q);
      expect(trace.query.entities.map((r) => r.entity.name), q).toContain('Piotr Vance');
      expect(trace.query.entities.map((r) => r.entity.name), q).not.toContain('Kate Ellory');
      expect(reply.citations[0]?.text, q).toMatch(/second goal was offside/);
    }
  });

  it('declines an office no one holds whose words the articles never write, and never reads it as a misspelling ("mayor" as "major")', () => {
    const bank = articleOf('bank-outage', 'Bank outage hits payments', [
      'It was the third major outage at Corlow Bank in two years.',
      'The prices of its shares fell 4% on Monday.',
    ]);
    const index = buildIndex([bank]);
    for (const [q, office] of [['What did the mayor say?', 'the mayor'], ['What did the prime minister say about the outage?', 'the prime minister']] as const) {
      const { reply, trace } = answerWithTrace(index, q);
      expect(trace.reason, q).toBe('unknown name');
      expect(reply.lead, q).toContain(`don't mention ${office}`);
    }
  });

  it('declines an office held by no one for whom the question says, naming it ("the mayor of Tarnside")', () => {
    const match = articleOf('cup-tie-town', 'Tarnside fans clash with police', [
      'Police arrested four Tarnside fans after the cup tie on Saturday.',
      'The club said it would pay for the extra officers.',
    ]);
    const bridge = articleOf('ashby-bridge', 'Ashby bridge reopens', [
      'Ashby mayor Rosa Quill reopened the Mill Lane bridge on Monday after a year of repairs.',
    ]);
    const { reply, trace } = answerWithTrace(buildIndex([match, bridge]), 'Who is the mayor of Tarnside?');
    expect(trace.reason).toBe('unknown name');
    expect(reply.lead).toMatch(/don't mention the mayor of Tarnside/);
  });

  it('answers "Who is the prime minister?" with the sentence that gives her the title', () => {
    const { reply } = answerWithTrace(index, 'Who is the prime minister?');
    expect(reply.kind).toBe('answer');
    const c = reply.citations[0]!;
    expect(c.text).toMatch(/^Prime Minister Ilse Varga/);
    expect(c.text.slice(c.span!.start, c.span!.end)).toContain('Ilse Varga');
  });

  it('takes, per article, the holder of the office mentioned most', () => {
    const other = articleOf('dam-levy', 'Dam levy approved', [
      'Prime Minister Oskar Dahl approved the dam levy, and Dahl said it would pay for new turbines.',
      'Deputy Prime Minister Rita Moss was not at the vote.',
      'Dahl later met the dam engineers.',
    ]);
    const names = analyse(buildIndex([politics, other]), 'What did the Prime Minister say?').entities.map((r) => r.entity.name);
    expect(names).toEqual(expect.arrayContaining(['Ilse Varga', 'Oskar Dahl']));
    expect(names).not.toContain('Rita Moss');
  });

  it('does not take a title word that is part of another phrase for a person ("the general election")', () => {
    const army = articleOf('army-vote', 'Army stays out of vote', [
      'General Ada Kross said the army would stay in its barracks until the general election on Sunday.',
    ]);
    const armyIndex = buildIndex([army]);
    expect(analyse(armyIndex, 'When is the general election?').entities).toEqual([]);
    expect(analyse(armyIndex, 'What did the general say?').entities.map((r) => r.entity.name)).toEqual(['Ada Kross']);
  });

  it('reads "she" in a follow-up as the holder of the office the thread asked about', () => {
    const history = [
      { role: 'user' as const, text: 'Who is the prime minister?' },
      { role: 'bot' as const, text: 'Prime Minister Ilse Varga defended the new ferry levy.' },
    ];
    const { reply, trace } = answerWithTrace(index, 'What did she say?', history);
    expect(trace.query.text).toBe('What did the prime minister say?');
    expect(reply.citations[0]?.text).toContain('Nobody enjoys raising a levy');
  });

  it('declines, naming the office as the question wrote it, when its holder is never reported saying anything', () => {
    const { reply, trace } = answerWithTrace(index, 'What did the mayor say?');
    expect(trace.reason).toBe('not quoted');
    expect(reply.lead).toMatch(/^The articles mention the mayor but don't report anything they said\./);
  });
});

describe('dates written with an abbreviated month, as news agencies write them', () => {
  it('reads "Nov. 14" and "Sept. 30, 2027" as dates, and answers "when" with them', () => {
    const article = articleOf('lumen-investors', 'Lumenra plans investor day', [
      'Lumenra Labs will hold its annual investor day in Boston on Nov. 14.',
      'Its new chip plant is due to open on Sept. 30, 2027, the company said.',
      'He spoke with Dr. Jan Novak about the plant.',
    ]);
    const dates = (words: string) => article.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences)).find((s) => s.text.includes(words))!.dates;
    expect(dates('investor day')).toContain('Nov. 14');
    expect(dates('chip plant')).toContain('Sept. 30, 2027');
    expect(dates('Jan Novak')).toEqual([]);
    const { reply } = answerWithTrace(buildIndex([article]), 'When is the investor day?');
    expect(reply.kind).toBe('answer');
    const c = reply.citations[0]!;
    expect(c.text.slice(c.span!.start, c.span!.end)).toBe('Nov. 14');
  });
});

describe('"what did X say" when X speaks after a clause set off by commas', () => {
  const article = articleOf('island-ferries', 'Island ferry cuts opposed', [
    'The Tidewater Greens, who hold 12 of the 30 most coastal seats on the island council, said they would table an amendment to keep the ferries.',
    'The Island Audit Office, which opened a review of the ferry contract in 2024, said it would publish its findings in the spring.',
    'The Valley Farmers and the United Nations were not consulted on the cuts.',
  ]);
  const index = buildIndex([article]);

  it('answers with what X said, however long the clause between X and "said"', () => {
    for (const [question, words] of [
      ['What did the Tidewater Greens say?', 'table an amendment'],
      ['What did the Island Audit Office say?', 'publish its findings'],
    ] as const) {
      const { reply, trace } = answerWithTrace(index, question);
      expect(trace.reason, question).toBe('');
      expect(reply.citations[0]?.text, question).toContain(words);
    }
  });

  it('says "they" of a plural name it cannot quote, "it" of one organisation', () => {
    expect(answerWithTrace(index, 'What did the Valley Farmers say?').reply.lead).toMatch(/^The articles mention the Valley Farmers but don't report anything they said\./);
    expect(answerWithTrace(index, 'What did the United Nations say?').reply.lead).toMatch(/^The articles mention the United Nations but don't report anything it said\./);
  });
});

describe('deaths, however the question says it', () => {
  const article = articleOf('quarry-landslide', 'Landslide buries quarry village', [
    'A landslide buried part of the village of Kessel on Monday after a decade of quarrying on the hill above it.',
    'At least nine people were killed in the landslide, and rescuers were searching for four more.',
    'The quarry company said it had stopped work at the site.',
  ]);
  const index = buildIndex([article]);

  it('reads "died" as "die", which "killed" stands for, and answers with the count', () => {
    const { reply, trace } = answerWithTrace(index, 'How many people died in the landslide?');
    expect(trace.query.keys.has('die')).toBe(true);
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toMatch(/^At least nine people were killed/);
  });

  it('takes "dead" for a word of its own when the articles use its synonyms, not for a misspelt "decade"', () => {
    const query = analyse(index, 'How many people are dead after the landslide?');
    expect(query.keys.has('dead')).toBe(true);
    expect(query.keys.has('decad')).toBe(false);
    expect(answerWithTrace(index, 'How many people are dead after the landslide?').reply.citations[0]?.text).toMatch(/^At least nine people were killed/);
  });
});

describe('the marked span', () => {
  it('keeps a currency written as a word with its amount ("8 billion naira")', () => {
    const article = articleOf('road-repairs', 'Road repairs costed', ['Officials estimated that the road repairs would cost at least 8 billion naira, or about $5.2 million.']);
    const c = answerWithTrace(buildIndex([article]), 'How much will the road repairs cost?').reply.citations[0]!;
    expect(c.text.slice(c.span!.start, c.span!.end)).toBe('8 billion naira');
  });

  it('marks the price for "how much is X?" and a quantity with its unit for "how much memory"', () => {
    const article = articleOf('phone-launch', 'Orvex unveils Corra 2 phone', [
      'The Corra 2 Plus with 16GB of memory, 512GB of storage and a larger 6.9-inch screen will sell for $1,099.',
      'The Corra 2 will cost $799 for the base model with 12GB of memory.',
    ]);
    const index = buildIndex([article]);
    const marked = (q: string) => {
      const c = answerWithTrace(index, q).reply.citations[0]!;
      return c.text.slice(c.span!.start, c.span!.end);
    };
    expect(marked('How much is the Corra 2 Plus?')).toBe('$1,099');
    expect(marked('How much memory does the Corra 2 have?')).toBe('12GB');
  });

  it('keeps an Indian amount whole ("Rs 2.5 lakh", "Rs 450 crore") and reads "the Chief Minister" as an office', () => {
    const article = articleOf('coast-plan', 'State approves coast plan', [
      'The state cabinet on Tuesday approved a Rs 450 crore plan to build sea walls, Chief Minister Arvind Pathare said.',
      'Relief Minister Kavita Rane said compensation of Rs 2.5 lakh per family would be paid to those who are moved.',
    ]);
    const index = buildIndex([article]);
    const c = answerWithTrace(index, 'How much compensation will each family get?').reply.citations[0]!;
    expect(c.text.slice(c.span!.start, c.span!.end)).toBe('Rs 2.5 lakh');
    expect(analyse(index, 'What did the Chief Minister say?').entities.map((r) => r.entity.name)).toContain('Arvind Pathare');
  });

  it('marks a date written day first ("4 May 1937") whole', () => {
    const article = articleOf('obituary', 'Marine biologist dies at 87', ['Greta Solvik was born on 4 May 1937 in the fishing town of Arnvik.']);
    const c = answerWithTrace(buildIndex([article]), 'When was Greta Solvik born?').reply.citations[0]!;
    expect(c.text.slice(c.span!.start, c.span!.end)).toBe('4 May 1937');
  });

  it('does not start inside a name the question matched', () => {
    const article = articleOf('dam-claim', 'Dam operator rejects claim', [
      'The governor blamed the release of water from the dam upstream.',
      'The dam\'s operator, Eastgate Hydro Power Ltd., rejected that claim.',
    ]);
    const c = answerWithTrace(buildIndex([article]), 'What did Eastgate Hydro Power do?').reply.citations[0]!;
    expect(c.text.slice(c.span!.start, c.span!.end)).toBe('rejected that claim');
  });
});

describe('the people a decline names', () => {
  const bot = createBot([
    articleOf('clocks', 'Thieves take antique clocks from Marlow museum', [
      'Thieves broke into the Marlow Museum of Time on Sunday night and took eleven antique clocks.',
      'The museum\'s chair, Jonas Pell, said the committee would meet on Monday to review security. "We are heartbroken," Pell said.',
      'Detective Inspector Rhea Moss said officers were checking cameras near the museum.',
    ]),
    articleOf('cycle-lanes', 'Harrowby council approves new cycle lanes', [
      'Harrowby council has approved six miles of new cycle lanes in the town centre.',
      'Councillor Tamsin Oyelaran, who proposed the plan, said the lanes would open in September. "This makes our streets safer," she said.',
      'Wim Dekker, of the Harrowby Cycling Club, welcomed the vote.',
    ]),
    articleOf('bottle-tax', 'Vintners protest over new bottle tax in Carrow valley', [
      'Wine makers in the Carrow valley protested on Friday against a new tax on glass bottles.',
      'Odile Farrant, who runs a vineyard near Carrow, said the tax would cost her £20,000 a year.',
      'The finance minister, Bertil Sande, said the tax would fund recycling.',
    ]),
  ]);
  const others = /Jonas Pell|Rhea Moss|Odile Farrant|Bertil Sande/;

  it('are the people of the one story the question is about, not of stories that share a word with it', () => {
    const reply = bot.handle({ text: "Who will pay for the committee's new lanes?" });
    expect(reply.kind).toBe('decline');
    expect(reply.lead).toMatch(/Mentioned people: Tamsin Oyelaran/);
    expect(reply.lead).not.toMatch(others);
    expect(reply.suggestions.join(' ')).not.toMatch(others);
  });

  it('are nobody when the question is near no story', () => {
    const reply = bot.handle({ text: 'How tall is the tallest tree?' });
    expect(reply.kind).toBe('decline');
    expect(reply.lead).toBe('The articles don\'t answer "How tall is the tallest tree?".');
  });
});

describe('a name from the headline in a sentence about another of its kind', () => {
  const article = articleOf('dairy-takeover', 'Corvex agrees £1.9bn takeover of rival dairy Brindle', [
    'Corvex has agreed to buy its rival Brindle for £1.9bn, creating the country\'s second-largest dairy supplier.',
    'The Oxbridge-based group said on Monday that it would pay 390p a share in cash, a premium of 31% to Brindle\'s closing price on Friday.',
    'Ana Lindt, Corvex\'s chief executive, said the deal would bring two family firms together.',
    'Brindle, founded in Oxlade in 1921, employs 5,100 people. Corvex has 8,700 staff.',
    'The competition regulator said it would examine the deal closely.',
    'Corvex has grown quickly in recent years. The company was founded in 1952 by two brothers who sold milk door to door.',
    'Shares in Brindle rose 30% in morning trading, while Corvex\'s fell 3%.',
  ]);
  const index = buildIndex([article]);

  it('does not answer for the headline\'s company with a sentence about the other company', () => {
    const { reply } = answerWithTrace(index, 'When was Corvex founded?');
    expect(reply.citations[0]?.text).toBe('The company was founded in 1952 by two brothers who sold milk door to door.');
    expect(spanText(reply.citations[0])).toBe('1952');
  });

  it('still answers for the company the sentence is about', () => {
    const { reply } = answerWithTrace(index, 'When was Brindle founded?');
    expect(reply.kind).toBe('answer');
    expect(spanText(reply.citations[0])).toBe('1921');
  });
});

describe("a paragraph's opening sentence", () => {
  const article = articleOf('river-crossings', 'Two old bridges over the Tessa reopen after repairs', [
    'The Orlen Bridge opened in 1931 as the first road crossing of the Tessa. Engineers from three countries worked on its design. Repainting the steel towers took four years and needed 60 tonnes of paint.',
    'The Kessel Bridge, two miles downstream, was repainted in a single summer by a team of volunteers.',
  ]);
  const index = buildIndex([article]);

  it('names what the later sentences of its paragraph are about, though they do not name it again', () => {
    const { reply } = answerWithTrace(index, 'How long did repainting the Orlen Bridge take?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toBe('Repainting the steel towers took four years and needed 60 tonnes of paint.');
  });

  it('speaks for no sentence of another paragraph', () => {
    const { reply } = answerWithTrace(index, 'How long did repainting the Kessel Bridge take?');
    expect(reply.citations[0]?.text).toMatch(/^The Kessel Bridge, two miles downstream/);
  });
});

describe('a place the question names that the answering paragraph never writes', () => {
  const recall = articleOf('kettle-recall', 'Tarrow recalls 300,000 kettles', [
    'Appliance maker Tarrow is recalling about 300,000 electric kettles sold in Vestria and Ostmark because the lids can fly open.',
    'About 260,000 of the kettles were sold in Vestria and 40,000 in Ostmark, the company said.',
  ]);
  const other = articleOf('ferry-strike', 'Ferry crews strike in Norland', ['Ferry crews in Norland walked out on Monday over pay, stranding hundreds of travellers.']);
  const index = buildIndex([recall, other]);

  it('declines "how many were recalled in Norland?" rather than give the count for somewhere else', () => {
    const { reply, trace } = answerWithTrace(index, 'How many kettles were recalled in Norland?');
    expect(trace.reason).toBe('place not written');
    expect(reply.kind).toBe('decline');
  });

  it('answers for a place the paragraph writes', () => {
    const { reply, trace } = answerWithTrace(index, 'How many kettles were recalled in Ostmark?');
    expect(trace.reason).toBe('');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toContain('Ostmark');
  });
});

describe('an age written once, among many sentences that name the person', () => {
  const signing = articleOf('dalk-signing', 'Harwick Town sign striker Ivo Dalk', [
    'Harwick Town have signed the striker Ivo Dalk from Oranmoor for a club-record fee.',
    'Dalk scored 19 goals in 30 games last season.',
    'The 27-year-old passed a medical on Monday and has signed a four-year contract.',
    '"This is a dream for me," Dalk told the club website.',
    'Dalk is expected to make his debut against Pellham on Saturday.',
    'Harwick manager Rosa Fenn said Dalk was "exactly the player we needed".',
    'Oranmoor had rejected two earlier offers for Dalk in June.',
  ]);
  const index = buildIndex([signing]);

  it('answers "how old is Dalk?" with "The 27-year-old …" instead of declining for want of a number', () => {
    const { reply, trace } = answerWithTrace(index, 'how old is dalk');
    expect(trace.reason).toBe('');
    expect(reply.citations[0]?.text).toMatch(/^The 27-year-old passed a medical/);
    expect(spanText(reply.citations[0])).toContain('27');
  });
});

describe('"and the X?" after a question about someone named by an office', () => {
  const recall = articleOf('heater-recall', 'Ostrel recalls space heaters', [
    'Ostrel is recalling 200,000 space heaters after reports of fires.',
    'The family\'s lawyer, Dora Kettering, said the company had ignored complaints for a year.',
    'In a statement, Ostrel Chief Executive Paul Weyman apologised. "We are sorry for the worry this has caused," he said.',
  ]);
  const index = buildIndex([recall]);

  it('asks the earlier question of the new office ("what did the lawyer say?" – "and the CEO?")', () => {
    const history = [
      { role: 'user' as const, text: 'what did the lawyer say?' },
      { role: 'bot' as const, text: "The family's lawyer, Dora Kettering, said the company had ignored complaints for a year." },
    ];
    const { reply, trace } = answerWithTrace(index, 'and the CEO?', history);
    expect(trace.query.text).toBe('what did the CEO say?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toContain('We are sorry for the worry');
  });
});

describe('a question with "not" and a sentence whose verb says no itself', () => {
  const article = articleOf('quarry-plan', 'Quarry plan turned down', [
    'The Harlow Vale council met on Tuesday to discuss the Brannock quarry.',
    "The council's refusal to let Petra Quell's firm dig on the common land means the quarry will stay closed until at least 2031.",
    'Residents of Harlow Vale had campaigned against the quarry for three years.',
  ]);
  const index = buildIndex([article]);

  it('answers "… not allowed …" from "the refusal to let …"', () => {
    const { reply } = answerWithTrace(index, "Whose firm was not allowed to dig on the common land?");
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toMatch(/^The council's refusal/);
  });

  it('still declines a "not" question the sentences answer only without a negation', () => {
    const { reply } = answerWithTrace(index, 'Who did not campaign against the quarry?');
    expect(reply.kind).toBe('decline');
  });
});

describe('an office the articles write only as what its holder does', () => {
  const library = articleOf('brennock-library', 'Brennock council backs new library', [
    'The Brennock town council voted on Thursday to build a new library on Mill Street.',
    'Olwen Tarrick, who chairs the council\'s finance panel, said the library would cost about £4m.',
    'Work may start in the spring, and the library could open in 2028.',
  ]);
  const index = buildIndex([library]);

  it('answers "what did the chairman say?" from "who chairs the panel", not "the articles don\'t mention the chairman"', () => {
    const { reply } = answerWithTrace(index, 'What did the chairman say?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toMatch(/^Olwen Tarrick, who chairs/);
  });

  it('still says the articles do not mention an office nobody holds or does', () => {
    const { reply } = answerWithTrace(index, 'What did the mayor say?');
    expect(reply.kind).toBe('decline');
    expect(reply.lead).toMatch(/don't mention the mayor/);
  });
});
