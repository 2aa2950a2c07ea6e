/**
 * Question analysis: what the question asks for (answer type), its key terms with their
 * weights, the corpus entities it names, the names it uses that the corpus never mentions,
 * and, for a follow-up, what its pronouns or ellipsis stand for.
 */
import questionData from './lexicon/questions.json' with { type: 'json' };
import derivationData from './lexicon/derivation.json' with { type: 'json' };
import roleData from './lexicon/roles.json' with { type: 'json' };
import titleData from './lexicon/titles.json' with { type: 'json' };
import scoreData from './lexicon/scores.json' with { type: 'json' };
import acronymData from './lexicon/acronyms.json' with { type: 'json' };
import commonWordData from './lexicon/common-words.json' with { type: 'json' };
import genericWordData from './lexicon/generic-words.json' with { type: 'json' };
import lightWordData from './lexicon/light-words.json' with { type: 'json' };
import type { Turn } from './reply.ts';
import { parseCommandLine } from './commands.ts';
import type { EntityRef, Index } from './search-index.ts';
import type { Article, Entity } from './schema.ts';
import { QUOTED, STOP_WORDS, editDistance, foldWord, isAcronym, isIrregularForm, numberForms, phraseContent, phrasesWritten, relatedTerms, stem, termsOf, textTerms, tokenize, demonymPlace, type Token } from './text.ts';

export type AnswerType = 'person' | 'place' | 'date' | 'number' | 'score' | 'reason' | 'organisation' | 'other';

export interface QueryTerm {
  term: string;
  /** Weight of the term: its inverse document frequency, scaled for related terms. */
  weight: number;
  /** The question term this one stands for (itself for a key term). */
  of: string;
  kind: 'key' | 'synonym' | 'metonym' | 'spelling' | 'context';
}

export interface Query {
  /** The question as understood: pronouns and ellipsis of a follow-up resolved. */
  text: string;
  original: string;
  answerType: AnswerType;
  /** Distinct key terms of the question (stems), each with its weight. */
  keys: Map<string, number>;
  /** Key terms and the related terms that may stand for them. */
  terms: QueryTerm[];
  entities: EntityRef[];
  /** The entities of `entities`, for membership tests (a common name has one per article). */
  entitySet: ReadonlySet<Entity>;
  /** Names in the question that the corpus never mentions. */
  unknownNames: string[];
  /** Key terms that occur nowhere in the corpus, even after spelling correction. */
  unknownTerms: string[];
  /** "What did X say/post/tell …": the answer is a quote, ideally by one of `entities`. */
  asksForQuote: boolean;
  /** A request about a topic ("tell me about the strike", or just "the strike"): a whole sentence answers it, no part of it more than the rest. */
  topic: boolean;
  /** For "what else did X say?" in a conversation: briefbot's earlier replies, whose sentences are not given again. */
  given: string[];
  /** The offices the question names people by ("the Prime Minister", "the CEO"), with whom they stand for. */
  roles: RoleMention[];
}

/** "The Prime Minister", "the CEO": a person named by their office. */
export interface RoleMention {
  /** The office as the question writes it, without its "the" ("Prime Minister", "CEO"). */
  text: string;
  /** The office as the articles write it, folded ("prime minister", "chief executive officer"). */
  title: string;
  /** The question's key terms for it. */
  terms: string[];
  /** Who holds it: in each article that gives someone this office, the most mentioned of them. */
  refs: EntityRef[];
  /** The question asks who holds it ("Who is the prime minister?"): its holder is the answer, not a name of the question. */
  asked: boolean;
}

/** Words that ask for more of the same ("what else did she say?", "what did he say next?"). */
const MORE_WORDS = ['else', 'next', 'more', 'another', 'again', 'then', 'after'];
const MORE = new RegExp(`\\b(?:${MORE_WORDS.join('|')})\\b`, 'i');
const TOPIC_REQUEST = new RegExp(`^(?:${questionData.topicRequests.join('|')})\\b`, 'i');
const TOPIC_NOUNS = questionData.topicNouns;
/** "worth", "cost": words that ask for an amount; the answer need not repeat them. */
const AMOUNT_WORDS = new Set(questionData.amountWords);
const RULES = questionData.rules.map((r) => ({ re: new RegExp(r.pattern, 'i'), type: r.type as AnswerType, anywhere: 'anywhere' in r && r.anywhere === true }));
const QUESTION_WORDS = new Set(['what', 'who', 'whom', 'whose', 'which', 'when', 'where', 'why', 'how', 'is', 'are', 'was', 'were', 'did', 'does', 'do', 'has', 'have', 'had', 'can', 'could', 'will', 'would', 'should', 'and', 'in', 'on', 'at', 'for', 'the', 'a', 'an', 'tell', 'give', 'show', 'list', 'name']);
const QUOTE_VERB = /\b(say|said|says|tell|told|post|posted|write|wrote|tweet|tweeted|comment|commented|respond|responded|reply|replied|react|reacted|think|thinks|note|noted|argue|argued|warn|warned|claim|claimed|call|called|describe|described)\b/i;
// Generic verbs of speech and of reaction: in "what did X say?" and "how did X react?" they
// frame the question, and the answer need not contain them.
export const SPEECH_STEMS: ReadonlySet<string> = new Set(['say', 'tell', 'comment', 'speak', 'talk', 'react', 'respond', 'reply'].map((w) => stem(w)));
/** The terms of a score question that a sentence with a score answers ("score", "result", "match", "end"). */
export const SCORE_KEYS: ReadonlySet<string> = new Set(scoreData.questionWords.flatMap((w) => textTerms(w)));
const PRONOUN_REF = /\b(he|him|his|she|her|hers|they|them|their)\b/i;
const ELLIPSIS = /^\s*(?:and what about|and how about|and|what about|how about)\s+(.+?)\??\s*$/i;
/** A question word that opens a question of its own after "and" ("and how many were hurt?"). */
const OWN_QUESTION = /^(?:how|what|who|whom|whose|which|when|where|why)\b/i;
/**
 * A question for what someone said, in three parts: its opening, who is asked about, and the speech
 * verb with what follows ("what did | his barrister | say?"). An "and X?" follow-up asks it of X.
 */
const SPEAKER_FRAME = /^(\s*(?:what|how|why|when)\s+(?:did|does|do|has|have|had|will|would)\s+)(.+?)(\s+(?:say|tell|reply|respond|answer|argue|warn|explain|claim|admit|comment|add|write|post)\b.*)$/i;
/** A noun phrase opened by a determiner, of up to four words ("the judge", "the consumer group", "her lawyer"). */
const DETERMINED = /^(?:the|a|an|his|her|its|their)\s+[\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,3}$/iu;
/** A preposition opening the words that say where or in what a question's event is ("in the flood", "at the plant"). */
const SETTING = new RegExp(`\\s(?:${[...questionData.placePrepositions, ...questionData.settingPrepositions].join('|')})\\s.*?(?=\\s*\\?*\\s*$)`, 'i');

/**
 * A follow-up's own question with the setting of the question before it, when it has none of its
 * own: "how many were hurt" after "how many people died in the flood?" → "how many were hurt in the flood?".
 */
function inSettingOf(question: string, previous: string): string {
  const own = question.replace(/\?+\s*$/, '');
  const setting = SETTING.exec(previous);
  return setting && !SETTING.test(` ${own}`) ? `${own}${setting[0]}?` : `${own}?`;
}
/** What follows "and" when it is a question of its own: it opens with a question word or an auxiliary verb. */
const WHOLE_QUESTION = /^(?:what|who|whom|whose|which|when|where|why|how|is|are|was|were|did|does|do|can|could|will|would|should|has|have|had)\b/i;

/** True when another word of the question, one the articles use, ends or starts with `term` ("firefighters" for "fight"). */
function compoundHolds(index: Index, tokens: readonly Token[], token: Token, term: string): boolean {
  for (const t of tokens) {
    if (t === token) continue;
    for (const other of termsOf(t.surface)) if (other.length > term.length + 2 && (other.endsWith(term) || other.startsWith(term)) && index.df.has(other)) return true;
  }
  return false;
}

/** Stems of verbs of little meaning of their own (lexicon/light-words.json). */
const LIGHT_VERBS = new Set(lightWordData.verbs.map((w) => stem(w)));
/** Two-word light verbs ("take place"), as the first word's stem and the second word. */
const LIGHT_PHRASES = lightWordData.phrases.map((p) => p.split(' ')).map(([first, second]) => ({ first: stem(first ?? ''), second: second ?? '' }));
/** The words of the two-word light verbs, as the first word's stem and the second word: no other word is looked at twice. */
const LIGHT_FIRSTS: ReadonlySet<string> = new Set(LIGHT_PHRASES.map((p) => p.first));
const LIGHT_SECONDS: ReadonlySet<string> = new Set(LIGHT_PHRASES.map((p) => p.second));
/** The share of its weight a light verb keeps among the question's key terms. */
const LIGHT_VERB_SHARE = 0.25;

/**
 * The share of its weight a question word keeps as a key term: a light verb ("made", "located",
 * "took place") says little, and the answering sentence often uses another ("was founded", "lies").
 */
function lightShare(tokens: readonly Token[], token: Token, key: string): number {
  if (LIGHT_VERBS.has(key)) return LIGHT_VERB_SHARE;
  if (!LIGHT_FIRSTS.has(key) && !LIGHT_SECONDS.has(foldWord(token.surface))) return 1;
  const at = tokens.indexOf(token);
  const next = tokens[at + 1];
  const before = tokens[at - 1];
  for (const p of LIGHT_PHRASES) {
    if (key === p.first && next && foldWord(next.surface) === p.second) return LIGHT_VERB_SHARE;
    if (foldWord(token.surface) === p.second && before && stem(before.surface) === p.first) return LIGHT_VERB_SHARE;
  }
  return 1;
}

