/**
 * Words and terms: the one place that turns text into the terms the index and the
 * question analysis compare. Language knowledge comes from the data files in `lexicon/`.
 */
import { stemmer } from 'stemmer';
import stopwordData from './lexicon/stopwords.json' with { type: 'json' };
import demonymData from './lexicon/demonyms.json' with { type: 'json' };
import synonymData from './lexicon/synonyms.json' with { type: 'json' };
import metonymData from './lexicon/metonyms.json' with { type: 'json' };
import irregularData from './lexicon/irregular.json' with { type: 'json' };
import numberData from './lexicon/numbers.json' with { type: 'json' };

// Irregular forms, and ordinals in digits ("3rd" → third), are mapped to their base word before stemming.
const IRREGULAR = new Map<string, string>([...Object.entries(irregularData.forms), ...Object.entries(irregularData.ordinals), ...Object.entries(irregularData.monthShortForms)]);

/** Straight quotes for curly ones, one space for any run of white space. */
export function foldQuotes(text: string): string {
  return text.replace(/[‘’‛′]/g, "'").replace(/[“”„‟″]/g, '"');
}

const PLAIN_ASCII = /^[\x00-\x7f]*$/;
/** Words between quotation marks, to the closing mark or the end of the text: a pronoun or a name there is the speaker's, not the writer's. */
export const QUOTED = /[“"][^”"]*[”"]?/g;

/** Lower case, straight quotes, accents removed: the form words are compared in. */
export function foldWord(word: string): string {
  // Plain ASCII has no curly quotes and no accents to fold: lower case is all there is to do.
  if (PLAIN_ASCII.test(word)) return word.toLowerCase();
  return foldQuotes(word)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

export const STOP_WORDS: ReadonlySet<string> = new Set(stopwordData.words.map(foldWord));

const DEMONYMS = new Map<string, string>(Object.entries(demonymData.pairs));
const ABBREVIATIONS = new Map<string, string>(
  Object.entries(demonymData.abbreviations).filter(([k]) => k !== 'about'),
);

export interface Token {
  /** The word as written. */
  surface: string;
  start: number;
  end: number;
}

// A word: letters or digits, with inner apostrophes, dots (U.S., 3.5), commas in numbers
// (1,500) and a trailing percent sign.
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}]|['’](?=\p{L})|\.(?=[\p{L}\p{N}])|,(?=\d{3}\b))*(?:\.(?<=\b\p{Lu}\.\p{Lu}\.)|%)?/gu;

// A word starts at its first letter or digit; from there the sticky form of WORD finds its end.
// `test` moves `lastIndex` without building a match array, and this runs on every question and
// every cited sentence.
const WORD_START = /[\p{L}\p{N}]/gu;
const WORD_AT = new RegExp(WORD.source, 'uy');

/** Splits text into word tokens with their offsets. Hyphenated words come out as their parts. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (;;) {
    WORD_START.lastIndex = at;
    if (!WORD_START.test(text)) break;
    let start = WORD_START.lastIndex - 1;
    // A letter outside the Basic Multilingual Plane is two UTF-16 units.
    if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
    WORD_AT.lastIndex = start;
    WORD_AT.test(text);
    const end = WORD_AT.lastIndex;
    tokens.push({ surface: text.slice(start, end), start, end });
    at = end;
  }
  return tokens;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True for U.S., EU, UN, NATO-style short capitals: they are names, never stop words. */
export function isAcronym(surface: string): boolean {
  return /^(?:\p{Lu}\.){2,}$/u.test(surface) || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(surface) || /^\p{Lu}{2,3}$/u.test(surface);
}

function stripPossessive(word: string): string {
  return word.replace(/['’]s$/u, '').replace(/['’]$/u, '');
}

/** True when a word is an irregular form of another ("sent" of "send"): no suffix rule leads to one ("sentence" is not "sent" + "ence"). */
export function isIrregularForm(word: string): boolean {
  return IRREGULAR.has(word);
}

/** The stem of one plain word (no stop-word check), through its base form when it is irregular. */
export function stem(word: string): string {
  const folded = foldWord(word);
  return stemmer(IRREGULAR.get(folded) ?? folded);
}

/**
 * The index terms of one written word: its stem, plus the place a demonym names
 * ("Russian" → russian, russia) and the canonical form of an abbreviation (U.S. → america).
 * Stop words give no term.
 */
export function termsOf(surface: string): readonly string[] {
  let terms = termMemo.get(surface);
  if (terms === undefined) {
    // A plain clear keeps the memo bounded; the words of news text repeat enough to refill it at once.
    if (termMemo.size >= TERM_MEMO) termMemo.clear();
    terms = computeTermsOf(surface);
    termMemo.set(surface, terms);
  }
  return terms;
}

/** How many written words keep their terms in memory; stemming is the costliest step of indexing. */
const TERM_MEMO = 200_000;
const termMemo = new Map<string, readonly string[]>();

function computeTermsOf(surface: string): string[] {
  if (isAcronym(surface)) {
    const key = foldWord(surface);
    const expanded = ABBREVIATIONS.get(key) ?? ABBREVIATIONS.get(key.replace(/\./g, ''));
    if (expanded) return [...new Set(expanded.split(' ').flatMap((w) => computeTermsOf(w)))];
    return [key.replace(/\./g, '')];
  }
  const word = foldWord(stripPossessive(surface));
  if (word === '' || STOP_WORDS.has(word)) return [];
  if (/^\d/.test(word) && !IRREGULAR.has(word)) return [word.replace(/,/g, '')];
  const terms = [stem(word)];
  const place = DEMONYMS.get(word) ?? (word.endsWith('s') ? DEMONYMS.get(word.slice(0, -1)) : undefined);
  if (place) for (const w of place.split(' ')) terms.push(stemmer(w));
  const abbreviation = ABBREVIATIONS.get(word);
  if (abbreviation && abbreviation !== word) for (const w of abbreviation.split(' ')) terms.push(stemmer(w));
  return [...new Set(terms)];
}

/** All index terms of a text, in order, duplicates kept. */
export function textTerms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) out.push(...termsOf(t.surface));
  return out;
}

