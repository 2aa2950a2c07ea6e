import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/schema.ts';
import { answerWithTrace, buildIndex, createBot } from '../../src/core/index.ts';
import { articleOf, entityNamed, quoteStarting, sentencesOf } from '../helpers.ts';

function names(article: Article): string[] {
  return article.entities.map((e) => e.name);
}

describe('hyphenated names', () => {
  const article = articleOf('delta-floods', 'Floods hit the delta', [
    '"The water came at night," said Kofi Mensah-Darko, a fisherman who lost his boat.',
    'President Ama Osei-Tarkwa, who was abroad, promised help.',
    'Engineers at the Brennick-Lowe Institute blamed the Halvern-Teso dam upstream.',
    'Mensah-Darko said the village had been warned too late.',
    'Trade across the Kenya-Uganda border was halted.',
  ]);

  it('keeps a double-barrelled surname whole, with the whole surname as the alias', () => {
    const kofi = entityNamed(article, 'Kofi Mensah-Darko');
    expect(kofi.type).toBe('person');
    expect(kofi.aliases).toContain('Mensah-Darko');
    expect(names(article)).not.toContain('Kofi Mensah');
  });

  it('does not split off the second half of a surname as a place', () => {
    expect(entityNamed(article, 'Ama Osei-Tarkwa').type).toBe('person');
    expect(names(article)).not.toContain('Tarkwa');
  });

  it('keeps hyphenated organisation and place names whole', () => {
    expect(names(article)).toContain('Brennick-Lowe Institute');
    expect(names(article)).toContain('Halvern-Teso');
  });

  it('keeps two known places joined by a hyphen apart', () => {
    expect(names(article)).toEqual(expect.arrayContaining(['Kenya', 'Uganda']));
  });
});

describe('titles and letters around a name', () => {
  const article = articleOf('quarterly-results', 'Orlent profits rise', [
    '"We had a strong quarter," Chief Executive Officer Mara Quist said on a call with analysts.',
    'Chief Financial Officer Ivo Brandt said costs would rise.',
    'Detective Sergeant Tobias Wren, who led the inquiry, said the accounts had been altered.',
    'Prosecutor Ellen Harte KC told the jury the money was never repaid.',
    '"This was planned for years," Ms Harte said.',
  ]);

  it('reads a multi-word job title before a name as a role, not as part of the name', () => {
    expect(entityNamed(article, 'Mara Quist').roles).toContain('Chief Executive Officer');
    expect(entityNamed(article, 'Ivo Brandt').roles).toContain('Chief Financial Officer');
    expect(entityNamed(article, 'Tobias Wren').roles).toContain('Detective Sergeant');
    expect(names(article).some((n) => /Officer|Financial|Sergeant/.test(n))).toBe(false);
  });

  it('gives the quote to the person, not to the title', () => {
    expect(quoteStarting(article, 'We had a strong quarter').speaker?.entity).toBe(entityNamed(article, 'Mara Quist').id);
  });

  it('leaves post-nominal letters out of the name and the aliases', () => {
    const harte = entityNamed(article, 'Ellen Harte');
    expect(harte.aliases).not.toContain('KC');
    expect(harte.aliases).toContain('Harte');
    expect(names(article)).not.toContain('Harte');
    expect(quoteStarting(article, 'This was planned for years').speaker?.entity).toBe(harte.id);
  });

  it('reads a job that opens the sentence as the role of the name after it', () => {
    expect(entityNamed(article, 'Ellen Harte').roles).toContain('Prosecutor');
  });
});

describe('Sir and Dame before a given name', () => {
  it('makes "Dame Olwen" an alias of the only Olwen', () => {
    const article = articleOf('bus-vote', 'Bus vote looms', [
      'The revolt is led by Dame Olwen Pryde, a former transport secretary.',
      '"This is a tax on the countryside," Dame Olwen said.',
    ]);
    const olwen = entityNamed(article, 'Olwen Pryde');
    expect(olwen.aliases).toContain('Olwen');
    expect(names(article)).not.toContain('Olwen');
    expect(quoteStarting(article, 'This is a tax').speaker?.entity).toBe(olwen.id);
  });

  it('joins no one when two people share the given name', () => {
    const article = articleOf('two-olwens', 'Two Olwens', [
      'Dame Olwen Pryde and Olwen Castell both spoke at the meeting.',
      '"We must vote against this," Dame Olwen said.',
    ]);
    expect(entityNamed(article, 'Olwen Pryde').aliases).not.toContain('Olwen');
    expect(entityNamed(article, 'Olwen Castell').aliases).not.toContain('Olwen');
  });
});

describe('a name that opens a sentence', () => {
  const article = articleOf('subsidy-plan', 'Subsidy plan defended', [
    'Ministers plan to scrap the subsidy next year.',
    'Downing Street insisted the measure was necessary.',
    'Adaeze Nwosu, a 40-year-old shopkeeper, said prices had doubled.',
  ]);

  it('keeps a first word that compromise reads as a verb when a place word ends the name', () => {
    expect(names(article)).toContain('Downing Street');
    expect(names(article)).not.toContain('Street');
  });

  it('keeps an unknown given name before a surname', () => {
    const adaeze = entityNamed(article, 'Adaeze Nwosu');
    expect(adaeze.type).toBe('person');
    expect(names(article)).not.toContain('Nwosu');
  });
});