/** The expected answer type and the words that ask for it ("how far", "in what year"). */
function questionFrame(question: string): { type: AnswerType; frame: Set<string>; topic: boolean } {
  let q = foldWord(question).trim();
  // "When the war ended, what did …?": the question is the clause after the comma.
  const clause = /^(?:when|while|after|before|if|since|as)\b[^,]*,\s*((?:what|which|who|whom|whose|where|how|why|when)\b.*)$/.exec(q);
  if (clause?.[1]) q = clause[1];
  for (const rule of RULES) {
    const m = rule.re.exec(q);
    if (m) return { type: rule.type, frame: new Set(m[0].split(/[\s-]+/).filter(Boolean)), topic: false };
  }
  // "Tell me about the strike", "any news on the merger?": the topic is what is left.
  const request = TOPIC_REQUEST.exec(q);
  if (request) return { type: 'other', frame: new Set([...request[0].split(/\s+/).filter(Boolean), ...TOPIC_NOUNS]), topic: true };
  // Words without a question ("harbour strike") name a topic too.
  const first = /^[\p{L}']+/u.exec(q)?.[0] ?? '';
  return { type: 'other', frame: new Set(), topic: !q.includes('?') && !QUESTION_WORDS.has(first) };
}

function idf(index: Index, term: string): number {
  const n = index.docs.length || 1;
  // A phrase is at most as common as its rarest word.
  let df = index.df.get(term);
  if (df === undefined) {
    const content = phraseContent(term);
    df = content === null ? 0 : Math.min(...content.map((c) => index.df.get(c) ?? 0));
  }
  return Math.log(1 + n / (df + 0.5));
}

/**
 * A related term in more than a tenth of a large corpus's sentences (as "said" is in news) is no
 * evidence that a sentence is about the question's word, and reading its postings is most of
 * the cost of such a question. Small corpora keep every related term: there a tenth is a few
 * sentences, too few to tell.
 */
const COMMON_SHARE = 0.1;
const COMMON_MIN_SENTENCES = 1000;

/** True when the corpus may write this term: a word it has, or a lexicon phrase all of whose words it has. */
function inCorpus(index: Index, term: string): boolean {
  if (index.df.has(term)) return true;
  const content = phraseContent(term);
  return content !== null && content.every((c) => index.df.has(c));
}

/** Adds a key's synonyms and metonyms that the corpus may write, at a share of its weight. */
function widen(index: Index, terms: QueryTerm[], word: string, key: string, w: number): void {
  const related = usableRelated(index, word);
  for (const s of related.synonyms) terms.push({ term: s, weight: w * 0.6, of: key, kind: 'synonym' });
  for (const m of related.metonyms) terms.push({ term: m, weight: w * 0.5, of: key, kind: 'metonym' });
}

/** The synonyms and metonyms of a term that widen a question over this index, by the term. */
const usableRelatedCache = new WeakMap<Index, Map<string, { synonyms: readonly string[]; metonyms: readonly string[] }>>();

/**
 * The synonyms and metonyms of a term (or phrase id) that the corpus may write and that are not too
 * common to tell anything: worked out once per index and term, as a key's synonym group is looked
 * through on every question that writes it.
 */
function usableRelated(index: Index, word: string): { synonyms: readonly string[]; metonyms: readonly string[] } {
  let cache = usableRelatedCache.get(index);
  if (!cache) usableRelatedCache.set(index, (cache = new Map()));
  let usable = cache.get(word);
  if (!usable) {
    const related = relatedTerms(word);
    usable = { synonyms: related.synonyms.filter((s) => inCorpus(index, s) && !tooCommon(index, s)), metonyms: related.metonyms.filter((m) => inCorpus(index, m) && !tooCommon(index, m)) };
    // Bounded like the other caches: a plain clear.
    if (cache.size >= 20_000) cache.clear();
    cache.set(word, usable);
  }
  return usable;
}

function tooCommon(index: Index, term: string): boolean {
  const n = index.docs.length;
  return n >= COMMON_MIN_SENTENCES && (index.df.get(term) ?? 0) > n * COMMON_SHARE;
}

/** The closest corpus term to a misspelt one, if there is a close one. */
function correctSpelling(index: Index, term: string): string | null {
  if (term.length < 3 || /\d/.test(term)) return null;
  const max = term.length >= 7 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = max + 1;
  for (const candidate of index.vocabularyByInitial.get(term.charAt(0)) ?? []) {
    if (Math.abs(candidate.length - term.length) > max) continue;
    const d = editDistance(term, candidate, max);
    if (d < bestDistance || (d === bestDistance && best !== null && (index.df.get(candidate) ?? 0) > (index.df.get(best) ?? 0))) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= max ? best : null;
}

/** Common English words, built on the first question that may be a misspelling. */
let commonWords: ReadonlySet<string> | null = null;
/** Inflections after which what is left, or it with an "e" ("fined" → "fine"), may be the word itself. */
const INFLECTION = /(?:ed|ing|es|s|d)$/;

function commonEntry(word: string): boolean {
  commonWords ??= new Set(commonWordData.words.split(' '));
  return commonWords.has(word);
}

/** True when the question's word, or the word it inflects, is a common English word ("crash", "fined"). */
function commonWord(surface: string): boolean {
  const word = foldWord(surface);
  if (commonEntry(word)) return true;
  const base = word.replace(INFLECTION, '');
  return base.length >= 3 && base !== word && (commonEntry(base) || commonEntry(base + 'e'));
}

/**
 * The corpus terms of the question's words other than `token`, stop words and names aside: a
 * name stands by every word of its story ("How much was Tellan fined?" is not about "five").
 */
function otherTerms(index: Index, tokens: readonly Token[], token: Token): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t === token || (t !== tokens[0] && /^\p{Lu}/u.test(t.surface))) continue;
    for (const term of termsOf(t.surface)) if (index.df.has(term) && !out.includes(term)) out.push(term);
  }
  return out;
}

/** Most sentences of a corrected term looked at for another of the question's words. */
const MAX_CONTEXT_SENTENCES = 50;

/**
 * True when a sentence with the corpus term `fixed`, or its paragraph, also has one of the
 * question's other `terms`: "weather" read as "water" in "the weather forecast for the flooded
 * region", where the water stands by the floods. A common word read as another common word the
 * articles use elsewhere ("crash" as the "cash" of another story) is no misspelling.
 */
function fitsContext(index: Index, fixed: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  const { ids } = index.search.topDocuments([fixed], [1], MAX_CONTEXT_SENTENCES);
  for (const id of ids) {
    const doc = index.docs[id];
    if (!doc) continue;
    const f = index.features(doc);
    if (terms.some((t) => f.terms.has(t) || f.context.has(t))) return true;
  }
  return false;
}

/** The terms of everyday words that speak of the story in general ("incident", "local"), built on first use. */
let genericTerms: ReadonlySet<string> | null = null;

/** True when a question term is an everyday word that speaks of the story in general, and the articles never write it. */
function unwrittenGeneric(index: Index, term: string): boolean {
  genericTerms ??= new Set(genericWordData.words.flatMap((w) => termsOf(w)));
  return genericTerms.has(term) && !inCorpus(index, term);
}

const DERIVATIONS = derivationData.rules as [string, string][];
/** Shortest base a derivation may leave ("ion" of "lion" is no suffix). */
const MIN_DERIVED_BASE = 3;

/**
 * The corpus term of a related form of a word the corpus never uses: "invasion" finds
 * "invaded" (invade), "closure" finds "close", "agree" finds "agreement". Null when no rule
 * gives a form the corpus has.
 */
function derivedTerm(index: Index, surface: string): string | null {
  return derivedForms(surface).find((term) => index.df.has(term)) ?? null;
}

/** How many written words keep their derived forms in memory. */
const DERIVED_MEMO = 20_000;
const derivedMemo = new Map<string, readonly string[]>();

/**
 * The terms of every related form of a written word the derivation rules give ("driving" → driver, drivion …), whether or not the corpus uses them.
 * Kept per word: each is a stemming per rule, and the words a question writes that the corpus
 * does not are asked about on every question that writes them.
 */
export function derivedForms(surface: string): readonly string[] {
  let forms = derivedMemo.get(surface);
  if (forms === undefined) {
    // A plain clear keeps the memo bounded.
    if (derivedMemo.size >= DERIVED_MEMO) derivedMemo.clear();
    derivedMemo.set(surface, (forms = computeDerivedForms(surface)));
  }
  return forms;
}

/**
 * The words an inflected verb or a plural may be a form of ("decided" of "decide", "failed" of
 * "fail", "agreed" of "agree"): the derivation rules work from these too, so that a question's
 * verb meets the article's noun ("When was it decided?" and "the decision").
 */
function inflectionBases(word: string): string[] {
  const m = /^(.{3,}?)(ed|d|ing|es|s)$/.exec(word);
  if (!m) return [];
  const base = m[1]!;
  return m[2] === 'ed' || m[2] === 'ing' ? [base, base + 'e'] : [base];
}

function computeDerivedForms(surface: string): string[] {
  const word = foldWord(surface);
  if (!/^[a-z]+$/.test(word)) return [];
  const out: string[] = [];
  for (const written of [word, ...inflectionBases(word)]) {
    for (const [ending, replacement] of DERIVATIONS) {
      if (!written.endsWith(ending) || written.length - ending.length < MIN_DERIVED_BASE) continue;
      const base = written.slice(0, written.length - ending.length) + replacement;
      if (isIrregularForm(base)) continue;
      const term = stem(base);
      if (!out.includes(term)) out.push(term);
    }
  }
  return out;
}

const nameWordCache = new WeakMap<Index, Map<string, EntityRef[]>>();

/**
 * The people whose full name has this word, by the word (folded): "mensah" finds "Kwame Osei
 * Mensah" when no one is called plain "Mensah". Built once per index.
 */
