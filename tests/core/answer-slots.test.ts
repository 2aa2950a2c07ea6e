import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf, spanText } from '../helpers.ts';

/** The cited sentence and the part of it marked as the answer, for a question over one article written for the test. */
function marked(paragraphs: string[], question: string): { text: string; span: string | null } {
  const c = answerWithTrace(buildIndex([articleOf('slots', 'Slots in the news', paragraphs)]), question).reply.citations[0];
  return { text: c?.text ?? '', span: spanText(c) };
}

describe('marking the slot of the cited sentence that the question asks for', () => {
  describe('"Who is X?" marks what the sentence calls X, not the name alone', () => {
    it('takes a role in apposition after the name that has no article ("chief executive of the trust")', () => {
      const a = marked(['"We will not back down," said Dr Tomas Reddle, chief executive of the Arnwick trust.', 'The trust runs two clinics.'], 'Who is Tomas Reddle?');
      expect(a.span).toBe('Dr Tomas Reddle, chief executive of the Arnwick trust');
    });

    it('takes a role set off by a comma before the name ("Its chief executive, Dr Petra Nolan")', () => {
      const a = marked(['The Brenmoor board approved the plan on Monday.', 'Its chief executive, Dr Petra Nolan, said the plan was safe.'], 'Who is Petra Nolan?');
      expect(a.text).toMatch(/^Its chief executive/);
      expect(a.span).toBe('Its chief executive, Dr Petra Nolan');
    });

    it('takes the words that modify a role before the name ("flight director"), but not the verb of speech before them', () => {
      const a = marked(['"We have lift-off," flight director Omar Pell told the crowd as the Brenna rocket rose.', 'The rocket carried six satellites.'], 'Who is Omar Pell?');
      expect(a.span).toBe('flight director Omar Pell');
      const b = marked(['The plan was safe, said deputy director Lina Varga on Monday.', 'The Corvey plant reopens in May.'], 'Who is Lina Varga?');
      expect(b.span).toBe('deputy director Lina Varga');
    });

    it('marks nothing for a courtesy title alone: "Dr" says nothing of who someone is', () => {
      const a = marked(['"The wards are full," said Dr Wim Allard.', 'Nurses at the Tarnby clinic have complained for months.'], 'Who is Wim Allard?');
      expect(a.text).toMatch(/Dr Wim Allard/);
      expect(a.span).toBeNull();
    });
  });

  describe('"Where …?" marks the place the question\'s verb and preposition govern', () => {
    const hospital = [
      'Services will move from St Oswin\'s to Marlow General Hospital, 12 miles away.',
      'The protest march set off from Birch Park at noon and ended with a rally outside the civic centre.',
    ];

    it('takes the place after the preposition that ends the question ("move to" → after "to", "move from" → after "from")', () => {
      expect(marked(hospital, 'Where would services move to?').span).toBe('Marlow General Hospital');
      expect(marked(hospital, 'Where would services move from?').span).toBe('St Oswin');
    });

    it('takes the place in the clause of the question\'s verb, not the named place of another clause', () => {
      const a = marked(hospital, 'Where did the march end?');
      expect(a.text).toMatch(/^The protest march/);
      expect(a.span).toBe('outside the civic centre');
    });

    it('takes a named place after the verb, and not one before a date ("on Friday")', () => {
      const parade = ['The Lantern parade started in Corby on Thursday and finished on Friday in Kettering, organisers said.'];
      expect(marked(parade, 'Where did the Lantern parade finish?').span).toBe('Kettering');
      expect(marked(parade, 'Where did the Lantern parade start?').span).toBe('Corby');
    });

    it('ends the words at a date ("at the Tarnby Guildhall on Friday"), takes a named place inside them ("to the island of Corvey"), and gives no words to a "which" question', () => {
      const mayor = ['Mayor Ada Kell met the minister at the Tarnby Guildhall on Friday, her office said.', 'Kell was seen fleeing to the island of Corvey by boat.', 'She would give up claims to two northern regions — Dunmere and Slade — if granted control of Tarnby.'];
      expect(marked(mayor, 'Where did Ada Kell meet the minister?').span).toBe('the Tarnby Guildhall');
      expect(marked(mayor, 'Where was Kell seen fleeing to?').span).toBe('Corvey');
      expect(marked(mayor, 'Which regions would Kell give up claims to?').span).not.toBe('two northern regions');
    });

    it('with no named place, takes the words after the verb\'s preposition to the end of its clause', () => {
      const study = ['The Orvale study, published on Monday in the journal Brain Ageing Reports, followed 4,000 adults from the Tarnby Cohort.'];
      expect(marked(study, 'Where was the Orvale study published?').span).toBe('the journal Brain Ageing Reports');
    });
  });

  describe('ranges and lists are marked whole', () => {
    it('marks a range of dates with its opening word ("between March 2021 and June 2024")', () => {
      const a = marked(['The Calder dryers, sold between March 2021 and June 2024, can overheat.', 'Owners should stop using them.'], 'When were the Calder dryers sold?');
      expect(a.span).toBe('between March 2021 and June 2024');
      const floods = marked(['Operations on the Orlan in 1998, 2004 and 2011 all failed to stop the floods.', 'The river rises each spring.'], 'When did the Orlan operations fail?');
      expect(floods.span).toBe('1998, 2004 and 2011');
    });

    it('marks a list of people whose first has words in apposition, unless the question\'s words are in one member\'s own', () => {
      const founded = ['The Kessel company was founded in 2015 by Rafe Oster, a former chemist, and Dina Mole, who ran its factory.', 'It makes paint.'];
      expect(marked(founded, 'Who founded the Kessel company?').span).toBe('Rafe Oster, a former chemist, and Dina Mole');
      expect(marked(founded, 'Who ran the Kessel factory?').span).toBe('Dina Mole');
      expect(marked(founded, 'Who is a former chemist?').span).toMatch(/^Rafe Oster/);
    });
  });

  describe('"When …?" marks the date of the question\'s verb', () => {
    it('gives the subject that every clause shares less say than the verb ("built in 1905 and was closed in 2011")', () => {
      // "closed" is a common word of the article, and weighs less than the school's name.
      const school = ['The Marwick school was built in 1905 and was closed in 2011 after a fire.', 'The Kelby bridge was closed for repairs last week.', 'The Ulverby library closed its doors on Monday.'];
      expect(marked(school, 'When was the Marwick school closed?').span).toBe('2011');
      expect(marked(school, 'When was the Marwick school built?').span).toBe('1905');
    });

    it('passes over a date in a clause with a subject of its own that the question does not name, unless its verb is the question\'s', () => {
      const rocket = ['Brenna Space\'s Tarn rocket reached orbit for the first time on Tuesday, carrying six satellites, a milestone for the startup after its first rocket exploded shortly after launch last year.', 'The Tarn is 30 metres tall.'];
      expect(marked(rocket, 'When did Tarn launch?').span).toBe('Tuesday');
      expect(marked(rocket, 'when did tarn launch').span).toBe('Tuesday');
      expect(marked(rocket, 'When did Brenna Space\'s first rocket explode?').span).toBe('last year');
    });

    it('does not count the question\'s verb as the shared subject when it stands before every date', () => {
      const treaties = ['The war ended with the signing of the Treaty of Varn on 10 May 1763, and the war at sea was settled by the Treaty of Oster on 15 May 1763.', 'Both treaties were later signed again.'];
      expect(marked(treaties, 'When was the treaty signed?').span).toBe('10 May 1763');
    });
  });

  describe('"Why …?" marks the reason the sentence gives', () => {
    it('marks the clause a reason marker opens, not the words after the question\'s verb, and stops before who said it', () => {
      const buses = ['The Tarrow Bus Company is withdrawing 40 double-deckers from service because their brakes can fail in wet weather, the Harnley transport regulator said Monday.', 'Passengers face delays.'];
      expect(marked(buses, 'Why are the double-deckers being withdrawn?').span).toBe('because their brakes can fail in wet weather');
    });

    it('marks what is blamed, and the cause before an effect marker ("a cracked seal caused …")', () => {
      const grocer = ['Grocer Pellmore misses its profit forecast for the second year running; chairman blames a wet summer and dear freight.', 'Shares fell 4%.'];
      expect(marked(grocer, 'Why did Pellmore miss its forecast?').span).toBe('blames a wet summer and dear freight');
      const flood = ['At the Osterby works, a cracked seal caused the flood that shut the mill for a week.', 'Repairs cost £2m.'];
      expect(marked(flood, 'Why was there a flood at the Osterby works?').span).toBe('a cracked seal');
    });

    it('marks the cause after "caused by", over a time "after" opens', () => {
      const ferry = ['The Tollen ferry left at 9:40, after a delay of about an hour caused by a fault in its steering gear.', 'It docked safely.'];
      expect(marked(ferry, 'Why was the ferry delayed?').span).toBe('caused by a fault in its steering gear');
    });

    it('marks no "after" clause of another clause than the question\'s words', () => {
      const talks = ['Ministers agreed the pact after talks ran 20 hours late; fishing towns are angry that it sells out the coast.', 'The pact sets quotas for five years.'];
      expect(marked(talks, 'Why are the fishing towns angry?').span).toBe('that it sells out the coast');
    });
  });

  describe('"Who <verb> …?" marks the subject of the verb', () => {
    it('keeps the subject whole with the name it joins by "of", rather than the person in it', () => {
      const vote = ['The left-leaning Green Alliance of Tomas Verhoef won Sunday\'s regional election in Marrowby, ending a decade of conservative rule.', 'Turnout was low.'];
      expect(marked(vote, 'Who won the Marrowby election?').span).toBe('Green Alliance of Tomas Verhoef');
    });

    it('takes the name just before the verb, not a speaker earlier in the sentence', () => {
      const vote = ['Mayor Ada Kell said the Harbour Party had narrowly won the Corvey council vote.', 'The count took two days.'];
      expect(marked(vote, 'Who won the Corvey council vote?').span).toBe('Harbour Party');
    });
  });

  describe('"What was X …?" marks the number the question\'s words stand on both sides of', () => {
    it('takes the number inside the clause that holds the question\'s words, not the clause after them', () => {
      const poll = ['The Dorvale vote was dominated by prices, with unemployment running at 6.4% in March, and by a row over the Tenby bridge, which cost £40m.', 'Turnout was 58%.'];
      expect(marked(poll, 'what was unemployment in march').span).toBe('6.4%');
    });
  });

  describe('a yes-or-no question marks the clause that answers it', () => {
    it('takes the clause holding most of the question\'s words, and nothing when the sentence is one clause', () => {
      const rocket = ['Brenna Space\'s Tarn rocket reached orbit for the first time on Tuesday, lifting off from Pellin Point, a year after its first rocket exploded shortly after launch.', 'The Tarn carries 12 satellites.'];
      expect(marked(rocket, 'Did the Tarn rocket reach orbit?').span).toBe('Brenna Space\'s Tarn rocket reached orbit for the first time on Tuesday');
      const bridge = ['The Oskar bridge over the Lune reopened to traffic on Friday after two years of repairs.', 'Tolls will rise.'];
      expect(marked(bridge, 'Has the Oskar bridge reopened?').span).toBeNull();
    });

    it('takes the negated clause of two that hold as many of the question\'s words: the answer is no', () => {
      const fine = ['The owner, Halden Coatings, has not paid the fine imposed on it in 2024, according to the council.', 'The works employ 40 people.'];
      expect(marked(fine, 'Has Halden Coatings paid the fine?').span).toBe('has not paid the fine imposed on it in 2024');
    });
  });

  describe('a marked part keeps the negation that governs it, so that read alone it does not say the opposite', () => {
    const fire = ['A fire broke out at the Corvale paint works in Tarnby on Monday night.', 'Police said on Tuesday that no arrests had been made so far.'];

    it('marks the words after the question\'s last word from the "no" before it', () => {
      expect(marked(fire, 'What about arrests?').span).toBe('no arrests had been made so far');
    });

    it('keeps a negation that is not its clause\'s or stands far from the span out of it', () => {
      const cause = ['The Corvale paint works reopened on Friday.', 'Inspectors did not visit in May, and the fire started in a storeroom next to the kilns.'];
      expect(marked(cause, 'Where did the fire start?').span).toBe('a storeroom next to the kilns');
    });
  });
});