describe('speaker descriptions after the verb', () => {
  it('does not end a description at a title abbreviation', () => {
    const article = articleOf('pill-trial', 'Pill trial succeeds', [
      '"This is the result the field has waited for," said Dr. Imelda Strand, a cardiologist in Oslo.',
    ]);
    const quote = quoteStarting(article, 'This is the result');
    expect(quote.speaker?.description).toBe('Dr. Imelda Strand');
    expect(quote.speaker?.entity).toBe(entityNamed(article, 'Imelda Strand').id);
  });

  it('does not take whoever was told for the speaker', () => {
    const article = articleOf('pricing', 'Pricing unclear', [
      'Its medical director, Dr. Pavel Ostrow, told reporters that pricing would be "responsible and fair to patients".',
    ]);
    const quote = article.quotes[0];
    expect(quote?.speaker?.description).not.toBe('reporters');
  });
});

describe('entity types', () => {
  const article = articleOf('corvane-results', 'Corvane shares climb', [
    'Corvane Holdings Inc. reported record revenue on Tuesday.',
    'The Fernvale, Oregon-based company said sales rose 12%.',
    'Analysts said Corvane would keep hiring.',
    'Piet Vander of Oakridge Capital said investors were cautious.',
    'A spokesman for the agency, Obinna Chukwu, said checks would continue.',
    'Kirra Dunmore, chief executive of the charity Kindred Paths UK, welcomed the news.',
    'Detectives from Norfolk Police\'s fraud unit are investigating.',
  ]);

  it('types a town before a state after a comma as a place', () => {
    expect(entityNamed(article, 'Fernvale').type).toBe('place');
    expect(article.entities.find((e) => e.name === 'Oregon')?.type ?? 'place').toBe('place');
  });

  it('reads the first word of a company name as its short name', () => {
    const corvane = entityNamed(article, 'Corvane Holdings Inc');
    expect(corvane.type).toBe('organisation');
    expect(corvane.aliases).toContain('Corvane');
    expect(names(article)).not.toContain('Corvane');
  });

  it('splits a person "of" an organisation into the two', () => {
    expect(entityNamed(article, 'Piet Vander').type).toBe('person');
    expect(entityNamed(article, 'Oakridge Capital').type).toBe('organisation');
  });

  it('reads a job in apposition before a name as a person\'s role', () => {
    const obinna = entityNamed(article, 'Obinna Chukwu');
    expect(obinna.type).toBe('person');
    expect(obinna.roles).toContain('spokesman for the agency');
  });

  it('types a name after a noun for a kind of organisation as an organisation', () => {
    expect(entityNamed(article, 'Kindred Paths UK').type).toBe('organisation');
  });

  it('types a police force in the possessive as an organisation', () => {
    expect(entityNamed(article, 'Norfolk Police').type).toBe('organisation');
  });
});

describe('offices named as names', () => {
  it('keeps "Secretary of Defense" in the role and "Duke of Aldwick" whole', () => {
    const article = articleOf('offices', 'Offices', [
      'U.S. Secretary of Defense James Morrow visited the base.',
      'The Duke of Aldwick opened the new bridge.',
    ]);
    expect(entityNamed(article, 'James Morrow').roles).toContain('U.S. Secretary of Defense');
    const duke = entityNamed(article, 'Duke of Aldwick');
    expect(duke.type).toBe('person');
    expect(duke.aliases).not.toContain('Aldwick');
  });
});

describe('sports positions and clubs', () => {
  const match = articleOf('eastvale-win', 'Eastvale Wanderers edge Brockley', [
    'Eastvale Wanderers beat Brockley 2-1 on Saturday after substitute Ilse Varto scored late.',
    'Winger Dario Pellam gave Brockley the lead with a shot past Wanderers goalkeeper Sam Orr.',
    'Midfielder Bram Kettle was fouled by Brockley captain Ada Lunt in the second half.',
    'Wanderers goalkeeper Orr made four saves.',
  ]);

  it('reads a sports position before a name as a role, never as part of the name', () => {
    expect(names(match)).not.toContain('Winger Dario Pellam');
    expect(entityNamed(match, 'Dario Pellam').roles).toContain('Winger');
    expect(entityNamed(match, 'Ilse Varto').roles).toContain('substitute');
    expect(entityNamed(match, 'Sam Orr').roles).toContain('goalkeeper');
  });

  it('types the club written before a position as an organisation, with no role of its own', () => {
    const club = entityNamed(match, 'Eastvale Wanderers');
    expect(club.type).toBe('organisation');
    expect(club.aliases).toContain('Wanderers');
    expect(club.roles).toEqual([]);
    expect(entityNamed(match, 'Brockley').type).toBe('organisation');
    expect(names(match)).not.toContain('Wanderers');
  });
});