function peopleByNameWord(index: Index): Map<string, EntityRef[]> {
  let map = nameWordCache.get(index);
  if (!map) {
    map = new Map();
    for (const ref of index.entities) {
      if (ref.entity.type !== 'person') continue;
      for (const word of foldWord(ref.entity.name).split(/\s+/)) {
        if (word.length < 3) continue;
        const list = map.get(word);
        if (list) list.push(ref);
        else map.set(word, [ref]);
      }
    }
    nameWordCache.set(index, map);
  }
  return map;
}

/**
 * Finds the corpus entity a written name stands for: exactly; else a person with that word in
 * their full name (a surname the article never writes alone); else by a close spelling.
 */
export function findEntities(index: Index, name: string): EntityRef[] {
  const key = foldWord(name).replace(/['’]s$/, '');
  const exact = index.entityForms.get(key);
  if (exact) return exact;
  const byWord = key.includes(' ') ? undefined : peopleByNameWord(index).get(key);
  if (byWord) return byWord;
  if (key.length < 5) return [];
  const max = key.length >= 8 ? 2 : 1;
  let best: EntityRef[] = [];
  let bestDistance = max + 1;
  for (const form of index.entityFormsByInitial.get(key.charAt(0)) ?? []) {
    const refs = index.entityForms.get(form) ?? [];
    if (Math.abs(form.length - key.length) > max) continue;
    const d = editDistance(key, form, max);
    if (d < bestDistance) {
      best = refs;
      bestDistance = d;
    }
  }
  return best;
}

/** An office folded for comparison: lower case, without full stops, hyphens as spaces ("Secretary-General" → "secretary general"). */
function foldTitle(text: string): string {
  return foldWord(text).replace(/\./g, '').replace(/[-‐–]/g, ' ').replace(/\s+/g, ' ').trim();
}

const COURTESY: ReadonlySet<string> = new Set(titleData.courtesy);
const SHORT_TITLES = new Map<string, string>(Object.entries(titleData.shortTitles));
const TITLE_ABBREVIATIONS = new Map<string, string[]>(Object.entries(titleData.abbreviations).map(([k, v]) => [k, v.map(foldTitle)]));
/** Every office a question may name someone by: the titles and jobs of roles.json, and what the abbreviations stand for. */
const OFFICES: ReadonlySet<string> = new Set(
  [...roleData.titles, ...roleData.jobs, ...SHORT_TITLES.values(), ...[...TITLE_ABBREVIATIONS.values()].flat()].map(foldTitle).filter((t) => t !== '' && !COURTESY.has(t)),
);
/** Words before a title that say which of its holders is meant ("shadow", "acting"): "the shadow treasurer" is not "the treasurer". */
const ROLE_MODIFIERS: ReadonlySet<string> = new Set(roleData.roleModifiers);
/** An office with the modifiers written before it ("shadow treasurer", "acting deputy mayor"), or null when it is no such phrase. */
function modifiedOffice(words: readonly string[]): string | null {
  let k = 0;
  while (k < words.length - 1 && ROLE_MODIFIERS.has(words[k]!)) k++;
  return k > 0 && OFFICES.has(words.slice(k).join(' ')) && !OFFICES.has(words.join(' ')) ? words.join(' ') : null;
}
const MAX_OFFICE_WORDS = Math.max(...[...OFFICES].map((t) => t.split(' ').length)) + 1;
/** The first words of offices and their abbreviations: a question's "the" not followed by one names no office, and is passed over at once. */
const OFFICE_FIRST_WORDS: ReadonlySet<string> = new Set([...OFFICES, ...TITLE_ABBREVIATIONS.keys(), ...ROLE_MODIFIERS].map((t) => t.split(' ')[0]!));

const officeCache = new WeakMap<Index, { best: Map<string, EntityRef[]>; all: Map<string, EntityRef[]> }>();

/** How often an article names someone, by name or pronoun. */
function mentionCount(e: Entity): number {
  return e.mentions.length + e.pronounMentions.length;
}

/**
 * The holders of each office the corpus gives someone, by the office folded: in each article,
 * the most mentioned person with it among their roles. A role of several words holds the offices
 * it spells ("Russian Foreign Minister" holds "foreign minister" and "minister"), and an office
 * may run on into the name when the title was read as part of it ("Chief" + "Financial Officer
 * Ravi Menon"). Built once per index, on the first question that names an office.
 */
function officeHolders(index: Index): Map<string, EntityRef[]> {
  return officeTables(index).best;
}

/** Every person who holds each office, in every article. */
function everyOfficeHolder(index: Index): Map<string, EntityRef[]> {
  return officeTables(index).all;
}

function officeTables(index: Index): { best: Map<string, EntityRef[]>; all: Map<string, EntityRef[]> } {
  let tables = officeCache.get(index);
  if (tables) return tables;
  const best = new Map<string, Map<Article, EntityRef>>();
  const every = new Map<string, EntityRef[]>();
  for (const ref of index.entities) {
    const e = ref.entity;
    if (e.type !== 'person' || e.roles.length === 0) continue;
    const nameWords = foldTitle(e.name).split(' ');
    const seen = new Set<string>();
    for (const role of e.roles) {
      const words = foldTitle(role).split(' ').map((w) => SHORT_TITLES.get(w) ?? w);
      const all = [...words, ...nameWords];
      for (let i = 0; i < words.length; i++) {
        // "shadow treasurer": the holder of the modified office holds it, not the office itself.
        if (i > 0 && ROLE_MODIFIERS.has(words[i - 1]!) && !OFFICES.has(words.slice(i - 1, i + 1).join(' '))) continue;
        for (let n = 1; n <= MAX_OFFICE_WORDS && i + n <= all.length; n++) {
          const span = all.slice(i, i + n);
          const office = OFFICES.has(span.join(' ')) ? span.join(' ') : modifiedOffice(span);
          if (office === null || seen.has(office)) continue;
          seen.add(office);
          const holders = every.get(office);
          if (holders) holders.push(ref);
          else every.set(office, [ref]);
          let byArticle = best.get(office);
          if (!byArticle) best.set(office, (byArticle = new Map()));
          const held = byArticle.get(ref.article);
          if (!held || mentionCount(e) > mentionCount(held.entity)) byArticle.set(ref.article, ref);
        }
      }
    }
  }
  tables = { best: new Map([...best].map(([office, byArticle]) => [office, [...byArticle.values()]])), all: every };
  officeCache.set(index, tables);
  return tables;
}

/**
 * True when the articles know the owner ("Tarnside") but never write its office ("mayor")
 * near it: no sentence that names the owner has the office's words within a few words of it.
 */
function ownerNeverHasOffice(index: Index, owner: string, title: string): boolean {
  const refs = findEntities(index, owner);
  if (refs.length === 0) return false;
  for (const ref of refs) {
    for (const id of ref.entity.mentions) {
      const text = index.doc(ref.article.id, id)?.sentence.text;
      if (!text) continue;
      for (const name of [ref.entity.name, ...ref.entity.aliases]) {
        const at = text.indexOf(name);
        if (at >= 0 && foldTitle(text.slice(Math.max(0, at - title.length - 30), at + name.length + title.length + 30)).includes(title)) return false;
      }
    }
  }
  return true;
}

/**
 * The holders of an office that a sentence calls the owner's, among the articles that name the
 * owner (a large corpus may have thousands of managers; only those articles are read).
 */
function ownHolders(index: Index, owner: string, title: string): EntityRef[] {
  const articles = new Set(findEntities(index, owner).map((r) => r.article));
  if (articles.size === 0) return [];
  return (everyOfficeHolder(index).get(title) ?? []).filter((r) => articles.has(r.article) && holdsFor(index, r, owner, title));
}

/**
 * True when a sentence about this holder of the office says whose office it is: "Tarnside
 * manager Piotr Vance", "Piotr Vance, the Tarnside manager", "Piotr Vance, manager of Tarnside".
 */
function holdsFor(index: Index, ref: EntityRef, owner: string, title: string): boolean {
  const names = [ref.entity.name, ...ref.entity.aliases];
  for (const id of ref.entity.mentions) {
    const text = index.doc(ref.article.id, id)?.sentence.text;
    if (!text) continue;
    const ownerAt = text.indexOf(owner);
    if (ownerAt < 0) continue;
    for (const name of names) {
      const nameAt = text.indexOf(name);
      if (nameAt < 0) continue;
      const from = Math.min(ownerAt, nameAt);
      const to = Math.max(ownerAt + owner.length, nameAt + name.length) + title.length + 4;
      if (to - from <= owner.length + name.length + title.length + 40 && foldTitle(text.slice(from, to)).includes(title)) return true;
    }
  }
  return false;
}

/** An office named in a question, where it stands and, for an abbreviation, the title whose words stand for it. */
interface OfficeSpan extends RoleMention {
  start: number;
  end: number;
  expansion: string | null;
  /** The office with what says whose it is, to stand for a pronoun that refers to its holder ("the CEO", "Norvane's CEO"). */
  phrase: string;
  /** Whose office it is, as the question writes it ("Tarnside" of "the Tarnside manager"), or ''. */
  owner: string;
  /** The owner's key terms (a nationality's place's too), said of the holder once the holder is the owner's. */
  ownerTerms: string[];
}

/** Words after an office that make it a particular one ("the director of the agency"), not whoever holds the title. */
const OFFICE_QUALIFIERS = new Set(['of', 'for', 'at', 'from', 'to']);
/** Before an office: the question asks who holds it ("who is the", "who's the"). */
const ASKS_HOLDER = /^\s*who(?:\s+(?:is|was|are|were)|['’]s)?\s+$/i;
/** After an office that the question asks the holder of: nothing but the question mark. */
const ASKS_HOLDER_END = /^\s*(?:now|currently|today)?\s*\??\s*$/i;

/** Auxiliaries before "the X": the word after X is the question's verb ("did the CEO say"), not part of X's phrase. */
const AUXILIARIES = new Set(['do', 'does', 'did', 'will', 'would', 'can', 'could', 'should', 'shall', 'may', 'might', 'must', 'has', 'have', 'had', "didn't", "doesn't", "don't", "won't", "hasn't", "haven't"]);

/**
 * True when an office written after the determiner at token `det`, up to token `last`, is a whole noun phrase, so
 * names a person: it ends the question or a possessive ("the CEO's pay"), a stop word or a
 * participle follows it, or the question's verb does ("did the judge rule"). Not in "the
 * general election" or "the pilot scheme", where the title word is an adjective or a noun
 * of a compound.
 */
function endsNounPhrase(tokens: readonly Token[], det: number, last: number): boolean {
  const next = tokens[last + 1];
  if (!next || /['’]s$/.test(tokens[last]!.surface)) return true;
  const word = foldWord(next.surface);
  if (STOP_WORDS.has(word) || QUOTE_VERB.test(word) || /ed$/.test(word)) return true;
  const before = det > 0 ? foldWord(tokens[det - 1]!.surface) : '';
  return AUXILIARIES.has(before);
}

/**
 * The offices a question names people by: "the" (or "its", "their", a possessive) and a title
 * or job of the lexicon ("the Prime Minister", "the judge", "Norvane's CEO"). Not one followed
 * by "of …" or by a name, which say whom they mean themselves.
 */
function officeMentions(index: Index, text: string, tokens: readonly Token[]): OfficeSpan[] {
  const out: OfficeSpan[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const det = tokens[i]!;
    const folded = foldWord(det.surface);
    const possessive = /['’]s$/.test(folded) && !QUESTION_WORDS.has(folded.slice(0, -2)) && !STOP_WORDS.has(folded.slice(0, -2));
    if (folded !== 'the' && folded !== 'its' && folded !== 'their' && !possessive) continue;
    // "the Korvanian president", "the Tarnside manager": a name before the office says whose it is, as "Tarnside's manager" does.
    let q = 0;
    if (folded === 'the') while (q < 3 && i + q + 2 < tokens.length && /^\p{Lu}/u.test(tokens[i + q + 1]!.surface) && !OFFICE_FIRST_WORDS.has(foldTitle(tokens[i + q + 1]!.surface))) q++;
    if (!OFFICE_FIRST_WORDS.has(foldTitle(tokens[i + q + 1]!.surface).replace(/['’]s$/, ''))) continue;
    for (let n = Math.min(MAX_OFFICE_WORDS, tokens.length - i - q - 1); n >= 1; n--) {
      const first = tokens[i + q + 1]!;
      const last = tokens[i + q + n]!;
      const written = foldTitle(text.slice(first.start, last.end)).replace(/['’]s$/, '');
      const modified = modifiedOffice(written.split(' '));
      const titles = TITLE_ABBREVIATIONS.get(written) ?? (OFFICES.has(written) ? [written] : modified !== null ? [modified] : null);
      if (!titles) continue;
      const next = tokens[i + q + n + 1];
      // "the director of the agency" says whom it means; "the CEO of Norvane" is Norvane's CEO, as "Norvane's CEO" is.
      const ofName = next !== undefined && /^(?:of|at)$/i.test(next.surface) && /^\p{Lu}/u.test(tokens[i + q + n + 2]?.surface ?? '');
      if (next && !ofName && (OFFICE_QUALIFIERS.has(foldWord(next.surface)) || /^\p{Lu}/u.test(next.surface))) break;
      if (!endsNounPhrase(tokens, i, i + q + n)) break;
      const holders = officeHolders(index);
      let title = titles.find((t) => holders.has(t));
      const refs = title ? holders.get(title)! : [];
      // An abbreviation no one holds still stands for the words of a title the articles use.
      title ??= titles.find((t) => t.split(' ').every((w) => index.words.has(w))) ?? titles[0]!;
      const abbreviation = TITLE_ABBREVIATIONS.has(written);
      const known = refs.length > 0 || title.split(' ').every((w) => index.words.has(w));
      const asked = folded === 'the' && ASKS_HOLDER.test(text.slice(0, det.start)) && ASKS_HOLDER_END.test(text.slice(last.end).replace(/^['’]s/, ''));
      const owner = possessive
        ? det.surface.replace(/['’]s$/, '')
        : q > 0
          ? text.slice(tokens[i + 1]!.start, tokens[i + q]!.end)
          : ofName
            ? (/^\p{Lu}[\p{L}\p{N}'’-]*(?:\s+\p{Lu}[\p{L}\p{N}'’-]*)*/u.exec(text.slice(tokens[i + q + n + 2]!.start))?.[0] ?? '')
            : '';
      const ownerTerms = owner === '' ? [] : [...textTerms(owner), ...owner.split(/\s+/).flatMap((w) => textTerms(demonymPlace(w) ?? ''))];
      out.push({
        text: text.slice(first.start, last.end).replace(/['’]s$/, ''),
        title,
        terms: textTerms(title),
        refs,
        asked,
        start: first.start,
        end: last.end,
        expansion: abbreviation && known ? title : null,
        phrase: (possessive ? text.slice(det.start, det.end) : 'the') + ' ' + text.slice(tokens[i + 1]!.start, last.end).replace(/['’]s$/, ''),
        owner,
        ownerTerms,
      });
      i += q + n;
      break;
    }
  }
  return out;
}

interface NameSpan {
  text: string;
  start: number;
}

/** True when the question's `i`th word is (part of) a name. */
function inName(question: string, tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  // Most words of a question are in lower case: they are tested for nothing else.
  if (!/^\p{Lu}/u.test(t.surface)) return false;
  const lower = foldWord(t.surface);
  // "Summarise the …" is capitalised as the first word, not as a name.
  if (i === 0 && (QUESTION_WORDS.has(lower) || STOP_WORDS.has(lower) || TOPIC_REQUEST.test(foldWord(question.trim())))) return false;
  if (!STOP_WORDS.has(lower) || isAcronym(t.surface)) return true;
  // "Who is Per Aasen?": a function word that is also a given name opens a name before another capitalised word.
  return i > 0 && GIVEN_NAME_WORDS.has(lower) && /^\p{Lu}\p{Ll}/u.test(t.surface) && /^\p{Lu}/u.test(tokens[i + 1]?.surface ?? '');
}

/** Adds the run of words as a name, if there is one. */
function flushName(question: string, run: readonly Token[], names: NameSpan[]): void {
  if (run.length > 0) names.push({ text: question.slice(run[0]!.start, run[run.length - 1]!.end), start: run[0]!.start });
}

/**
 * Capitalised words and runs of them in a question, its first word excepted when it is a question word.
 * (Helpers at module level, not closures: under tsx, which keeps function names, each named closure cost a property definition per question.)
 */
function namesIn(question: string, tokens: readonly Token[] = tokenize(question)): NameSpan[] {
  const names: NameSpan[] = [];
  let run: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (inName(question, tokens, i)) {
      run.push(t);
      continue;
    }
    // "Council for the Care of Older People", "Bank of England": one or two joining words
    // between capitalised ones stay inside the name ("and" joins two names instead).
    let j = i;
    while (run.length > 0 && j < tokens.length && j - i < 2 && NAME_JOINERS.has(tokens[j]!.surface)) j++;
    if (j > i && j < tokens.length && inName(question, tokens, j)) {
      for (let k = i; k <= j; k++) run.push(tokens[k]!);
      i = j;
      continue;
    }
    flushName(question, run, names);
    run = [];
  }
  flushName(question, run, names);
  return names;
}

/** Function words and months that are also given names ("Per", "Will", "May"). */
const GIVEN_NAME_WORDS: ReadonlySet<string> = new Set(roleData.givenNameWords);

/** Lower-case words that may join the capitalised words of one name. */
const NAME_JOINERS = new Set(['of', 'for', 'the', 'de', 'del', 'da', 'van', 'von', 'der', 'al', 'bin', 'la', 'le']);

/** Longest run of words a lower-case name may have ("steve witkoff", "washington post"). */
const MAX_NAME_WORDS = 4;

/**
 * Names in a question written all in lower case, as chat messages often are ("what did trump
 * say?"): runs of words that are exactly the name or another name of a corpus entity, longest
 * first. A question with any capital letter gets none: its writer capitalises, and `namesIn`
 * finds the names.
 */
function lowerCaseNames(index: Index, question: string, tokens: readonly Token[]): NameSpan[] {
  if (/\p{Lu}/u.test(question)) return [];
  const names: NameSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (let len = Math.min(MAX_NAME_WORDS, tokens.length - i); len >= 1; len--) {
      const first = tokens[i]!;
      const text = question.slice(first.start, tokens[i + len - 1]!.end);
      const folded = foldWord(text).replace(/['’]s$/, '');
      if (len === 1 && (STOP_WORDS.has(folded) || QUESTION_WORDS.has(folded))) continue;
      const refs = index.entityForms.get(folded);
      // One lower-case word is a name only when it names a person ("trump"): "post" is a word
      // before it is "the Post".
      if (!refs || (len === 1 && !refs.some((r) => r.entity.type === 'person'))) continue;
      names.push({ text, start: first.start });
      i += len - 1;
      break;
    }
  }
  return names;
}

/** The names of a question: capitalised runs, or in an all-lower-case question the entity names it writes. */
function questionNames(index: Index, question: string, tokens: readonly Token[] = tokenize(question)): NameSpan[] {
  const capitalised = namesIn(question, tokens);
  return capitalised.length > 0 ? capitalised : lowerCaseNames(index, question, tokens);
}

/** The days of the week, Sunday first, as `Date.getUTCDay` numbers them. */
export const WEEKDAYS: readonly string[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const publishedDays = new WeakMap<Article, number>();

/** The day of the week an article was published on (0 for Sunday), or -1 when it has no date. */
export function publishedWeekday(article: Article): number {
  let day = publishedDays.get(article);
  if (day === undefined) {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(article.published) ? new Date(`${article.published}T12:00:00Z`) : null;
    day = date && !Number.isNaN(date.getTime()) ? date.getUTCDay() : -1;
    publishedDays.set(article, day);
  }
  return day;
}

const reportDays = new WeakMap<Index, Set<number>>();

/**
 * True when the word is a day of the week that one of the articles was published on: "on Tuesday"
 * asks about that day's report; "today" or "tonight" asks about the newest report's day, when the
 * articles are dated.
 */
function reportDay(index: Index, word: string): boolean {
  const folded = foldWord(word);
  const day = folded === 'today' || folded === 'tonight' ? -2 : WEEKDAYS.indexOf(folded);
  if (day === -1) return false;
  if (day === -2) return index.articles.some((a) => a.published !== '');
  let days = reportDays.get(index);
  if (!days) reportDays.set(index, (days = new Set(index.articles.map(publishedWeekday))));
  return days.has(day);
}

/** True when the corpus has this written word (or its stem, place or abbreviation) anywhere. */
function corpusKnowsWord(index: Index, word: string): boolean {
  const folded = foldWord(word).replace(/['’]s$/, '');
  if (index.words.has(folded) || index.entityForms.has(folded) || reportDay(index, word)) return true;
  const terms = termsOf(word);
  if (terms.length > 0 && terms.some((t) => index.df.has(t))) return true;
  // "Tory" where the articles write "Conservative".
  if (terms.some((t) => relatedTerms(t).synonyms.some((s) => inCorpus(index, s)))) return true;
  const place = demonymPlace(word);
  return place !== undefined && index.words.has(place);
}

/** Roman numerals and numbers that end a name and stand whole in its acronym ("World War II" → WWII). */
const NAME_NUMBER = /^(?:[IVX]+|\d+)$/;

/** The acronym of a name of capitalised words, or null: "Scottish Parliament" → SP. */
function acronymOf(name: string): string | null {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2) return null;
  let out = '';
  for (const w of words) {
    if (NAME_NUMBER.test(w)) out += w;
    else if (/^\p{Lu}/u.test(w)) out += w.charAt(0);
    else if (!STOP_WORDS.has(w.toLowerCase())) return null;
  }
  return out.length >= 2 ? out : null;
}

const acronymCache = new WeakMap<Index, Map<string, string>>();
/** Acronyms in wide use, with what they stand for (folded). */
const KNOWN_ACRONYMS = new Map(Object.entries(acronymData.known as Record<string, string[]>).map(([a, names]) => [a, new Set(names.map((n) => foldWord(n)))]));

/**
 * What an acronym the corpus never writes stands for, from the corpus's own names and titles
 * ("SP" for the Scottish Parliament, "PO" for the Presiding Officer): readers abbreviate what an
 * article spells out. The most mentioned name wins a shared acronym. Null for a written word of
 * the corpus, an acronym nothing expands to, or one in wide use for something else (lexicon/acronyms.json).
 */
function acronymExpansion(index: Index, surface: string): string | null {
  const period = periodExpansion(index, surface);
  if (period) return period;
  const key = surface.replace(/['’]s$/u, '').replace(/[.\-]/g, '');
  if (!/^[\p{Lu}\d]{2,6}$/u.test(key) || !/^\p{Lu}/u.test(key) || index.words.has(foldWord(key))) return null;
  let map = acronymCache.get(index);
  if (!map) {
    const mentions = new Map<string, number>();
    for (const { entity } of index.entities) {
      for (const phrase of [entity.name, ...entity.roles]) mentions.set(phrase, (mentions.get(phrase) ?? 0) + entity.mentions.length);
    }
    const best = new Map<string, { phrase: string; mentions: number }>();
    for (const [phrase, count] of mentions) {
      const acronym = acronymOf(phrase);
      if (!acronym) continue;
      const seen = best.get(acronym);
      if (!seen || count > seen.mentions) best.set(acronym, { phrase, mentions: count });
    }
    map = new Map([...best].map(([acronym, { phrase }]) => [acronym, phrase]));
    acronymCache.set(index, map);
  }
  const phrase = map.get(key) ?? null;
  // "the SEC" is the Securities and Exchange Commission, not a "Southern Energy Cooperative" that
  // the articles never abbreviate: an acronym in wide use stands only for what it is known to.
  const known = KNOWN_ACRONYMS.get(key);
  return phrase !== null && known !== undefined && !known.has(foldWord(phrase)) ? null : phrase;
}

/** A quarter or a half of a year as business news writes it short ("Q3", "h1"), by the short form. */
const PERIOD_SHORTHAND = new Map<string, string>(Object.entries(questionData.periodShorthand));

/** The words a period's short form stands for ("Q3" → "third quarter") when the articles never write it, or null. */
function periodExpansion(index: Index, surface: string): string | null {
  const key = foldWord(surface);
  const period = PERIOD_SHORTHAND.get(key);
  return period !== undefined && !index.words.has(key) ? period : null;
}

/** `text` with the first match of `pronoun` replaced by `name`, possessive for a possessive ("her" → "Jane Roe's"). */
function standIn(text: string, pronoun: RegExp, name: string): string {
  return text.replace(pronoun, (p) => (/^(his|her|hers|their)$/i.test(p) ? `${name}'s` : name));
}

/** A follow-up that is only a question word: "why?", "when?", "and how?", "how come?". */
const BARE_QUESTION = /^\s*(?:and\s+|but\s+|so\s+)?(why|when|where|how(?:\s+come)?)\s*[?!.]*\s*$/i;

/**
 * The words of a question that say what it is about: those the corpus knows, without its
 * question frame, verbs of speech and words asking for more ("what did the union say about the strike?" → union, strike).
 */
function topicWords(index: Index, question: string): string[] {
  const frame = questionFrame(question).frame;
  const out: string[] = [];
  for (const token of tokenize(question)) {
    const folded = foldWord(token.surface);
    if (frame.has(folded) || STOP_WORDS.has(folded) || QUESTION_WORDS.has(folded) || MORE_WORDS.includes(folded)) continue;
    if (termsOf(token.surface).some((t) => index.df.has(t) && !SPEECH_STEMS.has(t)) && !out.includes(token.surface)) out.push(token.surface);
  }
  return out;
}

/**
 * True when the last answer of the thread writes one of the question's own words or a synonym of
 * one: "killing 27 people and injuring more than 300" holds the answer to "and how many were
 * hurt?" too, so that question is asked in its setting; "Six people died" holds none of "and how
 * many are missing?", which is asked as it stands.
 */
function answerHolds(history: readonly Turn[], question: string): boolean {
  let last = history.length - 1;
  while (last >= 0 && history[last]!.role === 'user') last--;
  const answer = history[last];
  if (!answer) return false;
  const written = new Set(textTerms(answer.text));
  const frame = questionFrame(question).frame;
  return tokenize(question).some((t) => {
    const folded = foldWord(t.surface);
    if (frame.has(folded) || STOP_WORDS.has(folded) || QUESTION_WORDS.has(folded)) return false;
    return termsOf(t.surface).some((term) => written.has(term) || relatedTerms(term).synonyms.some((s) => written.has(s)));
  });
}

/** Most people whose pronoun is kept per index. */
const PRONOUN_CACHE = 2_000;
const pronounCache = new WeakMap<Index, Map<Entity, string | null>>();

/** The pronoun the article uses for this person ("he" or "she"): the one most of the sentences it resolves to them open their reference with; null when none does. */
export function pronounOf(index: Index, ref: EntityRef): string | null {
  let cache = pronounCache.get(index);
  if (!cache) pronounCache.set(index, (cache = new Map()));
  const known = cache.get(ref.entity);
  if (known !== undefined) return known;
  let he = 0;
  let she = 0;
  for (const id of ref.entity.pronounMentions) {
    const text = index.doc(ref.article.id, id)?.sentence.text.replace(QUOTED, ' ');
    const m = text ? /\b(he|him|his|she|her|hers)\b/i.exec(text) : null;
    if (!m) continue;
    if (/^(he|him|his)$/i.test(m[1]!)) he++;
    else she++;
  }
  const pronoun = he > she ? 'he' : she > he ? 'she' : null;
  if (cache.size >= PRONOUN_CACHE) cache.clear();
  cache.set(ref.entity, pronoun);
  return pronoun;
}

/**
 * The turns with each `who NAME` command read as the question it asks, "who is NAME?": a chat
 * that asked for Jane Roe's card is about her, so "what did she say?" after it means Roe, as it
 * would after "who is Jane Roe?". The card the bot gave is no answer naming someone else.
 */
export function commandsAsAsked(history: readonly Turn[]): readonly Turn[] {
  if (!history.some((t) => t.role === 'user' && /^\s*\/?who\s/i.test(t.text))) return history;
  return history.map((t) => {
    if (t.role !== 'user') return t;
    const parsed = parseCommandLine(t.text);
    return parsed.command === 'who' && parsed.argument !== '' ? { ...t, text: `who is ${parsed.argument.replace(/[?.!\s]+$/, '')}?` } : t;
  });
}

/** Resolves a follow-up against the earlier turns: pronouns, "and X?" ellipsis and a bare "why?". */
export function resolveFollowUp(index: Index, question: string, turns: readonly Turn[]): string {
  const history = commandsAsAsked(turns);
  const earlier = history.filter((t) => t.role === 'user').map((t) => t.text.trim()).filter(Boolean);
  const last = earlier[earlier.length - 1];
  if (!last) return question;
  // "and how old is he?" was asked as "how old is he?".
  const whole = ELLIPSIS.exec(last);
  const previous = whole?.[1] && WHOLE_QUESTION.test(whole[1]) ? whole[1].trim() + '?' : last;
  // The previous question as it was understood, itself resolved against the turns before it.
  const understoodPrevious = (): string => {
    let at = history.length - 1;
    while (at >= 0 && (history[at]!.role !== 'user' || history[at]!.text.trim() === '')) at--;
    return resolveFollowUp(index, previous, history.slice(0, at));
  };
  const bare = BARE_QUESTION.exec(question);
  if (bare?.[1]) {
    // "and the union?" – "why?": why, of what the previous question was about (as it was understood).
    const understood = understoodPrevious();
    const words = topicWords(index, understood);
    return words.length > 0 ? `${bare[1].toLowerCase()} ${words.join(' ')}?` : question;
  }
  const ellipsis = ELLIPSIS.exec(question);
  if (ellipsis?.[1] && WHOLE_QUESTION.test(ellipsis[1])) {
    // "and how old is he?": a whole question after "and" is asked as it is, not put into the previous
    // one; "and how many were hurt?" after "how many people died in the flood?", with a verb of its
    // own, is asked in the setting the one before named ("in the flood").
    const own = ellipsis[1].trim();
    question = OWN_QUESTION.test(own) && answerHolds(history, own) ? inSettingOf(own, understoodPrevious()) : `${own.replace(/\?+$/, '')}?`;
  } else if (ellipsis?.[1]) {
    // "and Roe?": the previous question, asked about someone else.
    const newName = ellipsis[1].trim();
    // "What did his barrister say?" – "and the judge?": what the judge said, in the same words.
    // After another "and X?", in the words that one was understood in ("and the judge?" – "and the jury?").
    const framed = DETERMINED.test(newName) ? (SPEAKER_FRAME.exec(previous) ?? (ELLIPSIS.test(previous) ? SPEAKER_FRAME.exec(understoodPrevious()) : null)) : null;
    // Its own "her" ("and her lawyer?") is read as in any question (below).
    if (framed) return PRONOUN_REF.test(newName) ? resolveFollowUp(index, framed[1] + newName + framed[3], history) : framed[1] + newName + framed[3];
    const prevNames = questionNames(index, previous).filter((n) => findEntities(index, n.text).length > 0 || corpusKnowsWord(index, n.text));
    const replaced = prevNames[0];
    if (replaced) return previous.slice(0, replaced.start) + newName + previous.slice(replaced.start + replaced.text.length);
    // "What did the lawyer say?" – "and the CEO?": one office asked about in place of another.
    const office = officeMentions(index, previous, tokenize(previous))[0];
    if (office && officeMentions(index, newName, tokenize(newName)).length > 0) {
      const determiner = /\b(?:the|its|their)\s+$/i.exec(previous.slice(0, office.start));
      const from = determiner && /^(?:the|its|their)\s/i.test(newName) ? determiner.index : office.start;
      return previous.slice(0, from) + newName + previous.slice(office.end);
    }
    // "When did she die?" – "and her husband?": the new subject takes the pronoun's place, and
    // its own "her" is read as the earlier "she" was (below).
    const pronoun = PRONOUN_REF.exec(previous);
    if (!pronoun) return `${previous.replace(/\?\s*$/, '')} ${newName}?`;
    question = standIn(previous, PRONOUN_REF, newName);
  }
  if (!PRONOUN_REF.test(question)) return question;
  // The most recent named person (for he/she) or any entity (for they) of the earlier turns.
  const wantsPerson = /\b(he|him|his|she|her|hers)\b/i.test(question);
  const pronoun = wantsPerson ? /\b(he|him|his|she|her|hers)\b/i : /\b(they|them|their)\b/i;
  const answers = answersByQuestion(history);
  // "she" is first looked for among those the articles do not call "he" (and "he" among those not
  // called "she"); a question that gets the pronoun wrong still finds whom the thread is about.
  const said = wantsPerson ? (/^(?:she|her|hers)$/i.test(pronoun.exec(question)![1]!) ? 'she' : 'he') : null;
  for (const strict of said === null ? [false] : [true, false]) {
    const agrees = (r: EntityRef) => !strict || (pronounOf(index, r) ?? said) === said;
    for (let i = earlier.length - 1; i >= 0; i--) {
      const turn = earlier[i]!;
      // "Who scored the winner?" – "Tomas Okoro headed …" – "what did he say?": he is who the answer named.
      const answer = wantsPerson ? answers.get(i) : undefined;
      const answered = answer ? answeredPerson(index, turn, answer) : null;
      if (answered && agrees(answered)) return standIn(question, pronoun, answered.entity.name);
      for (const name of questionNames(index, turn)) {
        const ref = entitiesOfRun(index, name.text).find((r) => !wantsPerson || (r.entity.type === 'person' && agrees(r)));
        if (!ref) continue;
        const display = name.text.replace(/['’]s$/, '');
        return standIn(question, pronoun, display);
      }
      // "What did the CEO say?" then "what else did she say?": she is whoever holds the office.
      const office = wantsPerson ? officeMentions(index, turn, tokenize(turn)).find((o) => o.refs.length > 0) : undefined;
      if (office) return standIn(question, pronoun, office.phrase);
    }
  }
  return question;
}

/** The articles that name what briefbot's last reply in the conversation names. */
function threadArticles(index: Index, history: readonly Turn[]): Set<Article> {
  const out = new Set<Article>();
  const last = history.filter((t) => t.role === 'bot').at(-1)?.text;
  if (!last) return out;
  for (const name of namesIn(last)) for (const r of entitiesOfRun(index, name.text)) out.add(r.article);
  return out;
}

/**
 * The entities a run of capitalised words names: the run itself, or, when it is no entity form of
 * its own ("Mayor Elena Ruiz", "Coastal Minister Kavita Rane"), its words, as analysis does.
 */
function entitiesOfRun(index: Index, run: string): EntityRef[] {
  const refs = findEntities(index, run);
  return refs.length > 0 ? refs : tokenize(run).flatMap((t) => findEntities(index, t.surface));
}

/** The text of briefbot's answer to each of the user's turns, by the turn's place among the user's turns. */
function answersByQuestion(history: readonly Turn[]): Map<number, string> {
  const out = new Map<number, string>();
  let asked = -1;
  let previousRole: Turn['role'] | null = null;
  for (const t of history) {
    const text = t.text.trim();
    if (text === '') continue;
    if (t.role === 'user') asked++;
    else if (previousRole === 'user' && asked >= 0) out.set(asked, text);
    previousRole = t.role;
  }
  return out;
}

/**
 * The person an answer names who the question did not: for "who …?" asked about someone unnamed
 * ("Who scored the winner?"), the person the answer gives; for a question that names no person,
 * the first person the answer names. Null when the question names whom a pronoun after it means
 * ("Who is Jane Roe?", "What did Roe say?").
 */
function answeredPerson(index: Index, question: string, answer: string): EntityRef | null {
  const asked = new Set<Entity>();
  for (const name of questionNames(index, question)) for (const r of findEntities(index, name.text)) if (r.entity.type === 'person') asked.add(r.entity);
  const who = /^\s*who\b/i.test(question) && !/^\s*who(?:\s+(?:is|was|are|were)|['’]s)\b/i.test(question);
  // A question that names someone, or means someone by "she", is about them, not about the answer's people.
  if ((asked.size > 0 || PRONOUN_REF.test(question)) && !who) return null;
  // "Who is the prime minister?": she is the office's holder, whom the thread resolves by the office.
  if (!who && /^\s*who\b/i.test(question) && officeMentions(index, question, tokenize(question)).some((o) => o.refs.length > 0)) return null;
  for (const name of namesIn(answer)) {
    // "Detective Inspector Lena Varro": a name run with a title is no entity form of its own.
    const person = entitiesOfRun(index, name.text).find((r) => r.entity.type === 'person' && !asked.has(r.entity));
    if (person) return person;
  }
  return null;
}

/** "it", "about that", "why this?": a follow-up about the thread's topic rather than a person. */
const IT_REF = /\bit\b|\b(?:about|on|of|to|with|for|against|over)\s+(?:this|that)\b|\b(?:this|that)\s*\?*\s*$/i;
/** "it", which stands for a thing; "this" and "that" may stand for an event. */
const THING_REF = /\bit\b/i;
/**
 * "its", and "they", "them", "their" that the earlier turns gave no one to stand for ("why did its
 * fares rise?", "what do they want?" after "why are the dockers walking out?"): a thing too,
 * when the question names nothing they could be of.
 */
const THING_OWNER_REF = /\b(?:its|they|them|their)\b/i;
/** How many earlier questions are looked back through for the thing "it" stands for. */
const THING_LOOKBACK = 3;
/** Entity types that "it" may stand for: not a person, nor a place an answer only says where something is. */
const THING_TYPES: ReadonlySet<string> = new Set(['organisation', 'other']);

/**
 * What "it" stands for in a follow-up: the key terms of the thing the thread was last about. A
 * question that asks for a thing ("Which ship took the race?") is about what its answer names
 * ("The Sea Lark" crossed first …), whatever the question's own words; a question about a person ("who
 * led the rescue?", "what did he tell reporters?") leaves the thing where it was; a count is of things in a
 * setting, which is what "it" stands for (`countSetting`); any other question is about its own words.
 */
function threadThing(index: Index, history: readonly Turn[]): string[] {
  const earlier = history.filter((t) => t.role === 'user' && t.text.trim() !== '');
  const answers = answersByQuestion(history);
  for (let i = earlier.length - 1; i >= 0 && i >= earlier.length - THING_LOOKBACK; i--) {
    const question = earlier[i]!.text.trim();
    const answer = answers.get(i);
    const answered = answer ? answeredThing(index, question, answer) : null;
    if (answered) return answered;
    const frame = questionFrame(question);
    if (frame.type === 'person' || (QUOTE_VERB.test(question) && /^\s*(what|how)\b/i.test(question))) continue;
    // A count of "it" ("how many seats did it win in the vote?") counts the thing's own, wherever.
    const setting = frame.type === 'number' && !IT_REF.test(question) ? countSetting(index, question, history.slice(0, history.indexOf(earlier[i]!))) : [];
    if (setting.length > 0) return setting;
    const topic = topicTerms(index, question);
    if (topic.length > 0) return topic;
  }
  return [];
}

/**
 * The terms of where or in what the things a "how many" question counts are ("during the storm" of
 * "how many families were moved out during the storm?"), as the question was understood: the counted
 * things are many, so "it" after it stands for the setting, not for them. Empty when the question
 * counts nothing or names no setting.
 */
function countSetting(index: Index, question: string, before: readonly Turn[]): string[] {
  if (!/^\s*(?:and\s+)?how\s+many\b/i.test(question)) return [];
  const setting = SETTING.exec(resolveFollowUp(index, question, before))?.[0];
  if (!setting) return [];
  return topicTerms(index, setting);
}

/**
 * For a question that asks for a thing ("which ship took the race?", "who won the regatta?"), the terms of
 * the first thing its answer names that the question does not (a film, a company); null when the
 * answer names a person first, or no such thing.
 */
function answeredThing(index: Index, question: string, answer: string): string[] | null {
  if (!/^\s*(?:who|which|what)\b/i.test(question) || /^\s*what\s+(?:happened|happens)\b/i.test(question)) return null;
  const asked = new Set(textTerms(question));
  for (const name of namesIn(answer)) {
    const refs = entitiesOfRun(index, name.text);
    if (refs.some((r) => r.entity.type === 'person')) return null;
    const thing = refs.find((r) => THING_TYPES.has(r.entity.type));
    if (!thing) continue;
    const terms = textTerms(thing.entity.name).filter((t) => index.df.has(t));
    if (terms.length > 0 && !terms.some((t) => asked.has(t))) return terms;
  }
  return null;
}
/** How much the previous question's words count, together, against the follow-up's own. */
const CONTEXT_SHARE = 0.5;

/** The key terms of an earlier question that the corpus knows: what it was about. */
function topicTerms(index: Index, question: string): string[] {
  const frame = questionFrame(question).frame;
  const out: string[] = [];
  for (const token of tokenize(question)) {
    if (frame.has(foldWord(token.surface))) continue;
    for (const term of termsOf(token.surface)) if (index.df.has(term) && !SPEECH_STEMS.has(term) && !out.includes(term)) out.push(term);
  }
  return out;
}

/** A chat misspelling of a question's first word ("wat did …", "hw many …"), by the misspelling. */
const QUESTION_WORD_SPELLINGS = new Map<string, string>(Object.entries(questionData.questionWordSpellings));
/** Chat shorthand for common words ("ppl", "govt"), by the shorthand. */
const CHAT_SHORTHAND = new Map<string, string>(Object.entries(questionData.chatShorthand));
/** The shorthand as whole words written in lower case. */
const SHORTHAND_WORD = new RegExp(`(?<![\\p{L}\\p{N}'’])(?:${[...CHAT_SHORTHAND.keys()].join('|')})(?![\\p{L}\\p{N}'’])`, 'gu');

/**
 * The question with a misspelt first question word written as meant ("wat did she say" → "what
 * did she say"), and chat shorthand in lower case as the words meant ("how many ppl" → "how many people").
 */
function withQuestionWord(question: string): string {
  const words = question.replace(SHORTHAND_WORD, (w) => CHAT_SHORTHAND.get(w) ?? w);
  const first = /^\s*([\p{L}'’]+)(\s+\p{Lu})?/u.exec(words);
  // "Wen Li said …" starts with a name, not with "when".
  const name = first?.[2] !== undefined && /^\p{Lu}/u.test(first[1] ?? '');
  const meant = first?.[1] && !name ? QUESTION_WORD_SPELLINGS.get(first[1].toLowerCase()) : undefined;
  return meant ? words.slice(0, first!.index) + words.slice(first!.index).replace(first![1]!, meant) : words;
}

/** One word of letters and digits: "FY25", "G9", "Q3". */
const SHORT_FORM = /^(?=[\p{L}\d]*\p{L})(?=[\p{L}\d]*\d)[\p{L}\d]+$/u;

/** Adds an entity of the question, once. */
function addEntity(entities: EntityRef[], entitySet: Set<Entity>, r: EntityRef): void {
  if (entitySet.has(r.entity)) return;
  entitySet.add(r.entity);
  entities.push(r);
}

/** A capitalised adverb in -ly that opens a question, before a comma or a question word: "Approximately how many …", "Currently, who …". */
const OPENING_ADVERB = /^\s*(\p{Lu}\p{Ll}+ly)(?=\s*,|\s+(?:what|who|whom|whose|which|when|where|why|how|is|are|was|were|did|does|do|has|have|had)\b)/u;

/** The words an adverb in -ly may be made from: "exactly" of exact, "possibly" of possible, "happily" of happy, "historically" of historic, "unsurprisingly" of surprising. */
function adverbBases(adverb: string): string[] {
  const stem = adverb.slice(0, -2);
  const bases = [stem, stem + 'le', adverb.slice(0, -3) + 'y', adverb.slice(0, -4)];
  return adverb.startsWith('un') ? [...bases, ...adverbBases(adverb.slice(2))] : bases;
}

/**
 * The adverb that opens the question, in lower case, when it is one: it says how the question is
 * meant ("Approximately how many homes …", "Currently, who leads …"), and is no name the articles
 * must mention. An adverb is made from an English word or one the articles use ("current" of
 * "Currently"); a name in -ly is not ("Kelly, what did …"). Null otherwise.
 */
function openingAdverb(index: Index, text: string): string | null {
  // Most questions write no "ly" at all: the pattern is not tried on them.
  if (!text.includes('ly')) return null;
  const m = OPENING_ADVERB.exec(text);
  if (!m) return null;
  const adverb = foldWord(m[1]!);
  if (findEntities(index, m[1]!).length > 0) return null;
  return adverbBases(adverb).some((b) => b.length >= 3 && (commonEntry(b) || index.words.has(b))) ? adverb : null;
}

/** Analyses a question (and, for a follow-up, the turns before it) against the index. */
export function analyse(index: Index, question: string, turns: readonly Turn[] = []): Query {
  const history = commandsAsAsked(turns);
  const resolved = resolveFollowUp(index, withQuestionWord(question), history);
  const adverb = openingAdverb(index, resolved);
  // The opening adverb is read in lower case, as no name; one the articles never write asks nothing of the answer either, as no key term
  // ("Currently, how many votes …" still meets "currently 260 of the 352 votes").
  const text = adverb ? resolved.replace(/\p{Lu}/u, (c) => c.toLowerCase()) : resolved;
  const frame = questionFrame(text);
  if (adverb && !termsOf(adverb).some((t) => index.df.has(t))) frame.frame.add(adverb);
  const answerType = frame.type;
  const keys = new Map<string, number>();
  const terms: QueryTerm[] = [];
  const unknownTerms: string[] = [];
  const unknownNames: string[] = [];
  const entities: EntityRef[] = [];
  const entitySet = new Set<Entity>();

  const tokens = tokenize(text);
  // Acronyms the corpus spells out ("SP", "WW-II"), by the offset of their first word.
  const expansions = new Map<number, { end: number; expansion: string }>();
  const offices = officeMentions(index, text, tokens);
  for (const o of offices) if (o.expansion) expansions.set(o.start, { end: o.end, expansion: o.expansion });
  for (const whole of questionNames(index, text, tokens)) {
    // An office the articles know ("the CEO") is no name of its own; a name written before it ("Norvane's CEO") still is.
    const office = offices.find((o) => (o.refs.length > 0 || o.expansion !== null) && o.start < whole.start + whole.text.length && whole.start < o.end);
    const name = office ? { text: text.slice(whole.start, Math.max(whole.start, office.start)).trim(), start: whole.start } : whole;
    if (name.text === '') continue;
    const expansion = acronymExpansion(index, name.text);
    if (expansion) expansions.set(name.start, { end: name.start + name.text.length, expansion });
    const refs = findEntities(index, expansion ?? name.text);
    if (refs.length > 0 || expansion) {
      for (const r of refs) addEntity(entities, entitySet, r);
      continue;
    }
    // A run of capitalised words is known when each of its words is.
    const runTokens = tokenize(name.text);
    for (const t of runTokens) {
      const wordExpansion = acronymExpansion(index, t.surface);
      if (wordExpansion) expansions.set(name.start + t.start, { end: name.start + t.end, expansion: wordExpansion });
    }
    const words = runTokens.map((t) => t.surface).filter((w) => !STOP_WORDS.has(foldWord(w)) || isAcronym(w));
    const unknown = words.filter((w) => !corpusKnowsWord(index, w) && findEntities(index, w).length === 0 && acronymExpansion(index, w) === null);
    // "the Bank of England" keeps its article when the decline names it; a short form of letters
    // and digits ("the FY25 target", "the G9 summit") is a modifier of the noun after it, and stands alone.
    const the = /\bthe\s+$/i.test(text.slice(0, name.start)) && !SHORT_FORM.test(name.text) ? 'the ' : '';
    if (unknown.length > 0) unknownNames.push(the + name.text.replace(/['’]s$/, ''));
    for (const w of words) for (const r of findEntities(index, w)) addEntity(entities, entitySet, r);
  }

  // People named by their office stand with the names, in the articles about those names when the question has some ("Norvane's CEO"),
  // else in the story the conversation is about: the articles of the names in briefbot's last answer.
  const named = new Set(entities.map((r) => r.article));
  if (named.size === 0 && offices.some((o) => !o.asked && o.refs.length > 1)) for (const a of threadArticles(index, history)) named.add(a);
  for (const o of offices) {
    if (o.asked || o.refs.length === 0) continue;
    // "The Tarnside manager" is the manager a sentence calls Tarnside's, when one does: not the other club's.
    const owned = o.owner === '' ? [] : ownHolders(index, o.owner, o.title);
    const near = owned.length > 0 ? owned : named.size > 0 ? o.refs.filter((r) => named.has(r.article)) : [];
    if (near.length > 0) {
      o.refs = near;
      // Whose office it is ("Tarnside's", "the Korvanian") is said of its holder too: a sentence that names the holder matches those words.
      if (o.owner !== '') o.terms = [...o.terms, ...o.ownerTerms];
    } else if (o.owner !== '' && ownerNeverHasOffice(index, o.owner, o.title)) {
      // No one holds the office for whom the question says ("the mayor of Tarnside" when the only mayor is another town's),
      // and the articles never write of it: they do not mention that person, as they do not mention a name they never write.
      o.refs = [];
      const after = o.phrase.includes(o.owner) ? '' : text.slice(o.end, text.indexOf(o.owner, o.end) + o.owner.length);
      unknownNames.push(o.phrase + after);
    }
    for (const r of o.refs) addEntity(entities, entitySet, r);
  }

  // An office no one in the articles holds, whose words they never write ("the prime minister",
  // "the mayor"), is someone they do not mention; its words are no misspellings of others ("price", "major").
  // "q3 revenue" in lower case is no name, but the short form still stands for its words.
  for (const t of tokens) if (t.end - t.start === 2 && !expansions.has(t.start) && PERIOD_SHORTHAND.has(foldWord(t.surface))) {
    const period = periodExpansion(index, t.surface);
    if (period) expansions.set(t.start, { end: t.end, expansion: period });
  }
  for (const o of offices) {
    if (o.refs.length > 0 || o.expansion !== null || o.owner !== '') continue;
    // "The chairman" where the articles write "who chairs the committee": they mention the office by what its holder does.
    if (o.title.split(' ').every((w) => index.words.has(w) || derivedTerm(index, w) !== null)) continue;
    unknownNames.push(o.phrase);
  }
  const corrected = new Set<string>();
  const asksForQuote = QUOTE_VERB.test(text) && /^(what|how)\b/i.test(text.trim());
  // "What else did she say?", "what did he say next?": more of what was asked, not what was given.
  const given = asksForQuote && MORE.test(text) ? history.filter((t) => t.role === 'bot').map((t) => t.text) : [];
  if (given.length > 0) for (const w of MORE_WORDS) frame.frame.add(w);
  // The words that ask for the answer type ("how far", "what year") are not about the topic.
  let expandedUntil = -1;
  // A lexicon phrase the question writes whole ("set off", "in charge") is widened as one: its
  // words stand for the phrase's synonyms, and not for their own ("set" alone has other senses).
  const phraseOf = new Map<number, string[]>();
  // An idiom ("in charge", "set off") is the question's term itself, in place of its words: "charges" is not "in charge".
  const idiomAt = new Map<number, string>();
  for (const p of phrasesWritten(tokens)) {
    for (let i = p.from; i < p.to; i++) {
      if (p.idiom) idiomAt.set(tokens[i]!.start, p.id);
      const list = phraseOf.get(tokens[i]!.start);
      if (list) list.push(p.id);
      else phraseOf.set(tokens[i]!.start, [p.id]);
    }
  }
  for (const token of tokens.filter((t) => !frame.frame.has(foldWord(t.surface)))) {
    // An acronym the corpus spells out stands for the words of its expansion.
    const acronym = expansions.get(token.start);
    if (acronym) expandedUntil = acronym.end;
    else if (token.start < expandedUntil) continue;
    const idiom = acronym ? undefined : idiomAt.get(token.start);
    for (const written of acronym ? textTerms(acronym.expansion) : termsOf(token.surface)) {
      const term = idiom ?? written;
      if (keys.has(term)) continue;
      // "Who is examining the incident?" of a report that never calls the gas leak an incident.
      if (unwrittenGeneric(index, term)) continue;
      // "How much is the deal worth?" is answered by "agreed to buy X for £1.7bn" too.
      if (answerType === 'number' && !index.df.has(term) && AMOUNT_WORDS.has(foldWord(token.surface))) continue;
      let key = term;
      // A framing verb the articles never use ("react") is no misspelling of one they do ("reach").
      // A word only the headline writes ("congestion") is the question's own word, no misspelling.
      // Nor is "result" or "score" in a score question: a sentence with a score answers it.
      if (!inCorpus(index, term) && !(asksForQuote && SPEECH_STEMS.has(term)) && !(answerType === 'score' && SCORE_KEYS.has(term)) && !index.words.has(foldWord(token.surface).replace(/['’]s$/, '')) && !reportDay(index, token.surface)) {
        // "How many firefighters are fighting the fire?": a word that another word of the question
        // holds whole ("fight" in "firefighters") says nothing new, and is no misspelling of "flight".
        if (term.length >= 4 && compoundHolds(index, tokens, token, term)) continue;
        const office = offices.some((o) => o.start <= token.start && token.end <= o.end);
        const derived = token.surface.length >= 4 && !idiom ? derivedTerm(index, token.surface) : null;
        // A word whose synonyms the articles use ("dead" where they say "killed", "4" where they write "four") is no misspelling of another.
        // So is a word of a phrase whose synonyms they use ("phone" of "phone number" where they write "toll-free").
        const hasSynonym =
          derived === null &&
          (relatedTerms(term).synonyms.some((syn) => inCorpus(index, syn)) ||
            numberForms(term).some((n) => index.df.has(n)) ||
            (phraseOf.get(token.start) ?? []).some((p) => relatedTerms(p).synonyms.some((syn) => inCorpus(index, syn))));
        let fixed = derived ?? (token.surface.length >= 4 && !hasSynonym && !office && !idiom ? correctSpelling(index, term) : null);
        // A common English word is read as another only where that one stands by the question's other words.
        const misread = fixed !== null && derived === null && commonWord(token.surface) && !fitsContext(index, fixed, otherTerms(index, tokens, token));
        if (misread) fixed = null;
        if (fixed) {
          terms.push({ term: fixed, weight: 0, of: term, kind: 'spelling' });
          key = fixed;
          // A related form is the question's own word written another way, not a guess at it:
          // "Who prosecuted the case?" is about the prosecutor at least as much as about the case.
          if (!derived) corrected.add(fixed);
        } else if (!hasSynonym && !misread) {
          // Unknown only when no synonym of it is in the corpus either.
          unknownTerms.push(term);
        }
      }
      // In "what did X say?" the speech verb frames the question; the quote need not repeat it.
      // A corrected spelling is a guess: it counts, but less than a word the question wrote.
      const w = idf(index, key) * (asksForQuote && SPEECH_STEMS.has(key) ? 0.25 : 1) * (corrected.has(key) ? 0.5 : 1) * lightShare(tokens, token, key);
      keys.set(key, w);
      terms.push({ term: key, weight: w, of: key, kind: 'key' });
      // A framing speech verb stands for itself only: its synonyms ("state", "tell", "add") are
      // among the commonest words of news text and would match nearly every quote.
      if (asksForQuote && SPEECH_STEMS.has(key)) continue;
      const phrases = acronym || phraseOf.size === 0 ? undefined : phraseOf.get(token.start);
      if (phrases) for (const p of phrases) widen(index, terms, p, key, w);
      else widen(index, terms, key, key, w);
      // "4 schools" is "four schools", "World War 2" is World War II.
      for (const n of numberForms(key)) if (index.df.has(n)) terms.push({ term: n, weight: w * 0.6, of: key, kind: 'synonym' });
    }
  }
  // Spelling terms were pushed before their key: give them the key's weight.
  for (const t of terms) if (t.kind === 'spelling') t.weight = keys.get(t.term) ?? 0;
  // "How much will it cost?": "it" is what the thread was asking about, so the previous
  // question's words count too, together at most half as much as the question's own.
  // "it" and "they" stand for a thing the thread was about (`threadThing`); "when was that?" for the
  // event the previous question asked about, all its words.
  // A first question has no thread for "it" to stand for: the patterns are not tried.
  const thing = history.length > 0 && (THING_REF.test(text) || (entities.length === 0 && THING_OWNER_REF.test(text)));
  if (thing || (history.length > 0 && IT_REF.test(text))) {
    const previous = history.filter((t) => t.role === 'user').at(-1)?.text;
    const words = thing ? threadThing(index, history) : previous ? topicTerms(index, previous) : [];
    const topic = words.filter((t) => !keys.has(t));
    let own = 0;
    for (const w of keys.values()) own += w;
    let theirs = 0;
    for (const t of topic) theirs += idf(index, t);
    // A question whose only words besides the thing ask what is wanted of it ("what sparked it?", "how
    // heavy is it?") is all about the thing: its words count in full. One of function words alone
    // ("who was it?", "where was that?") says nothing of what is asked about it.
    const asks = own === 0 && [...frame.frame].some((w) => !STOP_WORDS.has(w) && !QUESTION_WORDS.has(w));
    const scale = theirs <= 0 ? 0 : own > 0 ? Math.min(1, (own * CONTEXT_SHARE) / theirs) : asks ? 1 : 0;
    for (const term of topic) {
      const w = idf(index, term) * scale;
      keys.set(term, w);
      terms.push({ term, weight: w, of: term, kind: 'context' });
    }
  }

  return {
    text,
    original: question,
    answerType,
    keys,
    terms: terms.filter((t) => t.kind !== 'spelling'),
    entities,
    entitySet,
    unknownNames,
    unknownTerms,
    asksForQuote,
    given,
    topic: frame.topic,
    roles: offices.map(({ text: written, title, terms: officeTerms, refs, asked }) => ({ text: written, title, terms: officeTerms, refs, asked })),
  };
}
