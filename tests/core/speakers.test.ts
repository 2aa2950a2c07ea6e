import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/schema.ts';
import { createBot } from '../../src/core/index.ts';
import { articleOf, entityNamed, quoteStarting, sentencesOf } from '../helpers.ts';

function sentenceId(article: Article, start: string): string {
  const sentence = sentencesOf(article).find((s) => s.text.startsWith(start));
  expect(sentence, `a sentence starting "${start}"`).toBeDefined();
  return sentence!.id;
}

// Two men share the surname Okafor; the spokesman's full name comes right after a closing quote.
const island = articleOf('island-siege', 'Troops close in on rebel island', [
  'Government troops have surrounded the rebel leader Colonel Samuel Okafor in the hills above the port.',
  '"Colonel Samuel Okafor has been seen near the harbour with a few of his guards," Tunde Adeyemi Okafor said. "It seems that he is dressed as a fisherman," he added.',
  'Tunde Adeyemi Okafor later left the capital by plane.',
  '"We will never surrender to these invaders," Okafor said in a radio message.',
]);

describe('speakers who share a surname', () => {
  it('gives a quote to the full name that speaks it, not to another man with the same surname', () => {
    const samuel = entityNamed(island, 'Samuel Okafor');
    const tunde = entityNamed(island, 'Tunde Adeyemi Okafor');
    expect(tunde.id).not.toBe(samuel.id);
    const seen = quoteStarting(island, 'Colonel Samuel Okafor has been seen');
    expect(seen.speaker).toEqual({ entity: tunde.id, description: 'Tunde Adeyemi Okafor' });
  });

  it('gives a "he added" quote to the speaker of the quote before it', () => {
    const tunde = entityNamed(island, 'Tunde Adeyemi Okafor');
    expect(quoteStarting(island, 'It seems that he is dressed').speaker?.entity).toBe(tunde.id);
  });

  it('does not count a surname inside another full name as a mention of the person', () => {
    const samuel = entityNamed(island, 'Samuel Okafor');
    expect(samuel.mentions).not.toContain(sentenceId(island, 'Tunde Adeyemi Okafor later left'));
  });

  it('still resolves a bare surname to the person', () => {
    const samuel = entityNamed(island, 'Samuel Okafor');
    expect(quoteStarting(island, 'We will never surrender').speaker).toEqual({ entity: samuel.id, description: 'Okafor' });
  });

  it('reads a capitalised "Said" inside a name as part of the name, not as the speech verb', () => {
    const harbour = articleOf('harbour-plan', 'Harbour plan approved', [
      'Mayor Layla Haddad opened the new ferry terminal on Monday.',
      '"We will rebuild the old harbour wall within a year," Karim Said Haddad said.',
    ]);
    const karim = entityNamed(harbour, 'Karim Said Haddad');
    expect(quoteStarting(harbour, 'We will rebuild').speaker).toEqual({ entity: karim.id, description: 'Karim Said Haddad' });
  });

  it('joins a full name misspelt by one letter of the surname, but not different given names', () => {
    const article = articleOf('port-talks', 'Port talks resume', [
      '"The talks went well and will go on tomorrow," said Tunde Adeyemi Okafor, a government spokesman.',
      'Colonel Samuel Okafor refused to attend the talks.',
      '"The colonel has until Friday to answer our offer," Tunde Adeyemi Okafur said.',
    ]);
    const tunde = entityNamed(article, 'Tunde Adeyemi Okafor');
    expect(tunde.aliases).toContain('Tunde Adeyemi Okafur');
    expect(quoteStarting(article, 'The colonel has until Friday').speaker?.entity).toBe(tunde.id);
    const samuel = entityNamed(article, 'Samuel Okafor');
    expect(samuel.id).not.toBe(tunde.id);
    expect(samuel.aliases).not.toContain('Tunde Adeyemi Okafor');
  });
});

