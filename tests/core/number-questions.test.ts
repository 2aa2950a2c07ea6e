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

describe('"how old" is answered by an age written in words', () => {
  const life = [
    'The composer Teodor Vask was born in the village of Brell, some 40 km from Ostmark.',
    'He moved to Ostmark with his family when he was seven months old, and lived there for 20 years.',
    'His first concert, in 1822, drew an audience of 300.',
  ];

  it('cites "seven months old" rather than declining for want of a numeral', () => {
    const { reply } = answerWithTrace(buildIndex([articleOf('numbers', 'A composer remembered', life)]), 'How old was Vask when he moved to Ostmark with his family?');
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toMatch(/seven months old/);
  });

  it('still declines when no sentence gives an age', () => {
    const { reply } = answerWithTrace(buildIndex([articleOf('numbers', 'A composer remembered', life.slice(0, 1).concat(['He moved to Ostmark with his family, and lived there for 20 years.']))]), 'How old was Vask when he moved to Ostmark with his family?');
    expect(reply.kind).toBe('decline');
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

  it('marks the part when the sentence opens with it and a verb after the whole says what the part did', () => {
    const board = [
      'Three of its nine directors voted for the takeover by Grell Foods, while the rest abstained.',
      'The board of Tamsin Mills met on Friday.',
    ];
    expect(answerOf(board, 'How many directors voted for the takeover?').span).toBe('Three');
  });
});

describe('"how tall" finds the measure written before the thing, among many sentences that name it', () => {
  it('answers "how tall is the rocket?" with "The 28-meter rocket" though four sentences about the rocket rank above it', () => {
    const launch = [
      "Pellow Space's Harrier rocket reached orbit for the first time on Thursday, lifting off from Carnby and deploying 12 small satellites less than an hour later, a milestone for the young company.",
      'Several rivals have gone out of business as satellite operators turned to rideshare flights on larger rockets, and Pellow has bet that its rocket can win them back.',
      "The rocket's upper stage reached an orbit about 450 kilometers (280 miles) above Earth roughly eight minutes after launch.",
      'Harrier is designed to carry up to 700 kilograms (about 1,500 pounds) to low Earth orbit, and Pellow sells rocket launches for about $8 million each.',
      'The 28-meter (92-foot) rocket lifted off from Pad 2 at dawn on Thursday, after a delay of about 30 minutes caused by a fishing boat that strayed into the safety zone.',
      'Regulators cleared the rocket to fly again in June after changes to its fuel valves.',
    ];
    const answer = answerOf(launch, 'How tall is the rocket?', 'Pellow rocket reaches orbit, carrying 12 satellites');
    expect(answer.text).toMatch(/^The 28-meter/);
    expect(answer.span).toBe('28-meter (92-foot)');
  });
});

describe('a count of the question\'s own noun when the question says nothing else of it', () => {
  it('answers "how many employees does X have?" with "employs about 6,200 people", not a cut of jobs "of its workforce"', () => {
    const results = [
      'Shares of Brenmark Software fell 9% on Thursday after the company issued a weak forecast.',
      'Finance chief Ola Dunn said Brenmark would slow hiring and would cut about 300 jobs, or roughly 5% of its workforce, mainly in sales.',
      'The company, which is based in Tarrow and employs about 6,200 people, will hold an investor day in March.',
    ];
    const answer = answerOf(results, 'how many employees does Brenmark have', 'Brenmark shares fall on weak forecast');
    expect(answer.text).toMatch(/employs about 6,200 people/);
    expect(answer.span).toBe('6,200');
  });
});

describe('a count bound by the question\'s own word beats one bound only by a word like it', () => {
  it('answers "how many people are still in custody?" with "six remained in custody", not "23 people were arrested"', () => {
    const match = [
      'Police said 23 people were arrested, most of them after fans of both sides clashed outside the Dunmore ground.',
      'Officers said 15 of those arrested had been released on bail and six remained in custody on Sunday morning.',
      'The club said it would ban anyone found guilty.',
    ];
    const answer = answerOf(match, 'how many people are still in custody', 'Arrests after Dunmore derby');
    expect(answer.text).toMatch(/^Officers said 15/);
    expect(answer.span).toBe('six');
  });

  it('still answers "how many people were arrested?" with the arrests', () => {
    const match = ['Police said 23 people were arrested, most of them after fans of both sides clashed outside the Dunmore ground.', 'Officers said 15 of those arrested had been released on bail and six remained in custody on Sunday morning.'];
    expect(answerOf(match, 'How many people were arrested?', 'Arrests after Dunmore derby').span).toBe('23');
  });
});

describe('how much a price fell, said with another verb for it', () => {
  it('answers "how much did X\'s shares fall?" with "tumbled 11%", not a later sentence that says "falling to $80"', () => {
    const results = [
      'Shares of Harcastle Foods tumbled 11% in after-hours trading on Tuesday after the snack maker issued a weaker forecast for the year.',
      'Harcastle said sales rose 2% to $1.4 billion in the quarter.',
      'Net income fell to $112 million, or 41 cents per share, from $130 million a year earlier.',
      'Excluding one-time items, the company earned 52 cents per share, just above the 50 cents analysts had forecast.',
      "Harcastle's stock closed the regular session at $90.20, up 0.4%, before falling to about $80 in extended trading.",
      'The shares had gained 18% this year before the report.',
    ];
    const answer = answerOf(results, "how much did harcastle's shares fall", 'Harcastle shares slide as forecast is cut');
    expect(answer.text).toMatch(/^Shares of Harcastle Foods tumbled/);
    expect(answer.span).toBe('11%');
  });
});

describe('a sum paid in an earlier year is background to the story\'s own', () => {
  it('answers "how much did X pay for Y?" with the lede\'s fee, not "the £35m they paid for another player in 2022"', () => {
    const transfer = [
      'Kelmont United have completed the signing of striker Arlo Penn from Ravenby for a club-record fee of £51m.',
      'The 25-year-old passed a medical on Monday and has signed a four-year contract.',
      "The fee breaks Kelmont's previous record, the £35m they paid for the winger Oskar Lunde in 2022.",
      'Penn scored 19 goals last season.',
    ];
    const answer = answerOf(transfer, 'How much did Kelmont pay for Penn?', 'Kelmont sign striker Arlo Penn for club-record £51m', );
    expect(answer.text).toMatch(/^Kelmont United have completed/);
    expect(answer.span).toBe('£51m');
  });
});

describe('"how much" marks an amount, not a count of the things the sentence names', () => {
  it('marks "€3 million" of "two field hospitals and €3 million in aid", not "two"', () => {
    const flood = [
      'Floods swept through the Marrow valley on Friday, cutting off the town of Tessin Ford.',
      'The Ostlund government said it would send two field hospitals and an initial €3 million in emergency aid.',
    ];
    const answer = answerOf(flood, 'How much aid is Ostlund sending?');
    expect(answer.text).toMatch(/^The Ostlund government/);
    expect(answer.span).toBe('€3 million');
  });
});

describe('a number the question itself writes is no answer to it', () => {
  it('declines "how many Corra 2 phones were sold?" over "It did not say how many Corra 2 phones it had sold"', () => {
    const launch = [
      'Pellum unveiled the Corra 3 phone on Tuesday, with a larger battery and a brighter screen.',
      'It did not say how many Corra 2 phones it had sold.',
    ];
    expect(answerOf(launch, 'How many Corra 2 phones were sold?').text).toBeNull();
  });
});

describe('"how deep" finds the measure written after the dimension it asks for', () => {
  it('answers "how deep was the landslide?" with "to a depth of 9 metres" over a distance in metres', () => {
    const slide = [
      'A landslide buried part of the village of Orvel Peak on Sunday night after days of heavy rain.',
      'Mud from the landslide reached as far as the river, about 400 metres to the south.',
      'Rescuers said the landslide had cut into the hillside to a depth of 9 metres at its deepest point.',
    ];
    const answer = answerOf(slide, 'How deep was the landslide?');
    expect(answer.text).toMatch(/^Rescuers said/);
    expect(answer.span).toBe('9 metres');
  });
});

describe('"how many" prefers an exact figure to a rough one', () => {
  it('answers "how many were injured?" with "injuring 412" over "hundreds of injured people"', () => {
    const storm = [
      'A tornado tore through the town of Kessing Vale on Monday evening, killing 18 people and injuring 412, officials said.',
      'The clinic in Kessing Vale was overwhelmed, and hundreds of injured people were treated in a school gym.',
    ];
    const answer = answerOf(storm, 'How many were injured?');
    expect(answer.text).toMatch(/^A tornado tore/);
    expect(answer.span).toBe('412');
  });

  it('keeps "several ponds" for "how many ponds …?" over an exact count of another thing', () => {
    const park = [
      'There are also several ponds in Brellin Park, mainly old clay pits such as Marl Pond.',
      'There are 11 nature trails in Brellin Park, among them the Marl Pond walk.',
    ];
    expect(answerOf(park, 'How many ponds are there in Brellin Park?').text).toMatch(/^There are also several ponds/);
  });
});

describe('"how much … now" marks the figure of today, not the goal beside it', () => {
  it('marks "$9bn" of "$30bn a year by 2035, up from about $9bn today"', () => {
    const pact = [
      'Ministers meeting in Castel Verro agreed to expand a fund for coastal defences.',
      'Under the pact, member states will provide $30bn a year for coastal defences by 2035, up from about $9bn today.',
    ];
    const answer = answerOf(pact, 'How much do member states provide for coastal defences now?');
    expect(answer.text).toMatch(/^Under the pact/);
    expect(answer.span).toBe('$9bn');
  });
});

describe('"when will …" is not answered by a year already past when the article was written', () => {
  it('declines "when will the mine close?" over "repeating a pledge made in 2019, but sets no date"', () => {
    const deal = articleOf('mine', 'Dravic energy plan agreed', [
      'Ministers in Dravic agreed a new energy plan on Monday after two days of talks.',
      'The plan repeats a pledge made in 2019 to cut emissions, but sets no date for when the Holt Ridge mine will close.',
    ], { published: '2026-03-10' });
    expect(answerWithTrace(buildIndex([deal]), 'When will the Holt Ridge mine close?').trace.declined).toBe(true);
  });
});

describe('"how fast" is answered by the speed the story gives', () => {
  const tram = [
    'A tram derailed in central Orvane on Friday evening, injuring 12 passengers, the city transport authority said.',
    'The vehicle was travelling at 24mph, above the 15mph limit on the curve, when its rear car left the rails.',
    'Investigators will examine the brakes of the tram.',
  ];
  const ferry = [
    'A ferry ran aground off the island of Kessel on Sunday with 340 people on board.',
    'The vessel was making about 14 knots when it struck the reef, the coastguard said.',
    'No one was hurt and the ferry was towed to port.',
  ];

  it('finds the sentence with the speed though it calls the tram something else, and marks the speed', () => {
    const answer = answerOf(tram, 'How fast was the tram going?', 'Tram derails in Orvane');
    expect(answer.text).toMatch(/^The vehicle was travelling at 24mph/);
    expect(answer.span).toBe('24mph');
  });

  it('knows knots for a speed', () => {
    const answer = answerOf(ferry, 'How fast was the ferry going?', 'Ferry runs aground off Kessel');
    expect(answer.text).toMatch(/^The vessel was making about 14 knots/);
    expect(answer.span).toContain('14');
  });
});

describe('"how much is X paying for Y?" asks the price of a purchase', () => {
  const takeover = [
    'Marrow Foods has agreed to buy its rival Tallis Dairies for £2.4bn, in a deal that would create the largest dairy group in the north, with annual sales of about £5bn.',
    'Tallis shareholders will receive 310p a share in cash.',
    'Marrow said it expected savings of £90m a year by 2029.',
    'If the deal collapses because of regulators, Marrow will pay Tallis a break fee of £80m.',
  ];

  it('is answered by the sentence that buys Y "for" an amount, not by another payment between the two', () => {
    const answer = answerOf(takeover, 'How much is Marrow paying for Tallis?', 'Marrow agrees £2.4bn Tallis takeover');
    expect(answer.text).toMatch(/^Marrow Foods has agreed to buy/);
    expect(answer.span).toBe('£2.4bn');
  });

  it('still answers a payment that is no purchase from the sentence that pays it', () => {
    expect(answerOf(takeover, 'How much will Marrow pay Tallis if the deal collapses?', 'Marrow agrees £2.4bn Tallis takeover').span).toBe('£80m');
  });
});

describe('an age after a name at the end of a sentence', () => {
  const bridge = articleOf('orrin-bridge', 'Orrin Bridge reopens after repairs', [
    'The Orrin Bridge reopened on Monday after eight months of repairs.',
    'The works were led by the engineer Tamsin Grell, 47.',
    'Grell said the bridge would carry about 12,000 vehicles a day.',
  ]);

  it('answers "how old is she?" with it, as it does an age set off by two commas', () => {
    const reply = answerWithTrace(buildIndex([bridge]), 'How old is Tamsin Grell?').reply;
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]!.text).toBe('The works were led by the engineer Tamsin Grell, 47.');
    expect(spanText(reply.citations[0])).toBe('47');
  });
});

