/**
 * Facts read off the sentences of one article: named entities with their roles and
 * aliases, pronouns resolved to people, quotes with their speakers, attributions, numbers
 * and dates. Part-of-speech and name-type hints come from compromise; titles, role words
 * and speech verbs are data in `lexicon/`.
 */
import nlp from 'compromise';
import roleData from './lexicon/roles.json' with { type: 'json' };
import speechData from './lexicon/speech.json' with { type: 'json' };
import abbreviationData from './lexicon/abbreviations.json' with { type: 'json' };
import acronymData from './lexicon/acronyms.json' with { type: 'json' };
import titleData from './lexicon/titles.json' with { type: 'json' };
import type { Attribution, Entity, EntityType, Quote } from './schema.ts';
import { QUOTED, STOP_WORDS, foldWord, isAcronym, tokenize, demonymPlace, type Token } from './text.ts';
import { CURRENCY_WORDS, INTERVIEW_ANSWER, INTERVIEW_QUESTION, JOB_WORDS, TITLES } from './patterns.ts';

export interface SentenceRef {
  id: string;
  start: number;
  end: number;
  text: string;
  /** Index of the paragraph in the article. */
  paragraph: number;
  /** True for a heading line (it is scanned for mentions, not for new names). */
  heading?: boolean;
}

