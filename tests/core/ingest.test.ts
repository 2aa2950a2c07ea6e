import { describe, expect, it } from 'vitest';
import { createBot, ingestDocument, ingestText, BriefbotError } from '../../src/core/index.ts';
import { parseDateLine } from '../../src/core/segment.ts';
import { articleOf, fixtureArticle, fixtureText, sentencesOf } from '../helpers.ts';

describe('ingestText', () => {
  it('keeps every sentence exactly as it stands in the source, with its offsets', () => {
    for (const name of ['donetsk-demand.txt', 'harbour-vote.txt', 'clinic-closure.txt', 'web-paste.txt', 'news/annapolis-joint-understanding.txt', 'news/anjouan-invasion.txt', 'news/uk-asylum-questionnaire.txt']) {
      const text = fixtureText(name);
      const article = ingestText(text, { source: name });
      for (const s of sentencesOf(article)) expect(text.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it('reads the seed layout: dek, dateline, section headings, paragraphs', () => {
    const article = fixtureArticle('donetsk-demand.txt', { outlet: 'The Washington Post' });
    expect(article.dateline).toBe('Washington, D.C.');
    expect(article.dek).toMatch(/^In a call with President Trump/);
    expect(article.published).toBe('');
    expect(article.sections.map((s) => s.heading)).toEqual([
      null,
      'Putin’s Proposal: Donetsk for Concessions Elsewhere',
      'Trump’s Response: “Let Both Claim Victory”',
      'Ukraine Seeks Security Guarantees',
      'Putin’s Leverage and Trump’s Balancing Act',
      'Stalemate Persists as Winter Nears',
    ]);
    const sentences = sentencesOf(article);
    // The dateline is not part of the first sentence of its paragraph.
    expect(sentences[1]!.text).toMatch(/^Russian President Vladimir Putin has demanded/);
    // "U.S." and "D.C." do not end sentences.
    expect(sentences[0]!.text).toMatch(/according to U\.S\. officials cited by The Washington Post\.$/);
    // A quote of several sentences is several sentences, each citable.
    expect(sentences.map((s) => s.text)).toContain('They should stop where they are.');
  });

  it('does not end a sentence at a time of day before a time zone or a weekday ("6:14 a.m. EDT, after …")', () => {
    const article = articleOf('barge-launch', 'Barge launched at Tolvik', [
      'The barge slid into the water at 6:14 a.m. EDT, after a delay caused by a loose chain. The yard reopens at 9 p.m. Friday, its owner said. Work ended at 5 p.m. The crew went home.',
    ]);
    expect(sentencesOf(article).map((s) => s.text)).toEqual([
      'The barge slid into the water at 6:14 a.m. EDT, after a delay caused by a loose chain.',
      'The yard reopens at 9 p.m. Friday, its owner said.',
      'Work ended at 5 p.m.',
      'The crew went home.',
    ]);
    const reply = createBot([article]).handle({ text: 'Why was the barge delayed?' });
    expect(reply.citations[0]?.text).toMatch(/^The barge slid into the water at 6:14 a\.m\. EDT, after a delay/);
  });

  it('keeps a quotation opened by a one-word sentence whole up to its attribution ("Afloat. We are afloat," said …)', () => {
    const article = articleOf('barge-quote', 'Barge afloat', [
      '"Afloat. We are afloat," said yard manager Ruth Okonedo. "Yes! It floats!" she shouted. "We waited for this day for a long time. It came," said Okonedo.',
    ]);
    expect(sentencesOf(article).map((s) => s.text)).toEqual([
      '"Afloat. We are afloat," said yard manager Ruth Okonedo.',
      '"Yes! It floats!" she shouted.',
      // A quoted sentence of more words is a sentence of its own, cited as one.
      '"We waited for this day for a long time.',
      'It came," said Okonedo.',
    ]);
  });

  it('does not split after a middle initial ("George W. Bush")', () => {
    const article = fixtureArticle('news/annapolis-joint-understanding.txt');
    expect(sentencesOf(article)[0]!.text).toMatch(/George W\. Bush read a statement/);
    expect(article.title).toBe('Statement of "joint understanding" released after Annapolis Conference');
    expect(article.published).toBe('2007-11-28');
  });

  it('reads a Markdown headline, a dateline with a country, and ## headings', () => {
    const article = fixtureArticle('clinic-closure.txt');
    expect(article.title).toBe('Rural clinic to close as doctors leave');
    expect(article.dateline).toBe('ABERDEEN, Scotland');
    expect(article.sections.map((s) => s.heading)).toEqual([null, 'Patients react']);
  });

  it('finds people with their roles and short names', () => {
    const article = fixtureArticle('donetsk-demand.txt');
    const putin = article.entities.find((e) => e.name === 'Vladimir Putin');
    expect(putin).toMatchObject({ type: 'person' });
    expect(putin!.roles).toContain('Russian President');
    expect(putin!.aliases).toContain('Putin');
    const witkoff = article.entities.find((e) => e.name === 'Steve Witkoff');
    expect(witkoff!.roles).toContain('special envoy');
    const post = article.entities.find((e) => e.aliases.includes('Post'));
    expect(post?.name).toMatch(/Washington Post/);
    expect(post?.type).toBe('organisation');
    const rubio = article.entities.find((e) => e.name === 'Marco Rubio');
    expect(rubio!.roles).toContain('Secretary of State');
  });

  it('resolves he and she to the person named before', () => {
    const article = fixtureArticle('harbour-vote.txt');
    const tavares = article.entities.find((e) => e.name === 'Rui Tavares')!;
    expect(tavares.roles).toContain('Portuguese Prime Minister');
    const s5 = sentencesOf(article).find((s) => s.text.startsWith('He told reporters'))!;
    expect(tavares.pronounMentions).toContain(s5.id);
    const duarte = article.entities.find((e) => e.name === 'Helena Duarte')!;
    expect(duarte.roles).toContain('Mayor');
  });

  it('attributes quotes to their speakers, also when the speaker is named in the sentence before', () => {
    const seed = fixtureArticle('donetsk-demand.txt');
    const trumpQuote = seed.quotes.find((q) => q.text.startsWith('It is time to stop the killing'))!;
    expect(trumpQuote.sentences).toHaveLength(4);
    expect(trumpQuote.speaker?.entity).toBe(seed.entities.find((e) => e.name === 'Donald Trump')!.id);
    const leg = seed.quotes.find((q) => q.text.includes('selling them their own leg'))!;
    expect(leg.speaker).toEqual({ entity: null, description: 'one senior European diplomat' });
    const played = seed.quotes.find((q) => q.text.startsWith('I’ve been played'))!;
    expect(played.speaker?.description).toBe('Trump');

    const harbour = fixtureArticle('harbour-vote.txt');
    const wait = harbour.quotes.find((q) => q.text.startsWith('We cannot afford to wait'))!;
    expect(wait.speaker?.entity).toBe('helena-duarte');
    const monument = harbour.quotes.find((q) => q.text.includes('monument to cars'))!;
    expect(monument.speaker?.entity).toBe('marco-silva');
  });

  it('keeps attributions, numbers and dates per sentence', () => {
    const seed = fixtureArticle('donetsk-demand.txt');
    expect(seed.attributions.map((a) => a.text)).toContain('according to U.S. officials cited by The Washington Post');
    const harbour = fixtureArticle('harbour-vote.txt');
    const cost = sentencesOf(harbour).find((s) => s.text.includes('€420 million'))!;
    expect(cost.numbers).toContain('€420 million');
    expect(cost.dates).toContain('2029');
  });

  it('keeps the name in apposition after the role in "According to its chief engineer, Priya Malden, …"', () => {
    const article = articleOf('grid-repairs', 'Power cut leaves Ostley without heating', [
      'Energy firm Voltra said it had 200 crews ready. According to its chief engineer, Priya Malden, repairs would take "at least a week".',
      'According to police, Tom Garrow was arrested near the substation on Monday.',
    ]);
    expect(article.attributions.map((a) => a.text)).toEqual(['According to its chief engineer, Priya Malden', 'According to police']);
  });

  it('reads text copied from a web page: no byline, advertisement or share line in the article', () => {
    const article = fixtureArticle('web-paste.txt');
    const texts = sentencesOf(article).map((s) => s.text);
    expect(article.title).toBe('City council approves new harbour tunnel after decade of debate');
    expect(article.published).toBe('2026-11-24');
    expect(article.dateline).toBe('KELMOUTH');
    expect(texts[0]).toMatch(/^The city council on Monday approved/);
    expect(article.sections.map((s) => s.heading)).toEqual([null]);
    expect(texts.some((t) => /^(By |Updated|Advertisement|Share|Read more|Sign up)/.test(t))).toBe(false);
    expect(article.entities.map((e) => e.name)).not.toContain('Maria Lopez');
  });

  it('reads a saved web page through its article, keeping the text its offsets point into', async () => {
    const { article, text } = await ingestDocument(fixtureText('web-page.html'), { source: 'web-page.html' });
    for (const s of sentencesOf(article)) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(article).toMatchObject({ title: 'Council approves harbour tunnel after decade of debate', outlet: 'The Kelmouth Gazette', published: '2026-11-24', url: 'https://gazette.example/news/harbour-tunnel', dateline: 'KELMOUTH' });
    expect(article.sections.map((s) => s.heading)).toEqual([null, 'Costs']);
    const texts = sentencesOf(article).map((s) => s.text);
    expect(texts.some((t) => /Most read|Storm closes bridge|By Maria Lopez|Photo: Gazette|rights reserved/.test(t))).toBe(false);
    expect(article.quotes.map((q) => q.speaker?.description)).toEqual(['Ortiz']);
    // Options win over what the page says of itself.
    const given = await ingestDocument(fixtureText('web-page.html'), { source: 'web-page.html', outlet: 'Wire copy' });
    expect(given.article.outlet).toBe('Wire copy');
  });

  it('refuses a web page with no article in it', async () => {
    await expect(ingestDocument('<!doctype html><html><body><nav><a href="/">Home</a></nav></body></html>')).rejects.toThrow(/no article found in this web page/);
  });

  it('reads a byline that says where the reporter was ("at the Elm Road ground") as no section heading, and the date line under it as the date', () => {
    const text = [
      'Tarnside edge Millbrook in five-goal thriller',
      '',
      'By Ola Brenn at the Elm Road Stadium',
      'Saturday 7 March 2026',
      '',
      'Tarnside beat Millbrook 3-2 on Saturday with a goal in the last minute.',
      '',
      'The winner came from the substitute Kai Morrow.',
    ].join('\n');
    const article = ingestText(text, { id: 'tarnside' });
    expect(article.sections.map((s) => s.heading)).toEqual([null]);
    expect(article.published).toBe('2026-03-07');
    expect(sentencesOf(article).map((s) => s.text)[0]).toMatch(/^Tarnside beat Millbrook/);
  });

  it('keeps a short opening paragraph that starts with "By", which is no byline', () => {
    const article = articleOf('vigil', 'Vigil held for flood victims', ['By noon, the crowd had gone.', 'Hundreds had gathered at dawn by the river to remember the victims.']);
    expect(sentencesOf(article).map((s) => s.text)).toContain('By noon, the crowd had gone.');
  });

  it('reads the date of an "Updated …" or "Published …" line with its time of day', () => {
    expect(parseDateLine('Updated 3:45 PM GMT, November 24, 2026')).toBe('2026-11-24');
    expect(parseDateLine('Published November 24, 2026 at 3 p.m. EST')).toBe('2026-11-24');
    // A line shaped like a date that is no day on the calendar gives no date.
    expect(parseDateLine('Wednesday, February 30, 2026')).toBe('');
    expect(parseDateLine('Posted: 24 November 2026, 09:12')).toBe('2026-11-24');
    expect(parseDateLine('The vote ended at 3:45 pm on November 24, 2026.')).toBe('');
  });

  it('refuses a text with no sentence', () => {
    expect(() => ingestText('   \n\n  ')).toThrow(BriefbotError);
  });
});

describe('bulleted lists', () => {
  it('reads each item as a paragraph of its own, without its bullet, and never as a section heading', () => {
    const text = '# Toll zone explained\n\nThe council approved the toll in April.\n\n## How much will it cost?\n\n- Cars: £9 per day\n- Vans and small lorries: £14 per day\n* Motorcycles: free\n\nDrivers who pay late are charged an extra £5.\n';
    const article = ingestText(text, { id: 'toll-zone' });
    const cost = article.sections.find((s) => s.heading === 'How much will it cost?');
    expect(cost?.paragraphs.map((p) => p.sentences.map((x) => x.text).join(' '))).toEqual([
      'Cars: £9 per day',
      'Vans and small lorries: £14 per day',
      'Motorcycles: free',
      'Drivers who pay late are charged an extra £5.',
    ]);
    for (const s of sentencesOf(article)) expect(text.slice(s.start, s.end)).toBe(s.text);
    const c = createBot([article]).handle({ text: 'How much do vans and small lorries pay?' }).citations[0]!;
    expect(c.text).toBe('Vans and small lorries: £14 per day');
  });
});

describe('entity types from lists', () => {
  it('gives names listed with a place the type place ("Northvale, Eastmarch and Lowfield")', () => {
    const article = articleOf('floods', 'Floods close roads in the north', [
      'Heavy rain flooded roads in Northvale on Monday, the regional council said.',
      'Schools stayed shut across Northvale, Eastmarch and Lowfield as the water rose.',
      'Forecasters expect the rain to ease by Thursday.',
    ]);
    const typeOf = (name: string) => article.entities.find((e) => e.name === name)?.type;
    expect(typeOf('Northvale')).toBe('place');
    expect(typeOf('Eastmarch')).toBe('place');
    expect(typeOf('Lowfield')).toBe('place');
  });

  it('types a name followed by "members", "lawmakers" or "supporters" as an organisation', () => {
    const article = articleOf('arrests', 'Arrests after protest', [
      'Police arrested two Zarvik members after the protest on Monday.',
      'Several Voltan lawmakers called for an inquiry.',
    ]);
    const typeOf = (name: string) => article.entities.find((e) => e.name === name)?.type;
    expect(typeOf('Zarvik')).toBe('organisation');
    expect(typeOf('Voltan')).toBe('organisation');
  });

  it('counts a name that ends a sentence as a mention ("… on the board, said Ana Ferreira.")', () => {
    const article = articleOf('board', 'Board meets', ['The board met on Monday.', 'The vote was close, said Ana Ferreira.', 'Ana Ferreira chairs the board.']);
    const ana = article.entities.find((e) => e.name === 'Ana Ferreira');
    expect(ana?.mentions).toEqual(['s2', 's3']);
  });
});

describe('entity boundaries and types', () => {
  const article = articleOf('port', 'Port workers end strike', [
    'Dockers at the port of Kelmouth returned to work on Friday after a four-day strike.',
    'Speaking at City Hall Tuesday, the mayor said the deal was fair.',
    'The United States Forest Service said inspections would resume.',
    'South African president Lerato Ndlovu welcomed the agreement.',
    'CEO of the Harbour Trust Sarah Whitfield said the cargo backlog would clear within a week.',
    'Chair of the Kelmouth Port Board Daniel Harcourt told reporters: "Nobody wins a strike."',
    'The deal was drafted with help from employment barrister Priya Raman.',
    'At the signing, United States President Martha J. Keene praised both sides.',
    'Economists at the Institute for Coastal and Maritime Research said the strike cost the port £4 million a day.',
    'Inspectors from the Department of Health and Human Safety will visit the docks next week.',
    '"The cranes are running again," said Kwabena Osei Tutu, a union spokesman.',
  ]);
  const entity = (name: string) => article.entities.find((e) => e.name === name);

  it('ends a name at a day of the week ("City Hall Tuesday")', () => {
    expect(entity('City Hall')).toBeDefined();
    expect(article.entities.some((e) => /Tuesday/.test(e.name))).toBe(false);
  });

  it('types a place\'s office, authority or ministry as an organisation', () => {
    expect(entity('United States Forest Service')?.type).toBe('organisation');
  });

  it('reads a two-word demonym before a title as part of the role', () => {
    expect(entity('Lerato Ndlovu')?.roles).toContain('South African president');
    expect(article.entities.some((e) => e.name === 'South African')).toBe(false);
  });

  it('splits an organisation\'s name from the person named right after it', () => {
    expect(entity('Sarah Whitfield')?.type).toBe('person');
    expect(entity('Harbour Trust')).toBeDefined();
  });

  it('credits a quote to the person, not the organisation named before them', () => {
    const quote = article.quotes.find((q) => q.text.startsWith('Nobody wins'));
    expect(quote?.speaker?.entity).toBe(entity('Daniel Harcourt')?.id);
  });

  it('types a speaker of several words as a person', () => {
    expect(entity('Kwabena Osei Tutu')?.type).toBe('person');
  });

  it('reads a job as a role: before the name, in apposition, or completed by an organisation', () => {
    expect(entity('Priya Raman')?.roles).toEqual(['employment barrister']);
    expect(entity('Kwabena Osei Tutu')?.roles).toEqual(['union spokesman']);
    expect(entity('Sarah Whitfield')?.roles).toEqual(['CEO of the Harbour Trust']);
    expect(entity('Daniel Harcourt')?.roles).toEqual(['Chair of the Kelmouth Port Board']);
  });

  it('reads an organisation\'s name through "for", "of" and "and" after its organisation word', () => {
    expect(entity('Institute for Coastal and Maritime Research')?.type).toBe('organisation');
    expect(entity('Department of Health and Human Safety')?.type).toBe('organisation');
    expect(article.entities.some((e) => e.name === 'Maritime Research' || e.name === 'Human Safety')).toBe(false);
  });

  it('keeps a middle initial inside a name and a country before a title in the role', () => {
    expect(entity('Martha J. Keene')?.roles).toEqual(['United States President']);
    expect(article.entities.some((e) => e.name.startsWith('United States President'))).toBe(false);
  });

  it('answers "who is" with the job written next to the name', () => {
    const reply = createBot([article]).handle({ text: 'Who is Priya Raman?' });
    const cited = reply.citations[0]!;
    expect(cited.text.slice(cited.span!.start, cited.span!.end)).toBe('employment barrister Priya Raman');
  });
});

describe('a standfirst under the headline', () => {
  const text = [
    'Ferry service to Tollan Isle cut to two sailings a week',
    'Islanders say the reduced timetable will cost them jobs and hospital visits',
    'The Brask Ferry Company will cut its service to Tollan Isle from daily to two sailings a week from April, the company said on Monday.',
    'About 900 people live on the island, which has no doctor of its own.',
    'Council reaction',
    'The island councillor, Mira Lenholm, said the cut was "a betrayal of a community that has nowhere else to turn".',
  ].join('\n\n') + '\n';

  it('is the first paragraph of the lede, its own citable sentence, and no section heading; later headings still are', () => {
    const article = ingestText(text, { id: 'tollan-ferry' });
    expect(article.dek).toBe('Islanders say the reduced timetable will cost them jobs and hospital visits');
    expect(article.sections.map((s) => s.heading)).toEqual([null, 'Council reaction']);
    const first = article.sections[0]!.paragraphs[0]!;
    expect(first.n).toBe(1);
    expect(first.sentences.map((s) => s.text)).toEqual(['Islanders say the reduced timetable will cost them jobs and hospital visits']);
    const reply = createBot([article]).handle({ text: 'How often will the ferry sail to Tollan Isle?' });
    expect(reply.citations[0]).toMatchObject({ section: null, paragraph: 2 });
    expect(reply.citations[0]!.text).toMatch(/^The Brask Ferry Company will cut/);
  });

  it('is read on the line right under a long headline, with no blank line between, however long the two lines are', () => {
    const headline = 'Quarrymen of the Ostel valley vote to strike for the first time in thirty years as pay talks fail';
    const standfirst = 'Union leader Brannoc Ilsted says the walkout will go ahead unless owners return to talks with "a serious offer"';
    const tight = [
      `${headline}\n${standfirst}`,
      'VARNHOLM, Ostel (Valley Post) - Quarry workers in the Ostel valley voted by 812 to 95 on Tuesday to strike from March 3, the first walkout in the industry since 1996.',
      'The owners had offered a pay rise of 2.5%, below the 4% the union asked for.',
    ].join('\n\n') + '\n';
    const article = ingestText(tight, { source: 'quarry.txt' });
    expect(article.title).toBe(headline);
    expect(article.dek).toBe(standfirst);
    expect(sentencesOf(article).map((s) => s.text)).not.toContain(headline);
    expect(sentencesOf(article).some((s) => s.text.includes(headline))).toBe(false);
    const reply = createBot([article]).handle({ text: 'When will the quarry workers strike?' });
    expect(reply.citations[0]!.text).toMatch(/^Quarry workers in the Ostel valley voted/);
  });

  it('leaves a hard-wrapped first paragraph whole', () => {
    const wrapped = [
      'Quarry workers in the Ostel valley voted on Tuesday to strike from March 3 after the owners of the\nquarries offered a pay rise of 2.5%, below the 4% the union asked for.',
      'The vote was 812 to 95, the union said in a statement on\nWednesday morning, and the owners have asked for new talks.',
    ].join('\n\n') + '\n';
    const article = ingestText(wrapped, { source: 'quarry.txt' });
    expect(article.title).toBe('Quarry');
    // One paragraph, both lines (the platform's segmenter still ends a sentence at the line break).
    expect(article.sections[0]!.paragraphs[0]!.sentences.map((s) => s.text).join(' ')).toMatch(/^Quarry workers .* owners of the quarries offered .* asked for\.$/);
  });

  it('is still read after a date line under the headline', () => {
    const dated = text.replace('\n\n', '\n\nMonday, March 2, 2026\n\n');
    const article = ingestText(dated, { id: 'tollan-ferry' });
    expect(article.published).toBe('2026-03-02');
    expect(article.sections.map((s) => s.heading)).toEqual([null, 'Council reaction']);
    expect(sentencesOf(article)[0]!.text).toMatch(/^Islanders say/);
  });
});