describe('a given name written alone', () => {
  const match = articleOf('late-winner', 'Late winner for Eastvale', [
    'Substitute Ilse Varto and midfielder Bram Kettle came on at half-time.',
    '"Ilse and Bram won it for us," the coach said.',
    '"If Bram is fit, he will start on Tuesday," she added.',
  ]);

  it('is another name of the only person with that given name', () => {
    expect(entityNamed(match, 'Ilse Varto').aliases).toContain('Ilse');
    expect(entityNamed(match, 'Bram Kettle').aliases).toContain('Bram');
    expect(names(match)).not.toEqual(expect.arrayContaining(['Ilse']));
    expect(names(match)).not.toContain('Bram');
    expect(entityNamed(match, 'Bram Kettle').mentions).toHaveLength(3);
  });

  it('keeps the surname first among the short names', () => {
    expect(entityNamed(match, 'Bram Kettle').aliases[0]).toBe('Kettle');
  });

  it('joins no one when the word is also another person\'s surname', () => {
    const article = articleOf('two-thomases', 'Two Thomases', [
      'Thomas Reed and Anna Thomas both spoke at the meeting.',
      'Later Thomas left early.',
    ]);
    expect(entityNamed(article, 'Thomas Reed').aliases).not.toContain('Thomas');
  });

  it('joins no one when the word is mostly written as a modifier of a noun', () => {
    const article = articleOf('refugees', 'Refugees welcomed', [
      'In 1685 the Veltist Elector Johann Brandt welcomed the refugees.',
      'Many Veltist families settled in the city.',
      'The Veltist clergy objected to the plan.',
    ]);
    expect(entityNamed(article, 'Veltist Elector Johann Brandt').aliases).not.toContain('Veltist');
  });

  it('does not count a given name that runs on into another name', () => {
    const article = articleOf('bram-road', 'Road works', [
      'Councillor Bram Kettle opened the meeting.',
      'Residents of Bram Road complained about the noise.',
      'Later, Bram said the works would end soon.',
    ]);
    const bram = entityNamed(article, 'Bram Kettle');
    expect(bram.roles).toContain('Councillor');
    expect(bram.mentions).toHaveLength(2);
  });
});

describe('people who share a surname', () => {
  const obituary = articleOf('brunvik-obituary', 'Hedda Brunvik, glaciologist, dies at 90', [
    'Hedda Brunvik, the glaciologist who first measured the retreat of the Skorre glacier, has died. She was 90.',
    'Brunvik died on Sunday at her home, according to her son, Jonas Brunvik.',
    'Born in 1934, Brunvik was the youngest of six children. Brunvik later trained the climber Ruth Imber.',
    'Brunvik married the engineer Per Aasen in 1960. He died in 2001.',
    'She is survived by her son, Jonas; her daughter, Liv Aasen; and two grandchildren.',
    '"Without Hedda there would be no glacier records at all," a colleague said.',
  ]);

  it('gives the bare surname to the person named first, not to a relative named later', () => {
    const hedda = entityNamed(obituary, 'Hedda Brunvik');
    const tor = entityNamed(obituary, 'Jonas Brunvik');
    expect(hedda.aliases).toContain('Brunvik');
    expect(tor.aliases).not.toContain('Brunvik');
    const born = sentencesOf(obituary).find((s) => s.text.startsWith('Born in 1934'))!.id;
    expect(hedda.mentions).toContain(born);
    expect(tor.mentions).not.toContain(born);
  });

  it('keeps the relative\'s given name his, and the story\'s subject the subject of a "she" that opens a sentence', () => {
    const hedda = entityNamed(obituary, 'Hedda Brunvik');
    const tor = entityNamed(obituary, 'Jonas Brunvik');
    expect(tor.aliases).toContain('Jonas');
    expect(hedda.aliases).toContain('Hedda');
    const survived = sentencesOf(obituary).find((s) => s.text.startsWith('She is survived'))!.id;
    expect(hedda.pronounMentions).toContain(survived);
    expect(tor.pronounMentions).toEqual([]);
  });

  it('answers "who is Brunvik?" about the person named first', () => {
    const reply = createBot([obituary]).handle({ text: 'Who is Brunvik?' });
    expect(reply.citations[0]?.text).toContain('Hedda Brunvik, the glaciologist');
  });

  it('reads a relative named after a possessive and a preposition as a person, with the relation for a role', () => {
    const article = articleOf('varden-obituary', 'Ola Varden dies', [
      'Ola Varden died on Sunday at her home, according to her son, Tor Varden.',
    ]);
    const tor = entityNamed(article, 'Tor Varden');
    expect(tor.type).toBe('person');
    expect(tor.roles).toEqual(['son']);
  });

  it('reads a capitalised "Per" inside a sentence as a given name', () => {
    const per = entityNamed(obituary, 'Per Aasen');
    expect(per.type).toBe('person');
    expect(per.roles).toContain('engineer');
    const married = sentencesOf(obituary).find((s) => s.text.startsWith('Brunvik married'))!.id;
    expect(entityNamed(obituary, 'Liv Aasen').mentions).not.toContain(married);
  });

  it('reads "Per" in a question as the given name it is in the article', () => {
    const article = articleOf('aasen-kiln', 'New kiln opens', [
      'Liv Aasen, a potter, opened her studio on Friday.',
      'The kiln was built by the engineer Per Aasen over two winters.',
      'Liv Aasen said the studio would open every weekend.',
    ]);
    const { reply, trace } = answerWithTrace(buildIndex([article]), 'Who is Per Aasen?');
    expect(trace.query.entities.map((r) => r.entity.name)).toEqual(['Per Aasen']);
    expect(reply.citations[0]?.text).toContain('engineer Per Aasen');
  });

  it('reads "May" as a given name before a surname, but not after "in"', () => {
    const article = articleOf('may-names', 'Names', [
      'The author May Lindqvist spoke at the festival.',
      'The law was passed in May Parliament later voted again.',
    ]);
    expect(entityNamed(article, 'May Lindqvist').type).toBe('person');
    expect(names(article)).not.toContain('May Parliament');
  });
});