// Words are compared without their full stops ("Inc." is the token "Inc").
/** Words that end an organisation's name and no person's ("Harlan Electric", "Orrin Transit"). */
const ORGANISATION_ENDINGS = new Set(roleData.organisationEndings);
const ORG_WORDS = new Set([...roleData.organisationWords.map((w) => w.replace(/\./g, '')), ...ORGANISATION_ENDINGS]);
const ORGANISATION_NOUNS = new Set(roleData.organisationNouns);
const IMPERSONAL_KIND_NOUNS: ReadonlySet<string> = new Set(roleData.impersonalKindNouns);
const SPORT_ORGANISATION_NOUNS = new Set(roleData.sportOrganisationNouns);
const COMPANY_WORDS = new Set(roleData.companyWords);
const JOINT_ORGANISATION_WORDS = new Set([...ORG_WORDS, ...roleData.jointOrganisationWords]);
const ORGANISATION_VERBS = new Set(roleData.organisationVerbs);
const ORGANISATION_POSSESSIONS = new Set(roleData.organisationPossessions);
const PLACE_POSSESSIONS = new Set(roleData.placePossessions);
const PLACE_PARTS = new Set(roleData.placeParts);
const ORGANISATION_PHRASES = roleData.organisationPhrases.map((p) => ` ${p} `);
const POST_NOMINALS = new Set(roleData.postNominals);
const GIVEN_NAME_TITLES = new Set(roleData.givenNameTitles);
/** Places in a team, by their last word: "goalkeeper", "head coach". */
const TEAM_POSITIONS = new Map<string, string[][]>();
for (const position of roleData.teamPositions) {
  const parts = position.split(' ');
  TEAM_POSITIONS.set(parts[parts.length - 1]!, [...(TEAM_POSITIONS.get(parts[parts.length - 1]!) ?? []), parts]);
}
const PLACE_WORDS = new Set(roleData.placeWords);
/** Words that end a club's name and a place's alike ("Hollin Town", "Salt Lake City"). */
const CLUB_PLACE_WORDS = new Set(roleData.clubPlaceWords);
/** Words written in lower case in a report on a match ("league", "half-time", "striker"). */
const SPORT_WORDS = roleData.sportWords;
/** Words of a match's result or fixture ("beat", "drew", "against"); with SPORT_WORDS, a sentence about a match. */
const MATCH_WORDS = new Set([...roleData.matchWords, ...roleData.sportWords, ...roleData.teamPositions]);
const MEMBER_NOUNS = new Set(roleData.memberNouns);
/** Short names of political parties ("Labour", "the Socialists"), folded: organisations. */
const PARTY_NAMES = new Set(roleData.partyNames);
const LEADER_ORGANISATION_WORDS = new Set(roleData.leaderOrganisationWords);
const DEGREES = new Set(roleData.degrees);
/** Words that open a storm's name ("Storm Bertil", "Hurricane Ines"), split into words. */
const EVENT_WORDS = roleData.eventWords.map((w) => w.split(' ')).sort((a, b) => b.length - a.length);
/** Words that end a street's name after a possessive ("Cobbler's Lane"). */
const STREET_WORDS = new Set(roleData.streetWords);
/** Words that go on an organisation's name after a possessive ("Harrow's Society"). */
const POSSESSIVE_NAME_WORDS = new Set(roleData.possessiveNameWords);
/** Time zones written after a time ("6:14 a.m. EDT"): no names. */
const TIME_ZONES = new Set(abbreviationData.timeZones);
/** Acronyms of common nouns ("AI", "GDP"): no organisation's name. */
const COMMON_ACRONYMS = new Set(acronymData.common);
/** A month's short form, written before a day's number ("Sept 22", "Oct. 14"). */
const MONTH_SHORT = /^(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;

/** How many words at the start of `words` (folded) open a storm's name; 0 when none do. */
function eventWordsAt(words: readonly string[]): number {
  for (const parts of EVENT_WORDS) if (parts.length < words.length && parts.every((p, k) => words[k] === p)) return parts.length;
  return 0;
}
/**
 * True when a name (folded words) is a storm's: a word for a storm opens it ("Storm Bertil"), and
 * the word after it is not among `people`, the words that name a person in this article.
 */
function eventNamed(words: readonly string[], people: ReadonlySet<string>): boolean {
  const n = eventWordsAt(words);
  return n > 0 && !people.has(words[n]!);
}

const EVENT_NAME = new RegExp(`(?<![\\p{L}])(?:${roleData.eventWords.map((w) => w.replace(/(^|\s)\p{Ll}/gu, (c) => c.toUpperCase())).join('|')})\\s+(\\p{Lu}[\\p{L}'’-]+)`, 'gu');
const PERSONAL_VERBS = speechData.personalVerbs.join('|');

/**
 * The names written after a word for a storm that are a person's here (folded): "Storm Tallis" is
 * no storm when "Tallis said" or "…," said Storm Tallis." is written, or a job stands before it
 * ("the actress Storm Tallis"). Storms say nothing.
 */
function peopleNamedLikeStorms(body: readonly SentenceRef[]): Set<string> {
  const people = new Set<string>();
  const names = new Set<string>();
  for (const s of body) if (/[SHTC]/.test(s.text)) for (const m of s.text.matchAll(EVENT_NAME)) names.add(m[1]!.replace(/['’]s?$/u, ''));
  for (const name of names) {
    const word = escapeRegExp(name);
    const speaks = new RegExp(`(?<![\\p{L}])${word}\\s+(?:${PERSONAL_VERBS})(?![\\p{L}])|(?<![\\p{L}])(?:said|says)\\s+(?:\\p{Lu}\\p{L}*\\s+)?${word}(?=\\s*[,.;:!?]|\\s*$)`, 'u');
    const employed = new RegExp(`(?<![\\p{L}])(\\p{Ll}+)\\s+\\p{Lu}\\p{Ll}+\\s+${word}(?![\\p{L}])`, 'gu');
    if (body.some((s) => speaks.test(s.text) || [...s.text.matchAll(employed)].some((m) => JOB_WORDS.has(m[1]!)))) people.add(foldWord(name));
  }
  return people;
}

const SPEECH_VERBS = new Set(speechData.verbs);
const RELATIVE_WORDS = new Set(speechData.relativeWords);
/** Abbreviations that end in a full stop but not a phrase: "Dr.", "Mr.", "St.". */
const ABBREVIATIONS = new Set(abbreviationData.always);
const CONNECTORS = new Set(['of', 'de', 'da', 'del', 'van', 'von', 'der', 'al', 'bin', 'ibn', 'la', 'le', 'the']);
const DATE_WORD = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tomorrow)$/i;
/** Function words and months that are also given names: "Per Aasen", "Will Tarrant", "May Lindqvist". */
const GIVEN_NAME_WORDS = new Set(roleData.givenNameWords);
/** Words before a title that say which of its holders is meant ("shadow", "acting"): part of the role. */
const ROLE_MODIFIERS = new Set(roleData.roleModifiers);
/** Words written before a month: "in May", "since April", "last June". */
const DATE_PREPOSITIONS = new Set(['in', 'on', 'by', 'since', 'until', 'till', 'from', 'during', 'of', 'before', 'after', 'through', 'to', 'between', 'and', 'last', 'next', 'early', 'late', 'mid', 'this', 'every']);
/** A place's vote for a name written after one of PLACE_PREPOSITIONS: weaker than any hint. */
const PLACE_PREPOSITION_VOTE = 0.75;
const PLACE_PREPOSITIONS = new Set(['in', 'from', 'to', 'near', 'across', 'into', 'toward', 'towards', 'through', 'outside', 'inside', 'around']);

type Hint = 'person' | 'place' | 'organisation' | 'adjective' | 'common';

interface Chunk {
  sentence: SentenceRef;
  tokens: Token[];
  name: string;
  roles: string[];
  votes: Record<EntityType, number>;
  /** compromise read a word of the name as a person's or a place's here. */
  hinted: boolean;
  /** A one-word name written straight before a lower-case noun, as a modifier ("the Veltist church"). */
  modifier: boolean;
  /** The name is a storm's ("Storm Bertil"). */
  event: boolean;
  /** The name (folded) of the chunk just before, when this one is written as its other name: "the Forestry Department, known as Hal Fire". */
  knownAs?: string;
  /** The acronym written in brackets after the name, its initials ("… in Europe (OSCE)"). */
  acronym?: string;
  /** A noun for a kind of organisation stands before the name ("the toy maker Pellow Crafts"). */
  kind?: boolean;
  /** That noun is never a person's job ("the carmaker Fjellby"; see impersonalKindNouns in roles.json). */
  impersonal?: boolean;
  /** A role names a given name and a surname here ("the club's manager, Ada Fenmoor"): a person's, whatever else the words are read as. */
  personal?: boolean;
}

/** What compromise's tags say of each word, by the absolute offset of its start. */
interface WordTags {
  hints: Map<number, Hint>;
  /** Nouns for a person's job or part, in the singular ("barrister", "analyst", "spokesman"). */
  jobs: Set<number>;
  /** Nouns of any kind. */
  nouns: Set<number>;
  /** Words compromise reads as a name here, whatever else they may be ("Per" in "the geologist Per Aasen"). */
  proper: Set<number>;
  /** Verbs. */
  verbs: Set<number>;
}

/** compromise's own word list: what it knows of a word out of context. */
const LEXICON = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
const PLACE_TAGS = new Set(['Country', 'City', 'Region', 'Place']);

/** True when compromise knows the word, whatever its context, as a country, city or region ("Kano", "Texas"). */
function knownPlace(word: string): boolean {
  const tags = LEXICON[foldWord(word)];
  if (tags === undefined) return false;
  return typeof tags === 'string' ? PLACE_TAGS.has(tags) : tags.some((t) => PLACE_TAGS.has(t));
}

/** True when compromise knows the word, whatever its context, as an organisation's name. */
function knownOrganisation(word: string): boolean {
  const tags = LEXICON[foldWord(word)];
  return tags !== undefined && (typeof tags === 'string' ? tags === 'Organization' : tags.includes('Organization'));
}

const GIVEN_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);

/** True when compromise knows the word, out of context, as a given name and not as a place ("Helen", not "Georgia"). */
function knownGivenName(word: string): boolean {
  const tags = LEXICON[foldWord(word)];
  if (tags === undefined || knownPlace(word)) return false;
  return typeof tags === 'string' ? GIVEN_NAME_TAGS.has(tags) : tags.some((t) => GIVEN_NAME_TAGS.has(t));
}

/**
 * True when a name ending in a word for a place may be a club's ("Hollin Town", "Manchester
 * City"): compromise knows neither the whole name as a place ("Salt Lake City", "Vatican City") nor
 * its first words as a country or region ("Mexico City", "Kansas City").
 */
function clubNamed(words: readonly string[]): boolean {
  const whole = LEXICON[words.join(' ')];
  if (whole !== undefined && (typeof whole === 'string' ? PLACE_TAGS.has(whole) : whole.some((t) => PLACE_TAGS.has(t)))) return false;
  return !words.slice(0, -1).some((w) => {
    const tags = LEXICON[w];
    return tags !== undefined && (typeof tags === 'string' ? tags === 'Country' || tags === 'Region' : tags.includes('Country') || tags.includes('Region'));
  });
}

/** True when the article reads as a report on a match: it writes two or more words of sport in lower case. */
function aboutSport(lowerVocabulary: ReadonlySet<string>): boolean {
  let found = 0;
  for (const w of SPORT_WORDS) if (lowerVocabulary.has(w) && ++found >= 2) return true;
  return false;
}

/** Adds compromise's tags for every word of a text starting at `base` to `into`. */
function tagWords(text: string, base: number, into: WordTags): void {
  const { hints, jobs, nouns, proper, verbs } = into;
  const doc = nlp(text);
  const json = doc.json({ offset: true, terms: { offset: true } }) as {
    terms: { text: string; tags: string[]; offset: { start: number } }[];
  }[];
  for (const sentence of json) {
    for (const term of sentence.terms) {
      const tags = new Set(term.tags);
      let hint: Hint = 'common';
      if (tags.has('Person') || tags.has('FirstName') || tags.has('LastName') || tags.has('Honorific')) hint = 'person';
      else if (tags.has('Place') || tags.has('Country') || tags.has('City') || tags.has('Region')) hint = 'place';
      else if (tags.has('Organization')) hint = 'organisation';
      else if (tags.has('Adjective') && !tags.has('ProperNoun')) hint = 'adjective';
      hints.set(base + term.offset.start, hint);
      if (tags.has('Noun')) nouns.add(base + term.offset.start);
      if (tags.has('ProperNoun')) proper.add(base + term.offset.start);
      if (tags.has('Verb')) verbs.add(base + term.offset.start);
      if (tags.has('Actor') && !tags.has('Plural')) jobs.add(base + term.offset.start);
    }
  }
}

/** The titles' words, longest first, by their first and by their last word: looked up for every name. */
const TITLES_BY_FIRST = new Map<string, string[][]>();
const TITLES_BY_LAST = new Map<string, string[][]>();
for (const title of TITLES) {
  const parts = title.split(' ');
  TITLES_BY_FIRST.set(parts[0]!, [...(TITLES_BY_FIRST.get(parts[0]!) ?? []), parts]);
  TITLES_BY_LAST.set(parts[parts.length - 1]!, [...(TITLES_BY_LAST.get(parts[parts.length - 1]!) ?? []), parts]);
}

/** Matches a title phrase at the end of `words` (lower case); returns how many words it takes. */
function titleAtEnd(words: readonly string[]): number {
  const candidates = TITLES_BY_LAST.get(words[words.length - 1] ?? '');
  if (!candidates) return 0;
  for (const parts of candidates) {
    if (parts.length > words.length) continue;
    const offset = words.length - parts.length;
    if (parts.every((p, k) => words[offset + k] === p)) return parts.length;
  }
  return 0;
}

/** Matches a title phrase at the start of `words` (lower case); returns how many words it takes. */
function titleAtStart(words: readonly string[]): number {
  const candidates = TITLES_BY_FIRST.get(words[0] ?? '');
  if (!candidates) return 0;
  for (const parts of candidates) {
    if (parts.length > words.length) continue;
    if (parts.every((p, k) => words[k] === p)) return parts.length;
  }
  return 0;
}

/** How many words from `from` spell a demonym ("Russian", "South African"); 0 when none do. */
function demonymLength(tokens: readonly Token[], from: number): number {
  const one = tokens[from];
  if (!one) return 0;
  const two = tokens[from + 1];
  if (two && demonymPlace(`${one.surface} ${two.surface}`)) return 2;
  return demonymPlace(one.surface) ? 1 : 0;
}

/**
 * Where an organisation's name runs straight into a person's ("the Tenants Union Mara
 * Lind"): the index of the person's first word, or 0 when the run is one name.
 */
function organisationPersonSplit(part: readonly Token[], hints: Map<number, Hint>): number {
  for (let k = 1; k <= part.length - 2; k++) {
    const before = part[k - 1]!;
    if (hints.get(before.start) !== 'organisation' && !ORG_WORDS.has(foldWord(before.surface))) continue;
    if (part.slice(k).every((p) => hints.get(p.start) === 'person')) return k;
  }
  return 0;
}

/**
 * Where a person's name runs on through "of" into an organisation's ("Ola Brenne of Fjell
 * Capital") or a place's ("Sen. Ola Brenne of North Tarn"): the index of "of", or 0 when the run
 * is one name ("Bank of England", "University of Okedara"). The two or three words before it (one
 * to three after a title) must be no organisation's, place's or office's, and the words after it
 * an organisation's, or, when compromise reads every word before it as a person's, no person's.
 */
function personOfAffiliation(part: readonly Token[], hints: Map<number, Hint>): number {
  const k = part.findIndex((p) => p.surface === 'of');
  if (k < 2 || k === part.length - 1) return 0;
  const title = titleAtStart(part.slice(0, k).map((p) => foldWord(cleanName(p.surface))));
  if (title === k) return 0; // "Secretary General of NATO" is an office
  // "Detective Inspector Ola Brenne of Fjell Police": a title before the name leaves a name of one to three words.
  const named = k - title;
  if (named > 3 || (title === 0 && named < 2)) return 0;
  const before = part.slice(title, k);
  const lower = before.map((p) => foldWord(p.surface));
  const person = before.every((p, n) => {
    const h = hints.get(p.start);
    return h !== 'organisation' && h !== 'place' && !ORG_WORDS.has(lower[n]!) && !PLACE_WORDS.has(lower[n]!) && demonymPlace(p.surface) === undefined;
  });
  if (!person) return 0;
  const rest = part.slice(k + 1);
  const organisation = rest.some((p) => {
    const word = foldWord(cleanName(p.surface));
    return hints.get(p.start) === 'organisation' || ORG_WORDS.has(word) || COMPANY_WORDS.has(word);
  });
  if (!rest.every((p) => hints.get(p.start) !== 'person')) return 0;
  return organisation || before.every((p) => hints.get(p.start) === 'person') ? k : 0;
}

/**
 * Where a party's or a movement's name runs on through "of" into its leader's ("the Progress
 * Party of Lina Varga"): the index of "of", or 0. The words after it are a person's name of two or
 * three words, none a place's or an organisation's, one of which compromise reads as a person's
 * or all of which it does not know.
 */
function organisationOfLeader(part: readonly Token[], hints: Map<number, Hint>): number {
  const k = part.findIndex((p) => p.surface === 'of');
  if (k < 1 || part.length - k - 1 < 2 || part.length - k - 1 > 3 || !LEADER_ORGANISATION_WORDS.has(foldWord(part[k - 1]!.surface))) return 0;
  const name = part.slice(k + 1);
  const personal = name.every((p) => {
    const word = foldWord(cleanName(p.surface));
    const h = hints.get(p.start);
    return /^\p{Lu}\p{Ll}/u.test(p.surface) && h !== 'place' && h !== 'organisation' && !ORG_WORDS.has(word) && !PLACE_WORDS.has(word) && !knownPlace(p.surface) && demonymPlace(p.surface) === undefined;
  });
  return personal && (name.some((p) => hints.get(p.start) === 'person') || name.every((p) => LEXICON[foldWord(cleanName(p.surface))] === undefined)) ? k : 0;
}

/**
 * The lower-case noun for a kind of organisation written just before token `at`: "the charity",
 * "the think tank", and in a report on sport "the Dutch side"; null when there is none.
 */
function organisationNounBefore(tokens: readonly Token[], at: number, source: string, sport = false): string | null {
  const one = tokens[at - 1];
  if (!one || !/^\p{Ll}/u.test(one.surface) || !/^\s+$/.test(source.slice(one.end, tokens[at]!.start))) return null;
  if (ORGANISATION_NOUNS.has(one.surface) || (sport && SPORT_ORGANISATION_NOUNS.has(one.surface))) return one.surface;
  const two = tokens[at - 2];
  const both = two === undefined ? '' : `${two.surface}${source.slice(two.end, one.start)}${one.surface}`;
  return two !== undefined && /^\p{Ll}/u.test(two.surface) && ORGANISATION_NOUNS.has(both) ? both : null;
}

/**
 * True when what follows the name ending at token `at` says it is an organisation's: ", which
 * runs the line", "Corvex's trains".
 */
function organisationAfter(tokens: readonly Token[], at: number, source: string): boolean {
  const name = tokens[at]!;
  const next = tokens[at + 1];
  if (!next) return false;
  if (/['’]s$/u.test(name.surface)) {
    // One word or a phrase of up to three: "Corvex's trains", "Corvex's chief executive".
    let phrase = '';
    for (let k = at + 1, prev = name; k <= at + 3 && tokens[k] && adjacent(source, prev, tokens[k]!); prev = tokens[k]!, k++) {
      phrase += (phrase ? ' ' : '') + tokens[k]!.surface;
      if (ORGANISATION_POSSESSIONS.has(phrase)) return true;
    }
    return false;
  }
  const verb = tokens[at + 2];
  return next.surface === 'which' && /^,\s+$/.test(source.slice(name.end, next.start)) && verb !== undefined && adjacent(source, next, verb) && ORGANISATION_VERBS.has(verb.surface);
}

/**
 * True when the name ending at token `at` is written in the possessive before what only a country
 * or a place has, the last of up to three lower-case words: "Arland's trade minister", "Tarn's
 * mayor". A part of a place's land may be capitalised as a name of its own: "Tarn's Western Shore"
 * (not "Orla Vance's Dancing Minister", a painting).
 */
function placeOwnerAt(tokens: readonly Token[], at: number, source: string): boolean {
  const name = tokens[at]!;
  if (!/['’]s$/u.test(name.surface)) return false;
  let named = false;
  for (let k = at + 1, prev = name; k <= at + 3 && tokens[k] && /^\p{L}/u.test(tokens[k]!.surface) && adjacent(source, prev, tokens[k]!); prev = tokens[k]!, k++) {
    const word = foldWord(tokens[k]!.surface);
    if (/^\p{Lu}/u.test(tokens[k]!.surface)) {
      if (PLACE_PARTS.has(word)) return true;
      named = true;
      continue;
    }
    if (named) return false;
    const two = k > at + 1 ? `${foldWord(tokens[k - 1]!.surface)} ${word}` : '';
    if (PLACE_POSSESSIONS.has(word) || PLACE_POSSESSIONS.has(two)) return true;
  }
  return false;
}

const WORKPLACE_VERBS = new Set(roleData.workplaceVerbs);
const HOLDING_NOUNS = new Set(roleData.holdingNouns);
const STAYER_NOUNS = new Set(roleData.stayerNouns);

/**
 * True when the words before token `at` make the name there an organisation's: where someone
 * works ("an analyst at Orla Marsh", "works at Orla Marsh") or what investors own a part of
 * ("shares of Orla Marsh", "a stake in Orla Marsh"), whatever its words are read as.
 */
function workplaceOrHolding(tokens: readonly Token[], at: number, source: string, tags: WordTags): boolean {
  const one = tokens[at - 1];
  const two = tokens[at - 2];
  if (!one || !two || !adjacent(source, one, tokens[at]!) || !adjacent(source, two, one)) return false;
  const word = foldWord(two.surface);
  if (one.surface === 'at') return !STAYER_NOUNS.has(word) && (WORKPLACE_VERBS.has(word) || isJob(two, tags) || (word.endsWith('s') && JOB_WORDS.has(word.slice(0, -1))));
  return (one.surface === 'of' || one.surface === 'in') && HOLDING_NOUNS.has(word);
}

const APPOSED_DETERMINER = /^(a|an|the|its|his|her|their)$/i;
const PREPOSITIONS = new Set(['of', 'for', 'at', 'in', 'with', 'from', 'on', 'to', 'by']);

/**
 * The head noun of an apposition naming a job after token `at` (", a 31-year-old trader", ", the
 * company's finance director"), or null. The job must come within the first few words.
 */
function jobApposedAfter(tokens: readonly Token[], at: number, source: string, tags: WordTags): string | null {
  const det = tokens[at + 1];
  // A name's possessive stands for the determiner: ", Fjellco's chief executive".
  if (!det || !/^,\s+$/.test(source.slice(tokens[at]!.end, det.start)) || !(APPOSED_DETERMINER.test(det.surface) || /^\p{Lu}[\p{L}\p{M}-]*['’]s$/u.test(det.surface))) return null;
  for (let k = at + 2; k < Math.min(tokens.length, at + 7); k++) {
    const t = tokens[k]!;
    const gap = source.slice(tokens[k - 1]!.end, t.start);
    if (!/^[\s-]+$/.test(gap)) return null;
    if (/^\s+$/.test(gap) && /^\p{Ll}/u.test(t.surface) && isJob(t, tags)) {
      // The phrase's head, the last of the lower-case nouns that follow: "the regional bus operator".
      let head = t;
      for (let n = k + 1; n < tokens.length && /^\s+$/.test(source.slice(head.end, tokens[n]!.start)) && /^\p{Ll}/u.test(tokens[n]!.surface) && tags.nouns.has(tokens[n]!.start); n++) head = tokens[n]!;
      return foldWord(head.surface);
    }
    // The phrase goes on over numbers, nouns and adjectives only: "the seat of …" or "the city became …" names no job.
    const h = tags.hints.get(t.start);
    if (!/^\d/.test(t.surface) && !tags.nouns.has(t.start) && h !== 'adjective') return null;
  }
  return null;
}

/** A phrase that opens with a name's possessive of one to three words: "Ms Vell's solicitor". */
const OWNED_PHRASE = /^(?:\p{Lu}[\p{L}\p{M}.-]*\s+){0,2}\p{Lu}[\p{L}\p{M}-]*['’]s\s+\p{Ll}/u;

/**
 * A job in apposition just before a name, the phrase after a clause boundary: "A spokeswoman for
 * the commission, Mira Sandoval, said" gives "spokeswoman for the commission". The phrase opens
 * with a determiner, names a job among its first three words after it and runs eight words at most.
 */
function jobApposedBefore(sentence: SentenceRef, first: Token, source: string, tags: WordTags): string | null {
  // "The council leader, Tarn's Ola Berg": the owner's possessive stands between the comma and the name.
  const text = source.slice(sentence.start, first.start).replace(/(?<=,\s*)(?:\p{Lu}[\p{L}\p{M}.-]*\s+){0,2}\p{Lu}[\p{L}\p{M}-]*['’]s\s+$/u, '');
  const comma = /,\s*$/.exec(text);
  if (!comma) return null;
  // The phrase runs back from the comma to the clause's start.
  let from = comma.index;
  while (from > 0 && !/[,;:.!?()"“”—–]/u.test(text[from - 1]!)) from--;
  if (from > 0 && !/[,;:(—–"“]/u.test(text[from - 1]!)) return null;
  let lead = /^\s*/.exec(text.slice(from, comma.index))![0].length;
  // "according to her son, Tor Varden": the phrase may open after a preposition in the clause.
  const after = /^(?:.*\s)?(?:to|by|from|with|for|of|at)\s+(?=(?:its|his|her|their)\s)/is.exec(text.slice(from + lead, comma.index));
  if (after && !/^(?:a|an|the|its|his|her|their)\s/i.test(text.slice(from + lead))) lead += after[0].length;
  const phrase = text.slice(from + lead, comma.index);
  // "Ms Vell's solicitor, Ada Rusk": a name's possessive stands for the determiner.
  if (!/^(?:a|an|the|its|his|her|their)\s/i.test(phrase) && !OWNED_PHRASE.test(phrase)) return null;
  const at = sentence.start + from + lead;
  const words = tokenize(phrase).map((w) => ({ ...w, start: w.start + at, end: w.end + at }));
  if (words.length < 2 || words.length > 8) return null;
  if (words.some((w) => SPEECH_VERBS.has(foldWord(w.surface)))) return null;
  // The job heads the phrase, before any preposition ("the seat of the party leader" names a seat);
  // a noun for an organisation is no person's job ("the dam's operator, Eastgate Hydro Ltd").
  const head = words.slice(1, 4);
  const preposition = head.findIndex((w) => PREPOSITIONS.has(w.surface));
  if (!head.slice(0, preposition < 0 ? head.length : preposition).some((w) => /^\p{Ll}[\p{L}-]*$/u.test(w.surface) && isJob(w, tags) && !ORGANISATION_NOUNS.has(w.surface))) return null;
  // A role is what the person is, not whose: "Its treasurer, Oona Pell" gives "treasurer".
  return phrase.replace(/^(a|an|the|its|his|her|their)\s+/i, '');
}

/**
 * True when a place in a team follows token `at`, with a name after it: the name that ends at
 * `at` is the team's ("Eastvale Wanderers goalkeeper Sam Orr", "Eastvale captain Ada Lunt").
 */
function teamPositionAfter(tokens: readonly Token[], at: number, source: string): boolean {
  for (let n = 1; n <= 2; n++) {
    const name = tokens[at + n + 1];
    if (!name || !/^\p{Lu}/u.test(name.surface)) continue;
    const words = tokens.slice(at + 1, at + n + 1);
    if (!words.every((w, k) => /^\p{Ll}/u.test(w.surface) && adjacent(source, k === 0 ? tokens[at]! : words[k - 1]!, w)) || !adjacent(source, words[n - 1]!, name)) continue;
    const candidates = TEAM_POSITIONS.get(words[n - 1]!.surface) ?? [];
    if (candidates.some((parts) => parts.length === n && parts.every((p, k) => p === words[k]!.surface))) return true;
  }
  return false;
}

/** True when the word names what a person does ("barrister", "spokesman", "analyst"). */
function isJob(word: Token, tags: WordTags): boolean {
  return tags.jobs.has(word.start) || JOB_WORDS.has(foldWord(word.surface));
}

function adjacent(source: string, a: Token, b: Token): boolean {
  return /^\s+$/.test(source.slice(a.end, b.start));
}

/**
 * The job that an organisation's name completes, read back from the word before it: "CEO of the
 * Tenants Union" before "Mara Lind". `from`..`to` are the organisation's tokens.
 */
function jobOfOrganisation(tokens: readonly Token[], from: number, to: number, source: string, tags: WordTags): string | null {
  let k = from - 1;
  if (tokens[k] && foldWord(tokens[k]!.surface) === 'the') k--;
  if (!tokens[k] || foldWord(tokens[k]!.surface) !== 'of') return null;
  const job = tokens[k - 1];
  if (!job || !adjacent(source, job, tokens[k]!) || !isJob(job, tags)) return null;
  return source.slice(job.start, tokens[to]!.end);
}

/**
 * A lower-case word for a person's job just before the name, with up to two nouns before it:
 * "immigration barrister Dana Holt", "campaigner Sam Reyes".
 */
function jobBefore(tokens: readonly Token[], at: number, source: string, tags: WordTags): string | null {
  const first = tokens[at]!;
  const job = tokens[at - 1];
  if (!job || !/^\p{Ll}/u.test(job.surface) || !isJob(job, tags) || !adjacent(source, job, first)) return null;
  let from = at - 1;
  for (let n = 0; n < 2; n++) {
    const prev = tokens[from - 1];
    if (!prev || !/^\p{Ll}/u.test(prev.surface) || !tags.nouns.has(prev.start) || STOP_WORDS.has(foldWord(prev.surface)) || !adjacent(source, prev, tokens[from]!)) break;
    from--;
  }
  // "the Bafta-winning actor": the words hyphenated to the first one go with it.
  while (from > 0 && /^[-‐]$/u.test(source.slice(tokens[from - 1]!.end, tokens[from]!.start))) from--;
  return source.slice(tokens[from]!.start, job.end);
}

/**
 * How many words a connector inside an organisation's name takes after token `j` (the run began
 * at `from`): "for" or "for the" right after an organisation word, "and" once the name has gone
 * on past its organisation word with "for" or "of", or "and" between common words before an
 * organisation word ("Fisheries and Coastal Authority"); 0 when the run ends here.
 */
function innerConnector(tokens: readonly Token[], from: number, j: number, source: string, hints: Map<number, Hint>): number {
  const word = (k: number) => foldWord(tokens[k]?.surface ?? '');
  const capitalised = (k: number) => /^\p{Lu}/u.test(tokens[k]?.surface ?? '');
  const spaced = (k: number) => tokens[k + 1] !== undefined && /^\s+$/.test(source.slice(tokens[k]!.end, tokens[k + 1]!.start));
  const next = word(j + 1);
  if (next === 'for' && ORG_WORDS.has(word(j))) {
    const the = word(j + 2) === 'the' && spaced(j + 1) ? 1 : 0;
    return spaced(j + 1 + the) && capitalised(j + 2 + the) ? 2 + the : 0;
  }
  if (next === 'and' && spaced(j + 1) && capitalised(j + 2)) {
    let sawOrganisation = false;
    for (let k = from; k <= j; k++) {
      if (ORG_WORDS.has(word(k))) sawOrganisation = true;
      else if (sawOrganisation && (word(k) === 'for' || word(k) === 'of')) return 2;
    }
    if (!sawOrganisation && commonWordsAndOrganisation(tokens, from, j, source, hints)) return 2;
  }
  return 0;
}

/** True when a token is no person's or place's name as far as compromise knows, and no acronym. */
function plainNameWord(t: Token, hints: Map<number, Hint>): boolean {
  const h = hints.get(t.start);
  return h !== 'person' && h !== 'place' && !knownPlace(t.surface) && demonymPlace(t.surface) === undefined && !isAcronym(t.surface);
}

/**
 * True when the capitalised words `from`..`j` and the ones after the "and" at `j + 1` are one
 * organisation's name: "Roads and Bridges Executive", "National Soil and Water
 * Administration". Both sides are one to three words that name no person or place, the left one
 * no organisation of its own (it does not end in an organisation word), and the right one ends in
 * an organisation word that is no title. "Britain and France", "Smith and Jones" stay apart.
 */
function commonWordsAndOrganisation(tokens: readonly Token[], from: number, j: number, source: string, hints: Map<number, Hint>): boolean {
  let start = from;
  while (start < j && STOP_WORDS.has(foldWord(tokens[start]!.surface))) start++;
  const left = tokens.slice(start, j + 1);
  if (left.length > 3 || !left.every((t) => /^\p{Lu}\p{Ll}/u.test(t.surface) && plainNameWord(t, hints)) || ORG_WORDS.has(foldWord(tokens[j]!.surface))) return false;
  for (let m = j + 2; m < Math.min(tokens.length, j + 5); m++) {
    const t = tokens[m]!;
    if (!/^\p{Lu}\p{Ll}/u.test(t.surface) || !plainNameWord(t, hints) || !adjacent(source, tokens[m - 1]!, t)) return false;
    // An office ("Trade, Ports and Fisheries Commissioner") is no organisation.
    const word = foldWord(cleanName(t.surface));
    if (JOINT_ORGANISATION_WORDS.has(word)) return titleAtStart([word]) === 0;
  }
  return false;
}

/** Lower-case words that may stand inside an organisation's name: "Marrow on Bikes", "Friends of the Earth". */
const NAME_CONNECTORS = new Set(['on', 'for', 'of', 'the']);

/**
 * How many lower-case function words after token `j` go on inside a name, before a capitalised
 * word: one ("on", "for"), or one and "the" ("of the"); 0 when the name ends at `j`. A place or
 * a person after it is not the name's ("the group Marrow on Arland's border").
 */
function connectorWithinName(tokens: readonly Token[], j: number, source: string, hints: Map<number, Hint>): number {
  const spaced = (k: number) => tokens[k + 1] !== undefined && /^\s+$/.test(source.slice(tokens[k]!.end, tokens[k + 1]!.start));
  const word = tokens[j + 1]?.surface ?? '';
  if (!NAME_CONNECTORS.has(word) || !spaced(j)) return 0;
  const the = word !== 'the' && tokens[j + 2]?.surface === 'the' && spaced(j + 1) ? 1 : 0;
  const next = tokens[j + 2 + the];
  if (!next || !spaced(j + 1 + the) || !/^\p{Lu}/u.test(next.surface) || DATE_WORD.test(next.surface)) return 0;
  const hint = hints.get(next.start);
  return hint === 'place' || hint === 'person' || knownPlace(next.surface) || demonymPlace(next.surface) !== undefined ? 0 : 1 + the;
}

/**
 * True when a word whose text in the sentence so far is `before` opens the sentence or a quote
 * within it. A straight quotation mark opens a quote only when an even number of them came
 * before it: after `"…," ` the name that follows is mid-sentence ("…," Tunde Adeyemi Okafor said).
 */
function opensClause(before: string): boolean {
  if (before.trim() === '' || /[“‘(—–-]\s*$/.test(before)) return true;
  return /"\s*$/.test(before) && (before.match(/"/g)?.length ?? 0) % 2 === 1;
}

/**
 * Joins capitalised words written with a hyphen between them into one word: a double-barrelled
 * surname ("Mensah-Darko") or name ("Brennick-Lowe Institute") is one name word. Two places
 * ("Russia-Ukraine talks") and a demonym ("Franco-German") stay apart: they name two things.
 */
function joinHyphenated(tokens: readonly Token[], source: string): Token[] {
  const placeLike = (t: Token) => knownPlace(t.surface) || demonymPlace(t.surface) !== undefined;
  const out: Token[] = [];
  let lastPiece: Token | null = null;
  for (const t of tokens) {
    const prev = out[out.length - 1];
    // "Security and Co-operation in …": a capitalised word hyphened to a lower-case one after a
    // name's word or connector is one word of that name ("the Kyiv-based group" is no name's).
    const before = out[out.length - 2];
    if (prev && lastPiece === prev && /^\p{Lu}\p{Ll}*$/u.test(prev.surface) && /^\p{Ll}+$/u.test(t.surface) && /^[-‐]$/u.test(source.slice(prev.end, t.start)) && before && /^\s+$/.test(source.slice(before.end, prev.start)) && (/^\p{Lu}[\p{L}-]*$/u.test(before.surface) || (NAME_JOINERS.has(before.surface) && /^\p{Lu}/u.test(out[out.length - 3]?.surface ?? '')))) {
      out[out.length - 1] = { surface: source.slice(prev.start, t.end), start: prev.start, end: t.end };
      lastPiece = t;
      continue;
    }
    if (prev && lastPiece && /^\p{Lu}/u.test(t.surface) && /^\p{Lu}/u.test(prev.surface) && /^[-‐]$/u.test(source.slice(prev.end, t.start))) {
      const apart = (placeLike(lastPiece) && placeLike(t)) || demonymPlace(lastPiece.surface) !== undefined || demonymPlace(t.surface) !== undefined;
      if (!apart) {
        out[out.length - 1] = { surface: source.slice(prev.start, t.end), start: prev.start, end: t.end };
        lastPiece = t;
        continue;
      }
    }
    out.push(t);
    lastPiece = t;
  }
  return out;
}

/** What stands between a name and another name for the same thing: ", known as", "(also known as". */
const KNOWN_AS = /^\s*[,(]?\s*(?:also\s+|better\s+|commonly\s+|widely\s+)?known\s+as\s+(?:the\s+)?$/i;

/** Lower-case words that join the words of one name: "Security and Co-operation", "Institute for Non-violence". */
const NAME_JOINERS = new Set(['and', 'for', 'of', 'the', 'on', 'in']);

/**
 * Names written with their acronym in brackets after them, "Organization for Security and
 * Co-operation in Europe (OSCE)": by the index of the name's first token, the index of its last
 * and the acronym. The name is the shortest run of capitalised words and lower-case joiners before
 * the bracket whose capitalised words' initials spell the acronym.
 */
function bracketedAcronyms(tokens: readonly Token[], source: string): Map<number, { last: number; acronym: string }> {
  const out = new Map<number, { last: number; acronym: string }>();
  for (let k = 1; k < tokens.length; k++) {
    const acronym = tokens[k]!.surface;
    if (!/^\p{Lu}{2,8}$/u.test(acronym) || !/^\s*\($/.test(source.slice(tokens[k - 1]!.end, tokens[k]!.start)) || source[tokens[k]!.end] !== ')') continue;
    let initials = '';
    for (let m = k - 1; m >= 0 && initials.length < acronym.length; m--) {
      const t = tokens[m]!;
      if (m < k - 1 && !/^\s+$/.test(source.slice(t.end, tokens[m + 1]!.start))) break;
      if (/^\p{Lu}/u.test(t.surface)) {
        initials = t.surface.charAt(0) + initials;
        if (initials === acronym) out.set(m, { last: k - 1, acronym });
      } else if (!NAME_JOINERS.has(t.surface)) break;
    }
  }
  return out;
}

/** A US lawmaker's party and state after their name: "D-Minn", "R-Texas", "I-Vt". */
const PARTY_STATE = /^[DRI]-\p{Lu}[\p{L}]*\.?$/u;
/** The same set off by commas after a name, with its commas but the last. */
const PARTY_STATE_APPOSED = /,\s*[DRI]-\p{Lu}\p{L}*\.?(?=\s*,)/gu;

function cleanName(surface: string): string {
  return surface.replace(/['’]s$/u, '').replace(/['’]$/u, '');
}

/**
 * A word alone at the start of a sentence that chunksOf dropped as no name ("Tavi said …") and
 * that the article never writes in lower case: it may be a name written elsewhere in full.
 */
interface DroppedWord {
  sentence: SentenceRef;
  word: string;
}

/**
 * Finds capitalised name chunks in one sentence. Words in `keep` (folded) stay names at the
 * sentence's start; a word dropped there that could be a name is reported to `dropped`.
 */
function chunksOf(sentence: SentenceRef, source: string, tags: WordTags, lowerVocabulary: Set<string>, sport: boolean, people: ReadonlySet<string>, keep: ReadonlySet<string> | null = null, dropped: DroppedWord[] | null = null): Chunk[] {
  const { hints } = tags;
  const tokens = joinHyphenated(
    tokenize(sentence.text).map((t) => ({ ...t, start: t.start + sentence.start, end: t.end + sentence.start })),
    source,
  );
  const chunks: Chunk[] = [];
  // A job read off an organisation's name, for the person whose name follows it.
  let carried: { start: number; role: string } | null = null;
  const acronyms = sentence.text.includes('(') ? bracketedAcronyms(tokens, source) : null;
  // Where the name of a party's leader begins, after "the Progress Party of".
  let leaderAt = -1;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!/^\p{Lu}/u.test(t.surface)) {
      i++;
      continue;
    }
    // Grow the chunk over capitalised words, with connectors inside, stopping at punctuation.
    // After a noun for a kind of organisation ("the cycling group"), the name may go on through
    // lower-case function words ("Marrow on Bikes", "Friends of the Earth").
    const introduced = organisationNounBefore(tokens, i, source, sport) !== null;
    let j = i;
    while (j + 1 < tokens.length) {
      const gap = source.slice(tokens[j]!.end, tokens[j + 1]!.start);
      // A middle initial's full stop stays inside the name ("George W. Bush").
      const initial = /^\p{Lu}$/u.test(tokens[j]!.surface) && /^\.\s+$/.test(gap);
      const nx = tokens[j + 1]!;
      // "Cobbler's Lane": a possessive before a word for a street is inside the street's name.
      // So is one before a word that goes on an organisation's name ("Harrow's Society") and a
      // saint's before any capitalised word ("St Ilda's Hall").
      const possessive = /['’]s$/u.test(tokens[j]!.surface) && /^\p{Lu}/u.test(nx.surface);
      const saint = possessive && j > i && /^(st|saint)$/.test(foldWord(tokens[j - 1]!.surface).replace(/\.$/, ''));
      const street = possessive && (STREET_WORDS.has(foldWord(nx.surface)) || POSSESSIVE_NAME_WORDS.has(foldWord(nx.surface)) || saint);
      // "Harrowgate & Sons", "Dunmore & Finch": an ampersand between capitalised words joins one name.
      const ampersand = /^\s*&\s*$/.test(gap) && /^\p{Lu}/u.test(nx.surface) && /^\p{Lu}/u.test(tokens[j]!.surface);
      if ((!/^\s+$/.test(gap) && !initial && !ampersand) || (/['’]s$/u.test(tokens[j]!.surface) && !street)) break;
      // A day or month ends a name ("Prime Minister's Questions Wednesday"); "May" may be a surname.
      if (/^\p{Lu}/u.test(nx.surface) && !(DATE_WORD.test(nx.surface) && nx.surface !== 'May')) {
        j++;
        continue;
      }
      if (CONNECTORS.has(nx.surface) && j + 2 < tokens.length && /^\p{Lu}/u.test(tokens[j + 2]!.surface) && /^\s+$/.test(source.slice(nx.end, tokens[j + 2]!.start))) {
        j += 2;
        continue;
      }
      // An organisation's name goes on through "for (the)" after its organisation word ("Center
      // for Coastal and Marine Studies", "Council for the Care of Older People"),
      // and through "and" once it has: "Department of Health and Human Services".
      const inner = innerConnector(tokens, i, j, source, hints);
      if (inner > 0) {
        j += inner;
        continue;
      }
      const within = introduced ? connectorWithinName(tokens, j, source, hints) : 0;
      if (within > 0) {
        j += within;
        continue;
      }
      break;
    }
    // A name spelt out before its acronym in brackets runs to the bracket when it stops a word or
    // two short of it ("… and Co-operation" before "in Europe (OSCE)"); a longer title, whose
    // words the article also uses on their own ("Treaty on the Functioning of …"), keeps its reading.
    // "The Marsh Safety Board (MSB)": an article that opens the sentence stands before the name.
    let named = i;
    while (acronyms && !acronyms.has(named) && named < j && STOP_WORDS.has(foldWord(tokens[named]!.surface))) named++;
    let spelt = acronyms?.get(named);
    if (spelt && spelt.last - j > 2) spelt = undefined;
    if (spelt) j = Math.max(j, spelt.last);
    let part = tokens.slice(i, j + 1);
    const split = spelt ? 0 : organisationPersonSplit(part, hints);
    if (split > 0) {
      const role = jobOfOrganisation(tokens, i, i + split - 1, source, tags);
      if (role) carried = { start: tokens[i + split]!.start, role };
      part = part.slice(0, split);
    }
    const of = spelt ? 0 : personOfAffiliation(part, hints);
    if (of > 0) part = part.slice(0, of);
    // "the Progress Party of Lina Varga": the party, then its leader, read as a name of their own.
    const led = spelt || of > 0 ? 0 : organisationOfLeader(part, hints);
    if (led > 0) {
      leaderAt = tokens[i + led + 1]!.start;
      part = part.slice(0, led);
    }
    // "Piet Vander of Oakridge Capital", "Sen. Ola Brenne of North Tarn": someone "of" an organisation or a place is a person.
    const affiliated = of > 0;
    i += part.length;
    // Drop leading words that are not names: sentence-initial common words, stop words. A word
    // compromise does not know, never written in lower case, stays when more of the name follows
    // and compromise reads it as a noun or the name ends in a word for a place or an organisation:
    // "Ada Obi, a trader", "Downing Street said".
    const lastWord = foldWord(cleanName(part[part.length - 1]!.surface));
    const headed = PLACE_WORDS.has(lastWord) || ORG_WORDS.has(lastWord);
    // "Prosecutor Jonathan Reed told the jury": a job opening the sentence is the name's role.
    const roleWords: string[] = [];
    while (part.length > 0) {
      const w = part[0]!;
      const lower = foldWord(w.surface);
      const atStart = opensClause(source.slice(sentence.start, w.start));
      // "Storm Bertil is expected …": the storm's word opens its name.
      if (eventNamed(part.map((x) => foldWord(cleanName(x.surface))), people)) break;
      const unknownName =
        part.length >= 2 &&
        /^\p{Lu}/u.test(part[1]!.surface) &&
        !lowerVocabulary.has(lower) &&
        LEXICON[lower] === undefined &&
        !lower.endsWith('ly') &&
        (tags.nouns.has(w.start) || headed) &&
        hints.get(w.start) !== 'adjective';
      if (atStart && part.length >= 3 && JOB_WORDS.has(lower) && roleWords.length === 0 && titleAtStart(part.map((x) => foldWord(x.surface))) === 0) {
        roleWords.push(w.surface);
        part = part.slice(1);
        continue;
      }
      if (atStart && unknownName) break;
      // A function word or a month that is also a given name, written capitalised inside the
      // sentence before more of a name and read by compromise as a name there, opens the name:
      // "the geologist Per Aasen", "the author May Lindqvist"; not "in May Parliament voted".
      if (!atStart && part.length >= 2 && GIVEN_NAME_WORDS.has(lower) && /^\p{Lu}\p{Ll}/u.test(w.surface) && /^\p{Lu}\p{Ll}/u.test(part[1]!.surface) && !DATE_WORD.test(part[1]!.surface)) {
        const prev = tokens[tokens.indexOf(w) - 1];
        if ((tags.proper.has(w.start) || hints.get(w.start) === 'person') && !(prev && DATE_PREPOSITIONS.has(foldWord(prev.surface)))) break;
      }
      // "A&E", "P&O": a letter joined to the next by an ampersand is no article.
      const joined = part[1] !== undefined && source.slice(w.end, part[1].start) === '&';
      if ((STOP_WORDS.has(lower) || CONNECTORS.has(lower) || /^(neither|either|nor)$/.test(lower)) && !isAcronym(w.surface) && !joined) part = part.slice(1);
      else if (DATE_WORD.test(lower.replace(/['’]s$/u, ''))) part = part.slice(1); // "Sunday's vote"
      else if (atStart && titleAtStart(part.map((x) => foldWord(x.surface))) === 0 && (lowerVocabulary.has(lower) || hints.get(w.start) === 'common' || hints.get(w.start) === 'adjective') && !demonymPlace(w.surface) && !isAcronym(w.surface)) {
        // "Tavi said …" after "Tavi Ruskell": a word the article names someone or something by
        // stays, and so does one that what follows makes an organisation's ("Corvex, which runs …").
        if (part.length === 1 && !lowerVocabulary.has(lower)) {
          if (keep?.has(foldWord(cleanName(w.surface))) || organisationAfter(tokens, tokens.indexOf(w), source)) break;
          dropped?.push({ sentence, word: foldWord(cleanName(w.surface)) });
        }
        part = part.slice(1);
      }
      else break;
    }
    while (part.length > 0 && CONNECTORS.has(part[part.length - 1]!.surface)) part = part.slice(0, -1);
    // Letters after a name ("Jonathan Reed KC", "Tom Hale Jr.") are no part of it.
    while (part.length > 1 && POST_NOMINALS.has(foldWord(part[part.length - 1]!.surface).replace(/\./g, ''))) part = part.slice(0, -1);
    if (part.length === 0) continue;
    // Titles and demonyms at the front are roles, not part of the name.
    let office = false;
    let lowerParts = part.map((p) => foldWord(p.surface));
    for (;;) {
      let n = titleAtStart(lowerParts);
      // A role word straight after a title goes on with it ("Chief Executive Officer Dana Holt").
      if (n === 0 && roleWords.length > 0 && part.length > 2 && JOB_WORDS.has(lowerParts[0]!)) n = 1;
      // "Secretary of Defense James Hale": the office goes on through "of" or "for" up to the name.
      // With no name after it, the office is the name ("Duke of Edinburgh").
      if (n > 0 && n < part.length && (lowerParts[n] === 'of' || lowerParts[n] === 'for')) {
        let m = n + 2;
        while (m < part.length && hints.get(part[m]!.start) !== 'person') m++;
        if (m === part.length) {
          office = true;
          break;
        }
        n = m;
      }
      if (n > 0 && n < part.length) {
        roleWords.push(...part.slice(0, n).map((p) => p.surface));
        part = part.slice(n);
        lowerParts = lowerParts.slice(n);
        continue;
      }
      // A demonym or a place name before a title belongs to the role ("United States President").
      let demonym = demonymLength(part, 0);
      if (demonym === 0) while (demonym < Math.min(3, part.length - 1) && hints.get(part[demonym]!.start) === 'place') demonym++;
      if (demonym > 0 && part.length > demonym && titleAtStart(lowerParts.slice(demonym)) > 0) {
        roleWords.push(...part.slice(0, demonym).map((p) => p.surface));
        part = part.slice(demonym);
        lowerParts = lowerParts.slice(demonym);
        continue;
      }
      // So do one or two other words before a title with a name after it, when they are no
      // person's ("Lakeside Governor Femi Ade", "Mohawk Chief Hendrick"; not "Martin Luther King").
      let owner = 0;
      for (let k = 1; k <= 2 && owner === 0; k++) {
        const title = titleAtStart(lowerParts.slice(k));
        let rest = lowerParts.slice(k + title);
        // The office may go on through "of" up to the name ("U.S. Secretary of Defense James Hale").
        if (rest[0] === 'of' || rest[0] === 'for') {
          const named = part.slice(k + title).findIndex((p, at) => at >= 2 && hints.get(p.start) === 'person');
          rest = named > 0 ? rest.slice(named) : [];
        }
        if (title > 0 && rest.length >= 1 && rest.every((w) => !ORG_WORDS.has(w) && !PLACE_WORDS.has(w) && !CONNECTORS.has(w)) && part.slice(0, k).every((p) => hints.get(p.start) !== 'person' && !JOB_WORDS.has(foldWord(p.surface)))) owner = k;
      }
      if (owner > 0) {
        roleWords.push(...part.slice(0, owner).map((p) => p.surface));
        part = part.slice(owner);
        lowerParts = lowerParts.slice(owner);
        continue;
      }
      break;
    }
    if (titleAtStart(lowerParts) === part.length) continue; // a bare title ("the Prime Minister") names no one here
    if (part.length === 2 && demonymLength(part, 0) === 2) continue; // "South African" names a people, not one of them
    const first = part[0]!;
    const last = part[part.length - 1]!;
    const name = cleanName(source.slice(first.start, last.end));
    if (part.length === 1) {
      const lower = foldWord(cleanName(first.surface));
      // A lone capitalised common word (a shouted "DEAL", "War" in a quote) is no name.
      if (!isAcronym(first.surface) && lowerVocabulary.has(lower)) continue;
      if (hints.get(first.start) === 'adjective' && !demonymPlace(first.surface)) continue;
      if (demonymPlace(first.surface) && !isAcronym(first.surface)) continue;
      if (STOP_WORDS.has(lower)) continue;
      // "her PhD", "an MBA": a degree is no name.
      if (DEGREES.has(lower.replace(/\./g, ''))) continue;
      // "Sept 22", "Oct. 14": a month's short form before a day.
      if (MONTH_SHORT.test(lower) && /^\.?\s+\d/.test(source.slice(first.end, first.end + 4))) continue;
      // "6:14 a.m. EDT", "8 p.m. ET": a time zone after a time.
      if (TIME_ZONES.has(lower) && /(?:\d|[ap]\.?m\.?)\s+$/i.test(source.slice(Math.max(sentence.start, first.start - 12), first.start))) continue;
      // "models CW-5500 and CW-5520": letters joined to a number are a model's code.
      if (/^\p{Lu}+$/u.test(first.surface) && /^[-‐]\d/u.test(source.slice(first.end, first.end + 2))) continue;
    }
    // Lower-case titles just before the name ("special envoy Jane Roe").
    const firstAt = tokens.indexOf(first);
    const lastAt = tokens.indexOf(last);
    const earlier = tokens.slice(0, firstAt);
    const before = earlier.map((t) => foldWord(t.surface));
    // "Wanderers goalkeeper Sam Orr": a name before a place in a team is the team's, whatever is
    // written before it ("past Wanderers goalkeeper …"); a place compromise knows may be a country's team.
    const team = teamPositionAfter(tokens, lastAt, source) && !part.some((p) => knownPlace(p.surface) || demonymPlace(p.surface) !== undefined);
    // "the council leader, Tarn's Ola Berg": the role before the owner's possessive is the name's after it.
    const next = tokens[lastAt + 1];
    const ownsName = /['’]s$/u.test(last.surface) && next !== undefined && adjacent(source, last, next) && /^\p{Lu}/u.test(next.surface);
    // The title is written right before the name, or a comma or its full stop before it ("the mayor, Ada Lunt", "Dr. Ada Lunt"):
    // '"… with his head," Halvorsen said' gives no role, as the quote ends between them.
    const titled = earlier.length > 0 && /^[.,]?\s+$/.test(source.slice(earlier[earlier.length - 1]!.end, first.start));
    // "the summit's chair, Arland's trade minister Ola Berg": the title is not the country's.
    const placeOwner = placeOwnerAt(tokens, lastAt, source);
    let lowerTitle = team || ownsName || placeOwner || !titled ? 0 : titleAtEnd(before.slice(-3));
    // "shadow treasurer Ada Lunt", "the acting deputy governor, Ada Lunt": the title's modifiers are part of it.
    while (lowerTitle > 0 && lowerTitle < earlier.length && ROLE_MODIFIERS.has(before[before.length - 1 - lowerTitle]!) && /^[\s-]+$/.test(source.slice(earlier[earlier.length - 1 - lowerTitle]!.end, earlier[earlier.length - lowerTitle]!.start))) lowerTitle++;
    if (lowerTitle > 0 && roleWords.length === 0) {
      const startTok = earlier.slice(-lowerTitle);
      // A demonym of one or two words before the title is part of the role ("South African president").
      const at = earlier.length - lowerTitle;
      const from = at >= 2 && demonymLength(earlier, at - 2) === 2 ? earlier[at - 2]! : at >= 1 && demonymLength(earlier, at - 1) === 1 ? earlier[at - 1]! : startTok[0]!;
      roleWords.push(source.slice(from.start, startTok[startTok.length - 1]!.end));
    }
    if (roleWords.length === 0 && carried?.start === first.start) roleWords.push(carried.role);
    // "the rail operator Corvex": a noun for an organisation that is also a person's job
    // ("operator", "developer") is the organisation's kind, unless compromise reads the name as a person's.
    const kindNoun = organisationNounBefore(tokens, firstAt, source, sport);
    const kindBefore = kindNoun !== null;
    // "the Dutch side Vellmar Rosario": a noun that is no one's job says whose the name is,
    // whatever compromise reads its words as ("operator" may be a person's job).
    // "an analyst at Orla Marsh", "shares of Orla Marsh": the words before say so as surely, unless the name is a place's.
    const workplace = workplaceOrHolding(tokens, firstAt, source, tags) && !part.some((p) => hints.get(p.start) === 'place' || knownPlace(p.surface));
    // "the carmaker Fjellby": a noun for a kind that is never a job, however compromise reads it.
    const impersonalKind = kindNoun !== null && IMPERSONAL_KIND_NOUNS.has(kindNoun);
    const kindOnly = (kindNoun !== null && !JOB_WORDS.has(kindNoun) && (impersonalKind || !tags.jobs.has(tokens[firstAt - 1]!.start))) || workplace;
    if (roleWords.length === 0 && !team && !(kindBefore && (impersonalKind || !part.some((p) => hints.get(p.start) === 'person')))) {
      const job = jobBefore(tokens, firstAt, source, tags);
      if (job) roleWords.push(job);
    }
    const organisationLike = ORG_WORDS.has(foldWord(cleanName(last.surface))) || part.every((p) => hints.get(p.start) === 'organisation');
    if (roleWords.length === 0 && !organisationLike && !team && !ownsName && !placeOwner) {
      const job = jobApposedBefore(sentence, first, source, tags);
      if (job) roleWords.push(job);
    }
    const votes: Record<EntityType, number> = { person: 0, place: 0, organisation: 0, other: 0 };
    // A role makes the name a person's, and so does an office named as a name ("the Duke of Newcastle").
    if (roleWords.length > 0 || office) votes.person += 3;
    if (affiliated || first.start === leaderAt) votes.person += 2;
    const lastLower = foldWord(cleanName(last.surface));
    // "the Red Crescent of Arland": a phrase that names an organisation wherever it stands.
    const words = ' ' + part.map((p) => foldWord(cleanName(p.surface))).join(' ') + ' ';
    const organisationPhrase = ORGANISATION_PHRASES.some((phrase) => words.includes(phrase));
    if (organisationPhrase) votes.organisation += 3;
    // A name joined by an ampersand is a firm's ("Harrowgate & Sons").
    if (part.length > 1 && source.slice(first.start, last.end).includes('&')) votes.organisation += 3;
    // "Labour won nine seats", "Labour's Ola Berg": a party's short name.
    if (PARTY_NAMES.has(words.trim())) votes.organisation += 4;
    // "Cobbler's Lane" is a street.
    if (part.length > 1 && part.some((p) => /['’]s$/u.test(p.surface)) && STREET_WORDS.has(lastLower)) votes.place += 3;
    // "Hollin Town beat Ebbing City": in a report on a match, a club where its sentence is about
    // a match; elsewhere there its last word makes it no place ("Hollin Town's fans").
    const clubLike = sport && part.length > 1 && CLUB_PLACE_WORDS.has(lastLower) && clubNamed(part.map((p) => foldWord(cleanName(p.surface))));
    const club = clubLike && (team || tokens.some((t) => MATCH_WORDS.has(t.surface)));
    if (club) votes.organisation += 3;
    // "Harrow's Society", "Keller's Research Trust": an organisation named with a possessive.
    const possessiveName = part.length > 1 && part.some((p, k) => /['’]s$/u.test(p.surface) && POSSESSIVE_NAME_WORDS.has(foldWord(part[k + 1]?.surface ?? '')));
    if (possessiveName) votes.organisation += 3;
    // In "Arvonia Transport Office" the place names whose office it is.
    // "Oakridge Capital", "Tamsin Research": a word that ends a company's name. Such a word may
    // open a title ("Chief Financial Officer"), so it counts only at the end.
    const company = part.length > 1 && COMPANY_WORDS.has(lastLower) && !ORG_WORDS.has(lastLower);
    const organisationOfPlace = (part.length > 1 && ORG_WORDS.has(lastLower)) || company || organisationPhrase || club || possessiveName;
    // "Harlan Electric": compromise reads the word after a given name as a surname, but this one is no one's.
    const impersonal = part.length > 1 && (ORGANISATION_ENDINGS.has(lastLower) || company);
    for (const p of part) {
      const h = hints.get(p.start);
      if (h === 'person' && !(impersonal && p === last) && !kindOnly) votes.person += 1;
      if (h === 'place' && !organisationOfPlace) votes.place += 1.5;
      if (h === 'organisation') votes.organisation += 1.5;
    }
    // "… Council", or "Center for …", "Department of …": an organisation word heads the name.
    // So does a word such as "Executive" after "and" ("Roads and Bridges Executive").
    const orgHeaded =
      part.some((p, k) => ORG_WORDS.has(foldWord(cleanName(p.surface))) && (k === part.length - 1 || ['for', 'of'].includes(foldWord(part[k + 1]!.surface)))) ||
      (JOINT_ORGANISATION_WORDS.has(lastLower) && part.some((p) => p.surface === 'and'));
    if (orgHeaded) votes.organisation += impersonal ? 3.5 : 2.5;
    else if (company) votes.organisation += 3.5;
    if (team) votes.organisation += 3;
    if ((PLACE_WORDS.has(lastLower) && !clubLike) || PLACE_WORDS.has(foldWord(first.surface))) votes.place += 2;
    if (isAcronym(first.surface) && part.length === 1) {
      if (demonymPlace(first.surface) || ['us', 'uk', 'usa', 'u.s.', 'u.k.'].includes(foldWord(first.surface))) votes.place += 3;
      // "the company's AI products": an acronym of a common noun is no organisation's.
      else if (!COMMON_ACRONYMS.has(cleanName(first.surface))) votes.organisation += 2;
    }
    const prev = before[before.length - 1];
    // "parked at Boat Shed 4": a name of common words the article also writes in lower
    // case is not a place's by the preposition before it alone.
    const commonWords = part.length > 1 && part.every((p) => lowerVocabulary.has(foldWord(cleanName(p.surface))) && hints.get(p.start) !== 'place');
    if (prev && PLACE_PREPOSITIONS.has(prev) && !commonWords) votes.place += PLACE_PREPOSITION_VOTE;
    // "two Harbour Guild members", "Green Party lawmakers": the name is an organisation's.
    if (next && MEMBER_NOUNS.has(next.surface)) votes.organisation += 1.5;
    if (part.length >= 2 && !impersonal && !kindOnly && part.every((p) => hints.get(p.start) === 'person')) votes.person += 1;
    // "the charity Heart Aid", "the think tank Civic Futures": a noun for a kind of organisation before the name.
    if (kindBefore || workplace) votes.organisation += 3;
    if (organisationAfter(tokens, lastAt, source)) votes.organisation += 2;
    if (placeOwner) votes.place += 2;
    // "Ada Obi, a 31-year-old trader": a job in apposition after the name is a person's.
    // "Tarnwell, the regional bus operator": after a name of one word, a noun for a kind of organisation
    // that is also a job ("operator", "developer") says an organisation's, unless compromise reads the
    // name as a person's; after a given name and a surname it is a person's job ("Ada Lunt, the glass maker").
    const apposedJob = roleWords.length === 0 && !kindBefore ? jobApposedAfter(tokens, lastAt, source, tags) : null;
    if (apposedJob !== null) {
      if (part.length === 1 && ORGANISATION_NOUNS.has(apposedJob) && hints.get(first.start) !== 'person') votes.organisation += 2;
      else votes.person += 2;
    }
    // A relative word after the comma that ends a name of two or more words: "the drummer Ivo Brant,
    // who is 26" ("who" refers to a person, "which" to a thing; after one word it may be a people's,
    // "the Semi, who fished the coast"); "Ona Fenwick, whose father died in the fire" (only a person has kin).
    const relative = part.length > 1 && next && /^,\s+$/.test(source.slice(last.end, next.start)) ? next.surface : '';
    if (relative === 'who' && !/['’]s?$/u.test(last.surface)) votes.person += 2;
    if (relative === 'whose' && KIN.has(foldWord(tokens[lastAt + 2]?.surface ?? ''))) votes.person += 4;
    // "Port Lenn, Arvonia": a name written before a state or country after a comma is a place there.
    const after = next;
    const afterEnds = after !== undefined && /^(?:[-,.;:)]|\s*$)/.test(source.slice(after.end, after.end + 1));
    if (after && afterEnds && /^,\s+$/.test(source.slice(last.end, after.start)) && knownPlace(after.surface) && !/['’]/u.test(last.surface) && !orgHeaded && roleWords.length === 0) votes.place += 4;
    const beforeFirst = tokens[firstAt - 1];
    const firstEnds = /^(?:[-,.;:)]|\s*$)/.test(source.slice(first.end, first.end + 1));
    if (part.length === 1 && firstEnds && beforeFirst && /^\p{Lu}/u.test(beforeFirst.surface) && /^,\s+$/.test(source.slice(beforeFirst.end, first.start)) && knownPlace(first.surface)) votes.place += 2;
    // "Storm Bertil": a storm's name is no person's, place's or organisation's, whatever its words suggest.
    const event = eventNamed(lowerParts.map(cleanName), people);
    if (event) {
      votes.person = votes.place = votes.organisation = 0;
      roleWords.length = 0;
    }
    // "Sen. Ada Rusk, D-Minn., said": a US lawmaker's party and state are no one's name.
    if (part.length === 1 && PARTY_STATE.test(part[0]!.surface)) continue;
    const hinted = part.some((p) => hints.get(p.start) === 'person' || hints.get(p.start) === 'place');
    // A word kept at the sentence's start as someone's name is no modifier ("Kofa plays well").
    const modifier = part.length === 1 && !keep?.has(foldWord(cleanName(last.surface))) && !/['’]s?$/u.test(last.surface) && after !== undefined && adjacent(source, last, after) && /^\p{Ll}/u.test(after.surface) && tags.nouns.has(after.start) && !STOP_WORDS.has(foldWord(after.surface));
    const previous = chunks[chunks.length - 1];
    const knownAs = previous && KNOWN_AS.test(source.slice(previous.tokens[previous.tokens.length - 1]!.end, first.start)) ? foldWord(previous.name) : undefined;
    if (spelt && last === tokens[spelt.last]) votes.organisation += 1;
    // "the club's manager, Ada Fenmoor": a role before a given name and a surname names a person,
    // even where compromise reads the surname ("Ridge", "Grove") as a place's, and the given name with it.
    const personal = roleWords.length > 0 && part.length >= 2 && !event && knownGivenName(first.surface);
    chunks.push({ sentence, tokens: part, name, roles: roleWords.length > 0 ? [roleWords.join(' ')] : [], votes, hinted, modifier, event, ...(knownAs ? { knownAs } : {}), ...(spelt && last === tokens[spelt.last] ? { acronym: spelt.acronym } : {}), ...(kindBefore ? { kind: true } : {}), ...(impersonalKind ? { impersonal: true } : {}), ...(personal ? { personal: true } : {}) });
  }
  return chunks;
}

interface Draft {
  name: string;
  tokens: string[];
  aliases: Set<string>;
  roles: Set<string>;
  mentions: Set<string>;
  votes: Record<EntityType, number>;
  firstSeen: number;
  hinted: boolean;
  /** How many of its chunks are modifiers of a noun (see Chunk), and how many chunks it has. */
  modifiers: number;
  chunks: number;
  /** The sentences that write the whole name (not a given name or surname alone). */
  named: Set<string>;
  /** The name is a storm's. */
  event: boolean;
  /** A noun for a kind of organisation stood before the name (see Chunk). */
  kind: boolean;
  /** One that is never a person's job did (see Chunk). */
  impersonal: boolean;
  /** A role named it as a given name and a surname (see Chunk). */
  personal: boolean;
}

function typeOf(votes: Record<EntityType, number>): EntityType {
  let best: EntityType = 'other';
  let bestVotes = 0.5;
  for (const type of ['person', 'organisation', 'place'] as const) {
    if (votes[type] > bestVotes) {
      best = type;
      bestVotes = votes[type];
    }
  }
  return best;
}

function slug(name: string): string {
  return foldWord(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'entity';
}

export interface Extraction {
  entities: Entity[];
  quotes: Quote[];
  attributions: Attribution[];
}

/** Words written in lower case anywhere in the article: a capitalised form of one is not a name. */
function lowerCaseVocabulary(sentences: SentenceRef[]): Set<string> {
  const vocabulary = new Set<string>();
  for (const s of sentences) {
    if (s.heading) continue;
    for (const t of tokenize(s.text)) if (/^\p{Ll}/u.test(t.surface)) vocabulary.add(foldWord(t.surface));
  }
  return vocabulary;
}

/** Reads entities, quotes and attributions from an article's sentences. */
export function extractFacts(source: string, sentences: SentenceRef[]): Extraction {
  const body = sentences.filter((s) => !s.heading);
  const lowerVocabulary = lowerCaseVocabulary(sentences);
  const tags: WordTags = { hints: new Map(), jobs: new Set(), nouns: new Set(), proper: new Set(), verbs: new Set() };
  // compromise reads whole paragraphs for context; group the sentences by paragraph.
  const paragraphs = new Map<number, SentenceRef[]>();
  for (const s of body) {
    const list = paragraphs.get(s.paragraph) ?? [];
    list.push(s);
    paragraphs.set(s.paragraph, list);
  }
  for (const list of paragraphs.values()) {
    const start = list[0]!.start;
    const end = list[list.length - 1]!.end;
    tagWords(source.slice(start, end), start, tags);
  }

  const sport = aboutSport(lowerVocabulary);
  const dropped: DroppedWord[] = [];
  const people = peopleNamedLikeStorms(body);
  const bySentence = body.map((s) => chunksOf(s, source, tags, lowerVocabulary, sport, people, null, dropped));
  restoreSentenceStarts(bySentence, body, dropped, (s, keep) => chunksOf(s, source, tags, lowerVocabulary, sport, people, keep));
  const drafts = mergeChunks(bySentence.flat());
  const entities = finishEntities(drafts, sentences);
  typeByCoordination(entities, body);
  const names = nameWordsOf(entities);
  resolvePronouns(entities, body, names);
  resolveDescriptions(entities, body, names, tags);
  const quotes = findQuotes(source, body, entities, names);
  typeBySpeech(entities, quotes);
  rolesByApposition(entities, body, tags, names);
  const attributions = findAttributions(body, entities);
  return { entities, quotes, attributions };
}

/**
 * A word alone at the start of a sentence is read as no name when compromise takes it for a
 * common word ("Tavi said the plan was dead."). When the article names something by that word
 * elsewhere (a one-word name), or it is the given name or surname of a person named in full, the
 * sentence is read again keeping it, so that it names them: mergeChunks then joins it to its owner.
 */
function restoreSentenceStarts(bySentence: Chunk[][], body: readonly SentenceRef[], dropped: readonly DroppedWord[], reread: (s: SentenceRef, keep: ReadonlySet<string>) => Chunk[]): void {
  if (dropped.length === 0) return;
  const votes = new Map<string, Record<EntityType, number>>();
  const kinds = new Set<string>();
  for (const c of bySentence.flat()) {
    const key = foldWord(c.name);
    if (c.kind) kinds.add(key);
    const v = votes.get(key) ?? { person: 0, place: 0, organisation: 0, other: 0 };
    for (const t of ['person', 'place', 'organisation', 'other'] as const) v[t] += c.votes[t];
    votes.set(key, v);
  }
  const known = new Set<string>();
  for (const [key, v] of votes) {
    const words = key.split(/\s+/);
    if (words.length === 1) known.add(key);
    // "Marrowby said …" after "the tool maker Marrowby Hearth": the first word of a name written after its kind.
    else if (typeOf(v) === 'organisation' && kinds.has(key)) known.add(words[0]!);
    else if (eventWordsAt(words) > 0) known.add(words[words.length - 1]!);
    else if (typeOf(v) === 'person') {
      known.add(words[0]!);
      known.add(words[words.length - 1]!);
    }
  }
  const keep = new Map<SentenceRef, Set<string>>();
  for (const d of dropped) {
    if (!known.has(d.word) || STOP_WORDS.has(d.word) || CONNECTORS.has(d.word) || DATE_WORD.test(d.word)) continue;
    keep.set(d.sentence, (keep.get(d.sentence) ?? new Set()).add(d.word));
  }
  for (const [s, words] of keep) {
    const at = body.indexOf(s);
    if (at >= 0) bySentence[at] = reread(s, words);
  }
}

function mergeChunks(chunks: Chunk[]): Draft[] {
  const byName = new Map<string, Draft>();
  let order = 0;
  for (const c of chunks) {
    const key = foldWord(c.name);
    let d = byName.get(key);
    if (!d) {
      d = { name: c.name, tokens: key.split(/\s+/), aliases: new Set(), roles: new Set(), mentions: new Set(), votes: { person: 0, place: 0, organisation: 0, other: 0 }, firstSeen: order++, hinted: false, modifiers: 0, chunks: 0, named: new Set(), event: false, kind: false, impersonal: false, personal: false };
      byName.set(key, d);
    }
    for (const r of c.roles) d.roles.add(r);
    if (c.acronym) d.aliases.add(c.acronym);
    d.mentions.add(c.sentence.id);
    d.named.add(c.sentence.id);
    d.hinted ||= c.hinted;
    d.event ||= c.event;
    d.kind ||= c.kind === true;
    d.impersonal ||= c.impersonal === true;
    d.personal ||= c.personal === true;
    d.chunks++;
    if (c.modifier) d.modifiers++;
    for (const t of ['person', 'place', 'organisation', 'other'] as const) d.votes[t] += c.votes[t];
  }
  typeNamedByRole(byName);
  // "the OSCE" after "Organization for Security and Co-operation in Europe (OSCE)" is that organisation.
  for (const d of [...byName.values()]) {
    for (const a of d.aliases) {
      const short = byName.get(foldWord(a));
      if (short && short !== d) {
        absorb(d, short);
        byName.delete(foldWord(a));
      }
    }
  }
  typeOtherNames(chunks, byName);
  mergeMisspeltSurnames(byName);
  typeNamesAfterMakers(byName);
  mergeGivenNames(byName);
  // A one-word name that is the surname of one longer person name, or the last word of one
  // organisation name ("the Post"), is an alias of it.
  const all = [...byName.values()];
  const long = all.filter((d) => d.tokens.length > 1);
  for (const d of all) {
    if (d.tokens.length !== 1) continue;
    const word = d.tokens[0]!;
    const owners = long.filter((l) => {
      const lt = typeOf(l.votes);
      // "London" is not a short name of the "French Church of London": the place it is of.
      // "Bertil" after "Storm Bertil" is the storm.
      // Nor is "Arland" of "Keller's Research Arland": a place's name ends it.
      if (l.tokens[l.tokens.length - 1] === word) return lt === 'person' || (lt === 'organisation' && l.tokens[l.tokens.length - 2] !== 'of' && typeOf(d.votes) !== 'place') || typeOf(d.votes) === 'person' || (l.event && eventWordsAt(l.tokens) === l.tokens.length - 1);
      return false;
    });
    if (owners.length === 0) continue;
    // Several owners ("Samuel Okafor", "Grace Okafor"): the one named most often in full, then
    // the first named. A given name written alone does not count ("her son, Tor" is no claim).
    const owner = owners.sort((a, b) => b.named.size - a.named.size || a.firstSeen - b.firstSeen)[0]!;
    absorb(owner, d);
    byName.delete(word);
  }
  mergeShortOrganisationNames(byName);
  mergeOrganisationFirstWords(byName);
  return [...byName.values()].sort((a, b) => a.firstSeen - b.firstSeen);
}

/**
 * "the carmaker Fjellby": a one-word name written after a noun for a kind of organisation that is
 * never a person's job is that organisation's wherever else compromise reads it as a surname
 * ("Fjellby said …"), unless something gave it a role. And "the Fjellby Orra saloon": a name of
 * several words that opens with it is a product's or a unit's, not a person's; only when nothing
 * gave that name a role either.
 */
function typeNamesAfterMakers(byName: Map<string, Draft>): void {
  const makers = new Set<string>();
  for (const d of byName.values()) {
    if (d.tokens.length !== 1 || !d.impersonal || d.roles.size > 0 || d.event) continue;
    d.votes.organisation = Math.max(d.votes.organisation, d.votes.person + 1, d.votes.place + 1);
    makers.add(d.tokens[0]!);
  }
  if (makers.size === 0) return;
  for (const d of byName.values()) {
    if (d.tokens.length > 1 && d.roles.size === 0 && makers.has(d.tokens[0]!) && typeOf(d.votes) === 'person') d.votes.person = 0;
  }
}

/**
 * A name a role named as a given name and a surname (see Chunk's `personal`) is a person's, however
 * compromise read its other mentions ("a coach like Ada Fenmoor" read as a place there too).
 */
function typeNamedByRole(byName: Map<string, Draft>): void {
  for (const d of byName.values()) {
    if (!d.personal || typeOf(d.votes) === 'person') continue;
    d.votes.person = Math.max(d.votes.place, d.votes.organisation) + 1;
  }
}

/**
 * "Brackwater" after "Tamsin will take over Brackwater Cartons": the first word of an
 * organisation's name, written alone later and read as an organisation's, is a short name of it,
 * as a surname is of a person. Only when one name of several words opens with the word, that name
 * is no person's or place's, is written before the word alone (a product named after its maker,
 * "Lumora Q5" after "Lumora", comes later), and has no figure in it ("Orla 7"); and not when
 * compromise knows the word as an organisation's own name (a maker's, before its car's model).
 */
function mergeOrganisationFirstWords(byName: Map<string, Draft>): void {
  const long = [...byName.values()].filter((l) => l.tokens.length > 1);
  for (const [key, d] of [...byName.entries()]) {
    if (d.tokens.length !== 1 || d.event || typeOf(d.votes) !== 'organisation' || isAcronym(d.name)) continue;
    const word = d.tokens[0]!;
    if (knownPlace(word) || demonymPlace(word) !== undefined || knownOrganisation(word)) continue;
    const owners = long.filter((l) => l.tokens[0] === word);
    if (owners.length !== 1) continue;
    const owner = owners[0]!;
    const type = typeOf(owner.votes);
    if ((type !== 'organisation' && type !== 'other') || owner.event || owner.firstSeen > d.firstSeen || owner.tokens.some((t) => /\d/.test(t))) continue;
    absorb(owner, d);
    byName.delete(key);
  }
}

/**
 * "The Forestry Department, known as Hal Fire": a name written as another name of an organisation
 * or a place is one too, whatever its words suggest ("Hal" and "Fire" read as a person's name).
 */
function typeOtherNames(chunks: readonly Chunk[], byName: Map<string, Draft>): void {
  for (const c of chunks) {
    if (!c.knownAs) continue;
    const of = byName.get(c.knownAs);
    const d = byName.get(foldWord(c.name));
    if (!of || !d || of === d) continue;
    const type = typeOf(of.votes);
    if (type !== 'organisation' && type !== 'place') continue;
    const top = Math.max(d.votes.person, d.votes.place, d.votes.organisation);
    if (typeOf(d.votes) !== type) d.votes[type] = top + 1;
  }
}

/**
 * "Norvane" after "Norvane Systems Inc.": a one-word name that opens the name of one
 * company, whose other words are company words ("Inc.", "Holdings"), is a short name of it, unless
 * compromise reads the word as a person or a place, or knows it as one. So is one that opens a
 * two-word name written after a noun for its kind ("the toy maker Pellow Crafts" … "Pellow said"),
 * when nothing typed the word alone.
 */
function mergeShortOrganisationNames(byName: Map<string, Draft>): void {
  const organisations = [...byName.values()].filter((l) => l.tokens.length > 1 && typeOf(l.votes) === 'organisation' && (l.tokens.slice(1).every((t) => COMPANY_WORDS.has(t)) || (l.kind && l.tokens.length === 2)));
  for (const [key, d] of [...byName.entries()]) {
    if (d.tokens.length !== 1 || d.hinted || typeOf(d.votes) === 'person' || isAcronym(d.name)) continue;
    const owned = organisations.filter((o) => o.tokens[0] === d.tokens[0]);
    if (owned.length === 1 && !owned[0]!.tokens.slice(1).every((t) => COMPANY_WORDS.has(t)) && typeOf(d.votes) !== 'other') continue;
    const word = d.tokens[0]!;
    if (knownPlace(word) || demonymPlace(word) !== undefined) continue;
    const owners = organisations.filter((o) => o.tokens[0] === word);
    if (owners.length !== 1) continue;
    absorb(owners[0]!, d);
    byName.delete(key);
  }
}

/**
 * A given name written alone for a person the article names in full: "Sir Graham" after "Sir
 * Alan Rook", "Ilse and Bram won it" after "Ilse Varto" and "Bram Kettle".
 * The bare name joins the person when only one person in the article has that given name. Unless
 * a title stands before it ("Sir", "Dame"), it must also be no one's surname ("Thomas" beside
 * "Anna Thomas"), read as no place or organisation, not a place compromise knows ("Georgia"), nor
 * an adjective ("Socialist"), and not mostly written before a noun as its modifier ("the Veltist
 * church" beside "Veltist Elector Johann Brandt"); and the full name must not end in a word for an
 * organisation or a place ("Ardan Unity Party").
 */
function mergeGivenNames(byName: Map<string, Draft>): void {
  const all = [...byName.entries()];
  const long = all.filter(([, l]) => l.tokens.length > 1 && ['person', 'other'].includes(typeOf(l.votes)));
  for (const [key, d] of all) {
    if (d.tokens.length !== 1) continue;
    const word = d.tokens[0]!;
    const titled = [...d.roles].some((r) => GIVEN_NAME_TITLES.has(foldWord(r.split(/\s+/).pop() ?? '')));
    if (!titled) {
      const type = typeOf(d.votes);
      // "said it to Tavo" after "Tavo Rendal": a place only by the prepositions before it is no place.
      const weakPlace = type === 'place' && !d.hinted && d.votes.place <= PLACE_PREPOSITION_VOTE * d.chunks;
      if ((type !== 'person' && type !== 'other' && !weakPlace) || d.modifiers * 2 > d.chunks || isAcronym(d.name) || knownPlace(word) || demonymPlace(d.name) !== undefined) continue;
      if (long.some(([k, l]) => byName.has(k) && l.tokens[l.tokens.length - 1] === word)) continue;
    }
    const owners = long.filter(([k, l]) => k !== key && byName.has(k) && l.tokens[0] === word);
    if (owners.length !== 1 || typeOf(owners[0]![1].votes) !== 'person') continue;
    const owner = owners[0]![1];
    if (!titled) {
      const end = owner.tokens[owner.tokens.length - 1]!;
      if (ORG_WORDS.has(end) || PLACE_WORDS.has(end) || COMPANY_WORDS.has(end) || readsAsAdjective(d.name)) continue;
    }
    absorb(owner, d);
    byName.delete(key);
  }
}

/** True when compromise, reading the word alone, takes it for an adjective ("Socialist", "Baroque"). */
function readsAsAdjective(word: string): boolean {
  const terms = nlp(word).json({ terms: { tags: true } }) as { terms: { tags: string[] }[] }[];
  return terms[0]?.terms[0]?.tags.includes('Adjective') ?? false;
}

/** Makes `d` another name of `owner`: its name an alias, its roles, mentions and votes the owner's. */
function absorb(owner: Draft, d: Draft): void {
  owner.aliases.add(d.name);
  // Another spelling of the whole name names the person in full.
  if (d.tokens.length > 1) for (const m of d.named) owner.named.add(m);
  for (const r of d.roles) owner.roles.add(r);
  for (const m of d.mentions) owner.mentions.add(m);
  for (const t of ['person', 'place', 'organisation', 'other'] as const) owner.votes[t] += d.votes[t];
  owner.firstSeen = Math.min(owner.firstSeen, d.firstSeen);
}

/**
 * True when two names (folded words) differ by one letter of the last word only, with the same
 * two or more words before it: "Tunde Adeyemi Okafor" and "Tunde Adeyemi Okafur" are one man
 * whose name the source misspelt once. A single given name alike is too weak a match to risk
 * joining two people, and so is a short surname.
 */
function misspeltSurname(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length || a.length < 3 || a.slice(0, -1).join(' ') !== b.slice(0, -1).join(' ')) return false;
  const x = a[a.length - 1]!;
  const y = b[b.length - 1]!;
  if (x.length !== y.length || x.length < 4) return false;
  let differ = 0;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) differ++;
  return differ === 1;
}

/** Folds a later spelling of a person's name that differs by one letter of the surname into the first. */
function mergeMisspeltSurnames(byName: Map<string, Draft>): void {
  const people = [...byName.entries()].filter(([, d]) => ['person', 'other'].includes(typeOf(d.votes))).sort((a, b) => a[1].firstSeen - b[1].firstSeen);
  const kept: Draft[] = [];
  for (const [key, d] of people) {
    const first = kept.find((k) => misspeltSurname(k.tokens, d.tokens));
    if (!first) {
      kept.push(d);
      continue;
    }
    absorb(first, d);
    byName.delete(key);
  }
}

/**
 * The person whose surname, written alone, stands for them, by surname (folded): of several
 * people who share one ("Hedda Brunvik", her son "Tor Brunvik"), the one who took the bare
 * surname's mentions (see mergeChunks) or else the one named most often in full, then first.
 */
function surnameHolders(drafts: readonly Draft[]): Map<string, Draft> {
  const holders = new Map<string, Draft>();
  for (const d of drafts) {
    if (typeOf(d.votes) !== 'person' || d.tokens.length < 2 || d.tokens[d.tokens.length - 2] === 'of') continue;
    const surname = d.tokens[d.tokens.length - 1]!;
    const held = holders.get(surname);
    const rank = (x: Draft) => [[...x.aliases].some((a) => foldWord(a) === surname) ? 1 : 0, x.named.size, -x.firstSeen];
    if (held) {
      const [a, b] = [rank(d), rank(held)];
      const better = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
      if (better <= 0) continue;
    }
    holders.set(surname, d);
  }
  return holders;
}

function finishEntities(drafts: Draft[], sentences: SentenceRef[]): Entity[] {
  const used = new Set<string>();
  const entities: Entity[] = [];
  const holders = surnameHolders(drafts);
  for (const d of drafts) {
    let id = slug(d.name);
    while (used.has(id)) id += '-x';
    used.add(id);
    // A storm stays a storm whatever its short name ("Bertil") was read as.
    const type = d.event ? 'other' : typeOf(d.votes);
    // A person's surname stands for them, written first among the short names; the place of an
    // office does not ("President of Comoros"). A surname several people share stands for one.
    const aliases = new Set<string>();
    if (type === 'person' && holders.get(d.tokens[d.tokens.length - 1]!) === d) aliases.add(d.name.split(/\s+/).slice(-1)[0]!);
    for (const a of d.aliases) aliases.add(a);
    if (type === 'organisation' && /^the\s/i.test(d.name)) aliases.add(d.name.replace(/^the\s+/i, ''));
    aliases.delete(d.name);
    entities.push({ id, name: d.name, type, aliases: [...aliases], roles: [...d.roles], mentions: [], pronounMentions: [] });
  }
  // Mentions: every sentence (headings too) that names the entity or one of its aliases. Full
  // stops stay in the text for abbreviations ("U.S."), so a name may also end in one: a sentence
  // that ends with the name ("… said Priya Raman.") mentions it too. A surname that stands only
  // inside another person's name ("Okafor" in "Tunde Adeyemi Okafor") does not.
  const texts = sentences.map((s) => ' ' + foldWord(s.text).replace(/[^\p{L}\p{N}.]+/gu, ' ') + ' ');
  const names = nameWordsOf(entities);
  // Plain loops with the endings joined once: this runs for every entity and sentence.
  for (const e of entities) {
    const forms = [e.name, ...e.aliases];
    const endings = forms.map((form) => {
      const f = ' ' + foldWord(form).replace(/[^\p{L}\p{N}.]+/gu, ' ');
      return [f + ' ', f + 's ', f + '. '];
    });
    for (let k = 0; k < sentences.length; k++) {
      const text = texts[k]!;
      for (let i = 0; i < forms.length; i++) {
        const [plain, plural, final] = endings[i]!;
        if (!text.includes(plain!) && !text.includes(plural!) && !text.includes(final!)) continue;
        if (onlyInOtherNames(sentences[k]!.text, forms[i]!, e, names)) continue;
        e.mentions.push(sentences[k]!.id);
        break;
      }
    }
  }
  return entities.filter((e) => e.mentions.length > 0);
}

/** What follows a name that owns a common noun's phrase: "'s chief executive", "’s solicitor". */
const POSSESSIVE_OF_NOUN = /^['’]s\s+\p{Ll}/u;

/**
 * Names listed together are of one kind: in "parts of Avalon, Lyonesse, Camelot, and Brigadoon"
 * the untyped names are places, because Avalon is one. Names joined by a comma, "and" or "or"
 * form a list; a list whose typed names all share a type gives it to its untyped ones.
 */
function typeByCoordination(entities: Entity[], sentences: SentenceRef[]): void {
  const parent = new Map<Entity, Entity>();
  const find = (e: Entity): Entity => {
    let root = e;
    while (parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  for (const e of entities) parent.set(e, e);
  for (const s of sentences) {
    const found: { entity: Entity; start: number; end: number }[] = [];
    for (const e of entities) {
      if (!e.mentions.includes(s.id)) continue;
      for (const form of [e.name, ...e.aliases]) {
        const at = s.text.indexOf(form);
        if (at >= 0) found.push({ entity: e, start: at, end: at + form.length });
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    for (let i = 0; i + 1 < found.length; i++) {
      const a = found[i]!;
      const b = found[i + 1]!;
      if (b.start < a.end || a.entity === b.entity) continue;
      // "Ola Berg, Fjellco's chief executive": a name owning the phrase after it is no list's member.
      if (POSSESSIVE_OF_NOUN.test(s.text.slice(b.end))) continue;
      if (/^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$/.test(s.text.slice(a.end, b.start))) parent.set(find(b.entity), find(a.entity));
    }
  }
  const groups = new Map<Entity, Entity[]>();
  for (const e of entities) {
    const root = find(e);
    groups.set(root, [...(groups.get(root) ?? []), e]);
  }
  for (const members of groups.values()) {
    const types = new Set(members.filter((m) => m.type !== 'other').map((m) => m.type));
    if (types.size !== 1) continue;
    const [type] = [...types];
    for (const m of members) if (m.type === 'other') m.type = type!;
  }
}

/**
 * A name of several words that is quoted speaking is a person's ("… said Tunde Adeyemi Okafor,
 * a government spokesman") when nothing else typed it. A one-word speaker may be an institution
 * standing for its people ("the Kremlin said"), so it keeps its type.
 */
function typeBySpeech(entities: Entity[], quotes: readonly Quote[]): void {
  const speakers = new Set<string>();
  for (const q of quotes) if (q.speaker?.entity) speakers.add(q.speaker.entity);
  for (const e of entities) if (e.type === 'other' && speakers.has(e.id) && e.name.trim().split(/\s+/).length >= 2) e.type = 'person';
}

const APPOSITION = /^,\s+(?:(?:a|an|the|its|his|her|their)\s+)?([^,;:.!?()"“”]+)/iu;

/**
 * A person's job in apposition: "said Ola Berg, an analyst at the Institute for Coastal and
 * Marine Studies" gives the role "analyst at the Institute for Coastal and Marine
 * Studies". The phrase must name a job among its first three words and run ten words at most.
 */
function rolesByApposition(entities: Entity[], sentences: SentenceRef[], tags: WordTags, names: NameWords): void {
  for (const e of entities) {
    if (e.type !== 'person') continue;
    for (const s of sentences) {
      if (!e.mentions.includes(s.id)) continue;
      for (const form of [e.name, ...e.aliases]) {
        // A surname that ends another person's name here is not this person ("Ivo Marl, Ada Marl's son").
        const at = s.text.indexOf(form) < 0 ? -1 : ([...s.text.matchAll(namePattern('word', form))].find((m) => namesHere(s.text, m.index, form, e, names))?.index ?? -1);
        if (at < 0) continue;
        const after = at + form.length;
        const m = APPOSITION.exec(s.text.slice(after));
        if (!m) continue;
        const phrase = m[1]!.trim();
        const phraseAt = s.start + after + m[0].length - m[1]!.length;
        const words = tokenize(phrase);
        if (words.length === 0 || words.length > 10) continue;
        // "The film, directed by Ada Rusk, was the winner": a clause after the comma that closes
        // the one holding the name opens with a verb; an apposition never does.
        // Nor does it open with a relative word (", whose father founded the firm").
        if (tags.verbs.has(phraseAt + words[0]!.start) || FINITE_VERB.test(foldWord(words[0]!.surface)) || RELATIVE_WORDS.has(foldWord(words[0]!.surface))) continue;
        if (!words.slice(0, 3).some((w) => isJob({ ...w, start: phraseAt + w.start, end: phraseAt + w.end }, tags))) continue;
        if (!e.roles.includes(phrase)) e.roles.push(phrase);
        break;
      }
    }
  }
}

const PRONOUN = /\b(he|him|his|himself|she|her|hers|herself)\b/i;

/** A quote in the first person: "I", "me", "my", "we" … */
const FIRST_PERSON = /\b(?:I|me|my|mine|myself|we|us|our|ours)\b/i;
type Gender = 'male' | 'female';
const FEMALE_PRONOUN = /^(she|her|hers|herself)$/i;
/** A he or she that opens a sentence's words outside its quotes: '"…," she says.', "She began …". */
const OPENING_PRONOUN = /^[\s,.;:—–-]*(he|she)\b/i;

/**
 * The people whose gender the text shows: a he or she that opens a sentence, after a sentence of
 * the same paragraph that names that one person and no other ("Ivo Marl joined in 1991. "…," he
 * says."), with no sentence naming anyone between. A person shown both ways has none.
 */
function gendersShown(people: readonly Entity[], sentences: readonly SentenceRef[], names: NameWords): Map<Entity, Gender> {
  const shown = new Map<Entity, Set<Gender>>();
  let sole: { person: Entity; paragraph: number } | null = null;
  for (const s of sentences) {
    if (sole && sole.paragraph !== s.paragraph) sole = null;
    const unquoted = s.text.replace(QUOTED, ' ');
    const named = people.filter((p) => firstIndexOf(unquoted, p, names) >= 0);
    const opening = named.length === 0 ? OPENING_PRONOUN.exec(unquoted) : null;
    if (sole && opening) shown.set(sole.person, (shown.get(sole.person) ?? new Set()).add(FEMALE_PRONOUN.test(opening[1]!) ? 'female' : 'male'));
    if (named.length > 0) sole = named.length === 1 ? { person: named[0]!, paragraph: s.paragraph } : null;
  }
  const genders = new Map<Entity, Gender>();
  for (const [person, seen] of shown) if (seen.size === 1) genders.set(person, [...seen][0]!);
  return genders;
}

/**
 * Outside quotation marks, a he/she refers to the last person named before it; when the text has
 * shown that person to be of the other gender, to the latest person named before who is shown
 * to be of the pronoun's (a profile's "she says" after a paragraph about a man is still its
 * subject's).
 */
function resolvePronouns(entities: Entity[], sentences: SentenceRef[], names: NameWords): void {
  const people = entities.filter((e) => e.type === 'person');
  const genders = people.length > 1 ? gendersShown(people, sentences, names) : new Map<Entity, Gender>();
  /** People by their last mention, the latest last. */
  const recent: Entity[] = [];
  let lastPerson: Entity | null = null;
  /** The people the sentence before names. */
  let previousNamed: Entity[] = [];
  let lastParagraph = -1;
  for (const s of sentences) {
    if (s.paragraph !== lastParagraph && s.paragraph > lastParagraph + 1) {
      lastPerson = null;
      previousNamed = [];
    }
    lastParagraph = s.paragraph;
    const unquoted = s.text.replace(QUOTED, ' ');
    const pronoun = PRONOUN.exec(unquoted);
    const named = people
      .map((p) => ({ p, at: firstIndexOf(unquoted, p, names) }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => a.at - b.at);
    // "She is survived by her son, Tor": a he or she that opens the sentence is its subject, the
    // person before; the people named after it do not take the story over.
    const subject: boolean = pronoun !== null && lastPerson !== null && /^(he|she)$/i.test(pronoun[1]!) && unquoted.slice(0, pronoun.index).trim() === '' && named.every((x) => x.at > pronoun.index);
    if (pronoun) {
      const before = named.filter((x) => x.at < pronoun.index);
      let target: Entity | null = subject ? lastPerson : (before[0]?.p ?? (named.length === 0 ? lastPerson : null));
      const gender: Gender = FEMALE_PRONOUN.test(pronoun[1]!) ? 'female' : 'male';
      const shown: Gender | undefined = target ? genders.get(target) : undefined;
      if (target && shown && shown !== gender) {
        const seen = [...recent, ...before.map((x) => x.p)];
        const other: Entity | null = seen.findLast((p) => genders.get(p) === gender) ?? null;
        if (other) {
          target = other;
          if (subject) lastPerson = other;
        }
      } else if (target && !shown && PRONOUN_SPEAKS.test(unquoted)) {
        // "Asked about Tom Vane, Ada Roe said she would …", then "'…,' she said": who speaks is, of
        // the people this sentence and the one before name, the one the text has shown to be a she,
        // when the person first in line has not been shown either way.
        const near = new Set([...previousNamed, ...before.map((x) => x.p)]);
        const fits = [...near].filter((p) => p !== target && genders.get(p) === gender);
        if (fits.length === 1) {
          target = fits[0]!;
          if (subject) lastPerson = target;
        }
      }
      if (target && !target.mentions.includes(s.id) && !target.pronounMentions.includes(s.id)) target.pronounMentions.push(s.id);
    }
    if (named[0] && !subject) lastPerson = named[0].p;
    previousNamed = named.map((x) => x.p);
    for (const { p } of named) {
      const at = recent.indexOf(p);
      if (at >= 0) recent.splice(at, 1);
      recent.push(p);
    }
  }
}

/** Words for kin ("father", "daughter"): what only a person has. */
const KIN: ReadonlySet<string> = new Set(roleData.kin);
const ORGANISATION_BACK_NOUNS = new Set(roleData.organisationBackNouns);
const PUBLIC_BODY_WORDS = new Set(roleData.publicBodyWords);
const ANY_BODY_NOUNS = new Set(roleData.anyBodyNouns);
/** "the company", "the striker", "the 24-year-old": a noun after "the" that may refer back to someone named before. */
const DESCRIPTION = /\b[Tt]he\s+(\d{1,3}-year-old|\p{Ll}[\p{Ll}-]*\p{Ll})\b/gu;
const AGE_NOUN = /^\d{1,3}-year-old$/;

/** True when `role` has `word` among its words ("chief striker" has "striker"). */
function roleHas(role: string, word: string): boolean {
  return foldWord(role).split(/[^\p{L}-]+/u).includes(word);
}

/** True when an organisation so named may be called "the <noun>": a party "the party", a company not "the commission". */
function organisationFits(e: Entity, noun: string): boolean {
  const words = foldWord(e.name).split(/\s+/);
  const last = words.at(-1) ?? '';
  if (e.type === 'place') return noun === 'club' && CLUB_PLACE_WORDS.has(last);
  if (e.type !== 'organisation' && e.type !== 'other') return false;
  if (ANY_BODY_NOUNS.has(noun)) return true;
  if (PUBLIC_BODY_WORDS.has(noun)) return last === noun || (noun === 'party' && PARTY_NAMES.has(words.join(' ')));
  return !words.some((w) => PUBLIC_BODY_WORDS.has(w)) && !MEMBER_NOUNS.has(last) && !PARTY_NAMES.has(words.join(' '));
}

/**
 * Outside quotation marks, a definite description that refers back names whom it describes:
 * "the company" or "the club" an organisation named before that it fits (see roles.json), "the
 * 24-year-old" the nearest person, "the striker" the nearest person with that job. A
 * description written before a name is in apposition to it ("the striker Ivo Dalk"), and one
 * before a noun is a modifier ("the 30-year-old stand", "the bank holiday"): neither refers back.
 */
/**
 * True when an age is followed by a description of the one it stands for, not by their name: "the
 * 31-year-old midfielder", "the 31-year-old Velnish defender" (up to two capitalised words, a
 * place's or a country's, then lower-case nouns); not "the 31-year-old Ada Lunt", a person named
 * there, nor "the 21-year-old forward Ivo Brant", named after the description.
 */
function describedByAge(text: string, from: number, base: number, here: readonly { e: Entity; at: number }[], tags: WordTags): boolean {
  const m = /^\s+((?:\p{Lu}[\p{L}'’-]*\s+){0,2})(\p{Ll}[\p{L}-]*)\b/u.exec(text.slice(from));
  if (!m) return false;
  const at = from + m[0].length - m[0].trimStart().length;
  if (here.some((x) => x.e.type === 'person' && x.at === at) || STOP_WORDS.has(m[2]!) || /^(of|and|or|who|which|that)$/.test(m[2]!)) return false;
  // The description's nouns run on ("the 31-year-old left back"); a capitalised word after them is a name.
  let end = from + m[0].length;
  for (let n = 0; n < 3; n++) {
    const more = /^\s+(\p{Ll}[\p{L}-]*)\b/u.exec(text.slice(end));
    if (!more) break;
    const wordAt = base + end + more[0].length - more[1]!.length;
    if (!tags.nouns.has(wordAt) || tags.verbs.has(wordAt)) break;
    end += more[0].length;
  }
  return !/^\s+\p{Lu}/u.test(text.slice(end));
}

function resolveDescriptions(entities: Entity[], sentences: SentenceRef[], names: NameWords, tags: WordTags): void {
  const bySentence = new Map<string, Entity[]>();
  for (const e of entities) {
    if (e.type === 'place' && !CLUB_PLACE_WORDS.has(foldWord(e.name.split(/\s+/).at(-1) ?? ''))) continue;
    for (const id of e.mentions) bySentence.set(id, [...(bySentence.get(id) ?? []), e]);
  }
  /** Organisations named so far, with how many sentences named them and the first that did. */
  const named = new Map<Entity, { count: number; first: number }>();
  let lastPerson: Entity | null = null;
  /** People by their last mention, the latest last. */
  const recent: Entity[] = [];
  sentences.forEach((s, n) => {
    const unquoted = s.text.replace(QUOTED, (q) => ' '.repeat(q.length));
    const here = (bySentence.get(s.id) ?? []).map((e) => ({ e, at: firstIndexOf(unquoted, e, names) })).filter((x) => x.at >= 0).sort((a, b) => a.at - b.at);
    if (/\b[Tt]he\s/.test(unquoted)) {
      for (const m of unquoted.matchAll(DESCRIPTION)) {
        const noun = m[1]!;
        const age = AGE_NOUN.test(noun);
        const organisation = !age && ORGANISATION_BACK_NOUNS.has(noun);
        if (!age && !organisation && !JOB_WORDS.has(noun)) continue;
        const next = /^\s+([\p{L}\p{N}][\p{L}\p{N}'’-]*)/u.exec(unquoted.slice(m.index + m[0].length));
        if (next) {
          const nextAt = s.start + m.index + m[0].length + next[0].length - next[1]!.length;
          const described = age && describedByAge(unquoted, m.index + m[0].length, s.start, here, tags);
          if (!described && (/^[\p{Lu}\p{N}]/u.test(next[1]!) || next[1] === 'of' || (tags.nouns.has(nextAt) && !tags.verbs.has(nextAt)))) continue;
        }
        const before = here.filter((x) => x.at < m.index).map((x) => x.e);
        let target: Entity | null = null;
        if (organisation) {
          // Those named before it in its own sentence count too ("Corvex's chief executive said the company …").
          const candidates = new Map(named);
          for (const e of before) if (e.type !== 'person') candidates.set(e, { count: (named.get(e)?.count ?? 0) + 1, first: named.get(e)?.first ?? n });
          let best: { rank: number; count: number; first: number } | null = null;
          for (const [e, seen] of candidates) {
            if (!organisationFits(e, noun)) continue;
            const rank = e.type === 'other' ? 0 : 1;
            if (!best || rank > best.rank || (rank === best.rank && (seen.count > best.count || (seen.count === best.count && seen.first < best.first)))) {
              best = { rank, ...seen };
              target = e;
            }
          }
        } else if (age) target = before.find((e) => e.type === 'person') ?? lastPerson;
        else {
          const fits = (e: Entity) => e.type === 'person' && e.roles.some((r) => roleHas(r, noun));
          target = before.filter(fits).at(-1) ?? recent.filter(fits).at(-1) ?? null;
        }
        if (target && !target.mentions.includes(s.id) && !target.pronounMentions.includes(s.id)) target.pronounMentions.push(s.id);
      }
    }
    for (const { e } of here) {
      if (e.type === 'person') {
        const at = recent.indexOf(e);
        if (at >= 0) recent.splice(at, 1);
        recent.push(e);
      } else named.set(e, { count: (named.get(e)?.count ?? 0) + 1, first: named.get(e)?.first ?? n });
    }
    const firstPerson = here.find((x) => x.e.type === 'person');
    if (firstPerson) lastPerson = firstPerson.e;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiled patterns for names, by kind and name: an article asks for the same few names in
 * every sentence. Bounded, since one process ingests any number of articles.
 */
const namePatterns = new Map<string, RegExp>();

function namePattern(kind: 'start' | 'word', form: string): RegExp {
  const key = kind + form;
  let re = namePatterns.get(key);
  if (!re) {
    if (namePatterns.size >= 5000) namePatterns.clear();
    re = kind === 'start' ? new RegExp(`\\b${escapeRegExp(form)}`, 'gu') : new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, 'giu');
    namePatterns.set(key, re);
  }
  return re;
}

/** Where in `text` the entity is first named, by its name or an alias; -1 when it is not. */
function firstIndexOf(text: string, entity: Entity, names: NameWords): number {
  let best = -1;
  for (const form of [entity.name, ...entity.aliases]) {
    for (const m of text.matchAll(namePattern('start', form))) {
      if (!namesHere(text, m.index, form, entity, names)) continue;
      if (best < 0 || m.index < best) best = m.index;
      break;
    }
  }
  return best;
}

/**
 * The words of the entities' names that may stand in a person's name, each with the entities
 * whose name or alias holds it. Function words, titles and role words are left out: "Colonel"
 * is no part of anyone's name.
 */
type NameWords = Map<string, Entity[]>;

function nameWordOf(surface: string): string {
  const word = foldWord(cleanName(surface)).replace(/\.$/, '');
  // A function word written capitalised may be a given name ("Per Aasen", "Will Tarrant").
  const functionWord = STOP_WORDS.has(word) && !/^\p{Lu}\p{Ll}/u.test(surface);
  return functionWord || CONNECTORS.has(word) || JOB_WORDS.has(word) ? '' : word;
}

function nameWordsOf(entities: readonly Entity[]): NameWords {
  const words: NameWords = new Map();
  for (const e of entities) {
    for (const form of [e.name, ...e.aliases]) {
      for (const t of tokenize(form)) {
        const word = nameWordOf(t.surface);
        if (!word) continue;
        const holders = words.get(word) ?? [];
        if (!holders.includes(e)) holders.push(e);
        words.set(word, holders);
      }
    }
  }
  return words;
}

/**
 * The capitalised words written straight before `index` in `text`, in their order: "Tunde
 * Adeyemi" before "Okafor". A possessive ends them, and so does a full stop after a whole word (one
 * after an initial or a title's abbreviation is inside a name).
 */
function capitalisedBefore(text: string, index: number): string[] {
  const words: string[] = [];
  let end = index;
  for (;;) {
    const m = /(?<![\p{L}\p{M}\p{N}.'’-])(\p{Lu}[\p{L}\p{M}.'’-]*)\s+$/u.exec(text.slice(0, end));
    if (!m) break;
    const word = m[1]!;
    if (/['’]s?$/u.test(word)) break;
    if (word.endsWith('.') && !/^\p{Lu}\.$/u.test(word) && !JOB_WORDS.has(foldWord(word).replace(/\.$/, ''))) break;
    words.unshift(word);
    end = m.index;
  }
  return words;
}

/**
 * True when the capitalised words before a short form of a person's name let it name that
 * person. Walking back from the form: a title, a role or a word no entity's name holds ends the
 * name ("Colonel Okafor", "Meanwhile Okafor"); the person's own words may stand there ("Samuel
 * Okafor"); a word that only another person's name holds makes the whole that other person's name
 * ("Tunde Adeyemi Okafor" is not Samuel Okafor). Places and organisations before a name do not
 * count against it ("Tenants Union Lind").
 */
function prefixAgrees(prefix: readonly string[], entity: Entity, names: NameWords): boolean {
  for (let k = prefix.length - 1; k >= 0; k--) {
    const word = nameWordOf(prefix[k]!);
    const holders = word ? names.get(word) : undefined;
    if (!holders) return true;
    if (holders.includes(entity)) continue;
    return !holders.some((h) => h.type === 'person' || h.type === 'other');
  }
  return true;
}

/**
 * True when `form` of the entity, found at `index` of `text`, names it there. A person's full
 * name always does; a shorter form (the surname) only when it is not the end of another
 * person's longer name.
 */
function namesHere(text: string, index: number, form: string, entity: Entity, names: NameWords): boolean {
  if (entity.type !== 'person' || form === entity.name) return true;
  // A given name alone runs on into no other name ("Ilse" is not Ilse Varto in "Ilse Road").
  const firstSpace = entity.name.indexOf(' ');
  if (firstSpace > 0 && form === entity.name.slice(0, firstSpace)) {
    const next = /^\s+(\p{Lu}[\p{L}\p{M}'’-]*)/u.exec(text.slice(index + form.length));
    if (next && !foldWord(entity.name).split(/\s+/).includes(foldWord(cleanName(next[1]!)))) return false;
  }
  return prefixAgrees(capitalisedBefore(text, index), entity, names);
}

/** True when `form` stands in `text` as a whole word, and everywhere it does, it is the end of another person's name. */
function onlyInOtherNames(text: string, form: string, entity: Entity, names: NameWords): boolean {
  // namesHere holds everywhere then: spare the search.
  if (entity.type !== 'person' || form === entity.name) return false;
  const places = [...text.matchAll(namePattern('word', form))].map((m) => m.index);
  return places.length > 0 && places.every((at) => !namesHere(text, at, form, entity, names));
}

/**
 * Finds the entity a speaker description names, if any: a person before anything else ("CEO of
 * the Tenants Union Mara Lind" is Mara Lind speaking), then the longest name. A
 * surname inside another person's full name does not count ("Tunde Adeyemi Okafor" does not
 * name Samuel Okafor).
 */
export function entityNamed(description: string, entities: Entity[], names: NameWords = nameWordsOf(entities)): Entity | null {
  const folded = ' ' + foldWord(description).replace(/[^\p{L}\p{N}.]+/gu, ' ') + ' ';
  let best: Entity | null = null;
  let bestRank = 0;
  for (const e of entities) {
    for (const form of [e.name, ...e.aliases]) {
      const f = foldWord(form).replace(/[^\p{L}\p{N}.]+/gu, ' ');
      const rank = (e.type === 'person' ? 10_000 : 0) + f.length;
      if (rank <= bestRank || !folded.includes(' ' + f + ' ')) continue;
      if (onlyInOtherNames(description, form, e, names)) continue;
      // "Ms Vell's solicitor" describes the solicitor, not Ms Vell.
      if (e.type === 'person' && ownerOnly(description, form)) continue;
      best = e;
      bestRank = rank;
    }
  }
  return best;
}

/** True when every place `form` stands in `text` as a word, it owns a common noun after it ("Vell's solicitor"). */
function ownerOnly(text: string, form: string): boolean {
  const places = [...text.matchAll(namePattern('word', form))];
  return places.length > 0 && places.every((m) => POSSESSIVE_OF_NOUN.test(text.slice(m.index + form.length)));
}

/** Longest name read between two commas before a speech verb ("…, Owen Reyes, said"). */
const MAX_APPOSITIVE = 5;
/** A finite verb after "said" starts the clause of what was said, not who said it. */
const FINITE_VERB = /^(is|was|were|are|had|has|have|would|will|could|should|might|must|can|may|did|does)$/;
const CLAUSE_LINKS = /^(with|and|but|while|whilst|as|after|before|when|then|so)$/i;
const QUOTE_SPAN = /“([^”]*)”|"([^"]*)"/g;
const AUXILIARY = /^(has|have|had|was|were|is|are|also|later|then|reportedly|publicly|previously|once|not|but|and)$/i;

/** True when `text` begins with a relative or interrogative word ("which newspapers", "who"): no speaker does. */
function startsWithRelative(text: string): boolean {
  const first = foldWord(text.trim().split(/\s+/)[0] ?? '');
  return RELATIVE_WORDS.has(first);
}

/**
 * True when word `k` of a frame is a speech verb. A capitalised one inside the frame is part of a
 * name ("Karim Said Haddad said"): news text writes the verb in lower case there.
 */
function isSpeechVerb(words: readonly string[], lower: readonly string[], k: number): boolean {
  return SPEECH_VERBS.has(lower[k] ?? '') && (k === 0 || !/^\p{Lu}/u.test(words[k]!));
}

interface Subject {
  words: string[];
  /** The verb's subject is a relative word ("Mayor Jane Osei, who said …"): `words` are what it stands for, before the comma. */
  relative: boolean;
}

/**
 * The words before the speech verb at `verbAt` that say who speaks: "the officials" in "… the
 * officials said". Null when the verb is in a relative clause with a subject of its own ("The
 * form, which newspapers report runs …"): that clause tells what others say of something
 * else, not who speaks the quote.
 */
function subjectBefore(words: readonly string[], lower: readonly string[], verbAt: number): Subject | null {
  const before: string[] = [];
  // "Their spokesman, Owen Reyes, said …": the name between the commas speaks.
  if (words[verbAt - 1] === ',') {
    const name: string[] = [];
    for (let k = verbAt - 2; k >= 0 && !/^[,;:.]/.test(words[k]!) && name.length <= MAX_APPOSITIVE; k--) name.unshift(words[k]!);
    // "Ola Berg, Fjellco's chief executive, said": a role owned by a name is no name; who holds it is named before.
    const ownedRole = name.some((w, k) => /['’]s$/u.test(w) && /^\p{Ll}/u.test(name[k + 1] ?? ''));
    if (ownedRole && words[verbAt - 2 - name.length] === ',') {
      const holder: string[] = [];
      for (let k = verbAt - 3 - name.length; k >= 0 && !/^[,;:.]/.test(words[k]!) && holder.length <= MAX_APPOSITIVE; k--) holder.unshift(words[k]!);
      if (holder.length > 0 && holder.length <= MAX_APPOSITIVE && holder.every((w) => /^\p{Lu}/u.test(w))) return { words: holder, relative: false };
    }
    if (name.length > 0 && name.length <= MAX_APPOSITIVE && /^\p{Lu}/u.test(name[0]!) && !ownedRole && verbAt - 2 - name.length >= 0) return { words: name, relative: false };
    return { words: before, relative: false };
  }
  for (let k = verbAt - 1; k >= 0; k--) {
    const w = words[k]!;
    if (/[,;:.!?]$/.test(w) || /^[,;:.]/.test(w)) break;
    if (AUXILIARY.test(lower[k] ?? '')) {
      if (before.length > 0) break;
      continue;
    }
    if (RELATIVE_WORDS.has(lower[k] ?? '')) {
      if (before.length > 0) return null;
      const antecedent = words[k - 1] === ',' ? subjectBefore(words, lower, k - 1) : null;
      return { words: antecedent && !antecedent.relative ? antecedent.words : [], relative: true };
    }
    before.unshift(w);
  }
  return { words: before, relative: false };
}

/**
 * The words after the speech verb at `verbAt` that say who speaks: "one senior European diplomat"
 * in "… said one senior European diplomat familiar with …". None when they are a clause of what
 * was said ("said the vote was …").
 */
function subjectAfter(words: readonly string[], lower: readonly string[], verbAt: number): string[] {
  const after: string[] = [];
  for (let k = verbAt + 1; k < words.length; k++) {
    const w = words[k]!;
    if (/^[,;:.]/.test(w) || RELATIVE_WORDS.has(lower[k] ?? '') || /^(on|in|at|familiar|adding|noting|as|when|after|before)$/i.test(lower[k] ?? '')) break;
    // "said the results added to …": a clause with a verb of its own, not who speaks; a
    // speech verb in the past only, as "states" or "reports" may be a noun ("said member states").
    if (FINITE_VERB.test(lower[k] ?? '') || (after.length > 0 && isSpeechVerb(words, lower, k) && /(?:ed|^said|^told|^wrote)$/.test(lower[k]!))) return [];
    // A title's abbreviation before a name does not end the phrase ("said Dr. Ines Kallas").
    if (ABBREVIATIONS.has(foldWord(w)) && /^\p{Lu}/u.test(words[k + 1] ?? '')) {
      after.push(w);
      continue;
    }
    after.push(w.replace(/[.,;:!?]+$/, ''));
    if (/[.,;:!?]$/.test(w)) break;
  }
  return after;
}

interface SpeakerContext {
  /** Take the last speech verb of the frame rather than the first (a sentence that introduces a quote after it). */
  lastVerb?: boolean;
  /** The sentences the quote covers: a pronoun resolved in any of them ("… are critical. …," she told reporters) names the speaker. */
  sentenceIds?: readonly string[];
  /** The speaker of the quote before in the same paragraph, for a "he added" after it. */
  previous?: Entity | null;
}

/** A capitalised name written as a possessive before a common noun ("Ms Vell's solicitor"): its owner, not a speaker. */
const OWNER_OF_NOUN = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*)*['’]s(?=\s+\p{Ll})/gu;

/** The speaker named in the words of a sentence outside its quotation marks. */
function speakerIn(frame: string, entities: Entity[], names: NameWords, context: SpeakerContext = {}): { entity: Entity | null; description: string } | null {
  // "Sen. Ada Rusk, D-Minn., said": a lawmaker's party and state between commas name no one.
  const words = frame.replace(PARTY_STATE_APPOSED, '').replace(/[“”"]/g, ' ').split(/(?=[,;:])|\s+/).filter(Boolean);
  const lower = words.map((w) => foldWord(w).replace(/[^\p{L}\p{N}.'-]/gu, '').replace(/\.+$/, ''));
  const verbs = lower.map((_, k) => k).filter((k) => isSpeechVerb(words, lower, k));
  if (context.lastVerb) verbs.reverse();
  // The first speech verb that is not inside a relative clause about something else.
  let verbAt = -1;
  let subject: Subject = { words: [], relative: false };
  for (const k of verbs) {
    const found = subjectBefore(words, lower, k);
    if (found === null) continue;
    verbAt = k;
    subject = found;
    break;
  }
  if (verbAt < 0) return null;
  // "… with Lind stating:", "… and the union saying": the linking word is not part of who speaks.
  let lead = 0;
  // So is a live blog's time stamp and dash ("17:00 — Berg said").
  while (lead < subject.words.length - 1 && (CLAUSE_LINKS.test(subject.words[lead]!) || !/^["“‘'(]?\p{L}/u.test(subject.words[lead]!))) lead++;
  const before = subject.words.slice(lead);
  // "Mayor Jane Osei, who said …": the speaker is who the relative word stands for, if that is a
  // named entity; the words after the verb are what was said, and the frame's first person is the
  // likeliest speaker otherwise.
  if (subject.relative) {
    const e = entityNamed(before.join(' '), entities, names);
    if (e) return { entity: e, description: before.join(' ').trim() };
  }
  // "… told reporters": the words after "told" are who was told, never who speaks; and after a
  // subject ("Judge says Ada Rusk "…""), the words after the verb are what was said.
  const subjectFirst = before.some((w) => /^["“‘'(]?\p{L}/u.test(w) && !CLAUSE_LINKS.test(w));
  const after = subject.relative || subjectFirst || /^(told|tells|telling)$/.test(lower[verbAt] ?? '') ? [] : subjectAfter(words, lower, verbAt);
  const candidates = subject.relative ? [] : [before.join(' '), after.join(' ')].filter((c) => c.trim() !== '' && !/^(it|this|that|which)$/i.test(c.trim()) && !startsWithRelative(c));
  // "…," said its chief executive, Lena Fors.": the name in apposition after the role speaks.
  const appositive = after.length > 0 && words[verbAt + 1 + after.length] === ',' ? subjectAfter(words, lower, verbAt + 1 + after.length) : [];
  const holder = appositive.length > 0 ? entityNamed(appositive.join(' '), entities, names) : null;
  for (const c of candidates) {
    const e = entityNamed(c, entities, names);
    // "said Vesk Rail's operations director, Ida Voss": the role's owner names no one who speaks, its holder does.
    if (e && holder && c === after.join(' ') && entityNamed(c.replace(OWNER_OF_NOUN, (m) => ' '.repeat(m.length)), entities, names) === null) break;
    if (e) return { entity: e, description: c.trim() };
  }
  if (holder) return { entity: holder, description: `${after.join(' ')}, ${appositive.join(' ')}` };
  // "'…,' Okafor said. '…,' he added.": the pronoun is the speaker of the quote before.
  const previous = context.previous;
  if (previous && (previous.type === 'person' || previous.type === 'other') && /^(he|she)$/i.test(before.join(' '))) return { entity: previous, description: previous.name };
  // "Ms Vell's solicitor, Ada Rusk of …, said": the owner of a role is not who holds it.
  const unowned = frame.replace(OWNER_OF_NOUN, (m) => ' '.repeat(m.length));
  // '"…," she said, pointing to the sale of Ivo Ren': after "she said" a name is who she spoke
  // of; the speaker is who "she" stands for, or a person named before the pronoun.
  const pronounAt = /^(he|she)$/i.test(before.join(' ')) ? (PRONOUN_SPEAKS.exec(frame)?.index ?? -1) : -1;
  const firstPerson = entities
    .filter((e) => e.type === 'person')
    .map((e) => ({ e, at: firstIndexOf(unowned, e, names) }))
    .filter((x) => x.at >= 0 && (pronounAt < 0 || x.at < pronounAt))
    .sort((a, b) => a.at - b.at)[0];
  if (candidates[0] && candidates[0].split(/\s+/).length <= 8 && !/^(he|she|they|i|we)$/i.test(candidates[0]) && !endsInPastVerb(candidates[0])) {
    // "Judge says …", "the judge said": the one person the article gives that title.
    return { entity: soleHolderOf(candidates[0], entities, context.sentenceIds?.[0]), description: candidates[0] };
  }
  if (firstPerson) return { entity: firstPerson.e, description: firstPerson.e.name };
  // "… she replied:": the person the pronoun was resolved to.
  const ids = context.sentenceIds ?? [];
  const byPronoun = ids.length > 0 ? entities.find((e) => e.type === 'person' && ids.some((id) => e.pronounMentions.includes(id))) : undefined;
  if (byPronoun) return { entity: byPronoun, description: byPronoun.name };
  if (candidates[1] && !endsInPastVerb(candidates[1])) return { entity: null, description: candidates[1] };
  return null;
}

/**
 * True when words read as who speaks end in a verb in the past tense: "said the result showed
 * that "…"", "said the study found": a clause of what was said, no speaker. Only asked of words
 * that name no entity.
 */
function endsInPastVerb(words: string): boolean {
  const terms = (nlp(words).json({ terms: { tags: true } }) as { terms: { tags: string[] }[] }[]).flatMap((t) => t.terms);
  const last = terms[terms.length - 1];
  return terms.length > 1 && last !== undefined && last.tags.includes('PastTense') && !last.tags.includes('Noun');
}

/**
 * The one person whose title or job is a speaker description, or null when no one or several
 * hold it: a headline's bare title ("Judge says …") names its holder wherever the article names
 * them; "the coroner" refers back, to a holder named before sentence `at` ("A spokesman said …
 * "…," the spokesman said" is no later-named spokesman's). "A spokesman" may be anyone: no one.
 */
function soleHolderOf(description: string, entities: readonly Entity[], at: string | undefined): Entity | null {
  const written = description.trim();
  const definite = /^the\s+\p{Ll}/u.test(written);
  if (!definite && !/^\p{Lu}[\p{Ll}-]*(?:\s+\p{Lu}[\p{Ll}-]*)*$/u.test(written)) return null;
  const role = foldWord(written.replace(/^the\s+/, '')).replace(/[^\p{L}\p{N} ]+/gu, '');
  const holders = entities.filter((e) => e.type === 'person' && e.roles.some((r) => foldWord(r).replace(/[^\p{L}\p{N} ]+/gu, '') === role));
  const holder = holders.length === 1 ? holders[0]! : null;
  if (!holder || !definite) return holder;
  const order = (id: string) => Number(id.replace(/\D+/g, ''));
  return at !== undefined && holder.mentions.some((id) => order(id) < order(at)) ? holder : null;
}

/**
 * Where a quotation left open at the end of a paragraph begins: news style leaves a quote that
 * runs on into the next paragraph unclosed, and opens that paragraph with a quotation mark.
 * `closed` are the spans of the paragraph's closed quotations.
 */
function openQuoteAt(text: string, closed: readonly { start: number; end: number }[]): number {
  let outside = text;
  for (const c of closed) outside = outside.slice(0, c.start) + ' '.repeat(c.end - c.start) + outside.slice(c.end);
  const at = outside.search(/[“"]/);
  // A mark that is the paragraph's last character closes nothing and opens nothing.
  return at >= 0 && /[\p{L}\p{N}]/u.test(text.slice(at + 1)) ? at : -1;
}

function findQuotes(source: string, sentences: SentenceRef[], entities: Entity[], names: NameWords): Quote[] {
  const quotes: Quote[] = [];
  const byParagraph = new Map<number, SentenceRef[]>();
  for (const s of sentences) byParagraph.set(s.paragraph, [...(byParagraph.get(s.paragraph) ?? []), s]);
  const paragraphIds = [...byParagraph.keys()].sort((a, b) => a - b);
  // The speaker of a quotation still open when the paragraph before ended.
  let runsOn: Quote['speaker'] = null;
  for (const p of paragraphIds) {
    const list = byParagraph.get(p)!;
    const start = list[0]!.start;
    const end = list[list.length - 1]!.end;
    const text = source.slice(start, end);
    // A paragraph that opens with a quotation mark after one left open goes on with the same speaker.
    let previousSpeaker: Quote['speaker'] = runsOn && /^[“"]/.test(text) ? runsOn : null;
    runsOn = null;
    const spans: { start: number; end: number; inner: string }[] = [];
    for (const m of text.matchAll(QUOTE_SPAN)) spans.push({ start: m.index, end: m.index + m[0].length, inner: (m[1] ?? m[2] ?? '').trim() });
    const open = openQuoteAt(text, spans);
    if (open >= 0) spans.push({ start: open, end: text.length, inner: text.slice(open + 1).trim() });
    for (const span of spans) {
      const inner = span.inner;
      if (inner.split(/\s+/).length < 4) continue; // scare quotes ("playing for time") are not quotes
      const qStart = start + span.start;
      const qEnd = start + span.end;
      const covered = list.filter((s) => s.end > qStart && s.start < qEnd);
      if (covered.length === 0) continue;
      // The frame: the covered sentences' words outside this quote.
      const frame = covered.map((s) => source.slice(s.start, Math.max(s.start, Math.min(qStart, s.end))) + ' ' + source.slice(Math.min(s.end, Math.max(qEnd, s.start)), s.end)).join(' ');
      const previous = entities.find((e) => e.id === previousSpeaker?.entity) ?? null;
      let found = speakerIn(frame, entities, names, { sentenceIds: covered.map((s) => s.id), previous });
      // "Governor NAME, who leads …, called the floods "…" and said …": the one who calls it, over a
      // speaker the frame gives no name for ("called the floods").
      if (!found?.entity) found = callerOf(source, covered[0]!, qStart, entities, names, previous) ?? found;
      if (!found) {
        if (previousSpeaker) {
          quotes.push({ sentences: covered.map((s) => s.id), text: inner, speaker: previousSpeaker });
          if (span.end === text.length && open >= 0) runsOn = previousSpeaker;
          continue;
        }
        // A quote standing alone: its speaker is introduced by the sentence before ("… posted:"),
        // or is the named person that sentence reports speaking ("Tallis added that …. "We have not lost yet."").
        const prevSentence = sentences[sentences.indexOf(covered[0]!) - 1];
        if (prevSentence && /[:,]\s*$/.test(prevSentence.text) && prevSentence.paragraph >= p - 1) {
          found = speakerIn(prevSentence.text.replace(/[“"][^”"]*[”"]/g, ' , '), entities, names, { lastVerb: true, sentenceIds: [prevSentence.id] });
        } else if (prevSentence && prevSentence.paragraph === p && covered[0]!.start - qStart === 0 && !/[“"]/.test(prevSentence.text)) {
          const reported = speakerIn(prevSentence.text, entities, names, { sentenceIds: [prevSentence.id] });
          if (reported?.entity) found = reported;
          // "She began to play again. "I hear the room …"": a first-person quote after a sentence
          // whose subject is a he or she goes on with that person's words.
          const subject = !found && OPENING_PRONOUN.test(prevSentence.text) && FIRST_PERSON.test(inner) ? entities.find((e) => e.type === 'person' && e.pronounMentions.includes(prevSentence.id)) : undefined;
          if (subject) found = { entity: subject, description: subject.name };
        }
        // "… are critical. …," she told reporters: the one person named just before the quote.
        if (!found && PRONOUN_SPEAKS.test(frame)) {
          const person = lastPersonBefore(sentences, sentences.indexOf(covered[0]!), entities);
          if (person) found = { entity: person, description: person.name };
        }
      }
      if (found) found = sharedSurnameSpeaker(found, sentences, sentences.indexOf(covered[0]!), entities);
      const speaker = found ? { entity: found.entity?.id ?? null, description: found.description } : null;
      quotes.push({ sentences: covered.map((s) => s.id), text: inner, speaker });
      if (speaker) previousSpeaker = speaker;
      if (span.end === text.length && open >= 0) runsOn = speaker;
    }
  }
  quotes.push(...interviewAnswers(source, byParagraph, entities, quotes));
  return quotes;
}

const FEMALE_WORDS: ReadonlySet<string> = new Set(roleData.femaleWords);
const MALE_WORDS: ReadonlySet<string> = new Set(roleData.maleWords);
/** Words of address only ("Mr", "Ms"): written before a surname alone, as British news names everyone. */
const ADDRESS: ReadonlySet<string> = new Set(titleData.address);

/** The sex a word of address or a kin noun tells ("Ms", "daughter"), if any. */
function sexOfWord(word: string): Gender | undefined {
  const w = foldWord(word).replace(/\.$/, '');
  return FEMALE_WORDS.has(w) ? 'female' : MALE_WORDS.has(w) ? 'male' : undefined;
}

/** A name's words, folded, with only letters and digits: "Ms Ada Varden" → "ms ada varden". */
function foldedWords(text: string): string[] {
  return foldWord(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean);
}

/**
 * "Edith Varden died …; her daughter, Carol Varden, said … Ms Varden said: "…"": a speaker named
 * by a word of address and a surname that several people of the article share (only one of whom
 * holds it as a short name) is, of those the word does not rule out (a kin noun among their roles
 * tells their sex, "Mr" rules out a daughter), the one whose full name the text wrote last before
 * the quote. A surname written alone ("Varden said") stays its holder's: news that writes no "Mr"
 * or "Ms" names its main person so.
 */
function sharedSurnameSpeaker(found: { entity: Entity | null; description: string }, sentences: readonly SentenceRef[], at: number, entities: readonly Entity[]): { entity: Entity | null; description: string } {
  const e = found.entity;
  if (!e || e.type !== 'person' || at < 0) return found;
  const surname = foldedWords(e.name).pop() ?? '';
  const sharers = entities.filter((p) => p.type === 'person' && foldedWords(p.name).length > 1 && foldedWords(p.name).pop() === surname);
  if (sharers.length < 2) return found;
  const described = foldedWords(found.description);
  const text = ` ${described.join(' ')} `;
  if (sharers.some((p) => text.includes(` ${foldedWords(p.name).join(' ')} `))) return found;
  const k = described.lastIndexOf(surname);
  if (k < 1 || !ADDRESS.has(described[k - 1]!)) return found;
  const wanted = sexOfWord(described[k - 1]!);
  const sexOf = (p: Entity): Gender | undefined => p.roles.flatMap((r) => foldedWords(r)).filter((w) => KIN.has(w)).map(sexOfWord).find((x) => x !== undefined);
  const fits = sharers.filter((p) => !wanted || (sexOf(p) ?? wanted) === wanted);
  for (let i = at; i >= 0; i--) {
    const written = ' ' + foldedWords(sentences[i]!.text.replace(QUOTED, ' ')).join(' ') + ' ';
    const named = fits.map((p) => ({ p, where: written.lastIndexOf(` ${foldedWords(p.name).join(' ')} `) })).filter((x) => x.where >= 0).sort((a, b) => b.where - a.where);
    if (named[0]) return named[0].p === e ? found : { entity: named[0].p, description: found.description };
  }
  return found;
}

const CALLING_VERBS = speechData.callingVerbs.join('|');
/** A verb that names something, a few lower-case words of what it names and "as", at the end of the text before a quote. */
const CALLING = new RegExp(`(?<![\\p{L}])(?:${CALLING_VERBS})(?:\\s+[\\p{Ll}'’-]+){0,5}?\\s*$`, 'u');

/**
 * The speaker of a quote that a verb for naming introduces: "Ada Rusk called the bill "…"",
 * "the offer, which the union's president, Ada Rusk, described as "…"". The verb's subject,
 * read as a speech verb's, speaks it, when it is a named entity or a person a pronoun stands for.
 */
function callerOf(source: string, sentence: SentenceRef, qStart: number, entities: Entity[], names: NameWords, previous: Entity | null): { entity: Entity | null; description: string } | null {
  if (qStart <= sentence.start || qStart > sentence.end) return null;
  const lead = source.slice(sentence.start, qStart);
  const m = CALLING.exec(lead);
  // "Tor Vik was considered "…"", "was called "…"": in the passive, the subject names nothing.
  if (!m || /(?<![\p{L}])(?:is|are|was|were|be|been|being)\s+$/iu.test(lead.slice(0, m.index))) return null;
  const found = speakerIn(`${lead.slice(0, m.index)} said`, entities, names, { sentenceIds: [sentence.id], previous });
  if (found?.entity) return found;
  // "in protest at what she called "…"", "a result he considered "…"": the verb's subject is in a
  // clause about something else, but it names the quote all the same; a pronoun is who it stands for.
  const subject = /(?<![\p{L}'’])(he|she|(?:\p{Lu}[\p{L}\p{M}'’.-]*\s+){0,3}\p{Lu}[\p{L}\p{M}'’.-]*)\s+$/u.exec(lead.slice(0, m.index));
  if (!subject) return null;
  const named = speakerIn(`${subject[1]} said`, entities, names, { sentenceIds: [sentence.id], previous });
  return named?.entity ? named : null;
}

/**
 * The answers of an interview printed as questions and answers ("Q: …" / "A: …"): each answer
 * paragraph is a quote of the person interviewed, the person the headline or the opening names
 * who is mentioned most (the most mentioned person otherwise).
 */
function interviewAnswers(source: string, byParagraph: Map<number, SentenceRef[]>, entities: readonly Entity[], quotes: readonly Quote[]): Quote[] {
  const paragraphs = [...byParagraph.values()];
  const answers = paragraphs.filter((list) => INTERVIEW_ANSWER.test(list[0]!.text));
  if (answers.length < 2 || paragraphs.filter((list) => INTERVIEW_QUESTION.test(list[0]!.text)).length < 2) return [];
  const people = entities.filter((e) => e.type === 'person').sort((a, b) => b.mentions.length + b.pronounMentions.length - (a.mentions.length + a.pronounMentions.length));
  const opening = source.slice(0, paragraphs[0]![paragraphs[0]!.length - 1]!.end + 400);
  const interviewed = people.find((e) => [e.name, ...e.aliases].some((form) => opening.includes(form))) ?? people[0];
  if (!interviewed) return [];
  // The interviewer's "you" is the person interviewed: "What surprised you most?" is about them.
  for (const list of paragraphs) {
    if (!INTERVIEW_QUESTION.test(list[0]!.text)) continue;
    for (const s of list) if (/\byou(?:r|rs|rself)?\b/i.test(s.text) && !interviewed.mentions.includes(s.id) && !interviewed.pronounMentions.includes(s.id)) interviewed.pronounMentions.push(s.id);
  }
  const quoted = new Set(quotes.flatMap((q) => q.sentences));
  const out: Quote[] = [];
  for (const list of answers) {
    if (list.some((s) => quoted.has(s.id))) continue;
    const text = source.slice(list[0]!.start, list[list.length - 1]!.end).replace(INTERVIEW_ANSWER, '').trim();
    out.push({ sentences: list.map((s) => s.id), text, speaker: { entity: interviewed.id, description: interviewed.name } });
  }
  return out;
}

/** A bare "he" or "she" before a speech verb: the speaker is named elsewhere. */
const PRONOUN_SPEAKS = new RegExp(`(?:^|[,.]\\s*|\\s)(?:he|she)\\s+(?:${speechData.verbs.join('|')})\\b`, 'i');

/**
 * The person named in the sentence before `at` (in its paragraph or the one before), when that
 * sentence names exactly one: who a "she said" after it refers to.
 */
function lastPersonBefore(sentences: readonly SentenceRef[], at: number, entities: readonly Entity[]): Entity | null {
  const before = sentences[at - 1];
  const first = sentences[at];
  if (!before || !first || before.paragraph < first.paragraph - 1) return null;
  const people = entities.filter((e) => e.type === 'person' && e.mentions.includes(before.id));
  return people.length === 1 ? people[0]! : null;
}

// A comma or full stop inside a number ("£186,000", "2.5 million") does not end the source.
const ACCORDING = /\b(according to|as reported by|citing)\s+((?:[^,;:.!?]|[,.](?=\d))+(?:\.[A-Z](?:[^,;:!?]|,(?=\d))*)*)/gi;
/** ", Ann Roe" set off by commas: a name in apposition to what stands before it. */
const APPOSED_NAME = /^,\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}(?=,)/u;
const SAID_CLAUSE = /(?:^|,\s*|\b(?:and|but)\s+)((?:the|a|an|one|two|three|some|several|many|other|senior|western|european|u\.s\.|american)(?:\s+[\p{L}.’'-]+){0,4}?\s+(?:officials?|diplomats?|sources?|analysts?|reports?|post|times|aides?|experts?))\s+(?:said|say|says|reported|noted|told)\b/giu;

/** A sentence that opens by reporting what "he" or "she" said: "He added that …", "She also warned …". */
const PRONOUN_REPORTS = new RegExp(`^(?:(?:but|and)\\s+)?(he|she)\\s+(?:(?:also|later|then|further)\\s+)?(${speechData.verbs.join('|')})\\b`, 'i');

function findAttributions(sentences: SentenceRef[], entities: readonly Entity[]): Attribution[] {
  const out: Attribution[] = [];
  for (const s of sentences) {
    // "He added that …": the person the pronoun stands for (see resolvePronouns) is named.
    const reported = PRONOUN_REPORTS.exec(s.text);
    if (reported) {
      const person = entities.find((e) => e.type === 'person' && e.pronounMentions.includes(s.id));
      if (person) out.push({ sentence: s.id, text: `${person.name} ${reported[2]!.toLowerCase()}`, source: person.name });
    }
    const unquoted = s.text.replace(/“[^”]*”/g, (q) => ' '.repeat(q.length));
    for (const m of unquoted.matchAll(ACCORDING)) {
      // "According to its operations director, Ann Roe, …": the name in apposition is part of the source.
      const apposition = APPOSED_NAME.exec(s.text.slice(m.index + m[0].length))?.[0] ?? '';
      const phrase = s.text.slice(m.index, m.index + m[0].length + apposition.length).trim().replace(/\.$/, '');
      const source = (m[2] ?? '').trim().replace(/\.$/, '');
      // "an audit, according to which the budget …" names no source: the audit is before the comma.
      if (startsWithRelative(source)) continue;
      out.push({ sentence: s.id, text: phrase, source });
    }
    for (const m of unquoted.matchAll(SAID_CLAUSE)) {
      const whole = m[0].replace(/^[,\s]+|^(and|but)\s+/gi, '').trim();
      out.push({ sentence: s.id, text: whole, source: (m[1] ?? '').trim() });
    }
  }
  return out;
}

const NUMBER_WORDS = 'once|twice|thrice|none|several|dozen|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|third|quarter|one-fifth|one-third|one-quarter|two-thirds|three-quarters';
// A quantity keeps its unit ("12GB", "188 grams", "6.9-inch" stays a number).
const MEASURE_UNITS = 'gb|mb|tb|kb|ghz|mhz|mah|mm|cm|kg|kilograms|grams|tonnes|tons|litres|liters|gallons|metres|meters|feet|ft|inches|mph|mw|gw|kwh|megawatts|gigawatts|degrees';
// "Rs 450 crore", "₹2.5 lakh", "A$2.3 million": the currency before and the Indian magnitudes after.
// "£2.4bn", "€3.2m", "$40k", "415p": a magnitude or pence written onto the figure.
// A clock time ("13:20", "4.05pm") is no number.
const NUMBER = new RegExp(String.raw`(?:(?:[$€£₹]|\b(?:Rs\.?|INR|A\$|NZ\$|C\$|US\$|HK\$|S\$))\s?)?\b(?<!\d:)\d[\d,.]*(?!\d|:\d)(?:(?:bn|mn|tn|m|k|p)(?![a-z])|\s?(?:%|percent|per cent|million|billion|trillion|thousand|hundred|lakh|lakhs|crore|crores|km|miles|kilometres|kilometers|${MEASURE_UNITS})(?![a-z]))?(?:\s(?:${CURRENCY_WORDS})\b)?|\b(?:${NUMBER_WORDS})(?:[- ](?:${NUMBER_WORDS}))*\b(?:\s(?:percent|per cent))?`, 'gi');
const DATE = /\b(?:\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|[ap]\.m(?=\.))|(?<=\b(?:in|since|by|until|from|after|before|around|circa|c\.)\s+)\d{3,4}\b|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)(?:,?\s+\d{4})?|(?:january|february|march|april|may|june|july|august|september|october|november|december)(?:\s+\d{1,2})?(?:,?\s+\d{4})?|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:century|centuries)|\d{1,2}(?:st|nd|rd|th)\s+and\s+\d{1,2}(?:st|nd|rd|th)\s+centuries|(?:1[0-9]|20)\d{2}s?|(?:last|next|this|past|coming)\s+(?:week|weeks|month|months|year|years|decade|summer|winter|spring|autumn|fall)|today|yesterday|tomorrow|tonight|dawn|morning|evening|afternoon|night|noon|midday|midnight)\b/gi;

/** A time of day: "4.05pm", "6.40 a.m.", "11am". */
const CLOCK_TIME = /\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m(?=\.)|p\.m(?=\.))(?![a-z])/gi;

/** Numbers and amounts written in a sentence ("20%", "two", "1,500"). */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.replace(CLOCK_TIME, (t) => ' '.repeat(t.length)).matchAll(NUMBER)) {
    const v = m[0].trim().replace(/[.,]+$/, '');
    if (/^(may|march)$/i.test(v)) continue;
    // Years are dates, not amounts.
    if (/^(1[0-9]|20)\d{2}$/.test(v)) continue;
    out.push(v);
  }
  return out;
}

/** Dates and times written in a sentence ("Friday", "in August", "Nov. 14", "last week", "1066", "4.05pm"). */
export function datesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DATE)) {
    // "may" alone is a verb far more often than a month.
    if (/^may$/i.test(m[0]) && !/^May/.test(m[0])) continue;
    if (/^march$/i.test(m[0]) && !/^March/.test(m[0])) continue;
    out.push(m[0]);
  }
  return out;
}