describe('"Who is X?" is answered by the sentence that says who X is, not one that names X in passing', () => {
  it('prefers a sentence with X\'s age by the name, or one that says what X is, though it names X by the surname alone', () => {
    const profile = [
      'The first thing you notice about Helen Orrell is her voice.',
      '"I have sung in worse places than this," Orrell says.',
      'Orrell, 47, is one of the best-known folk singers of the Varrow coast.',
      'She tours again in March.',
    ];
    expect(marked(profile, 'Who is Helen Orrell?').text).toMatch(/^Orrell, 47, is one of/);
    const court = [
      'Judge says Piet Rannoch "showed no shame" in the Holby fraud',
      'Piet Rannoch, 52, of Mill Lane, Holby, was convicted of fraud on Friday.',
      'The jury took six hours.',
    ];
    expect(marked(court, 'Who is Piet Rannoch?').text).toMatch(/^Piet Rannoch, 52, of Mill Lane/);
  });
});

describe('"who is the <office> of …?"', () => {
  it('marks the holder of the office, not the name nearest the question\'s other words', () => {
    const article = articleOf('kessick-visit', 'Minister visits flooded Kessick', [
      'Health Minister Ola Brenn flew to Kessick on Friday and walked through the flooded streets with Mayor Tiv Arlo.',
      'Around 400 people are still in shelters, Mayor Tiv Arlo said.',
    ]);
    const reply = answerWithTrace(buildIndex([article]), 'Who is the mayor of Kessick?').reply;
    expect(spanText(reply.citations[0])).toBe('Tiv Arlo');
  });
});

describe('"where … from?" when the sentence names no place', () => {
  it('marks the name a preposition of place governs ("from Launch Pad"), not the rest of the clause', () => {
    const { text, span } = marked(
      [
        'Kestrel Dynamics launched its first rocket on Friday, the company said.',
        'The rocket rose from Launch Pad 2 at the Orrin test range at 9:30 a.m., an hour late because of high winds.',
        'Crews had rebuilt the launch pad after a fire last year.',
      ],
      'Where did it launch from?',
    );
    expect(text).toMatch(/^The rocket rose from Launch Pad 2/);
    expect(span).toBe('Launch Pad');
  });
});