describe('relative and interrogative words', () => {
  const RELATIVE = /^(which|who|whom|whose|that|what)\b/i;

  it('takes no speaker from a "which X reports" clause before a quote', () => {
    const article = articleOf('form-rules', 'New form for applicants', [
      'The form, which newspapers report runs from ten to 30 pages, "must be filled in by hand in black ink", the ministry recommending "plain block capitals" throughout.',
    ]);
    const quote = quoteStarting(article, 'must be filled in by hand');
    expect(quote.speaker?.description ?? '').not.toMatch(RELATIVE);
    expect(quote.speaker).toBeNull();
  });

  it('does not give "who" as the speaker of a quote inside a "who said" clause', () => {
    const article = articleOf('mayor-quits', 'Mayor quits', [
      'Mayor Jane Osei, who said the bridge plan was "a waste of public money from the start", resigned on Tuesday.',
    ]);
    const quote = quoteStarting(article, 'a waste of public money');
    expect(quote.speaker?.description ?? '').not.toMatch(RELATIVE);
    expect(quote.speaker?.entity).toBe(entityNamed(article, 'Jane Osei').id);
  });

  it('keeps no attribution whose source is a relative word', () => {
    const article = articleOf('audit-report', 'Audit published', [
      'The council published an audit, according to which the budget was overspent by a third.',
      'According to the auditors, the overspend began two years ago.',
    ]);
    for (const a of article.attributions) expect(a.source).not.toMatch(RELATIVE);
    expect(article.attributions.map((a) => a.source)).toContain('the auditors');
  });

  it('gives a quote to the name in apposition after the role: \'"…," said its chief executive, Lena Fors.\'', () => {
    const article = articleOf('ferry-cuts', 'Ferry firm cuts sailings', ['Baltline Ferries cancelled all sailings.', '"We cannot pay more," said its chief executive, Lena Fors.']);
    expect(quoteStarting(article, 'We cannot pay more').speaker?.entity).toBe(entityNamed(article, 'Lena Fors').id);
  });

  it('keeps a number with a thousands comma whole in an attribution ("£186,000")', () => {
    const article = articleOf('school-deficit', 'School to shut', [
      'The council voted on Tuesday to shut the school, citing a projected budget deficit of £186,000 next year.',
    ]);
    expect(article.attributions.map((a) => a.text)).toEqual(['citing a projected budget deficit of £186,000 next year']);
  });
});