describe('organisation names and roles', () => {
  const article = articleOf('toll-plan', 'Arland toll plan', [
    'The Arland Chamber of Commerce opposes the scheme.',
    'Cycling group Marrow on Bikes welcomed the plan. Its treasurer, Oona Pell, said: "This is a big step forward for the city."',
    'The flats will be built by Fenbridge Homes, which bought the site last year.',
    'The Red Crescent of Arland said it had sent tents.',
  ]);

  it('keeps lower-case words inside a name that a noun for an organisation introduces', () => {
    expect(entityNamed(article, 'Marrow on Bikes').type).toBe('organisation');
    expect(names(article)).not.toContain('Bikes');
  });

  it('leaves a possessive pronoun out of a role', () => {
    expect(entityNamed(article, 'Oona Pell').roles).toEqual(['treasurer']);
  });

  it('types chambers, home builders and the Red Crescent as organisations', () => {
    expect(entityNamed(article, 'Arland Chamber of Commerce').type).toBe('organisation');
    expect(entityNamed(article, 'Fenbridge Homes').type).toBe('organisation');
    expect(entityNamed(article, 'Red Crescent of Arland').type).toBe('organisation');
  });
});

describe('a name written alone at the start of a sentence', () => {
  const article = articleOf('pier-plan', 'Pier repairs abandoned', [
    'Tavi Ruskell, the chairman of the Orlow pier trust, said on Monday that the repairs would not go ahead.',
    'The trust had spent two years on the plan. Tavi said the plan was dead.',
    'Councillor Edda Morrin disagreed. Ruskell said: "The money has already gone on the survey."',
    'Tavi declined to comment further on Friday.',
  ]);
  const [intro, , dead, , quoted, declined] = sentencesOf(article);

  it('names the person a given name or surname stands for, when compromise reads it as a common word', () => {
    const tavi = entityNamed(article, 'Tavi Ruskell');
    expect(tavi.aliases).toEqual(expect.arrayContaining(['Ruskell', 'Tavi']));
    expect(tavi.mentions).toEqual(expect.arrayContaining([intro!.id, dead!.id, quoted!.id, declined!.id]));
    expect(names(article)).not.toContain('Tavi');
  });

  it('gives a quote after a sentence-initial surname to that person', () => {
    expect(quoteStarting(article, 'The money has already gone').speaker?.entity).toBe(entityNamed(article, 'Tavi Ruskell').id);
  });

  it('answers what the person said with the sentence that names them by their given name alone', () => {
    const reply = answerWithTrace(buildIndex([article]), 'What did Ruskell say about the plan?').reply;
    expect(reply.citations[0]?.text).toBe('Tavi said the plan was dead.');
  });
});

describe('clubs named like towns', () => {
  const match = articleOf('hollin-derby', 'Hollin Town win derby', [
    'Hollin Town beat Ebbing City 2-1 on Saturday to go top of the league.',
    'Striker Joss Amberley scored twice before half-time. Ebbing City manager Pella Strand said her side had been unlucky.',
    'The league final will be played in Mexico City in May. Amberley joined from a club in Salt Lake City and later played in Kansas City.',
    'Garrow County drew with Fenmore Rovers.',
    'The streets of Hollin Town were full on Sunday night.',
  ]);

  it('types a name ending in Town, City or County as a club in a report on a match', () => {
    expect(entityNamed(match, 'Hollin Town').type).toBe('organisation');
    expect(entityNamed(match, 'Ebbing City').type).toBe('organisation');
    expect(entityNamed(match, 'Garrow County').type).toBe('organisation');
    expect(entityNamed(match, 'Fenmore Rovers').type).toBe('organisation');
  });

  it('keeps known cities places there', () => {
    expect(entityNamed(match, 'Mexico City').type).toBe('place');
    expect(entityNamed(match, 'Salt Lake City').type).toBe('place');
    expect(entityNamed(match, 'Kansas City').type).toBe('place');
  });

  it('keeps such a name a place outside sport', () => {
    const visit = articleOf('hollin-visit', 'Minister visits Hollin Town', [
      'The minister visited Hollin Town on Friday to open a new library.',
      'Residents of Hollin Town had waited ten years for it.',
    ]);
    expect(entityNamed(visit, 'Hollin Town').type).toBe('place');
  });
});

describe('organisations that a kind or what they do introduce', () => {
  const rail = articleOf('ambry-line', 'Ambry line to close', [
    'The rail operator Corvex will close the Ambry line for six weeks from March.',
    'Corvex, which runs the line, said the work could not wait.',
    'A spokesman for Corvex said refunds would be offered. The property developer Anna Kersh bought the old station.',
  ]);
  const ferries = articleOf('ferry-fares', 'Fares to rise', [
    "Fares on Pellan's buses will rise by 4% in April, the council said.",
    'The contract was awarded to Pellan, which runs most services in the valley, in 2019.',
    "Maravel, which operates ferries to the islands, said it would add a route. Maravel's ferries carried two million people last year.",
  ]);

  it('types a name after a noun for an organisation that is also a job as an organisation, with no role', () => {
    const corvex = entityNamed(rail, 'Corvex');
    expect(corvex.type).toBe('organisation');
    expect(corvex.roles).toEqual([]);
  });

  it('keeps a person after such a noun a person', () => {
    const kersh = entityNamed(rail, 'Anna Kersh');
    expect(kersh.type).toBe('person');
    expect(kersh.roles).toContain('property developer');
  });

  it('types a name followed by ", which runs" or a possession of a company as an organisation', () => {
    expect(entityNamed(ferries, 'Pellan').type).toBe('organisation');
    const maravel = entityNamed(ferries, 'Maravel');
    expect(maravel.type).toBe('organisation');
    expect(maravel.mentions).toHaveLength(2);
  });
});