describe('"what time" asks for the time of day', () => {
  it('is answered by the close sentence with a time of day, not by one whose only date is "this year"', () => {
    const { text, span } = answerOf(
      [
        'A Brenmoor Air jet made an emergency landing at Tallis airport on Friday after a bird strike.',
        'It was the third emergency landing at the airport this year.',
        'The jet landed at 6:05 p.m. and was towed to a hangar.',
      ],
      'What time did the jet land?',
    );
    expect(text).toBe('The jet landed at 6:05 p.m. and was towed to a hangar.');
    expect(span).toMatch(/^6:05 p\.m/);
  });
});

describe('"how many" finds the sentence that counts the very thing asked about', () => {
  it('answers "how many crew" with "… and six crew" a little down the ranking, not declining over a quote that only names the crew', () => {
    const { text, span } = answerOf(
      [
        'A Brenmoor Air jet made an emergency landing at Tallis airport on Friday after a bird strike.',
        '"Our crew on board did everything right and kept everyone on board calm," the airline said.',
        'The airline thanked the crew on board.',
        'The crew on board were praised by the airport.',
        'The jet had left Orrin at 9:10 a.m. with 140 passengers and six crew.',
      ],
      'How many crew were on board?',
    );
    expect(text).toBe('The jet had left Orrin at 9:10 a.m. with 140 passengers and six crew.');
    expect(span).toBe('six');
  });
});