describe('how news text introduces a quote', () => {
  // A quote that runs on into the next paragraph is left open and the next paragraph opens with a mark.
  const article = articleOf('rent-rules', 'Rent rules criticised', [
    'The housing ministry published new rent rules on Tuesday.',
    'The paper quoted tenants and landlords, with campaigner Maria Lindqvist stating: "Families who have rented the same flat for years deserve better than a rise with two weeks of notice.',
    '"Nobody should lose their home because a form arrived in the wrong language."',
    'The Harbour Landlords Association letter reads "our members will follow the rules but expect the council to pay for the inspections".',
    'Mayor Tomas Berg defended the plan whilst promising a "full review": "We will look again at every rule that hurts families before the summer."',
  ]);

  it('keeps a quote left open at the end of a paragraph, and gives the next paragraph it runs into the same speaker', () => {
    const maria = entityNamed(article, 'Maria Lindqvist');
    expect(quoteStarting(article, 'Families who have rented').speaker?.entity).toBe(maria.id);
    expect(quoteStarting(article, 'Nobody should lose their home').speaker?.entity).toBe(maria.id);
  });

  it('does not count the linking word before a speaker as part of it ("with X stating")', () => {
    expect(quoteStarting(article, 'Families who have rented').speaker?.description).toBe('campaigner Maria Lindqvist');
  });

  it('reads what a letter "reads" as said by whoever wrote it', () => {
    const association = entityNamed(article, 'Harbour Landlords Association');
    expect(quoteStarting(article, 'our members will follow').speaker?.entity).toBe(association.id);
  });

  it('takes a participle ("promising", "stating") as the verb of speech', () => {
    const berg = entityNamed(article, 'Tomas Berg');
    expect(quoteStarting(article, 'We will look again').speaker?.entity).toBe(berg.id);
  });

  it('gives a quote to the name between commas before "said", not to the clause after it', () => {
    const named = articleOf('bus-vote', 'Bus vote looms', [
      'The Green Party will vote against the bus cuts. Their transport spokesman, Owen Reyes, said the vote was "a test of whether this council cares about villages at all".',
    ]);
    const reyes = entityNamed(named, 'Owen Reyes');
    expect(quoteStarting(named, 'a test of whether').speaker).toEqual({ entity: reyes.id, description: 'Owen Reyes' });
  });

  it('does not take "a statement read outside court" for a speaker', () => {
    const court = articleOf('court-statement', 'Charity reacts to verdict', [
      'In a statement read outside court, charity chairman Alan Pike said the charity had been "shaken to its very foundations by what happened".',
    ]);
    expect(quoteStarting(court, 'shaken to its very').speaker?.entity).toBe(entityNamed(court, 'Alan Pike').id);
  });

  it('gives a quote ending ", she told reporters" to the one person named just before it', () => {
    const quake = articleOf('quake-visit', 'Minister visits quake town', [
      'Interior Minister Lena Hartvik visited Dorsk on Tuesday. "The next two days are critical. We will not stop searching while there is hope," she told reporters outside the hospital.',
    ]);
    expect(quoteStarting(quake, 'The next two days').speaker?.entity).toBe(entityNamed(quake, 'Lena Hartvik').id);
  });

  it('gives a quote standing alone to the person the sentence before reports speaking', () => {
    const match = articleOf('title-race', 'Rovers go top', [
      'Manager Gwen Tallis added that the title race was far from over. "We have not won anything yet. Westerby will keep going and so will we."',
    ]);
    expect(quoteStarting(match, 'We have not won anything').speaker?.entity).toBe(entityNamed(match, 'Gwen Tallis').id);
  });

  it('cites a quote of two sentences from its first, even when the second matches the question best', () => {
    const town = articleOf('hospital-tents', 'Hospital moves into tents', [
      'Mayor Tibor Halk said the hospital had been partly evacuated. "We are treating patients in tents. We need doctors, blankets and clean water," Halk said.',
    ]);
    const reply = createBot([town]).handle({ text: 'What did Halk say about doctors?' });
    expect(reply.citations.slice(0, 2).map((c) => c.text)).toEqual(['"We are treating patients in tents.', 'We need doctors, blankets and clean water," Halk said.']);
  });

  it('answers "what did X say?" with a quote that ran on from the paragraph before', () => {
    const bot = createBot([article]);
    const reply = bot.handle({ text: 'What did Lindqvist say?' });
    expect(reply.kind).toBe('answer');
    expect(reply.citations.map((c) => c.text).join(' ')).toContain('Families who have rented');
    expect(reply.citations.every((c) => c.speaker === 'Maria Lindqvist')).toBe(true);
  });
});

describe('a live blog', () => {
  const blog = articleOf('plant-fire', 'Live: fire at Harlow chemical plant', [
    '13:45 — Fire crews arrived at the site. Station commander Olivia Brand said crews were focusing on cooling the tanks.',
    '17:00 — Brand said the fire was "contained but not yet under control tonight". About 80 firefighters were at the scene.',
  ]);

  it('keeps the time stamp and dash out of a speaker', () => {
    expect(quoteStarting(blog, 'contained but not yet').speaker).toEqual({ entity: entityNamed(blog, 'Olivia Brand').id, description: 'Brand' });
  });

  it('reads no number in a clock time', () => {
    const sentence = sentencesOf(blog).find((x) => x.text.startsWith('13:45'))!;
    expect(sentence.numbers).toEqual([]);
  });
});

describe('an interview printed as questions and answers', () => {
  const interview = articleOf('ice-interview', '"We are running out of time": glaciologist Ana Reyes on the melting Torvik ice cap', [
    'Ana Reyes has spent fifteen years measuring the Torvik ice cap. We asked her about her new study.',
    'Q: What surprised you most in the new data?',
    'A: The speed. We expected losses, but not losses of that size.',
    'Q: When do you go back to the ice?',
    'A: In April. The team leaves from Kessby on the first of the month.',
  ]);

  it('gives every answer to the person interviewed', () => {
    const reyes = entityNamed(interview, 'Ana Reyes');
    expect(quoteStarting(interview, 'The speed.').speaker?.entity).toBe(reyes.id);
    expect(quoteStarting(interview, 'In April.').speaker?.entity).toBe(reyes.id);
  });

  it('answers with the answer when the best match is the interviewer\'s question', () => {
    const reply = createBot([interview]).handle({ text: 'What surprised you most in the new data?' });
    expect(reply.citations[0]?.text).toBe('A: The speed.');
  });

  it('reads the interviewer\'s "you" as the person interviewed', () => {
    const bot = createBot([interview]);
    expect(bot.handle({ text: 'What surprised Ana Reyes most?' }).citations[0]?.text).toBe('A: The speed.');
    expect(bot.handle({ text: 'When does Reyes go back to the ice?' }).citations[0]?.text).toBe('A: In April.');
  });
});