describe('organisation names joined by "and"', () => {
  const article = articleOf('dust-inquiry', 'Regulators act on factory dust', [
    'The Roads and Bridges Executive opened an inquiry on Monday into dust at the Orvell plant.',
    'The Fisheries and Coastal Authority and the Department of Housing and Rural Care both issued warnings. The Bank of Arland said the cost was small.',
    'Officials from Norway and Chile met in Geneva. Moira Halloran and Dev Fitch said the plant would stay open.',
  ]);

  it('keeps an organisation whose common words are joined by "and" whole', () => {
    expect(entityNamed(article, 'Roads and Bridges Executive').type).toBe('organisation');
    expect(entityNamed(article, 'Fisheries and Coastal Authority').type).toBe('organisation');
    expect(entityNamed(article, 'Department of Housing and Rural Care').type).toBe('organisation');
    expect(entityNamed(article, 'Bank of Arland').type).toBe('organisation');
    expect(names(article)).not.toEqual(expect.arrayContaining(['Roads']));
    expect(names(article)).not.toContain('Coastal Authority');
  });

  it('keeps places and people joined by "and" apart', () => {
    expect(entityNamed(article, 'Norway').type).toBe('place');
    expect(entityNamed(article, 'Chile').type).toBe('place');
    expect(entityNamed(article, 'Moira Halloran').type).toBe('person');
    expect(entityNamed(article, 'Dev Fitch').type).toBe('person');
  });
});

describe('parties, operators, named storms and streets are no people', () => {
  const election = articleOf('tolvern-vote', 'Greens gain Tolvern council', [
    'Labour won nine seats in Tolvern, down from 14 at the last election.',
    'The outgoing council leader, Labour\'s Harriet Quennell, lost her own seat by 40 votes.',
    'The Conservatives won 22.4% of the vote, compared with 30.1% for Labour.',
  ]);
  const weather = articleOf('gale-warning', 'Gale warning for the coast', [
    'Storm Bertil is expected to bring gusts of 70mph to the coast on Friday.',
    'Bertil is the third named storm of the season.',
    'Ferry operator Saltlink said it had cancelled all sailings. Bus operator Moorways said services would be reduced.',
    'The last storm to bring a red warning, Storm Hanne, cut power to 50,000 homes in March.',
    'Residents of Cobbler\'s Lane were told to stay indoors after a tree fell.',
  ]);

  it('reads a party as an organisation and gives the role before "Party\'s Name" to the name', () => {
    const labour = entityNamed(election, 'Labour');
    expect(labour.type).toBe('organisation');
    expect(labour.roles).toEqual([]);
    const quennell = entityNamed(election, 'Harriet Quennell');
    expect(quennell.type).toBe('person');
    expect(quennell.roles).toContain('outgoing council leader');
  });

  it('reads transport operators as organisations', () => {
    expect(entityNamed(weather, 'Saltlink').type).toBe('organisation');
    expect(entityNamed(weather, 'Moorways').type).toBe('organisation');
  });

  it('reads "Storm X" as a named event, whole, not a person', () => {
    expect(entityNamed(weather, 'Storm Hanne').type).not.toBe('person');
    expect(entityNamed(weather, 'Storm Bertil').type).not.toBe('person');
    expect(names(weather)).not.toContain('Bertil');
    expect(entityNamed(weather, 'Storm Bertil').aliases).toContain('Bertil');
  });

  it('reads "X\'s Lane" as one place, not a person called X', () => {
    expect(entityNamed(weather, 'Cobbler\'s Lane').type).toBe('place');
    expect(names(weather)).not.toContain('Cobbler');
  });
});

describe('an ampersand inside a name', () => {
  const article = articleOf('mill-raid', 'Jeweller raided in Orbury', [
    'The raid happened at about 2pm at Harrowgate & Sons on Mill Street in Orbury.',
    'Shares in the insurer Pellow & Finch fell 3% after the news.',
  ]);

  it('keeps "X & Sons" whole as one organisation', () => {
    expect(entityNamed(article, 'Harrowgate & Sons').type).toBe('organisation');
    expect(entityNamed(article, 'Pellow & Finch').type).toBe('organisation');
    expect(names(article)).not.toContain('Sons');
    expect(names(article)).not.toContain('Finch');
  });
});

describe('roles read around a name', () => {
  const article = articleOf('lantern-prize', 'Quiet drama wins the Lantern Prize', [
    'The documentary, directed by Sofia Moravec, was the surprise winner on Sunday night.',
    'The jury, chaired by the Bafta-winning actor Corin Fairweather, praised its patience.',
    'The studio\'s owner, Maria Castell, whose father founded the company in 1961, said the prize was deserved.',
  ]);

  it('takes no clause after a closing comma, nor a relative clause, for a role', () => {
    const moravec = entityNamed(article, 'Sofia Moravec');
    expect(moravec.roles.filter((r) => /^(was|is)\b/.test(r))).toEqual([]);
    expect(entityNamed(article, 'Maria Castell').roles.filter((r) => /^whose\b/.test(r))).toEqual([]);
  });

  it('keeps a hyphenated modifier of a job whole', () => {
    const fairweather = entityNamed(article, 'Corin Fairweather');
    expect(fairweather.roles).toContain('Bafta-winning actor');
    expect(fairweather.roles).not.toContain('winning actor');
  });
});

describe('a US lawmaker\'s party and state', () => {
  it('is no one\'s name ("Sen. Laura Pettibone, D-Minn.")', () => {
    const article = articleOf('broadband-vote', 'Senate passes rural broadband bill', [
      'The bill passed 52-47, with Sen. Laura Pettibone, D-Minn., voting against it.',
      'Sen. Carl Brandt, R-Ky., called the bill wasteful.',
    ]);
    expect(article.entities.map((e) => e.name).sort()).toEqual(['Carl Brandt', 'Laura Pettibone']);
  });
});