/**
 * A word as a phrase of the lexicon compares it: its first index term, or for a stop word
 * ("off", "in") its stem, so "set off", "sets off" and "Wall Street's" read alike.
 */
function phraseWord(surface: string): string {
  return termsOf(surface)[0] ?? stem(surface);
}

/** A multi-word entry of the synonym or metonym lexicon ("set off", "Wall Street"). */
interface Phrase {
  /** Its words as `phraseWord` gives them, joined by spaces: the term that stands for the whole phrase. */
  id: string;
  words: readonly string[];
  /** The index terms of its words that are not stop words: a sentence can write it only when it has them all. */
  content: readonly string[];
  /**
   * It has a stop word ("set off", "in charge", "give up"): its words mean something else
   * alone ("set the price", "two charges"), so a question that writes it asks for the phrase.
   */
  idiom: boolean;
}

/** Every multi-word lexicon entry, by its id; worked out once. */
const PHRASES = new Map<string, Phrase>();

/** The term of one lexicon entry: a plain word's stem, or a phrase's id (null for a phrase of stop words only). */
function entryTerm(entry: string): string | null {
  const tokens = tokenize(entry);
  // Synonym data names words that are stop words elsewhere ("take"); stem them all.
  if (tokens.length === 1) return stem(tokens[0]!.surface);
  if (tokens.length === 0) return null;
  const words = tokens.map((t) => phraseWord(t.surface));
  const content = [...new Set(tokens.flatMap((t) => termsOf(t.surface).slice(0, 1)))];
  if (content.length === 0) return null;
  const id = words.join(' ');
  if (!PHRASES.has(id)) PHRASES.set(id, { id, words, content, idiom: tokens.some((t) => termsOf(t.surface).length === 0) });
  return id;
}

/**
 * A group's entries stand for one another. A multi-word entry is one term, its phrase id: its
 * words alone are no synonyms ("off" is not "start" because "set off" is).
 */
function buildGroups(groups: string[][]): Map<string, Set<string>> {
  const byTerm = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = group.map(entryTerm).filter((t): t is string => t !== null);
    for (const term of terms) {
      let set = byTerm.get(term);
      if (!set) byTerm.set(term, (set = new Set()));
      for (const other of terms) if (other !== term) set.add(other);
    }
  }
  return byTerm;
}

const SYNONYMS = buildGroups(synonymData.groups);
const METONYMS = buildGroups(metonymData.groups);
const PHRASE_LIST = [...PHRASES.values()];
/** Every content word of a phrase: a text with none of them writes no phrase, and most have none. */
const PHRASE_WORDS: ReadonlySet<string> = new Set(PHRASE_LIST.flatMap((p) => p.content));

/** True when the set holds every content word of the phrase. */
function holdsWords(set: ReadonlySet<string>, phrase: Phrase): boolean {
  for (const c of phrase.content) if (!set.has(c)) return false;
  return true;
}

/**
 * Terms that a question term (or a phrase id of `phrasesWritten`) may stand for, at a lower
 * weight: synonyms and metonyms. A multi-word one is a phrase id, which a term set holds only
 * when `addPhrases` found the whole phrase written.
 */