describe('a possessive before a role', () => {
  const takeover = articleOf('bakery-takeover', 'Brindle Foods to buy Oastley Bakeries', [
    'Brindle Foods has agreed to buy its rival Oastley Bakeries for £300m.',
    'Tamsin Arkwright, Brindle\'s chief executive, said the deal would "make both companies stronger for the long term". She added: "We will keep every one of our bakeries open."',
    'Brindle\'s finance director, Olu Benedek, said the price was "fair to both sets of shareholders in the end".',
  ]);
  const tenancy = articleOf('tenancy-ruling', 'Tenant wins eviction appeal', [
    'The case was brought by Declan Halloran, a tenant from Eastmoor.',
    'Mr Halloran\'s solicitor, Priya Vantongeren of the law firm Ashby Crane, said the ruling was "a great day for tenants who have waited years". Outside the court, she said: "My client never gave up on this case."',
  ]);

  it('gives the quote to the person who holds the role, not to the company that owns it', () => {
    const arkwright = entityNamed(takeover, 'Tamsin Arkwright');
    expect(quoteStarting(takeover, 'make both companies stronger').speaker?.entity).toBe(arkwright.id);
    expect(quoteStarting(takeover, 'We will keep every one').speaker?.entity).toBe(arkwright.id);
    expect(quoteStarting(takeover, 'fair to both sets').speaker?.entity).toBe(entityNamed(takeover, 'Olu Benedek').id);
    // "Brindle" alone is the short name of Brindle Foods, named in full first.
    expect(takeover.entities.find((e) => e.name === 'Brindle' || e.aliases.includes('Brindle'))?.type).toBe('organisation');
  });

  it('gives the quote to the solicitor, not the client, and the client keeps being a person', () => {
    const solicitor = entityNamed(tenancy, 'Priya Vantongeren');
    expect(quoteStarting(tenancy, 'a great day for tenants').speaker?.entity).toBe(solicitor.id);
    expect(quoteStarting(tenancy, 'My client never gave up').speaker?.entity).toBe(solicitor.id);
    expect(solicitor.roles).toContain('Mr Halloran\'s solicitor');
    expect(entityNamed(tenancy, 'Declan Halloran').type).toBe('person');
    const reply = createBot([tenancy]).handle({ text: 'quotes Vantongeren' });
    expect(reply.citations.length).toBeGreaterThan(0);
  });
});

describe('reported speech with a pronoun for its speaker', () => {
  const article = articleOf('ferry-strike', 'Ferry crews to strike', [
    'Crews at Kestle Ferries will strike for two days next month after pay talks failed.',
    '"Our members have waited long enough for a fair offer," said Pavel Drummond, the general secretary of the crews\' union.',
    'He added that 88% of members who voted had backed strike action.',
  ]);

  it('names the person the pronoun stands for in the citation', () => {
    const reply = createBot([article]).handle({ text: 'What share of members backed strike action?' });
    const citation = reply.citations[0];
    expect(citation?.text).toBe('He added that 88% of members who voted had backed strike action.');
    expect(citation?.attribution).toContain('Pavel Drummond');
  });
});