describe('names that end in a word for a kind of company', () => {
  it('are organisations ("Northway Rail", "Brantwell Foods", "Oakridge Dairies")', () => {
    const article = articleOf('dairy-deal', 'Dairy deal agreed', [
      'Brantwell Foods agreed on Monday to buy Oakridge Dairies for £1.7bn.',
      'Northway Rail said it would run extra freight trains for the combined group.',
    ]);
    for (const name of ['Brantwell Foods', 'Oakridge Dairies', 'Northway Rail']) expect(entityNamed(article, name).type, name).toBe('organisation');
  });
});

describe('school and cricket jobs', () => {
  it('are roles, not part of the name ("Headteacher Caroline Dunmore", "Opener Tom Beddow")', () => {
    const article = articleOf('village-school', 'Village school to close', [
      'Headteacher Caroline Dunmore said the decision was heartbreaking.',
      'Opener Tom Beddow, who coaches the pupils on Saturdays, called it a sad day.',
    ]);
    expect(entityNamed(article, 'Caroline Dunmore').roles).toContain('Headteacher');
    expect(entityNamed(article, 'Tom Beddow').roles).toContain('Opener');
  });
});

describe('letters joined by an ampersand', () => {
  it('stay one name ("A&E", "P&O Ferries"), not a stray "E"', () => {
    const article = articleOf('ae-waits', 'Waits rise at Northmoor', [
      'Patients at Northmoor Hospital faced the longest A&E waits on record.',
      'A spokesman for P&O Ferries said sailings were cancelled.',
    ]);
    const names = article.entities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['A&E', 'P&O Ferries']));
    expect(names).not.toContain('E');
  });
});

describe('a person "of" a place', () => {
  it('is named without the place, which gives them no alias ("Sen. Harold Quist of South Dakota")', () => {
    const article = articleOf('dam-vote', 'Senate backs dam repairs', [
      'The lone Democrat to vote no, Sen. Harold Quist of South Dakota, said the formula was unfair.',
      'Quist said he would keep pressing for changes.',
    ]);
    const quist = entityNamed(article, 'Harold Quist');
    expect(quist.type).toBe('person');
    expect(quist.aliases).toEqual(['Quist']);
    expect(article.entities.map((e) => e.name)).not.toContain('Quist');
    expect(entityNamed(article, 'South Dakota').type).toBe('place');
  });
});

describe('names of utilities, services and agencies', () => {
  const article = articleOf('ridge-fire', 'Wildfire forces evacuations in Ardmore', [
    'The Tarrow Hills Fire was 20% contained, according to the Ardmore Department of Wildland Fire, known as Hal Fire. No deaths have been reported, Hal Fire said.',
    '"The wind is the whole story today," Hal Fire battalion chief Omar Pekka said.',
    'Harlan Electric said it had cut power to 9,000 customers. Orrin Transit said buses would not run. Brantwell Water said supplies were safe.',
    'The utility Marla Sierra Gas said its crews were ready. Samantha Power, a councillor, said the response was slow.',
  ]);

  it('are organisations when they end in a word no one has for a surname ("Harlan Electric", "Orrin Transit")', () => {
    for (const name of ['Harlan Electric', 'Orrin Transit', 'Brantwell Water', 'Marla Sierra Gas']) {
      const entity = entityNamed(article, name);
      expect(entity.type, name).toBe('organisation');
      expect(entity.aliases, name).toEqual([]);
    }
    expect(entityNamed(article, 'Samantha Power').type).toBe('person');
  });

  it('is an organisation when written as another name of one ("…, known as Hal Fire")', () => {
    const agency = entityNamed(article, 'Hal Fire');
    expect(agency.type).toBe('organisation');
    expect(agency.aliases).toEqual([]);
    expect(entityNamed(article, 'Omar Pekka').type).toBe('person');
  });
});

describe('a person whose given name is a word for a storm', () => {
  const article = articleOf('drama-cast', 'Actress joins cast of coastal drama', [
    'The actress Storm Tallis has joined the cast of the coastal drama, the studio said on Monday.',
    'Tallis said she was thrilled to be working with the director again. "It is the part I have waited years for," Storm Tallis told reporters.',
    'Filming was delayed last week when Storm Bertil brought gusts of 70mph to the coast. Forecasters said Storm Bertil would ease by Friday.',
  ]);

  it('is a person when she speaks or has a job, and a storm in the same story stays a storm', () => {
    const tallis = entityNamed(article, 'Storm Tallis');
    expect(tallis.type).toBe('person');
    expect(tallis.roles).toContain('actress');
    expect(tallis.aliases).toContain('Tallis');
    expect(quoteStarting(article, 'It is the part').speaker?.entity).toBe(tallis.id);
    expect(entityNamed(article, 'Storm Bertil').type).toBe('other');
  });
});

describe('a name spelt out before its acronym in brackets', () => {
  const article = articleOf('delta-monitors', 'Monitors praise Tessaly vote', [
    'Monitors from the Council for Peace and Co-operation in Ardania (CPCA) said the vote in Tessaly was orderly.',
    'The CPCA said it would publish a full report within weeks.',
  ]);

  it('keeps a hyphened word inside the name and runs the name to the bracket, with the acronym as its alias', () => {
    const council = entityNamed(article, 'Council for Peace and Co-operation in Ardania');
    expect(council.type).toBe('organisation');
    expect(council.aliases).toContain('CPCA');
    expect(council.mentions).toHaveLength(2);
    expect(names(article)).not.toContain('Ardania');
    expect(names(article)).not.toContain('CPCA');
  });

  it('answers a question that names the organisation by its acronym', () => {
    const reply = createBot([article]).handle({ text: 'What did the CPCA say about the vote?' });
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]?.text).toMatch(/^Monitors from the Council for Peace/);
    expect(createBot([article]).handle({ text: 'Who is the CPCA?' }).lead).not.toMatch(/don't mention/);
  });
});