describe('"how high did it rise?" asks for a measure', () => {
  it('takes a close sentence that gives a measure over one where a count rose', () => {
    const article = articleOf('tarn-flood', 'Tarn bursts its banks at Pellby', [
      'The death toll from the floods in Pellby rose to 9 on Tuesday, as 300 soldiers joined the search and the level of the Tarn river began to fall, officials said.',
      'By early Monday the Tarn had risen to 4.8 metres at the Pellby gauge, almost two metres above its flood stage, said Dr Ines Moll, a hydrologist at the regional water board.',
    ]);
    const c = answerWithTrace(buildIndex([article]), 'How high did the Tarn rise?').reply.citations[0];
    expect(c?.text).toMatch(/^By early Monday the Tarn had risen/);
    expect(spanText(c)).toBe('4.8 metres');
  });
});

describe('"how long" marks the whole span of time', () => {
  it('marks "three hours and 40 minutes", not only its "three"', () => {
    const gala = [
      'The Brackwater Theatre Prize was handed out on Saturday in Pellmouth.',
      'The gala, presented by the singer Ivo Marrant, ran for three hours and 40 minutes, about 25 minutes over schedule.',
    ];
    const answer = answerOf(gala, 'How long was the gala?');
    expect(answer.text).toMatch(/^The gala, presented/);
    expect(answer.span).toBe('three hours and 40 minutes');
  });

  it('marks "two and a half years" with its half', () => {
    const answer = answerOf(['The Quillon bridge over the Marne estuary took two and a half years to build, the engineers said.'], 'How long did the Quillon bridge take to build?');
    expect(answer.span).toBe('two and a half years');
  });
});

describe('"how long" is answered by a span of time over a date', () => {
  it('cites "ran for two hours and 15 minutes", not "met on Tuesday"', () => {
    const answer = answerOf(['The Dunmarrow parish board met on Tuesday.', 'The meeting ran for two hours and 15 minutes.'], 'How long was the meeting?', 'Parish board sits late');
    expect(answer.text).toBe('The meeting ran for two hours and 15 minutes.');
    expect(answer.span).toBe('two hours and 15 minutes');
  });
});