describe('a quote that a verb for naming introduces', () => {
  const article = articleOf('pier-levy', 'Council votes for pier levy', [
    'Opposition leader Tom Arbery, R-Neb., called the levy "a tax on every family that ever walked the pier." Arbery said he would try to overturn it.',
    'The council has offered staff 3%, which the union\'s general secretary, Pia Lundqvist, described as "an insult to every worker in this town."',
    'The harbour master, Dana Holt, dismissed the plan as "a shortcut that will cost us dearly later."',
    'Residents set up a campaign called "Save Our Old Pier Now" last spring.',
  ]);

  it('gives it to the subject who called or described something so', () => {
    expect(quoteStarting(article, 'a tax on every family').speaker?.entity).toBe(entityNamed(article, 'Tom Arbery').id);
    expect(quoteStarting(article, 'an insult to every worker').speaker?.entity).toBe(entityNamed(article, 'Pia Lundqvist').id);
    expect(quoteStarting(article, 'a shortcut that will cost').speaker?.entity).toBe(entityNamed(article, 'Dana Holt').id);
  });

  it('gives a name in quotation marks after "called" to no one', () => {
    expect(article.quotes.find((q) => q.text.startsWith('Save Our Old Pier'))?.speaker ?? null).toBeNull();
  });

  it('lists the quote under its speaker and answers what they said', () => {
    const bot = createBot([article]);
    const quotes = bot.handle({ text: 'quotes Lundqvist' });
    expect(quotes.citations.map((c) => c.text).join(' ')).toContain('an insult to every worker');
    const said = bot.handle({ text: 'What did Arbery say about the levy?' });
    expect(said.citations[0]?.text).toContain('a tax on every family');
  });
});