describe('a party named with its leader after "of"', () => {
  const article = articleOf('tessaly-vote', 'Reform Party wins Tessaly vote', [
    'The Reform Party of Oskar Lindvall won the election in Tessaly, ahead of the Green Union of Mira Sandvik.',
    'Lindvall said he would form a government within weeks.',
    'The Bank of Tessaly said markets were calm.',
  ]);

  it('reads the party, then its leader, a person', () => {
    expect(entityNamed(article, 'Reform Party').type).toBe('organisation');
    expect(entityNamed(article, 'Oskar Lindvall').type).toBe('person');
    expect(entityNamed(article, 'Oskar Lindvall').aliases).toContain('Lindvall');
    expect(entityNamed(article, 'Green Union').type).toBe('organisation');
    expect(entityNamed(article, 'Mira Sandvik').type).toBe('person');
    expect(names(article)).not.toContain('Reform Party of Oskar Lindvall');
    // An organisation "of" a place stays whole.
    expect(entityNamed(article, 'Bank of Tessaly').type).toBe('organisation');
  });
});

describe('words that name no one', () => {
  const article = articleOf('pitch-doctor', 'Doctor turned striker', [
    'Ilse Varga completed her PhD at Carrow University before she took an MBA.',
    '"He is strong, he is quick, and he scores with both feet and with his head," Halvorsen said.',
  ]);

  it('reads no degree as a name ("her PhD", "an MBA")', () => {
    expect(names(article)).not.toContain('PhD');
    expect(names(article)).not.toContain('MBA');
    expect(entityNamed(article, 'Ilse Varga').type).toBe('person');
  });

  it('takes no role from a word at the end of a quote before the speaker ("with his head," Halvorsen said)', () => {
    expect(entityNamed(article, 'Halvorsen').roles).not.toContain('head');
  });
});

describe('organisations named after a noun for their kind', () => {
  const recall = articleOf('heater-recall', 'Heaters recalled', [
    'Garden tool maker Marrowby Hearth is recalling about 40,000 patio heaters because they can tip over.',
    'Marrowby said it had stopped selling the heater in May.',
    'Some heaters were tested by students at Carolina Tech.',
  ]);
  const transfer = articleOf('winger-signs', 'Kestrel Vale sign winger', [
    'Kestrel Vale have signed the winger Rui Almeida from the Portuguese side Vitória Fonseca for £9m.',
    'Almeida scored 14 goals in the league last season.',
    '"I said it to Rui twice," the manager said.',
  ]);

  it('reads a company after "maker" as an organisation, its first word alone as its short name', () => {
    const company = entityNamed(recall, 'Marrowby Hearth');
    expect(company.type).toBe('organisation');
    expect(company.aliases).toEqual(['Marrowby']);
    expect(company.roles).toEqual([]);
  });

  it('reads a club after "the Portuguese side" as an organisation, though its words read as a person', () => {
    expect(entityNamed(transfer, 'Vitória Fonseca').type).toBe('organisation');
  });

  it('reads a name ending in "Tech" as an organisation', () => {
    expect(entityNamed(recall, 'Carolina Tech').type).toBe('organisation');
  });

  it('joins a given name written after "to" to the person, not a place', () => {
    expect(entityNamed(transfer, 'Rui Almeida').aliases).toContain('Rui');
    expect(names(transfer)).not.toContain('Rui');
  });

  it('suggests no question about a company as if it were a person', () => {
    const index = buildIndex([recall]);
    expect(index.suggestions.join(' ')).not.toMatch(/Hearth|Marrowby/);
  });
});

describe('a place the article writes with "the"', () => {
  const article = articleOf('ferry-fares', 'Ferry fares rise', [
    'Ferry fares between Veltmouth and the Netherlands will rise by 8% in March.',
    'Passengers from the Netherlands made 1.2 million crossings last year.',
    'The operator said fuel costs in the Netherlands had doubled.',
  ]);

  it('suggests "What happened in the Netherlands?", not "in Netherlands"', () => {
    const index = buildIndex([article]);
    const place = index.suggestions.find((s) => s.startsWith('What happened in'));
    expect(place).toBe('What happened in the Netherlands?');
  });

  it('does not take the "the" of a noun the place qualifies ("the Brazil office")', () => {
    const office = articleOf('office-closes', 'Office to close', [
      'Exports from Brazil fell, and Tarnby Foods will cut 200 jobs.',
      'The Brazil office of Tarnby Foods will close in June.',
      'Staff at the Brazil office were told on Monday.',
    ]);
    expect(buildIndex([office]).suggestions).toContain('What happened in Brazil?');
  });
});

describe('names with a possessive, and dates, times and codes that name nothing', () => {
  const article = articleOf('marwick-grant', 'Grant for memory research', [
    'About 40,000 people in Tarnby live with the condition, according to the Marwick\'s Society.',
    'Dr Ines Harle, head of grants at Marwick\'s Research Fund, said the money would last five years.',
    'Harle read biology at St Ilda\'s College, Tarnby, and was married at St Oswin\'s Church.',
    'Voters backed the plan in Sunday\'s referendum, the council said on Sept 22, and the next hearing is on Oct. 14.',
    'The helpline is open from 8 a.m. to 8 p.m. ET, and the launch is set for 9:30 a.m. EDT on Friday.',
    'The recall covers the Brisko heaters with model numbers KX-2200 and KX-2210.',
  ]);

  it('keeps an organisation named with a possessive whole ("Marwick\'s Society", "St Ilda\'s College")', () => {
    for (const name of ["Marwick's Society", "Marwick's Research Fund", "St Ilda's College", "St Oswin's Church"]) expect(entityNamed(article, name).type).toBe('organisation');
    expect(names(article)).not.toContain('Society');
    expect(names(article)).not.toContain('College');
    expect(names(article)).not.toContain('Marwick');
  });

  it('reads no day, short month, time zone or model code as a name', () => {
    for (const word of ['Sunday', 'Sept', 'Oct', 'ET', 'EDT', 'KX']) expect(names(article)).not.toContain(word);
  });
});