export function relatedTerms(term: string): { synonyms: string[]; metonyms: string[] } {
  return {
    synonyms: [...(SYNONYMS.get(term) ?? [])],
    metonyms: [...(METONYMS.get(term) ?? [])],
  };
}

/** The words of a phrase id that are not stop words ("wall street" → wall, street), or null for a plain term. */
export function phraseContent(term: string): readonly string[] | null {
  return PHRASES.get(term)?.content ?? null;
}

/** Where a token list writes this phrase's words, adjacent and in order: the index of its first token each time. */
function phraseStarts(forms: readonly string[], phrase: Phrase): number[] {
  const out: number[] = [];
  const n = phrase.words.length;
  for (let i = 0; i + n <= forms.length; i++) {
    let k = 0;
    while (k < n && forms[i + k] === phrase.words[k]) k++;
    if (k === n) out.push(i);
  }
  return out;
}

/** The lexicon phrases these tokens write whole, each with the tokens it covers (as indexes into `tokens`). */
export function phrasesWritten(tokens: readonly Token[]): { id: string; from: number; to: number; idiom: boolean }[] {
  const out: { id: string; from: number; to: number; idiom: boolean }[] = [];
  let terms: Set<string> | null = null;
  for (const t of tokens) {
    for (const term of termsOf(t.surface)) {
      if (PHRASE_WORDS.has(term)) {
        terms ??= new Set();
        terms.add(term);
      }
    }
  }
  if (terms === null) return out;
  let forms: string[] | null = null;
  for (const phrase of PHRASE_LIST) {
    if (!holdsWords(terms, phrase)) continue;
    forms ??= tokens.map((t) => phraseWord(t.surface));
    for (const i of phraseStarts(forms, phrase)) out.push({ id: phrase.id, from: i, to: i + phrase.words.length, idiom: phrase.idiom });
  }
  return out;
}

/**
 * Adds to a text's term set the ids of the lexicon phrases the text writes whole. The text is
 * read again only when the set holds every content word of some phrase: most sentences hold none.
 */
export function addPhrases(set: Set<string>, text: string): void {
  let forms: string[] | null = null;
  for (const phrase of PHRASE_LIST) {
    if (!holdsWords(set, phrase)) continue;
    forms ??= tokenize(text).map((t) => phraseWord(t.surface));
    if (phraseStarts(forms, phrase).length > 0) set.add(phrase.id);
  }
}

const ROMAN = ['ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xvii', 'xviii', 'xix', 'xx'];
/** The other writings of a small number, by each writing's term: "4" ↔ four, iv. */
const NUMBER_FORMS = new Map<string, string[]>();
numberData.words.forEach((word, i) => {
  const forms = [String(i + 2), stemmer(word), ROMAN[i]!];
  for (const f of forms) NUMBER_FORMS.set(f, forms.filter((o) => o !== f));
});

/**
 * The other terms that write the same small number as this one: "4" gives four and iv, "four"
 * gives 4 and iv, "ii" gives 2 and two. Empty for any other term.
 */
export function numberForms(term: string): readonly string[] {
  return NUMBER_FORMS.get(term) ?? [];
}

/** A small number written as a word or a Roman numeral, by its digits: "4" → /\bfour\b/i, /\bIV\b/. */
const NUMBER_WRITINGS = new Map<string, [RegExp, RegExp]>(
  numberData.words.map((word, i) => [String(i + 2), [new RegExp(`\\b${word}\\b`, 'i'), new RegExp(`\\b${ROMAN[i]!.toUpperCase()}\\b`)]]),
);

/** True when the text writes this small number (given in digits) as a word or a Roman numeral. */
export function writesNumber(text: string, digits: string): boolean {
  const writings = NUMBER_WRITINGS.get(digits);
  return writings !== undefined && (writings[0].test(text) || writings[1].test(text));
}

/** The place a demonym names, if the word is one ("Russian" → "russia"). */
export function demonymPlace(word: string): string | undefined {
  return DEMONYMS.get(foldWord(word));
}

// Three rows reused by every call: spelling correction runs this over thousands of words per
// question on a large corpus, and fresh arrays per row made it the main source of garbage.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Edit distance counting a swap of two neighbouring letters as one edit ("demnad" → "demand"),
 * the commonest typing slip (optimal string alignment), with an early exit once `max` is exceeded.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length * 2 + 1);
    rowB = new Int32Array(b.length * 2 + 1);
    rowC = new Int32Array(b.length * 2 + 1);
  }
  let before = rowC;
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, before[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = before;
    before = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}