describe('a name in a clause after "she said"', () => {
  const article = articleOf('harbour-sale', 'Harbour club sells big', [
    'Orrin Bay chief executive Tess Halloran defended the club\'s spending.',
    '"We have bought well and we have sold well," she said, pointing to the £15m sale of the striker Aldo Brenn.',
  ]);

  it('is who she spoke of, not the speaker: the speaker is who "she" stands for', () => {
    expect(quoteStarting(article, 'We have bought well').speaker?.entity).toBe(entityNamed(article, 'Tess Halloran').id);
    const reply = createBot([article]).handle({ text: 'What did Halloran say?' });
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toMatch(/^"We have bought well/);
  });
});

describe('a quote named by its speaker inside a clause about something else', () => {
  const article = articleOf('orla-brannock', 'Orla Brannock, glass maker, dies at 79', [
    'Orla Brannock, the glass maker who revived the Tallow Glen furnaces, has died aged 79.',
    'She was a hard taskmaster. Apprentices remember pieces being smashed that she considered "not fit for a jam jar."',
    'In 1998 she left the Crafts Board in protest at what she called "the slow death of the small workshop."',
    'Brannock was considered "the finest glass maker of her generation" by the board.',
    'Dr Ewan Tolley, head of glass at the Marlow Institute, which bought her last kiln, said her pieces added to "a tradition that had nearly been lost by the time she started."',
  ]);

  it('gives "what she called" and "she considered" to the person the pronoun stands for', () => {
    expect(quoteStarting(article, 'the slow death').speaker?.entity).toBe(entityNamed(article, 'Orla Brannock').id);
    expect(quoteStarting(article, 'not fit for').speaker?.entity).toBe(entityNamed(article, 'Orla Brannock').id);
  });

  it('gives no quote to the subject of a passive ("Brannock was considered "…"")', () => {
    expect(quoteStarting(article, 'the finest glass').speaker?.entity).not.toBe(entityNamed(article, 'Orla Brannock').id);
  });

  it('gives "…," she said to the woman of the sentence before, not to the man it names first ("Asked about NAME, NAME said she …")', () => {
    const match = articleOf('harl-match', 'Harl beat Corby', [
      'Harl captain Tom Brede was sent off in the 61st minute.',
      'Harl manager Ada Lorne praised her players. "We showed real character," she said.',
      'Asked about Brede, who will miss the next match, Lorne said she would speak to him privately. "He knows he cannot go to ground like that," she said.',
    ]);
    expect(quoteStarting(match, 'He knows').speaker?.entity).toBe(entityNamed(match, 'Ada Lorne').id);
  });

  it('gives a quote to the one who calls something by it when "and said" follows ("NAME, who leads …, called the floods "…" and said …")', () => {
    const flood = articleOf('tarnby-floods', 'Floods hit Tarnby', [
      'Governor Ana Kell, who leads Tarnby\'s provincial government, called the floods "a catastrophe for our whole province" and said she had asked for help.',
      'Rescuers worked through the night.',
    ]);
    expect(quoteStarting(flood, 'a catastrophe').speaker?.entity).toBe(entityNamed(flood, 'Ana Kell').id);
  });

  it('does not read "said her pieces added to" as who speaks', () => {
    expect(quoteStarting(article, 'a tradition that').speaker).toEqual({ entity: entityNamed(article, 'Ewan Tolley').id, description: 'Ewan Tolley' });
  });
});

describe('probe round seven: speakers of a court report and a profile', () => {
  // The headline's subject says what another person did; an officer "of" a police force; an appeal.
  const court = articleOf('tarrow-fraud', 'Bookkeeper jailed for stealing from a parish charity', [
    'Judge says Nell Varden "took money meant for the poorest families" over four years',
    'A bookkeeper who stole £300,000 from a parish charity in Tarrow has been jailed for six years.',
    'Nell Varden, 52, was convicted last month after a trial at Tarrow Crown Court.',
    'On Monday, Judge Hugh Tamsin told her she had "took money meant for the poorest families" without shame.',
    'Her barrister, Owen Pell, said she would appeal.',
    'Detective Constable Rosa Quill of Tarrow Police said the inquiry had taken two years. "This was a long inquiry and I thank the volunteers who helped us," she said.',
  ]);

  it('gives "X says Y "…"" to X, the one person with that title, not to Y', () => {
    const judge = entityNamed(court, 'Hugh Tamsin');
    const headline = court.quotes.find((q) => q.sentences.includes(sentencesOf(court)[0]!.id));
    expect(headline?.speaker).toEqual({ entity: judge.id, description: 'Judge' });
  });

  it('gives "the spokesman" to no later-named spokesman', () => {
    const article = articleOf('kessel-levy', 'Ministers defend bus levy', [
      'A government spokesman said the levy was needed. "The budget has to balance," the spokesman said.',
      'The opposition transport spokesman, Ivo Brandt, said the levy was "a tax on the countryside".',
    ]);
    expect(quoteStarting(article, 'The budget has to balance').speaker).toEqual({ entity: null, description: 'the spokesman' });
  });

  it('reads "TITLE NAME of ORGANISATION" as a person and an organisation, and gives her quote to her', () => {
    const officer = entityNamed(court, 'Rosa Quill');
    expect(officer.type).toBe('person');
    expect(entityNamed(court, 'Tarrow Police').type).toBe('organisation');
    expect(quoteStarting(court, 'This was a long inquiry').speaker?.entity).toBe(officer.id);
  });

  // A woman's profile; a paragraph about a man who "says" something; then "she says" again.
  const profile = articleOf('mara-lenk', 'Mara Lenk: the potter who would not stop', [
    'Mara Lenk has thrown pots in the same shed in Corrin for forty years.',
    'Mara Lenk, 63, is the best-known potter in the county. She sells most of her work at the Corrin market.',
    'Her assistant, Tobias Hale, joined the workshop in 2001, and says the glazes are the secret. "Nobody else fires a kiln the way she does," he says.',
    'She still works six days a week. "The kiln does not care if I am tired," she says. "It only cares if I am late."',
    'She laughs at the idea of retiring. "I would not know what to do with my hands."',
  ]);

  it('gives "she says" after a paragraph about a man to the woman the profile is about', () => {
    const lenk = entityNamed(profile, 'Mara Lenk');
    expect(quoteStarting(profile, 'The kiln does not care').speaker?.entity).toBe(lenk.id);
    expect(quoteStarting(profile, 'It only cares if I am late').speaker?.entity).toBe(lenk.id);
    expect(quoteStarting(profile, 'Nobody else fires a kiln').speaker?.entity).toBe(entityNamed(profile, 'Tobias Hale').id);
  });

  it('gives a first-person quote after a sentence about her to her', () => {
    const lenk = entityNamed(profile, 'Mara Lenk');
    expect(quoteStarting(profile, 'I would not know what to do').speaker?.entity).toBe(lenk.id);
  });
});