describe('a role in apposition after a name that shares a surname', () => {
  it('goes to the person named before the comma, not to the one whose surname ends it', () => {
    const article = articleOf('lenner-flood', 'Two die as river bursts its banks', [
      'Two people, Tomas Varga, 80, and Ilka Brenn, 45, died when the river Lenner burst its banks.',
      '"He had lived by that river all his life," said Edit Varga, Tomas Varga\'s daughter.',
    ]);
    expect(entityNamed(article, 'Edit Varga').roles).toContain("Tomas Varga's daughter");
    expect(entityNamed(article, 'Tomas Varga').roles).toEqual([]);
  });
});

describe('a name spelt out before its acronym at the start of a sentence', () => {
  it('joins the acronym to the name after "The"', () => {
    const article = articleOf('quarry-collapse', 'Quarry wall collapse blamed on rain', [
      'The Quarry Safety Inspection Board (QSIB) said heavy rain had loosened the wall at Brellow.',
      'A final report from the QSIB is due in the spring.',
    ]);
    const board = entityNamed(article, 'Quarry Safety Inspection Board');
    expect(board.aliases).toContain('QSIB');
    expect(board.type).toBe('organisation');
    expect(board.mentions).toHaveLength(2);
    expect(names(article)).not.toContain('QSIB');
  });
});

describe('a name that ends in a word for a company', () => {
  const article = articleOf('brick-prices', 'Brick prices climb for a third month', [
    'Brick prices rose 4 per cent in March, according to Tamsworth Research.',
    '"Builders are paying for last winter," said Ilse Korhonen, an analyst at Tamsworth.',
    'The rise was forecast by Morley Capital in January.',
  ]);

  it('is an organisation, with its first word alone a short name of it', () => {
    const firm = entityNamed(article, 'Tamsworth Research');
    expect(firm.type).toBe('organisation');
    expect(firm.aliases).toContain('Tamsworth');
    expect(names(article)).not.toContain('Tamsworth');
    expect(entityNamed(article, 'Morley Capital').type).toBe('organisation');
  });
});

describe('a name written in the possessive before what only a country has', () => {
  const article = articleOf('reef-talks', 'Reef talks end in a deal', [
    'The talks\' chair, Ostvaria\'s fisheries minister Pello Rantanen, closed the session at dawn.',
    'Delegates from Ostvaria and eleven other nations signed the text.',
  ]);

  it('is a place, and the title before it is not its role', () => {
    const country = entityNamed(article, 'Ostvaria');
    expect(country.type).toBe('place');
    expect(country.roles).toEqual([]);
    expect(entityNamed(article, 'Pello Rantanen').type).toBe('person');
  });
});

describe('a name followed by ", who"', () => {
  const article = articleOf('harbour-record', 'A singer records at sea', [
    'The album was made on a trawler with her pianist, Ada Lunt, and the young Dunmarran drummer Oskeli Varrunde, who is 26. "Oskeli plays like he has a train to catch," the singer says.',
  ]);

  it('is a person, and the given name that opens the quote after it is theirs', () => {
    const player = entityNamed(article, 'Oskeli Varrunde');
    expect(player.type).toBe('person');
    expect(player.aliases).toContain('Oskeli');
    expect(names(article)).not.toContain('Oskeli');
  });
});

describe('a name of common words after a preposition', () => {
  it('is no place when the article writes its words in lower case too', () => {
    const article = articleOf('engine-test', 'Engine passes its first test', [
      'The rocket lifted off on Tuesday from Firing Stand 2 in Corrowby.',
      'Engineers rebuilt the stand after a test last year cracked its firing plate.',
    ]);
    expect(entityNamed(article, 'Firing Stand').type).not.toBe('place');
    expect(entityNamed(article, 'Corrowby').type).toBe('place');
  });
});

describe('an acronym of a common noun', () => {
  it('is no organisation', () => {
    const article = articleOf('toolmaker-results', 'Toolmaker lifts its forecast', [
      'The toolmaker Brassick Works said its new AI tools would ship in May.',
      'Its chief executive said AI would change how the trade worked.',
    ]);
    expect(entityNamed(article, 'AI').type).not.toBe('organisation');
  });
});

describe('a name before ", whose" and a word for kin', () => {
  it('is a person, and her "…," she said is hers ("Ona Fenwick, whose father died in the fire, said …")', () => {
    const article = articleOf('ten-years-on', 'Ten years after the Carrow fire', [
      '"The alarms sounded late," said Ida Brook, who runs the warning service.',
      'Ona Fenwick, whose father died in the fire, said the anniversary was hard. "The town has rebuilt, and that is good," she said.',
    ]);
    expect(entityNamed(article, 'Ona Fenwick').type).toBe('person');
    expect(quoteStarting(article, 'The town has rebuilt').speaker?.entity).toBe(entityNamed(article, 'Ona Fenwick').id);
  });
});
