/**
 * Answering: retrieve candidate sentences with MiniSearch, rerank them on what BM25 does
 * not see (coverage of the question's key terms by the sentence itself, its entities and
 * its neighbours; the answer type; the speaker of a quote), then decide whether the best
 * one answers or the bot should decline, and build the Reply.
 */
import type { Turn, Reply, Citation } from './reply.ts';
import { makeReply } from './reply.ts';
import { analyse, derivedForms, pronounOf, publishedWeekday, SCORE_KEYS, SPEECH_STEMS, WEEKDAYS, type Query, type RoleMention } from './analyse.ts';
import { PREFIX_MIN, placePhrase, shortNameOf, type EntityRef, type Index, type SentenceDoc } from './search-index.ts';
import type { Article, Entity } from './schema.ts';
import { demonymPlace, foldWord, isAcronym, phraseContent, QUOTED, STOP_WORDS, textTerms, tokenize, termsOf, type Token } from './text.ts';
import questionData from './lexicon/questions.json' with { type: 'json' };
import speechData from './lexicon/speech.json' with { type: 'json' };
import roleData from './lexicon/roles.json' with { type: 'json' };
import titleData from './lexicon/titles.json' with { type: 'json' };
import scoreData from './lexicon/scores.json' with { type: 'json' };
import numberData from './lexicon/numbers.json' with { type: 'json' };
import { makeCitation, quoteSpan } from './cite.ts';
import { CURRENCY_WORDS, INTERVIEW_ANSWER, INTERVIEW_QUESTION, JOB_WORDS } from './patterns.ts';
import { MODEL, RANKER, RANK_FEATURES, decisionFeatures, probability, type Candidate } from './decide.ts';
import { articleDocs, threadStory } from './thread.ts';
import { MONTHS } from './segment.ts';

/**
 * Decline when terms the corpus never uses carry at least this share of the question's key
 * weight: the question is about something else ("What is the weather in the capital?").
 */
export const MAX_UNKNOWN_SHARE = 0.35;

/** How many candidates BM25 hands to the reranker. */
const CANDIDATES = 20;
/** Most citations in one reply. */
const MAX_CITATIONS = 3;

/** Words that ask for an amount ("worth", "cost"): not things counted. */
const AMOUNT_WORDS: ReadonlySet<string> = new Set(questionData.amountWords);
const AMOUNT = /%|percent|per cent|half|third|quarter|fifth|[$€£₹]|\bRs\b|million|billion|trillion|lakh|crore/i;
const HOW_LONG = /^\s*how long\b/i;
const HOW_OFTEN = /^\s*how often\b/i;
const HOW_OLD = /^\s*how old\b/i;
const CAUSE_ASKED = /^\s*what\s+caused\b/i;
/** How much the cause a "what caused" question asks for counts against the question's own words. */
const CAUSE_SHARE = 0.3;
/** A question that asks for the time of day. */
const WHAT_TIME = /^\s*(?:at\s+)?what time\b/i;
/** A time of day among a sentence's dates ("4.05pm", "6.40 a.m"). */
const CLOCK = /\d\s?(?:am|pm|[ap]\.m)$/i;
/** How far down the ranking a "what time" question looks for a close sentence that tells the time of day. */
const CLOCK_DEPTH = 5;

/** True when the sentence tells a time of day. */
function tellsClock(doc: SentenceDoc): boolean {
  return doc.sentence.dates.some((d) => CLOCK.test(d));
}

/** A small age written out: "seven", "twenty". */
const AGE_WORD = numberData.words.join('|');
/**
 * An age: "78-year-old", "aged 61", "aged between 30 and 65", a firm's "58-year history", "at the age of 61", "died at 87", "Owen Tarrant, 61,", "… by Owen Tarrant, 61.", "She was 87.";
 * a young one in months or weeks, and one in words ("when he was seven months old", "aged nine").
 */
const AGE = new RegExp(
  `\\b(?:\\d{1,3}|${AGE_WORD})[- ](?:years?|months?|weeks?)[- ]old\\b|\\baged? (?:of |between |from )?(?:\\d{1,3}|${AGE_WORD})\\b|\\b\\d{1,3}-year history\\b|\\bage of \\d{1,3}\\b|\\b(?:died|dies|retired|retires) at \\d{1,3}\\b|\\p{Lu}\\p{L}+, \\d{1,3}(?:,|[.;]?$)|\\b(?:was|is|turned|turns) \\d{1,3}(?:[.,;]|$)`,
  'u',
);
/** Any of the markers as a whole word or phrase: one pattern, tested once per sentence. */
const anyOf = (markers: readonly string[]) => new RegExp(`\\b(?:${markers.join('|')})\\b`, 'i');
const FREQUENCY_MARKER = anyOf(questionData.frequencyMarkers);
const REASON_MARKER = anyOf(questionData.reasonMarkers);
const TIME_MARKER = anyOf(questionData.timeMarkers);
const EARLIER_MARKER = anyOf(questionData.earlierMarkers);
/** Each time marker alone, for the span of the one a sentence has. */
const TIME_MARKERS = questionData.timeMarkers.map((m) => new RegExp(`\\b${m}\\b`, 'i'));

export interface Scored {
  doc: SentenceDoc;
  score: number;
  coverage: number;
  bm25: number;
  /** The weight share of the heaviest key term found nowhere near the sentence (0 when all are). */
  missing: number;
  /** The weight share of the heaviest key term missing from the sentence's whole paragraph. */
  paragraphMissing: number;
  /** The ranking model's inputs, in `RANK_FEATURES` order; empty unless `RANKER.allFeatures` (the calibration script) asks for them. */
  x: readonly number[];
}

/** True when the sentence names an entity of this type that the question does not name itself. */
function hasOtherEntity(doc: SentenceDoc, query: Query, type: Entity['type']): boolean {
  for (const e of doc.entities) if (e.type === type && !query.entitySet.has(e)) return true;
  return false;
}

/** "Every other week", "twice a year": how often, said without a number. */
function hasFrequency(text: string): boolean {
  return FREQUENCY_MARKER.test(text);
}

/** The question words that ask for an amount ("cost", "worth"): the answer need not repeat them. */
const AMOUNT_TERMS: ReadonlySet<string> = new Set(questionData.amountWords.flatMap((w) => termsOf(w)));

/** True when one of the numbers is a sum of money ("$40", "£3bn"). */
function hasPrice(numbers: readonly string[]): boolean {
  for (const n of numbers) if (PRICE.test(n)) return true;
  return false;
}

function hasAmount(numbers: readonly string[]): boolean {
  for (const n of numbers) if (AMOUNT.test(n)) return true;
  return false;
}

const DURATION_UNITS: ReadonlySet<string> = new Set(questionData.durationUnits);
const DURATION_MODIFIERS: ReadonlySet<string> = new Set(questionData.durationModifiers);
/** Words after a number that stand for the noun it counts ("23 others"). */
const COUNT_STAND_INS: ReadonlySet<string> = new Set(questionData.countStandIns);
/** The one or two words after a number ("months", "extra hours"), or the word joined to it by a hyphen ("-year"). */
const AFTER_NUMBER = /^(-|\s+)(\p{L}+)(?:\s+(\p{L}+))?/u;
/** The counted words of "how many people …": up to the first stop word other than "of" ("how many hundreds of years"). */
const HOW_MANY_WORDS = /\bhow\s+many\s+(.*)$/i;

/** True when the number that ends at `end` of `text` says how long: "12 months", "two extra hours", "a 10-year lease"; not "10 million a year". */
function isDuration(text: string, end: number): boolean {
  const m = AFTER_NUMBER.exec(text.slice(end, end + 40));
  if (!m) return false;
  const first = foldWord(m[2]!);
  if (DURATION_UNITS.has(first)) return true;
  return m[1] !== '-' && m[3] !== undefined && (DURATION_MODIFIERS.has(first) || !STOP_WORDS.has(first)) && DURATION_UNITS.has(foldWord(m[3]));
}

/**
 * A span of one unit of time written without a digit, which a sentence's numbers miss: "takes
 * about an hour", "half an hour", "for a week".
 */
const ONE_UNIT_SPAN = new RegExp(
  `\\b(?:half\\s+)?an?\\s+(?:(?:${[...DURATION_MODIFIERS].join('|')})\\s+)?(?:${[...DURATION_UNITS].join('|')})\\b`,
  'iu',
);

/** Whether each sentence writes a `ONE_UNIT_SPAN`, read once per sentence: a "how long" question asks it of every candidate. */
const oneUnitSpanMemo = new WeakMap<SentenceDoc, boolean>();

/** True when the sentence writes a span of one unit of time without a digit ("about an hour"). */
function writesOneUnitSpan(doc: SentenceDoc): boolean {
  let found = oneUnitSpanMemo.get(doc);
  if (found === undefined) oneUnitSpanMemo.set(doc, (found = ONE_UNIT_SPAN.test(doc.sentence.text)));
  return found;
}

/** After a span of time's number: "and a half", a modifier and the unit ("hours", "-year", "more years", "and a half years"). */
const DURATION_UNIT_AFTER = new RegExp(`^(?:\\s+and\\s+a\\s+half)?(?:-|\\s+)(?:(?:${[...DURATION_MODIFIERS].join('|')})\\s+)?(\\p{L}+)`, 'iu');
/** A smaller part of the span joined by "and": "and 40 minutes", "and a half". */
const DURATION_PART_AFTER = /^\s+and\s+(?:a\s+half\b|(?:an?|\d[\d.,]*|\p{L}+)\s+(\p{L}+))/iu;

/**
 * Where a span of time whose number ends at `end` ends, with its unit and a smaller part joined
 * by "and": "three hours and 40 minutes", "two and a half years"; `end` when no unit of time follows.
 */
function durationEnd(text: string, end: number): number {
  const unit = DURATION_UNIT_AFTER.exec(text.slice(end, end + 60));
  if (!unit || !DURATION_UNITS.has(foldWord(unit[1]!))) return end;
  const to = end + unit[0].length;
  const part = DURATION_PART_AFTER.exec(text.slice(to, to + 40));
  return part && (part[1] === undefined || DURATION_UNITS.has(foldWord(part[1]))) ? to + part[0].length : to;
}

/** "What percentage …", "what share of the vote …", "what proportion …": a question that asks for a share. */
const ASKS_SHARE = /^\s*(?:what|which)\s+(?:percentage|percent|per cent|proportion|share)\b/i;
/** A share written as such: "37.5%", "40 per cent", "12 percent". */
const SHARE_NUMBER = /%|\bper\s?cent\b/i;
/** A number that is a share, read with the words after it: "37.5%", "40 per cent". */
const SHARE_AFTER = /^[^\s]*(?:%|\s+per\s?cent\b)/i;
/** How far down the ranking a share question looks for a close sentence that gives one. */
const SHARE_DEPTH = 5;

/** True when one of the sentence's numbers is a share ("37.5%", "40 per cent"). */
function givesShare(doc: SentenceDoc): boolean {
  for (const n of doc.sentence.numbers) if (SHARE_NUMBER.test(n)) return true;
  return false;
}

/** How far down the ranking a "how long" question looks for a sentence as close that gives a span of time. */
const SPAN_DEPTH = 5;

/** True when the sentence has a span of time ("three hours", "two and a half years"), not only a date, for "how long". */
function givesSpanOfTime(doc: SentenceDoc, query: Query): boolean {
  return someNumber(doc, query, false, (text, _n, end) => durationEnd(text, end) > end);
}

const MEASURE_UNITS: ReadonlySet<string> = new Set(questionData.measureUnits);
const MEASURE_MODIFIERS: ReadonlySet<string> = new Set(questionData.measureModifiers);
/** The word a number is written with ("kilograms" of "1,800 kilograms", "km" of "5km"). */
const OWN_UNIT = /(\p{L}+)$/u;

/** True when the number `n` of `text` that ends at `end` is a measure: "1,800 kilograms", "a 42-meter tower", "500 square metres". */
function isMeasure(text: string, n: string, end: number): boolean {
  const own = OWN_UNIT.exec(n);
  if (own && MEASURE_UNITS.has(foldWord(own[1]!))) return true;
  const m = AFTER_NUMBER.exec(text.slice(end, end + 40));
  if (!m) return false;
  const first = foldWord(m[2]!);
  if (MEASURE_UNITS.has(first)) return true;
  return m[3] !== undefined && MEASURE_MODIFIERS.has(first) && MEASURE_UNITS.has(foldWord(m[3]));
}

/**
 * Of the candidates ranked second to `depth`-th, the first that covers at least `share` of the
 * question as the best does and passes `test`: a close sentence that gives what the best lacks.
 */
function closeCandidate(pool: readonly Scored[], best: Scored, depth: number, share: number, test: (r: Scored) => boolean): Scored | undefined {
  const end = Math.min(depth, pool.length);
  for (let i = 1; i < end; i++) {
    const r = pool[i]!;
    if (r.coverage >= best.coverage * share && test(r)) return r;
  }
  return undefined;
}

/** How far down the ranking a sentence that names someone is looked for, for "who …" about "it". */
const THING_DOER_DEPTH = 3;
/** How much of the question, as the best covers it, that sentence must cover. */
const THING_DOER_SHARE = 0.75;

/**
 * For "who designed it?" asked about the thing of the thread: the sentence that names the thing
 * but no one ("The Glass Bridge took six prizes, among them best design") tells the user what they
 * were told already; a close sentence that names someone ("Oren Vale … the design prize") answers,
 * though it does not name the thing again.
 */
function thingDoerAlternative(query: Query, pool: readonly Scored[], best: Scored): Scored | undefined {
  if (query.answerType !== 'person' || !query.terms.some((t) => t.kind === 'context') || hasAnswerType(best.doc, query)) return undefined;
  return closeCandidate(pool, best, THING_DOER_DEPTH, THING_DOER_SHARE, (r) => hasAnswerType(r.doc, query));
}

/** "How fast …", "at what speed …": a question that asks for a speed. */
const ASKS_SPEED = new RegExp(`^\\s*(?:${questionData.speedQuestions.join('|')})\\b`, 'i');
/** A number written with a unit of speed: "24mph", "14 knots", "30 metres per second". */
const SPEED = new RegExp(`\\d(?:[\\d,.]*\\d)?\\s?(?:${questionData.speedUnits.map((u) => u.replace(/\//g, '\\/')).join('|')})(?![\\p{L}])`, 'iu');

/** True when the number `n` of `text` that ends at `end` is a speed ("24mph", "14 knots"). */
function isSpeed(text: string, n: string, end: number): boolean {
  const m = SPEED.exec(text.slice(Math.max(0, end - n.length), end + 24));
  return m !== null && m.index === 0;
}

/**
 * For "how fast …", the sentence that gives a speed when the best does not: a close candidate, else
 * the first of the best's story ("The vehicle was travelling at 24mph" for "how fast was the tram
 * going?", which the story tells without the tram's name).
 */
function speedAlternative(index: Index, query: Query, pool: readonly Scored[], best: Scored): Scored | undefined {
  if (query.answerType !== 'number' || !ASKS_SPEED.test(query.text) || SPEED.test(best.doc.sentence.text)) return undefined;
  const close = closeCandidate(pool, best, MEASURED_DEPTH, 0.8, (r) => SPEED.test(r.doc.sentence.text));
  if (close) return close;
  const doc = articleDocs(index, best.doc.article).find((d) => SPEED.test(d.sentence.text));
  return doc ? (pool.find((r) => r.doc === doc) ?? { ...best, doc }) : undefined;
}

/** "How much is X paying for Y?", "what did they pay for it?": the price of a purchase. */
const PAYS_FOR = /\bpa(?:y|ys|ying|id)\b[^?.]*\bfor\b/i;
/** "agreed to buy its rival Y for £2.4bn": a purchase and, in its clause, its price (the amount's first character is group 1's end). */
const PURCHASE_FOR = new RegExp(
  `\\b(?:${questionData.purchaseVerbs.join('|')})\\b[^.;:]{0,80}?\\bfor\\s+(?:about\\s+|around\\s+|some\\s+|nearly\\s+|almost\\s+|roughly\\s+|more\\s+than\\s+|up\\s+to\\s+|an\\s+estimated\\s+)?(?=[$€£¥₹]|(?:US|A|C|NZ|HK|S)\\$|\\d[\\d,.]*\\s*(?:bn|m|million|billion|trillion)?\\s*(?:${CURRENCY_WORDS})\\b)`,
  'i',
);

/**
 * For "how much is X paying for Y?", a close sentence that buys Y "for" an amount, when the best
 * names another payment ("will pay Y a break fee of $80m") and no price of a purchase.
 */
function purchaseAlternative(query: Query, pool: readonly Scored[], best: Scored): Scored | undefined {
  if (query.answerType !== 'number' || !PAYS_FOR.test(query.text)) return undefined;
  const text = best.doc.sentence.text;
  if (PURCHASE_FOR.test(text) || PAYS_FOR.test(text)) return undefined;
  return closeCandidate(pool, best, 5, 0.5, (r) => PURCHASE_FOR.test(r.doc.sentence.text));
}

/** "One of the largest recalls": one of a group, no count of it. */
const ONE_OF = /^one$/i;
const OF_AFTER = /^\s+of\b/i;

/** A question that asks how tall, high, far, long, deep, wide or heavy: a measure (or, "how long", a span of time), not a count of things. */
const HOW_MEASURE = /^\s*how\s+(tall|high|far|long|deep|wide|heavy|thick)\b/i;
/** A number written alone: no sign, unit or magnitude ("24", "1,200", "nine", "Thousands"). */
const BARE_NUMBER = /^(?:\d[\d.,]*|\p{L}+)$/u;
const WORD_AFTER_NUMBER = /^\s+(\p{Ll}+)/u;

/** True when the number `n` of `text` that ends at `end` counts things it names: "24 small satellites", "866 members", "dozens of villages". */
function countsNamedThings(text: string, n: string, end: number): boolean {
  if (!BARE_NUMBER.test(n) || AMOUNT.test(n) || isDuration(text, end) || isMeasure(text, n, end)) return false;
  const m = WORD_AFTER_NUMBER.exec(text.slice(end, end + 30));
  return m !== null && (m[1] === 'of' || !STOP_WORDS.has(m[1]!));
}

/**
 * True when the sentence can say how tall, high, far or long something is: it has a number that
 * is no count of things it names ("deploying 24 small satellites" says nothing of how high the
 * orbit is), or, for "how long", a date.
 */
function givesMeasure(doc: SentenceDoc, query: Query): boolean {
  if (HOW_LONG.test(query.text) && (doc.sentence.dates.length > 0 || writesOneUnitSpan(doc))) return true;
  return someNumber(doc, query, true, countsNoNamedThings);
}

function countsNoNamedThings(text: string, n: string, end: number): boolean {
  return !countsNamedThings(text, n, end);
}

/**
 * True when `test` holds for one of the sentence's numbers, read in order with where each ends in
 * the text; a number the text does not write as it was read answers `lost` for the rest.
 */
function someNumber(doc: SentenceDoc, query: Query, lost: boolean, test: (text: string, n: string, end: number, query: Query) => boolean): boolean {
  const text = doc.sentence.text;
  let from = 0;
  for (const n of doc.sentence.numbers) {
    const at = text.indexOf(n, from);
    if (at < 0) return lost;
    from = at + n.length;
    if (test(text, n, from, query)) return true;
  }
  return false;
}

/** After a measure, its unit and any conversion in brackets, then the one or two words it describes: "-meter (138-foot) rocket" of "The 42-meter (138-foot) rocket". */
const MEASURE_TO_NOUN = /^(?:-\p{L}+)?(?:\s*\([^()]{1,30}\))?\s+(\p{L}+)(?:\s+(\p{L}+))?/u;

/** True when the sentence gives the measure of a thing the question names, in the words before it: "The 42-meter rocket", "a 14-storey office tower" for "how tall is the rocket / tower?". */
function measures(doc: SentenceDoc, query: Query): boolean {
  return someNumber(doc, query, false, measuresNamed);
}

/** For each word of "how deep", "how high" …, the dimension a sentence may name before the measure ("at a depth of 12 kilometres"). */
const DIMENSION_BEFORE: ReadonlyMap<string, RegExp> = new Map(
  Object.entries(questionData.measureNouns as Record<string, string[]>).map(([word, nouns]) => [word, new RegExp(`\\b(?:${nouns.join('|')})\\s+of\\s+(?:about\\s+|around\\s+|some\\s+|nearly\\s+|almost\\s+|up\\s+to\\s+|more\\s+than\\s+)?$`, 'i')]),
);

/** True when the number `n` that ends at `end` is a measure written before a word the question asks about, or after the dimension it asks for ("how deep" and "a depth of 12 kilometres"). */
function measuresNamed(text: string, n: string, end: number, query: Query): boolean {
  if (!isMeasure(text, n, end)) return false;
  const asked = HOW_MEASURE.exec(query.text)?.[1];
  const dimension = asked ? DIMENSION_BEFORE.get(asked.toLowerCase()) : undefined;
  if (dimension && dimension.test(text.slice(Math.max(0, end - n.length - 40), end - n.length))) return true;
  const m = MEASURE_TO_NOUN.exec(text.slice(end, end + 80));
  if (!m) return false;
  for (const word of STOP_WORDS.has(foldWord(m[1]!)) || m[2] === undefined ? [m[1]!] : [m[1]!, m[2]]) for (const term of termsOf(word)) if (query.keys.has(term)) return true;
  return false;
}

const countsThingsCache = new WeakMap<Query, boolean>();

/**
 * True when the question counts things that are neither time nor money ("how many users …",
 * not "how many years …" or "how many dollars …"): a span of time or an amount of money is no
 * count of them ("offered affected users 12 months of monitoring").
 */
function countsThings(query: Query): boolean {
  let counts = countsThingsCache.get(query);
  if (counts !== undefined) return counts;
  counts = false;
  const rest = HOW_MANY_WORDS.exec(query.text)?.[1];
  if (rest) {
    for (const t of tokenize(rest)) {
      const word = foldWord(t.surface);
      // "How many hundreds of years …" counts years.
      if (word === 'of') continue;
      if (STOP_WORDS.has(word)) break;
      if (DURATION_UNITS.has(word) || MEASURE_UNITS.has(word) || PRICE.test(word) || AMOUNT_WORDS.has(word)) {
        counts = false;
        break;
      }
      counts = true;
    }
  }
  countsThingsCache.set(query, counts);
  return counts;
}

/**
 * True when the number of `text` that ends at `end`, written `n`, counts things: not an amount of
 * money, not a span of time, not a measure ("1,800 kilograms"), not the "one" of "one of the largest".
 */
function isCount(text: string, n: string, end: number): boolean {
  return (
    !PRICE.test(n) &&
    !isDuration(text, end) &&
    !isMeasure(text, n, end) &&
    !(ONE_OF.test(n) && OF_AFTER.test(text.slice(end, end + 4))) &&
    !namesWithNumber(text, end - n.length, end) &&
    !isAgeOf(text, end - n.length, end)
  );
}

/** A capitalised word inside a sentence, then a space: "Road " of "off Road 7", "Gate " of "at Gate 4". */
const NAME_WORD_BEFORE = /\S\s+\p{Lu}[\p{L}'’-]*\s$/u;
/** What follows a number that is one of a name's words: a word in lower case or the end of a clause; not another name or a colon ("Pell 2 Orlin 1:" is a scoreline). */
const NAME_AFTER = /^(?:\s+\p{Ll}|[.;)]|$)/u;
const DIGITS = /^\d{1,4}$/;

/**
 * True when the digits from `start` to `end` of `text` are part of a name: after a capitalised
 * word that does not open the sentence, as in "closed Road 7", "left from Gate 4", "the Falcon 9
 * rocket" — they number the thing, not count or measure anything.
 */
function namesWithNumber(text: string, start: number, end: number): boolean {
  return DIGITS.test(text.slice(start, end)) && NAME_WORD_BEFORE.test(text.slice(Math.max(0, start - 40), start)) && NAME_AFTER.test(text.slice(end, end + 3));
}

/** "Ada Venn, 58, said …": the number between commas after a name is her age. */
const AGE_BEFORE = /\p{Lu}\p{L}+,\s$/u;

function isAgeOf(text: string, start: number, end: number): boolean {
  return text.charAt(end) === ',' && end - start <= 3 && DIGITS.test(text.slice(start, end)) && AGE_BEFORE.test(text.slice(Math.max(0, start - 30), start));
}

/** True when the sentence has a number that counts things (see `isCount`); one it cannot find in its text counts. */
function hasCount(doc: SentenceDoc, query: Query): boolean {
  return someNumber(doc, query, true, isCount);
}

/** True when every number of the sentence is one the question itself writes ("It did not say how many Corra 2 phones it sold" for "how many Corra 2 phones …"). */
function onlyAskedNumbers(doc: SentenceDoc, query: Query): boolean {
  const asked = questionWords(query);
  for (const n of doc.sentence.numbers) if (!asked.has(n)) return false;
  return true;
}

const VAGUE_COUNTS: ReadonlySet<string> = new Set(questionData.vagueCounts);

/** True when the number `n` that ends at `end` is exact and counts no thing other than what the question asks about ("13 reserves" does not count lakes). */
function exactOfAsked(text: string, n: string, end: number, query: Query): boolean {
  return !VAGUE_COUNTS.has(foldWord(n)) && namesCounted(text, end, query) !== false;
}

/** True when every number of the sentence is a rough one ("hundreds", "several"), and it has one. */
function onlyVague(doc: SentenceDoc): boolean {
  for (const n of doc.sentence.numbers) if (!VAGUE_COUNTS.has(foldWord(n))) return false;
  return doc.sentence.numbers.length > 0;
}

// Loops rather than `some` with closures: this runs for every candidate of every question.
function hasAnswerType(doc: SentenceDoc, query: Query): boolean {
  switch (query.answerType) {
    case 'number':
      // "How old …" is answered by an age ("78-year-old", "Tarrant, 61,", "aged 61", "died at 87").
      if (HOW_OLD.test(query.text)) return AGE.test(doc.sentence.text);
      // "How long …" is answered by a span of time as often as by a count, "how often …" by a frequency;
      // "how many users …" by a count, not by "12 months" or "£5m".
      if (doc.sentence.numbers.length > 0 && !onlyAskedNumbers(doc, query) && (!countsThings(query) || hasCount(doc, query))) return true;
      // "No deaths have been reported": a count of none.
      if (noneOf(doc.sentence.text, query)) return true;
      if (HOW_LONG.test(query.text)) return doc.sentence.dates.length > 0 || writesOneUnitSpan(doc);
      return HOW_OFTEN.test(query.text) && hasFrequency(doc.sentence.text);
    case 'date':
      return doc.sentence.dates.length > 0;
    case 'score':
      return scoresOf(doc).length > 0;
    case 'person':
      return hasOtherEntity(doc, query, 'person') || doc.speaker !== null;
    case 'place':
      return hasOtherEntity(doc, query, 'place');
    case 'organisation':
      for (const e of doc.entities) if (e.type === 'organisation') return true;
      return doc.attribution !== null;
    case 'reason':
      return planOf(query).asksCause ? givesCause(doc) : givesReason(doc);
    case 'other':
      return true;
  }
}

const reasonCache = new WeakMap<SentenceDoc, boolean>();

/** True when the sentence has a reason marker ("because", "due to"), worked out once per sentence. */
function givesReason(doc: SentenceDoc): boolean {
  let gives = reasonCache.get(doc);
  if (gives === undefined) reasonCache.set(doc, (gives = REASON_MARKER.test(doc.sentence.text)));
  return gives;
}

const causeCache = new WeakMap<SentenceDoc, boolean>();

/**
 * True when the sentence has a reason marker that tells no time: "What caused the fire?" is not
 * answered by "the fire broke out after midnight" or "the worst fire since the 2015 blaze",
 * which have only a marker that may say when. Worked out once per sentence.
 */
function givesCause(doc: SentenceDoc): boolean {
  let gives = causeCache.get(doc);
  if (gives === undefined) {
    gives = false;
    if (givesReason(doc)) for (const m of doc.sentence.text.matchAll(REASON_MARKERS)) if (!TIME_MARKER.test(m[0])) gives = true;
    causeCache.set(doc, gives);
  }
  return gives;
}

/**
 * What a "when" question can be answered by: a date, or a time said another way ("at 5 pm",
 * "after the vote", "during the Tang dynasty"). Only the decision to decline reads this; the
 * ranker's answer-type feature stays the calendar date.
 */
function hasTimeExpression(doc: SentenceDoc): boolean {
  if (doc.sentence.dates.length > 0) return true;
  return TIME_MARKER.test(doc.sentence.text);
}

const SCORE_FOLLOW: ReadonlySet<string> = new Set(scoreData.follow);
const SCORE_NOT_AFTER: ReadonlySet<string> = new Set(scoreData.notAfter);
/** Two small numbers joined by a hyphen or a dash, not inside a longer number, a date or a time ("2-1", "3 – 0"; not "2024-25", "1-2-3", "9.30-10"). */
const SCORE = /(?<![\d.,:/$€£-])\b(\d{1,3}) ?[-–] ?(\d{1,3})\b(?![-–.,:/%]?\d|%)/g;
/** The two words before a place in a sentence ("opens at" of "opens at 9-5"). */
const WORDS_BEFORE = /([\p{L}'’]+)?[^\p{L}'’]+([\p{L}'’]+)[^\p{L}'’]*$/u;
const WORD_AFTER = /^\s*([\p{L}'’-]+)/u;
const scoreCache = new WeakMap<SentenceDoc, readonly Span[]>();
const NO_SCORES: readonly Span[] = [];

/**
 * The scores a sentence gives ("beat the visitors 3-1", "a 0-0 draw"), read only for a question
 * that asks for one: a pair of numbers followed by a noun other than `follow`'s is a range
 * ("10-12 people", "24-25 June"), one a word or two after a word of `notAfter` an age, a range
 * or a time ("aged 5-11", "opens at 9-5").
 */
function scoresOf(doc: SentenceDoc): readonly Span[] {
  const cached = scoreCache.get(doc);
  if (cached) return cached;
  const found: Span[] = [];
  const text = doc.sentence.text;
  if (doc.sentence.numbers.length >= 2) {
    for (const m of text.matchAll(SCORE)) {
      const start = m.index;
      const end = start + m[0].length;
      const before = WORDS_BEFORE.exec(' ' + text.slice(Math.max(0, start - 40), start));
      if (before && ((before[1] && SCORE_NOT_AFTER.has(foldWord(before[1]))) || (before[2] && SCORE_NOT_AFTER.has(foldWord(before[2]))))) continue;
      const after = WORD_AFTER.exec(text.slice(end))?.[1];
      if (after && !STOP_WORDS.has(foldWord(after)) && !SCORE_FOLLOW.has(foldWord(after))) continue;
      found.push({ start, end });
    }
  }
  const scores = found.length > 0 ? found : NO_SCORES;
  scoreCache.set(doc, scores);
  return scores;
}

/** A question about what is still to come: "when will the plant close?". */
const WHEN_WILL = /^\s*when\s+(?:will|is\s+\w+\s+(?:going|due|expected)\s+to|are\s+\w+\s+(?:going|due|expected)\s+to)\b/i;
/** A year, written alone or in a date ("1998", "5 May 2021"). */
const YEAR = /\b(1[0-9]|20)\d{2}\b/;
const YEAR_IN_DATE = new RegExp(YEAR.source, 'g');

/** True when every date of the sentence is a year before the one its article was published in ("agreed in 2019", read in 2026). */
function onlyPastYears(doc: SentenceDoc): boolean {
  const published = Number(doc.article.published.slice(0, 4));
  if (!published || doc.sentence.dates.length === 0) return false;
  for (const d of doc.sentence.dates) {
    const years = d.match(YEAR_IN_DATE);
    if (!years) return false;
    for (const y of years) if (Number(y) >= published) return false;
  }
  return true;
}

/** For a number or date question: whether the sentence has what it asks for, as far as declining goes. */
function answersKind(doc: SentenceDoc, query: Query): boolean {
  // "When will coal be phased out?" is not answered by "language agreed at the summit in 2023".
  if (query.answerType === 'date') return hasTimeExpression(doc) && !(WHEN_WILL.test(query.text) && onlyPastYears(doc));
  // "How high is the orbit?" is not answered by "deploying 24 small satellites".
  return hasAnswerType(doc, query) && (query.answerType !== 'number' || !HOW_MEASURE.test(query.text) || givesMeasure(doc, query));
}

/** Credits that make the coverage figure the decision model reads: how much a match of each kind counts. */
const CREDIT = { exact: 1, synonym: 0.6, entity: 0.8, prefix: 0.7, antecedent: 0.7, context: 0.35 };
/**
 * A word of the paragraph's opening sentence counts for a later sentence of the paragraph as 0.8
 * of a word it writes, above a word of the sentence a pronoun refers back to (`CREDIT.antecedent`):
 * the opener names what the whole paragraph is about, a pronoun's sentence may be about something
 * else ("It lowered its forecast for the full year" after "For the third quarter, the firm expects …").
 * Both are read through the antecedent feature, so the opener's words are scaled to their credit.
 * Measured on the SQuAD dev subset: P@1 +4 questions (+5 at 0.85, none at 0.9).
 */
const LEAD_SHARE = 0.8 / CREDIT.antecedent;

/**
 * A sentence that opens with one of these refers back to the sentence before it, as does one
 * that opens with a description of whom it is about ("The company …", "The 23-year-old …", "The striker …").
 */
const ANAPHOR = new RegExp(
  `^["“‘']?(?:he|she|it|they|his|her|its|their|this|these|those|there|such|both|the latter|the former|the (?:\\d{1,3}-year-old|${[...roleData.organisationBackNouns, ...roleData.teamPositions].join('|')})(?:'s)?)\\b`,
  'i',
);

/** Terms of the sentence a pronoun-opening sentence refers back to, or null. */
function antecedentTerms(index: Index, doc: SentenceDoc): Set<string> | null {
  // Inside a quote, "it" and "they" belong to the speaker's own train of thought, not to the report.
  if (doc.quote || !ANAPHOR.test(doc.sentence.text)) return null;
  const prev = index.docs[doc.id - 1];
  if (!prev || prev.article !== doc.article) return null;
  return index.features(prev).terms;
}

/**
 * Terms of the opening sentence of the paragraph a later sentence of it stands in, or null. A
 * paragraph's opening sentence introduces what the paragraph is about, and the sentences after it
 * need not name it again ("The Orlen Bridge opened in 1931. … Its towers were repainted in 1990.",
 * "… Repairs took four years."): they have the opener's words in their favour as a pronoun-opening
 * sentence has those of the sentence before it. The opener's terms are worked out already for the
 * paragraph's (`paragraphTerms`).
 */
function paragraphLeadTerms(index: Index, doc: SentenceDoc): Set<string> | null {
  // A quote follows the speaker's train of thought, not the report's.
  if (doc.inParagraph === 0 || doc.quote) return null;
  const lead = index.docs[doc.id - doc.inParagraph];
  if (!lead || lead.article !== doc.article || lead.paragraph !== doc.paragraph) return null;
  return index.features(lead).terms;
}

/**
 * True when a term of the sentence starts with the key term or is the start of it. `terms` are
 * the sentence's distinct terms long enough for it (`DocFeatures.prefixTerms`), and the key is
 * one that may match so (`QueryPlan.prefixable`): this runs for every unmatched key of every
 * candidate. An indexed loop, as a Set's iterator allocated on each step.
 */
function prefixMatch(term: string, terms: readonly string[]): boolean {
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    if (t === term) continue;
    if (t.length > term.length ? t.startsWith(term) : term.startsWith(t)) return true;
  }
  return false;
}

/** Term sets of whole paragraphs plus their article's title, by the id of each sentence asked about. */
const paragraphCache = new WeakMap<Index, Map<number, Set<string>>>();

function paragraphTerms(index: Index, doc: SentenceDoc): Set<string> {
  let cache = paragraphCache.get(index);
  if (!cache) paragraphCache.set(index, (cache = new Map()));
  let set = cache.get(doc.id);
  if (set) return set;
  // The sentences of a paragraph are consecutive documents: collect them, and file the set under each.
  let first = doc.id;
  while (first > 0 && index.docs[first - 1]!.article === doc.article && index.docs[first - 1]!.paragraph === doc.paragraph) first--;
  let last = doc.id;
  while (last + 1 < index.docs.length && index.docs[last + 1]!.article === doc.article && index.docs[last + 1]!.paragraph === doc.paragraph) last++;
  set = new Set(index.features(doc).headline);
  for (let i = first; i <= last; i++) for (const t of index.features(index.docs[i]!).terms) set.add(t);
  if (cache.size > 20_000) cache.clear();
  for (let i = first; i <= last; i++) cache.set(i, set);
  return set;
}

/**
 * Ordered question key terms found in order within a few words of each other in the
 * sentence, as a share of the question's adjacent key pairs ("Battle of Hastings").
 */
function bigramShare(sequence: readonly string[], keys: readonly string[]): number {
  if (keys.length < 2) return 0;
  let hits = 0;
  for (let i = 0; i + 1 < keys.length; i++) {
    const first = keys[i]!;
    const second = keys[i + 1]!;
    for (let p = 0; p < sequence.length; p++) {
      if (sequence[p] !== first) continue;
      let found = false;
      for (let q = p + 1; q < sequence.length && q - p <= 3; q++) if (sequence[q] === second) found = true;
      if (found) {
        hits++;
        break;
      }
    }
  }
  return hits / (keys.length - 1);
}

/** What the reranker needs of a query, worked out once for all its candidates. */
interface QueryPlan {
  /** The key terms' weights, in `keyList` order. */
  keyWeights: number[];
  keyList: string[];
  /** Each key term's related terms, and whether it is long enough and has no digit to match by prefix, in `keyList` order: read for every candidate. */
  keyRelated: (string[] | undefined)[];
  prefixable: boolean[];
  related: Map<string, string[]>;
  unknown: Set<string>;
  /** Key terms that are words of the name of one of the question's entities, with those names. */
  entityKeys: Map<string, Set<string>>;
  /** The types of the question's entities whose names hold each key term (offices' holders left out). */
  entityKeyTypes: Map<string, Set<Entity['type']>>;
  /** The offices the question names people by, folded ("prime minister"): an unnamed speaker so described speaks for them. */
  offices: string[];
  howMuch: boolean;
  /** "What caused …?": only a marker that tells no time ("because", "the cause of", not "after" or "since") gives the cause. */
  asksCause: boolean;
  /** For each key term that is a day of the week, its number (0 for Sunday), `TODAY` for "today", else -1, in `keyList` order. */
  keyDay: number[];
  /** The distinct query terms, each with its highest weight, for retrieval. */
  searchTerms: string[];
  searchBoosts: number[];
}

const planCache = new WeakMap<Query, QueryPlan>();

/** The days of the week as terms, Sunday first, as `Date.getUTCDay` numbers them. */
const WEEKDAY_TERMS: readonly string[] = WEEKDAYS.map((d) => textTerms(d)[0]!);
const WEEKDAY_WORD = new RegExp(`\\b(?:${WEEKDAYS.join('|')})\\b`, 'i');

/**
 * True when the sentence is in a report published on this day of the week and names no day
 * itself: "'We hold the line,' Tamsin Orrell said" in Monday's report is what she said on Monday, so it
 * answers "what did Orrell say on Monday?" as a sentence writing "Monday" would.
 */
function reportedOn(doc: SentenceDoc, day: number): boolean {
  return publishedWeekday(doc.article) === day && !WEEKDAY_WORD.test(doc.sentence.text);
}

/**
 * True when the question names a day of the week that the sentence was not said on: it names
 * neither that day nor is in a report published then, and it names another day, or names none and
 * is in a report of another day. "What did the mayor say on Friday?" is not answered by what she
 * said on Thursday.
 */
function saidOnAnotherDay(index: Index, query: Query, doc: SentenceDoc): boolean {
  const plan = planOf(query);
  let k = -1;
  for (const key of plan.keyList) {
    const day = plan.keyDay[++k]!;
    if (day < 0 || day === TODAY || index.features(doc).terms.has(key) || reportedOn(doc, day)) continue;
    const named = WEEKDAY_WORD.exec(doc.sentence.text);
    const said = named ? WEEKDAYS.indexOf(named[0].toLowerCase()) : publishedWeekday(doc.article);
    if (said >= 0 && said !== day) return true;
  }
  return false;
}

/** The words a question says "the day of the newest report" with, as terms; their `keyDay` is `TODAY`. */
const TODAY_TERMS: ReadonlySet<string> = new Set(['today', 'tonight'].map((d) => textTerms(d)[0]!));
const TODAY = 7;
const newestReports = new WeakMap<Article, boolean>();

/** True when no later article of the index is another report of the article's story. */
function newestReportOf(index: Index, article: Article): boolean {
  let newest = newestReports.get(article);
  if (newest === undefined) {
    newest = article.published !== '' && !index.articles.some((a) => a.published > article.published && otherReport(a, article));
    newestReports.set(article, newest);
  }
  return newest;
}

/**
 * "What did the governor say today?": the reader's today is the day of the newest report of the
 * story, so a sentence of that report said it today, unless it names another day of the week than
 * the one it was published on ("said on Monday" in a report of Tuesday).
 */
function reportedToday(index: Index, doc: SentenceDoc): boolean {
  if (!newestReportOf(index, doc.article)) return false;
  const named = WEEKDAY_WORD.exec(doc.sentence.text);
  return named === null || WEEKDAYS.indexOf(named[0].toLowerCase()) === publishedWeekday(doc.article);
}

function planOf(query: Query): QueryPlan {
  let plan = planCache.get(query);
  if (plan) return plan;
  const related = new Map<string, string[]>();
  // A word the question itself uses stands for that word only, not also as another's synonym.
  for (const t of query.terms) {
    if (t.kind === 'key' || query.keys.has(t.term)) continue;
    const list = related.get(t.of);
    if (list) list.push(t.term);
    else related.set(t.of, [t.term]);
  }
  // A common name has one entity per article (thousands in a large corpus): file the distinct
  // names under the terms of their words, and test a sentence's entity by name and membership.
  const entityKeys = new Map<string, Set<string>>();
  const entityKeyTypes = new Map<string, Set<Entity['type']>>();
  const termsOfName = new Map<string, string[]>();
  for (const r of query.entities) {
    let terms = termsOfName.get(r.entity.name);
    if (!terms) {
      termsOfName.set(r.entity.name, (terms = textTerms(r.entity.name)));
      for (const t of terms) {
        let set = entityKeys.get(t);
        if (!set) entityKeys.set(t, (set = new Set()));
        set.add(r.entity.name);
      }
    }
    for (const t of terms) {
      let types = entityKeyTypes.get(t);
      if (!types) entityKeyTypes.set(t, (types = new Set()));
      types.add(r.entity.type);
    }
  }
  // A person the question names by their office is named by its words: "the Prime Minister" is matched by a sentence about her.
  const offices: string[] = [];
  for (const o of query.roles) {
    if (o.asked || o.refs.length === 0) continue;
    offices.push(o.title);
    const holders = new Set<string>();
    for (const r of o.refs) holders.add(r.entity.name);
    for (const t of o.terms) {
      let set = entityKeys.get(t);
      if (!set) entityKeys.set(t, (set = new Set()));
      for (const name of holders) set.add(name);
    }
  }
  const boosts = new Map<string, number>();
  // Retrieval finds a phrase ("wall street") by its words; the reranker credits only the whole phrase.
  for (const t of query.terms) for (const term of phraseContent(t.term) ?? [t.term]) boosts.set(term, Math.max(boosts.get(term) ?? 0, t.weight));
  const keyList: string[] = [];
  const keyRelated: (string[] | undefined)[] = [];
  const prefixable: boolean[] = [];
  const keyDay: number[] = [];
  for (const k of query.keys.keys()) {
    keyList.push(k);
    keyDay.push(TODAY_TERMS.has(k) ? TODAY : WEEKDAY_TERMS.indexOf(k));
    keyRelated.push(related.get(k));
    prefixable.push(k.length >= PREFIX_MIN && !/\d/.test(k));
  }
  plan = {
    searchTerms: [...boosts.keys()],
    searchBoosts: [...boosts.values()],
    keyWeights: [...query.keys.values()],
    keyList,
    keyRelated,
    prefixable,
    related,
    unknown: new Set(query.unknownTerms),
    entityKeys,
    entityKeyTypes,
    offices,
    howMuch: /^how much\b/i.test(query.text.trim()),
    asksCause: query.answerType === 'reason' && CAUSE_ASKED.test(query.text),
    keyDay,
  };
  planCache.set(query, plan);
  return plan;
}

/** True when `key` is a word of the name of a question entity that the sentence names or quotes. */
function namesKey(plan: QueryPlan, query: Query, key: string, doc: SentenceDoc): boolean {
  const names = plan.entityKeys.get(key);
  if (!names) return false;
  for (const e of doc.entities) if (names.has(e.name) && query.entitySet.has(e)) return true;
  const speaker = doc.speaker?.entity;
  return speaker ? names.has(speaker.name) && query.entitySet.has(speaker) : false;
}

/**
 * True when `key` is a word of the name of an entity the question asks about and the sentence
 * opens with the name of another entity of its kind (a person, or else anything but a person),
 * which it is then about: "when was
 * Corvex founded?" is not answered by "Brindle, which was founded in 1921, …" in a story headed
 * by Corvex.
 */
function aboutAnother(plan: QueryPlan, query: Query, key: string, doc: SentenceDoc): boolean {
  const types = plan.entityKeyTypes.get(key);
  if (!types) return false;
  const text = doc.sentence.text;
  for (const e of doc.entities) {
    // Organisations, places and other names are often typed one for another ("Shares in Brindle"); people are not.
    if (types.has('person') !== (e.type === 'person') || query.entitySet.has(e)) continue;
    if (opensWith(text, e.name)) return true;
    for (const alias of e.aliases) if (opensWith(text, alias)) return true;
  }
  return false;
}

/** True when the text opens with this name as a whole word. */
function opensWith(text: string, name: string): boolean {
  return text.startsWith(name) && !WORD_CHAR.test(text.charAt(name.length));
}

/** True when the description names one of these offices as its last words ("the spokesman", "a Number 10 spokesman"). */
function describesOffice(description: string, offices: readonly string[]): boolean {
  if (offices.length === 0) return false;
  const folded = foldWord(description).replace(/\./g, '');
  for (const o of offices) if (folded === o || folded.endsWith(' ' + o)) return true;
  return false;
}

/** True when a quote's speaker is one the question asks about: one of its entities, or someone unnamed described by an office it names. */
function speaksFor(plan: QueryPlan, query: Query, speaker: NonNullable<SentenceDoc['speaker']>): boolean {
  if (speaker.entity !== null ? query.entitySet.has(speaker.entity) : describesOffice(speaker.description, plan.offices)) return true;
  for (const r of query.entities) if (r.entity.type === 'organisation' && speaksForOrganisation(speaker, r.entity)) return true;
  return false;
}

/**
 * True when whoever speaks does so for an organisation: their role or the words that name them
 * name it ("Jo Rees, chief executive of the charity Open Doors", "a Labour spokesperson").
 */
function speaksForOrganisation(speaker: { entity: Entity | null; description: string }, organisation: Entity): boolean {
  const names = [organisation.name, ...organisation.aliases];
  const said = [speaker.description, ...(speaker.entity?.roles ?? [])];
  // Whole words: "UK" is not inside "Ukraine". A role held before ("a former engineer at Harlow
  // Institute") is no one's to speak for it now.
  for (const text of said) {
    const found = occurrences(text, names);
    if (found.length > 0 && !PAST_ROLE.test(text.slice(0, found[0]!.start))) return true;
  }
  return false;
}

/** A word that marks a role as held before: "former", "ex-". */
const PAST_ROLE = new RegExp(`\\b(?:${roleData.pastRoleWords.join('|')})\\b`, 'i');

function hasAny(set: ReadonlySet<string>, terms: readonly string[] | undefined): boolean {
  if (terms) for (const t of terms) if (set.has(t)) return true;
  return false;
}

/** A sentence that only introduces the quote after it ("… the mayor replied:"). */
export function introducesQuote(doc: SentenceDoc): boolean {
  return /:\s*$/.test(doc.sentence.text);
}

/**
 * For a sentence of an interviewer's question ("Q: …"), the first sentence of the answer after it
 * ("A: …"); null for any other sentence.
 */
function interviewQuestion(index: Index, doc: SentenceDoc): SentenceDoc | null {
  const opening = index.docs[doc.id - doc.inParagraph];
  if (!opening || opening.article !== doc.article || !INTERVIEW_QUESTION.test(opening.sentence.text)) return null;
  for (let id = doc.id + 1; id < index.docs.length && id <= doc.id + 8; id++) {
    const next = index.docs[id]!;
    if (next.article !== doc.article) return null;
    if (next.paragraph !== doc.paragraph) return next.inParagraph === 0 && INTERVIEW_ANSWER.test(next.sentence.text) ? next : null;
  }
  return null;
}

/** A quote's later sentence ("They should stop where they are."), which needs its opening to make sense. */
export function continuesQuote(doc: SentenceDoc): boolean {
  return doc.quote !== null && doc.quote.sentences[0] !== doc.sentence.id;
}

/** True when the sentence names an entity of the question and, shortly after, a verb of speech ("the union said …"). */
function reportsSpeechOf(doc: SentenceDoc, query: Query): boolean {
  for (const e of doc.entities) if (query.entitySet.has(e) && speaksIn(doc, e)) return true;
  return false;
}

/** Whether each entity a sentence names is followed there by a verb of speech, by sentence, as each is asked about. */
const speakersCache = new WeakMap<SentenceDoc, Map<Entity, boolean>>();

/**
 * True when the sentence writes a name of the entity with a verb of speech shortly after it:
 * worked out once per sentence and entity, as every quote question that retrieves the sentence
 * asks it again.
 */
function speaksIn(doc: SentenceDoc, e: Entity): boolean {
  let known = speakersCache.get(doc);
  if (!known) speakersCache.set(doc, (known = new Map()));
  let speaks = known.get(e);
  if (speaks === undefined) {
    const text = doc.sentence.text;
    speaks = false;
    for (const name of [e.name, ...e.aliases]) {
      const at = text.indexOf(name);
      if (at >= 0 && speechAfter(text.slice(at + name.length))) {
        speaks = true;
        break;
      }
    }
    known.set(e, speaks);
  }
  return speaks;
}

/** The ranking model's inputs for the candidate being scored, one slot per `RANK_FEATURES`. */
const FEATURES = new Float64Array(RANK_FEATURES.length);
/** A candidate's `x` when the features are not kept. */
const NO_FEATURES: readonly number[] = Object.freeze([]);

/** Where the ordered-pairs feature stands in `RANK_FEATURES`. */
const BIGRAM = RANK_FEATURES.indexOf('bigram');

/** Scores one candidate sentence against the query with the ranking model. */
function scoreDoc(index: Index, doc: SentenceDoc, query: Query, bm25: number, plan: QueryPlan = planOf(query)): Scored {
  const f = index.features(doc);
  const para = paragraphTerms(index, doc);
  const antecedent = antecedentTerms(index, doc);
  const lead = paragraphLeadTerms(index, doc);
  let exact = 0;
  let synonym = 0;
  let entity = 0;
  let prefix = 0;
  let earlier = 0;
  let context = 0;
  let total = 0;
  let paraCovered = 0;
  let missingWeight = 0;
  let paragraphMissingWeight = 0;
  // A quote answers "what did X say?" or "how did X react?" when X speaks it (any quote, when the question names no one).
  // "How did markets react?" asks the markets, not whoever is quoted.
  const quoteAnswers =
    doc.quote !== null && query.asksForQuote && (query.entities.length === 0 ? askedGroupSpeaks(query, doc) : doc.speaker !== null && speaksFor(plan, query, doc.speaker));
  // "What was the score?", "how did the match end?": a score answers the words that ask for it.
  const scored = query.answerType === 'score' && scoresOf(doc).length > 0;

  // Indexed loops over plain arrays: destructuring entries would allocate for every key of every candidate.
  const keyList = plan.keyList;
  for (let k = 0; k < keyList.length; k++) {
    const key = keyList[k]!;
    const weight = plan.keyWeights[k]!;
    total += weight;
    const related = plan.keyRelated[k];
    let found = true;
    // "How much did they cost?": a price answers the word that asks for it ("were sold for $40").
    if (f.terms.has(key) || (scored && SCORE_KEYS.has(key)) || (plan.howMuch && AMOUNT_TERMS.has(key) && hasPrice(doc.sentence.numbers))) exact += weight;
    else if (hasAny(f.terms, related)) synonym += weight;
    // A quote is what its speaker said: the speaker's name and the verb "say" are matched by it.
    // When the question names who speaks, only their quotes do ("how did the council respond?").
    // So does a sentence that reports X speaking ("Valmora rejected the increase and said …"), looked at only here.
    else if (SPEECH_STEMS.has(key) && (quoteAnswers || (query.asksForQuote && doc.quote === null && reportsSpeechOf(doc, query)))) exact += weight;
    else if (f.entityTerms.has(key) || namesKey(plan, query, key, doc)) entity += weight;
    else if (plan.prefixable[k]! && prefixMatch(key, f.prefixTerms)) prefix += weight;
    else if (antecedent?.has(key)) earlier += weight;
    else if (lead?.has(key)) earlier += weight * LEAD_SHARE;
    // The headline's words name the story: "what was stolen in the Fenmoor raid?". Not a name
    // the question asks about, though, in a sentence about another of its kind.
    else if ((f.context.has(key) || f.headline.has(key) || hasAny(f.context, related)) && !aboutAnother(plan, query, key, doc)) context += weight;
    // "On Monday": the day the report was published, when the sentence names none.
    else if (plan.keyDay[k]! >= 0 && (plan.keyDay[k] === TODAY ? reportedToday(index, doc) : reportedOn(doc, plan.keyDay[k]!))) earlier += weight;
    else found = false;
    const inParagraph = found || para.has(key) || hasAny(para, related);
    if (inParagraph) paraCovered += weight;
    if (!plan.unknown.has(key)) {
      if (!found && weight > missingWeight) missingWeight = weight;
      if (!inParagraph && weight > paragraphMissingWeight) paragraphMissingWeight = weight;
    }
  }
  // "What caused the fire?": its framing word is answered by a sentence that gives a cause
  // ("The cause of the fire is under investigation"), as a key term would be, and by no other.
  if (plan.asksCause && total > 0) {
    const asked = total * CAUSE_SHARE;
    total += asked;
    if (givesCause(doc)) exact += asked;
  }
  const norm = total > 0 ? 1 / total : 0;
  const coverage =
    exact * norm * CREDIT.exact +
    synonym * norm * CREDIT.synonym +
    entity * norm * CREDIT.entity +
    prefix * norm * CREDIT.prefix +
    earlier * norm * CREDIT.antecedent +
    context * norm * CREDIT.context;
  const typed = hasAnswerType(doc, query);
  // The features go into one reused array: a new one for every candidate of every question was a
  // sixth of what answering allocates. Only the calibration script keeps them (`RANKER.allFeatures`).
  const x = FEATURES;
  x[0] = exact * norm;
  x[1] = synonym * norm;
  x[2] = entity * norm;
  x[3] = prefix * norm;
  x[4] = earlier * norm;
  x[5] = context * norm;
  x[6] = paraCovered * norm;
  x[7] = bm25;
  x[8] = typed ? 1 : 0;
  // "How much …" asks for an amount or a share, not a count.
  x[9] = typed && plan.howMuch && hasAmount(doc.sentence.numbers) ? 1 : 0;
  x[10] = quoteAnswers ? 1 : 0;
  x[11] = query.asksForQuote && doc.speaker?.entity && query.entitySet.has(doc.speaker.entity) ? 1 : 0;
  x[12] = doc.position <= 1 ? 1 : 0;
  x[13] = continuesQuote(doc) ? 1 : 0;
  x[14] = Math.log1p(f.terms.size) / 3;
  x[15] = RANKER.allFeatures || RANKER.weights[BIGRAM] !== 0 ? bigramShare(f.sequence, plan.keyList) : 0;
  let score = 0;
  for (let i = 0; i < x.length; i++) score += (RANKER.weights[i] ?? 0) * x[i]!;
  return { doc, score, coverage: Math.min(1, coverage), bm25, missing: missingWeight * norm, paragraphMissing: paragraphMissingWeight * norm, x: RANKER.allFeatures ? Array.from(x) : NO_FEATURES };
}

/** Most sentences with a score a score question adds to the candidates. */
const SCORE_CANDIDATES = 10;

/**
 * For a score question, the sentences with a score that the words retrieval found cannot: "beat
 * the visitors 3-1" never writes "score". They come from the articles of the retrieved sentences
 * (one saying who scored finds the match report), or from every article when none was retrieved.
 */
function addScores(index: Index, query: Query, retrieved: ArrayLike<number>, candidates: Scored[]): void {
  const articles = retrieved.length > 0 ? new Set(Array.from(retrieved, (id) => index.docs[id]!.article)) : null;
  const seen = new Set(candidates.map((c) => c.doc.id));
  let added = 0;
  for (const doc of index.docs) {
    if (added >= SCORE_CANDIDATES) break;
    if (seen.has(doc.id) || (articles !== null && !articles.has(doc.article)) || scoresOf(doc).length === 0) continue;
    candidates.push(scoreDoc(index, doc, query, 0));
    added++;
  }
}

/**
 * True for a question the article asks itself, outside any quote: a crosshead ("Which trains are
 * affected?"), an interviewer's question ("Why write a book now?"), a rhetorical one. It has every
 * word of a question about it and answers none: what answers it comes after it.
 */
export function posesQuestion(doc: SentenceDoc): boolean {
  const text = doc.sentence.text;
  return text.charCodeAt(text.length - 1) === 63 /* ? */ && doc.quote === null;
}

/** How much of a posed question's match a sentence of the paragraph after it must have to answer in its place, rather than that paragraph's first sentence. */
const POSED_ANSWER_SHARE = 0.75;

/**
 * Each candidate that poses a question ("Is she hopeful?") gives its place in the ranking to what
 * answers it: the sentence after it (the next paragraph's first, when the question ends its
 * paragraph), or a candidate of that paragraph that matches nearly as well ("I am hopeful on
 * Mondays," she said). A posed question followed by another, or by nothing, stays as it is.
 */
function answerPosedQuestions(index: Index, candidates: Scored[]): void {
  for (let i = 0; i < candidates.length; i++) {
    const posed = candidates[i]!;
    if (!posesQuestion(posed.doc)) continue;
    const first = index.docs[posed.doc.id + 1];
    if (!first || first.article !== posed.doc.article || posesQuestion(first)) continue;
    let answer = first;
    let answerScore = -Infinity;
    for (const r of candidates) {
      if (r.doc.article !== first.article || r.doc.paragraph !== first.paragraph || r.doc.id < first.id || posesQuestion(r.doc)) continue;
      if (r.coverage >= posed.coverage * POSED_ANSWER_SHARE && r.score > answerScore) {
        answer = r.doc;
        answerScore = r.score;
      }
    }
    const own = candidates.findIndex((r) => r.doc === answer);
    if (own >= 0 && candidates[own]!.score >= posed.score) {
      candidates.splice(i--, 1);
      continue;
    }
    candidates[i] = { ...posed, doc: answer };
    if (own >= 0) {
      candidates.splice(own, 1);
      if (own < i) i--;
    }
  }
}

/** Retrieves and reranks candidates; best first. */
export function rank(index: Index, query: Query): Scored[] {
  if (query.terms.length === 0) return [];
  const plan = planOf(query);
  const top = index.search.topDocuments(plan.searchTerms, plan.searchBoosts, CANDIDATES);
  const maxScore = top.scores[0] ?? 1;
  const candidates: Scored[] = [];
  for (let i = 0; i < top.ids.length; i++) candidates.push(scoreDoc(index, index.docs[top.ids[i]!]!, query, top.scores[i]! / maxScore, plan));
  // Sentences that name an entity of the question through a pronoun may not be retrieved by terms.
  let seen: Set<number> | null = null;
  for (const ref of query.entities) {
    if (candidates.length > CANDIDATES * 2) break;
    for (const id of ref.entity.pronounMentions) {
      const doc = index.doc(ref.article.id, id);
      if (!doc) continue;
      seen ??= new Set(top.ids);
      if (seen.has(doc.id)) continue;
      seen.add(doc.id);
      candidates.push(scoreDoc(index, doc, query, 0, plan));
    }
  }
  if (query.answerType === 'score') addScores(index, query, top.ids, candidates);
  answerPosedQuestions(index, candidates);
  // Retrieved documents are distinct, and pronoun candidates are added once each.
  return candidates.sort((a, b) => b.score - a.score || a.doc.id - b.doc.id);
}

const synonymCache = new WeakMap<Query, Set<string>>();

function isSynonymTerm(query: Query, term: string): boolean {
  let synonyms = synonymCache.get(query);
  if (!synonyms) {
    synonyms = new Set();
    for (const q of query.terms) if (q.kind === 'synonym') synonyms.add(q.term);
    synonymCache.set(query, synonyms);
  }
  return synonyms.has(term);
}

/** True when text that ends here is inside a quotation: an opening mark has not been closed. */
function insideQuote(before: string): boolean {
  let straight = 0;
  let curly = 0;
  for (const ch of before) {
    if (ch === '"') straight++;
    else if (ch === '“') curly++;
    else if (ch === '”') curly = Math.max(0, curly - 1);
  }
  return straight % 2 === 1 || curly > 0;
}

interface Span {
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const CAPITALISED = /^\p{Lu}/u;
const PRESENT_WORDS = questionData.presentMarkers.map((w) => w.replace(/ /g, '\\s+')).join('|');
/** A question that asks for today's figure: "how much is it now?". */
const PRESENT = new RegExp(`\\b(?:${PRESENT_WORDS})\\b`, 'i');
/** Right after a figure, a word of the present ("$40bn today"), perhaps after a unit or a bracket. */
const PRESENT_AFTER = new RegExp(`^(?:\\s+\\p{L}+)?(?:\\s*\\([^()]*\\))?\\s+(?:${PRESENT_WORDS})\\b`, 'iu');
/** Right before a figure, a word of the present ("currently 12%", "now about 40"). */
const PRESENT_BEFORE = new RegExp(`\\b(?:${PRESENT_WORDS})\\s+(?:(?:at|about|around|some|just|nearly|almost|over|under)\\s+)?$`, 'i');
/** A word that says a figure is the usual one, not this time's; and such a word up to two words before a number. */
const USUAL_ADVERBS = 'normally|usually|typically|ordinarily';
const USUAL = new RegExp(`\\b(?:${USUAL_ADVERBS}|normal|usual|typical)\\b`, 'i');
const USUAL_BEFORE = new RegExp(`\\b(?:${USUAL_ADVERBS})\\s+(?:[\\p{L}'’-]+\\s+){0,2}$`, 'iu');
/** "How much time / longer …": a span of time, which may be a count of days or years. */
const ASKS_DURATION = /^\s*how much\s+(?:longer|time|more time)\b/i;
/** A question that asks what something costs. */
const ASKS_PRICE = /^\s*how much\s+(?:is|are|was|were|does|do|did|will|would|could)\b|\b(?:cost|costs|price|priced|pay|paid|worth|charge|charged|fee|fees|spend|spent|money|fund|funding|fine|salary)\b/i;
/** An amount of money: a currency sign or word, or pence ("385p"). */
const PRICE = new RegExp(`[$€£¥₹]|\\bRs\\b|\\b(?:${CURRENCY_WORDS})\\b|\\dp$`, 'i');

/**
 * Every place each of `needles` stands in `text` as whole words ("Ali" not inside "Alice", "10"
 * not inside "2010"), in order; of overlapping ones the longest.
 */
function occurrences(text: string, needles: readonly string[]): Span[] {
  const found: Span[] = [];
  for (const needle of needles) {
    if (needle === '') continue;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if ((at > 0 && WORD_CHAR.test(text[at - 1]!) && WORD_CHAR.test(needle[0]!)) || (end < text.length && WORD_CHAR.test(text[end]!) && WORD_CHAR.test(needle[needle.length - 1]!))) continue;
      found.push({ start: at, end });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const f of found) if (!out.some((o) => f.start < o.end && o.start < f.end)) out.push(f);
  return out.sort((a, b) => a.start - b.start);
}

/** A sentence's words, and the terms of each, in order. */
interface SentenceWords {
  tokens: Token[];
  terms: (readonly string[])[];
}

/**
 * The words of each sentence an answer is marked in, worked out once per sentence: the cited
 * sentences of one question are often those of the next, and tokenising one cost more than
 * finding its answer. Never changed once made.
 */
const sentenceWords = new WeakMap<SentenceDoc['sentence'], SentenceWords>();

function wordsOf(sentence: SentenceDoc['sentence']): SentenceWords {
  let words = sentenceWords.get(sentence);
  if (!words) {
    const tokens = tokenize(sentence.text);
    sentenceWords.set(sentence, (words = { tokens, terms: tokens.map((t) => termsOf(t.surface)) }));
  }
  return words;
}

/** Where the words of the sentence that match the question's key terms (or their synonyms) start. */
function matchedOffsets(words: SentenceWords, query: Query): number[] {
  const out: number[] = [];
  for (let i = 0; i < words.tokens.length; i++) for (const term of words.terms[i]!) if (query.keys.has(term) || isSynonymTerm(query, term)) out.push(words.tokens[i]!.start);
  return out;
}

/**
 * A sentence's words, and where those that match the question start, each worked out on first
 * use: most answers have one number, date or name to mark and need neither. A class rather than
 * closures: each answer built a named closure, and under tsx (which keeps function names) every
 * one cost a property definition.
 */
class MatchedWords {
  private offsets: number[] | null = null;
  constructor(
    private readonly sentence: SentenceDoc['sentence'],
    private readonly query: Query,
  ) {}

  tokens(): readonly Token[] {
    return wordsOf(this.sentence).tokens;
  }

  anchors(): readonly number[] {
    return (this.offsets ??= matchedOffsets(wordsOf(this.sentence), this.query));
  }
}

/**
 * The span closest to a word that matches the question ("Around 450 troops" for "how many
 * troops"); the first when none matches. The matching words are looked for only when there is a choice.
 */
function nearest(spans: readonly Span[], words: MatchedWords): Span | undefined {
  if (spans.length < 2) return spans[0];
  const anchors = words.anchors();
  if (anchors.length === 0) return spans[0];
  let best: Span | undefined;
  let bestDistance = Infinity;
  for (const s of spans) {
    let d = Infinity;
    for (const a of anchors) d = Math.min(d, Math.abs(a - s.start), Math.abs(a - s.end));
    if (d < bestDistance) {
      best = s;
      bestDistance = d;
    }
  }
  return best;
}

/** Marks that end a clause: a number or date on the far side of one belongs to another clause. */
const CLAUSE_MARKS = /[,;:()—–]/g;
/** Between a part and its whole: "58 of the 120 seats", "three of 11", "five of its seven members". */
const PART_OF = /^\s+of\s+(?:(?:the|its|their|his|her|our|your)\s+)?$/i;
/** Words that join two clauses ("nine drowned and 25 were rescued", "opens on 5 May, with tickets on sale …"). */
const CLAUSE_WORDS: ReadonlySet<string> = new Set(['and', 'but', 'while', 'whereas', 'with', 'as', 'after', 'before', 'when', 'or']);
/** The counted words of "how many people …", "how much money …": what follows, to the first stop word. */
const HOW_MANY = /\bhow\s+(?:many|much)\s+(.*)$/i;

/** Weights of the terms a word of the sentence may match the question by: its key terms, and their synonyms at their own weight. */
const matchWeightCache = new WeakMap<Query, Map<string, number>>();

function matchWeights(query: Query): Map<string, number> {
  let weights = matchWeightCache.get(query);
  if (weights) return weights;
  weights = new Map(query.keys);
  for (const t of query.terms) if (t.kind === 'synonym' && !weights.has(t.term)) weights.set(t.term, t.weight);
  matchWeightCache.set(query, weights);
  return weights;
}

/** The terms of the counted words of a "how many" question ("people" in "how many people were injured?"). */
function countedTerms(query: Query): Set<string> {
  const out = new Set<string>();
  const rest = HOW_MANY.exec(query.text)?.[1];
  if (!rest) return out;
  for (const t of tokenize(rest)) {
    if (STOP_WORDS.has(foldWord(t.surface))) break;
    for (const term of termsOf(t.surface)) out.add(term);
  }
  return out;
}

/**
 * Of several numbers or dates in a sentence, the one the question's words go with: "25" of "Nine
 * people drowned and 25 were rescued" for "how many were rescued?", "1 May" of "opens on 5 May,
 * with tickets going on sale on 1 May" for "when do tickets go on sale?". Each word that
 * matches the question goes to the span nearest it, counted in words other than stop words, a
 * comma or a joining word between them counting extra; a number's words tend to follow it ("25
 * were rescued") and a date's to come before it ("on sale on 1 May"), so the other side counts
 * half a word more. The span with the most weight wins, each word weighing less the further it
 * stands ("the talks began on Monday and ended on Thursday": "ended" outweighs "talks"). For a
 * count, the question's counted words ("people") say less than the rest (two counts of people
 * are told apart by what happened to them), and a number directly followed by another noun
 * ("450 troops" for "how many tanks") counts something else. Undefined when no word matches.
 */
/** True when token `i` is inside one of the spans, given by the tokens each starts and ends at (-1 for none). */
function inSpans(i: number, first: readonly number[], last: readonly number[]): boolean {
  for (let k = 0; k < first.length; k++) if (i >= first[k]! && i <= last[k]!) return true;
  return false;
}

/** The question's key terms that the tokens write. */
function keysIn(tokens: readonly Token[], query: Query): Set<string> {
  const out = new Set<string>();
  for (const t of tokens) for (const term of termsOf(t.surface)) if (query.keys.has(term)) out.add(term);
  return out;
}

/** True when `term`, a synonym the question's words were widened by, stands for a key term in `written`. */
function writesKeyOf(query: Query, term: string, written: ReadonlySet<string>): boolean {
  if (written.size === 0) return false;
  for (const t of query.terms) if (t.kind === 'synonym' && t.term === term && written.has(t.of)) return true;
  return false;
}

/** Prepositions that open where or in what a question's event happens ("in the flood", "during the storm"). */
const SETTING_PREPOSITIONS: ReadonlySet<string> = new Set([...questionData.placePrepositions, ...questionData.settingPrepositions]);
const SETTING_DETERMINERS: ReadonlySet<string> = new Set(questionData.determiners);
const settingCache = new WeakMap<Query, Set<string>>();

/**
 * The terms of a "how many" question's setting: its words from the first preposition before a
 * determiner or a name on ("in the Brenna landslide" of "how many were hurt in the Brenna
 * landslide?"). Empty for other questions.
 */
function settingTerms(query: Query): Set<string> {
  let out = settingCache.get(query);
  if (out) return out;
  out = new Set<string>();
  if (HOW_MANY_WORDS.test(query.text)) {
    const tokens = tokenize(query.text);
    // "in the flood", "at Tarnside": a preposition before a determiner or a name; "in custody", "on strike" say what happened.
    const from = tokens.findIndex((t, i) => SETTING_PREPOSITIONS.has(foldWord(t.surface)) && i + 1 < tokens.length && (SETTING_DETERMINERS.has(foldWord(tokens[i + 1]!.surface)) || CAPITALISED.test(tokens[i + 1]!.surface)));
    if (from >= 0) for (const t of tokens.slice(from + 1)) for (const term of termsOf(t.surface)) out.add(term);
  }
  settingCache.set(query, out);
  return out;
}

function byNeighbours(text: string, tokens: readonly Token[], spans: readonly Span[], query: Query, kind: 'number' | 'date'): Span | undefined {
  const weights = matchWeights(query);
  const counted = kind === 'number' ? countedTerms(query) : null;
  const setting = kind === 'number' ? settingTerms(query) : null;
  // The tokens each span covers.
  const first: number[] = [];
  const last: number[] = [];
  for (const s of spans) {
    let a = -1;
    let b = -1;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.end <= s.start || t.start >= s.end) continue;
      if (a < 0) a = i;
      b = i;
    }
    first.push(a);
    last.push(b);
  }
  // "take 58 of the 120 seats": the words after the whole ("seats") say what the part counts too,
  // half a word further off, so the part wins by the words before it ("won") and the whole by the rest.
  const part: boolean[] = spans.map((s, k) => kind === 'number' && k + 1 < spans.length && PART_OF.test(text.slice(s.end, spans[k + 1]!.start)));
  const score = spans.map(() => 0);
  let verb: string[] | undefined;
  let keysWritten: Set<string> | undefined;
  let firstOfAll = tokens.length;
  for (const a of first) if (a >= 0) firstOfAll = Math.min(firstOfAll, a);
  let any = false;
  for (let i = 0; i < tokens.length; i++) {
    if (inSpans(i, first, last)) continue;
    let w = 0;
    let isCounted = false;
    let matched = '';
    for (const term of termsOf(tokens[i]!.surface)) {
      const tw = weights.get(term);
      if (tw !== undefined && tw > w) {
        w = tw;
        matched = term;
        isCounted = counted?.has(term) ?? false;
      }
    }
    if (w <= 0) continue;
    if (isCounted) w *= 0.75;
    // "killing 27 people and injuring 300 in the Brenna valley" for "how many were hurt in the Brenna
    // landslide?": the setting is shared by every count of the sentence; what happened says which is asked.
    if (setting?.has(matched) && !isCounted) w *= 0.5;
    // "15 of those arrested had been released and six remained in custody" for "how many are in
    // custody?": where the sentence writes the question's own word, a word like it says less.
    if (kind === 'number' && !query.keys.has(matched) && writesKeyOf(query, matched, (keysWritten ??= keysIn(tokens, query)))) w *= 0.5;
    // "The Marwick school was built in 1905 and was closed in 2011": the words before every date but
    // the question's verb are the subject each clause shares, and say less of which date is asked
    // than the verb ("closed") does.
    if (kind === 'date' && i < firstOfAll && !(verb ??= askedVerb(query).terms).some((t) => termsOf(tokens[i]!.surface).includes(t))) w *= 0.5;
    let best = -1;
    let bestDistance = Infinity;
    for (let k = 0; k < spans.length; k++) {
      if (first[k]! < 0) continue;
      const before = i < first[k]!;
      const from = before ? i + 1 : last[k]! + 1;
      const to = before ? first[k]! : i;
      let d = 0;
      for (let j = from; j < to; j++) {
        const word = foldWord(tokens[j]!.surface);
        if (CLAUSE_WORDS.has(word) || !STOP_WORDS.has(word)) d++;
      }
      const gap = before ? text.slice(tokens[i]!.end, spans[k]!.start) : text.slice(spans[k]!.end, tokens[i]!.start);
      d += 2 * (gap.match(CLAUSE_MARKS)?.length ?? 0);
      if (before === (kind === 'number')) d += 0.5;
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    // "expects the toll to raise £9m" for "how much will the toll raise?": the question's verb right before a figure governs it.
    if (best >= 0 && kind === 'number' && i < first[best]! && bestDistance <= 0.5 && (verb ??= askedVerb(query).terms).includes(matched)) w *= 2;
    if (best >= 0) {
      // "Five of its seven members voted for the cut": the noun after the whole counts both, and a verb
      // after it, with the words that follow it, says what the part did: they credit the part as much as the whole, or more.
      const shared = best > 0 && part[best - 1] && i > last[best]!;
      let predicate = false;
      if (shared && !isCounted) for (let j = last[best]! + 1; j <= i && !predicate; j++) predicate = VERB_FORM.test(tokens[j]!.surface);
      score[best]! += w / (predicate ? 1.5 + bestDistance : 1 + bestDistance);
      if (shared) score[best - 1]! += w / (predicate || isCounted ? 1 + bestDistance : 1.5 + bestDistance);
      any = true;
    }
  }
  if (!any) return undefined;
  // "23 others remain missing": a word that stands for the counted noun counts as much as the noun would ("17 people").
  if (counted && counted.size > 0) {
    let countedWeight = 0;
    for (const t of counted) countedWeight = Math.max(countedWeight, weights.get(t) ?? 0);
    for (let k = 0; k < spans.length; k++) {
      const next = tokens[last[k]! + 1];
      if (last[k]! >= 0 && next && /^\s+$/.test(text.slice(spans[k]!.end, next.start)) && COUNT_STAND_INS.has(foldWord(next.surface))) score[k]! += countedWeight * 0.75;
    }
  }
  // A number whose next word is a noun the question does not use ("450 troops" for "how many
  // tanks?") counts something else; one followed by a stop word ("25 were rescued"), a verb ("six
  // remained in custody") or a word that stands for its noun ("23 others are missing") leaves its noun unsaid.
  if (counted && counted.size > 0) {
    for (let k = 0; k < spans.length; k++) {
      const next = tokens[last[k]! + 1];
      if (last[k]! < 0 || !next || !/^[\s-]*$/.test(text.slice(spans[k]!.end, next.start)) || STOP_WORDS.has(foldWord(next.surface)) || COUNT_STAND_INS.has(foldWord(next.surface)) || VERB_FORM.test(next.surface)) continue;
      let matches = false;
      for (const t of [next, tokens[last[k]! + 2]]) if (t) for (const term of termsOf(t.surface)) if (weights.has(term)) matches = true;
      if (!matches) score[k]! *= 0.5;
    }
  }
  let chosen = 0;
  for (let k = 1; k < spans.length; k++) if (score[k]! > score[chosen]!) chosen = k;
  return spans[chosen];
}

const countedWordsCache = new WeakMap<Query, Set<string>>();

/** The terms of what a "how many" question counts, with their synonyms ("fires", "blazes"), and the words that stand for it ("others"). */
function countedWords(query: Query): Set<string> {
  let words = countedWordsCache.get(query);
  if (words) return words;
  const counted = countedNouns(query);
  words = new Set(counted);
  for (const t of query.terms) if (t.kind === 'synonym' && counted.has(t.of)) words.add(t.term);
  for (const w of COUNT_STAND_INS) for (const term of termsOf(w)) words.add(term);
  countedWordsCache.set(query, words);
  return words;
}

/**
 * Whether the number that ends at `end` of `text` names what the question counts: true when what
 * follows it is that thing, or a word and then it ("31 seats", "24 small satellites", "9 others"
 * for "how many seats …"), false when it is another thing ("214 reports"), undefined when it
 * leaves its noun unsaid ("40 were injured").
 */
function namesCounted(text: string, end: number, query: Query): boolean | undefined {
  const m = AFTER_NUMBER.exec(text.slice(end, end + 60));
  if (!m || STOP_WORDS.has(foldWord(m[2]!))) return undefined;
  const words = countedWords(query);
  for (const w of m[3] === undefined || STOP_WORDS.has(foldWord(m[3])) ? [m[2]!] : [m[2]!, m[3]]) {
    for (const term of termsOf(w)) if (words.has(term)) return true;
  }
  return false;
}

/** Between a measure and its conversion in brackets: "-meter (", " kilometers (about ". */
const CONVERSION_GAP = /^(?:-?\p{L}+\.?)?\s*\(\s*(?:about|around|roughly|some|nearly|almost|approximately|or)?\s*$/iu;
/** What closes a conversion after its number: "-foot)", " miles)", ")". */
const CONVERSION_END = /^(?:[\s-]\p{L}+\.?)?\)/u;

/**
 * A measure is marked with its conversion in brackets: "42-meter (138-foot)", "480 kilometers
 * (298 miles)", whichever of the two was chosen.
 */
function withConversion(text: string, spans: readonly Span[], chosen: Span): Span {
  if (!text.includes('(')) return chosen;
  const measure = (s: Span) => isMeasure(text, text.slice(s.start, s.end), s.end);
  let before: Span | undefined;
  let after: Span | undefined;
  for (const s of spans) {
    if (s.end <= chosen.start) before = s;
    else if (s.start >= chosen.end && !after) after = s;
  }
  if (after && CONVERSION_GAP.test(text.slice(chosen.end, after.start))) {
    const close = CONVERSION_END.exec(text.slice(after.end));
    if (close && measure(chosen) && measure(after)) return { start: chosen.start, end: after.end + close[0].length };
  }
  if (before && CONVERSION_GAP.test(text.slice(before.end, chosen.start))) {
    const close = CONVERSION_END.exec(text.slice(chosen.end));
    if (close && measure(before) && measure(chosen)) return { start: before.start, end: chosen.end + close[0].length };
  }
  return chosen;
}

/** Most words other than stop words between a count and a word of the question that says what happened to what it counts. */
const BOUND_DISTANCE = 2;

const PERCENT = /%|\bper ?cent\b/i;

/**
 * The spans of a sentence's counts for a "how many" question: its numbers, less those inside a
 * date, those the question writes itself, shares ("7%"), spans of time and amounts of money.
 */
function countSpans(doc: SentenceDoc, query: Query): Span[] {
  const text = doc.sentence.text;
  const dates = doc.sentence.dates.length > 0 ? occurrences(text, doc.sentence.dates) : [];
  const words = questionWords(query);
  return occurrences(text, doc.sentence.numbers).filter(
    (x) => !words.has(text.slice(x.start, x.end)) && !PERCENT.test(text.slice(x.start, x.end)) && isCount(text, text.slice(x.start, x.end), x.end) && !dates.some((d) => d.start <= x.start && x.end <= d.end && d.end - d.start > x.end - x.start),
  );
}

const bindingCache = new WeakMap<Query, Set<string>>();

/**
 * The terms that say what happened to what a "how many" question counts: its key terms and
 * their synonyms, less its counted words and theirs ("people", "persons") and the words of the
 * names it uses ("died" and "deaths" of "how many people died in Brava?", not "Brava").
 */
function bindingTerms(query: Query): Set<string> {
  let terms = bindingCache.get(query);
  if (terms) return terms;
  const counted = countedNouns(query);
  const names = planOf(query).entityKeys;
  terms = new Set();
  for (const t of query.terms) {
    if ((t.kind !== 'key' && t.kind !== 'synonym') || counted.has(t.of) || counted.has(t.term) || names.has(t.of)) continue;
    terms.add(t.term);
  }
  // "How many employees does Brenmark have?" says nothing of them but their name: a count is bound
  // by a word for them ("employs about 6,200 people", "a staff of 900") other than the one after it.
  if (terms.size === 0) for (const t of query.terms) if ((t.kind === 'key' || t.kind === 'synonym') && counted.has(t.of)) terms.add(t.term);
  bindingCache.set(query, terms);
  return terms;
}

/** A word of "how many …" that says what was done, not what is counted ("died", "settled", "living"). */
const VERB_FORM = /(?:ed|ing)$/i;

/** The counted nouns of "how many people died …": its counted words (see `countedTerms`) that are no verb forms. */
function countedNouns(query: Query): Set<string> {
  const out = new Set<string>();
  const rest = HOW_MANY.exec(query.text)?.[1];
  if (!rest) return out;
  for (const t of tokenize(rest)) {
    if (STOP_WORDS.has(foldWord(t.surface))) break;
    if (VERB_FORM.test(t.surface)) continue;
    for (const term of termsOf(t.surface)) out.add(term);
  }
  return out;
}

/**
 * True when one of the sentence's counts stands in one clause with a word of the question other
 * than its counted words, a word or two away: "forced the evacuation of about 12,000 residents"
 * and "23 others remain missing" say how many were evacuated or are missing; "An evacuation
 * centre was set up, where about 600 people spent the night" gives a count of people, but not of
 * the evacuated. With `strict`, a count of another noun ("flooding dozens of villages" for "how
 * many people …") does not count.
 */
/**
 * How a word binds a count: 2 when it has one of the binding terms that the question writes itself,
 * 1 when it has only a synonym of one ("arrested" for "in custody"), 0 when neither; a capitalised
 * word is a name, which says where or who, not what happened ("Venn was the youngest of five children").
 */
function binds(t: Token, binding: ReadonlySet<string>, keys: ReadonlyMap<string, number>): Bound {
  if (CAPITALISED.test(t.surface)) return 0;
  let bound: Bound = 0;
  for (const term of termsOf(t.surface)) {
    if (!binding.has(term)) continue;
    if (keys.has(term)) return 2;
    bound = 1;
  }
  return bound;
}

/** How a sentence's count is bound to the question's words: by none, by a synonym only, by the question's own word. */
type Bound = 0 | 1 | 2;

function boundCount(doc: SentenceDoc, query: Query, strict: boolean): Bound {
  const spans = countSpans(doc, query);
  if (spans.length === 0) return 0;
  let bound: Bound = 0;
  const text = doc.sentence.text;
  const tokens = tokenize(text);
  const binding = bindingTerms(query);
  const counted = countedNouns(query);
  for (const s of spans) {
    let first = -1;
    let last = -1;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.end <= s.start || tokens[i]!.start >= s.end) continue;
      if (first < 0) first = i;
      last = i;
    }
    if (first < 0) continue;
    if (strict && counted.size > 0) {
      // The noun the number counts, after an "of" ("dozens of villages"); "8,412 watched" is bound by the verb.
      let k = last + 1;
      if (tokens[k] && foldWord(tokens[k]!.surface) === 'of' && /^\s+$/.test(text.slice(tokens[last]!.end, tokens[k]!.start))) k++;
      const noun = tokens[k];
      if (noun && /^[\s-]*$/.test(text.slice(tokens[k - 1]!.end, noun.start)) && !STOP_WORDS.has(foldWord(noun.surface)) && !termsOf(noun.surface).some((t) => counted.has(t) || isSynonymTerm(query, t) || binding.has(t))) continue;
    }
    for (const step of [-1, 1]) {
      let d = 0;
      for (let j = step < 0 ? first - 1 : last + 1, prev = step < 0 ? first : last; j >= 0 && j < tokens.length; prev = j, j += step) {
        const gap = step < 0 ? text.slice(tokens[j]!.end, tokens[prev]!.start) : text.slice(tokens[prev]!.end, tokens[j]!.start);
        if (/[,;:()—–]/.test(gap)) break;
        const word = foldWord(tokens[j]!.surface);
        if (CLAUSE_WORDS.has(word)) break;
        const by = binds(tokens[j]!, binding, query.keys);
        if (by === 2) return 2;
        if (by > bound) bound = by;
        // A name is read with the noun it stands by ("descendants in Tollen alone number 3,000").
        if (!STOP_WORDS.has(word) && !CAPITALISED.test(tokens[j]!.surface) && ++d > BOUND_DISTANCE) break;
      }
    }
  }
  return bound;
}

/**
 * For a "how many" question whose best sentence gives no count bound to the question's words (see
 * `boundCount`), a close candidate that does: the count of what the question asks about beats a
 * count of the same things in another connection. A candidate is close when its coverage, with
 * the counted words taken as matched (its count names its own noun, "12,000 residents" for "how
 * many people"), is at least 0.8 of the best's.
 */
function boundAlternative(index: Index, query: Query, ranked: readonly Scored[], best: Scored): Scored | undefined {
  // A count bound only by a word like the question's ("14 people were arrested" for "how many are in
  // custody?") gives way to a close one bound by the question's own word ("four remained in custody").
  const bound = boundCount(best.doc, query, true);
  if (bound === 2) return undefined;
  const counted = countedNouns(query);
  let total = 0;
  let countedWeight = 0;
  for (const [k, w] of query.keys) {
    total += w;
    if (counted.has(k)) countedWeight += w;
  }
  for (const r of ranked.slice(1, 4)) {
    let coverage = r.coverage;
    if (total > 0 && ![...counted].some((t) => index.features(r.doc).terms.has(t))) coverage += countedWeight / total;
    // A count from an earlier year's event is background (see `earlierYear`).
    if (coverage >= best.coverage * 0.8 && hasAnswerType(r.doc, query) && !earlierYear(r.doc, query) && boundCount(r.doc, query, false) > bound && !losesName(index, query, best, r) && !boundAlike(index, query, best, r)) return r;
  }
  return undefined;
}

/**
 * True when the alternative never writes the noun the question counts and its count is bound no
 * better than the best's once both are read the same way: for "how many ferries were stopped?",
 * "stopped dozens of sailings" counts another noun than the one asked, as "6 crossings and 9 freight
 * runs were stopped" does, and both are bound by "stopped"; the sentence that ranks first stays.
 * One that writes the asked noun ("launched 16 small ferries"), or whose count is bound more
 * closely, takes its place.
 */
function boundAlike(index: Index, query: Query, best: Scored, r: Scored): boolean {
  const counted = countedNouns(query);
  if (counted.size === 0) return false;
  const terms = index.features(r.doc).terms;
  for (const t of counted) if (terms.has(t)) return false;
  if (boundCount(r.doc, query, true) > boundCount(best.doc, query, true)) return false;
  return boundCount(best.doc, query, false) >= boundCount(r.doc, query, false);
}

/**
 * True when the alternative comes from another article that never writes a word of a name the
 * question asks about, which the best's article does: "how many died in the Selwyn flood?" is not
 * answered by another flood's death toll, however well its count is bound.
 */
function losesName(index: Index, query: Query, best: Scored, r: Scored): boolean {
  if (r.doc.article === best.doc.article) return false;
  const own = articleTerms(index, best.doc.article);
  const other = articleTerms(index, r.doc.article);
  for (const key of planOf(query).entityKeys.keys()) if (own.has(key) && !other.has(key)) return true;
  return false;
}

/** How far down the ranking a sentence that measures the question's thing is looked for: a story names its rocket or tower in many sentences. */
const MEASURED_DEPTH = 8;

/**
 * For "how tall", "how far" or "how heavy", a close candidate that gives the measure of a thing the
 * question names ("The 42-meter rocket"), when the best sentence does not.
 */
function measuredAlternative(query: Query, ranked: readonly Scored[], best: Scored): Scored | undefined {
  if (query.answerType !== 'number' || !HOW_MEASURE.test(query.text)) return undefined;
  for (const r of ranked.slice(1, MEASURED_DEPTH)) if (r.coverage >= best.coverage * 0.8 && measures(r.doc, query)) return r;
  // "How high did the river rise?": "had risen to 4.8 metres at the gauge" names no river after its measure, but
  // it gives a measure, and "the death toll rose to 23" gives none.
  if (someNumber(best.doc, query, false, isMeasure)) return undefined;
  for (const r of ranked.slice(1, MEASURED_DEPTH)) if (r.coverage >= best.coverage * 0.8 && someNumber(r.doc, query, false, isMeasure)) return r;
  return undefined;
}

/**
 * The run of spans around `chosen` whose gaps are only `gap`: a list of names ("Libya, France,
 * and the United States") or a range of numbers ("ten to 32").
 */
function joined(text: string, spans: readonly Span[], chosen: Span, gap: RegExp): Span {
  let i = spans.indexOf(chosen);
  let j = i;
  while (i > 0 && gap.test(text.slice(spans[i - 1]!.end, spans[i]!.start))) i--;
  while (j + 1 < spans.length && gap.test(text.slice(spans[j]!.end, spans[j + 1]!.start))) j++;
  return { start: spans[i]!.start, end: spans[j]!.end };
}

/**
 * A list of people whose members have words in apposition: "founded by Ana Ortiz, a former
 * chemist, and Leo Marr" is marked from the first name to the last, not at "Ana Ortiz" alone.
 * `people` are the sentence's names of people, in order.
 */
function throughAppositions(text: string, people: readonly Span[], list: Span, chosen: Span, anchors: readonly number[]): Span {
  // "Who was the former chemist?", "who ran the factory?" over "…, and Leo Marr, who ran its
  // factory": the question's words in the chosen name's own apposition single that name out.
  const own = APPOSED_WORDS.exec(text.slice(chosen.end));
  if (own && anchors.some((a) => a >= chosen.end && a < chosen.end + own[0].length)) return list;
  let { start, end } = list;
  for (;;) {
    const next = people.find((p) => p.start >= end);
    if (!next || !LIST_AFTER_APPOSITION.test(text.slice(end, next.start))) break;
    end = next.end;
  }
  for (;;) {
    const previous = people.filter((p) => p.end <= start).pop();
    if (!previous || !LIST_AFTER_APPOSITION.test(text.slice(previous.end, start))) break;
    start = previous.start;
  }
  return { start, end };
}

const LIST_GAP = /^\s*(?:,\s*(?:and|or)?|and|or|&)\s*(?:the\s+)?$/;
const RANGE_GAP = /^\s*(?:to|-|–|or|and)\s*$/;
/** Between the dates of a range or a list: "1755, 1756 and 1757", "from 1562 to 1598". */
const DATE_GAP = /^\s*(?:,\s*(?:and|or)?|to|-|–|or|and)\s*$/;
/** The word that opens a range of dates: "between" or "from" before its first. */
const RANGE_OPENER = /\b(?:between|from)\s+$/i;
/**
 * After one name of a list, what sets off the next when the first has words in apposition:
 * "Ana Ortiz, a former chemist, and Leo Marr". Group 1 is the apposition.
 */
/** Words in apposition after a name, to the next comma: ", a former chemist", ", who ran its factory". */
const APPOSED_WORDS = /^,\s+[^,;:.!?()"“”]{1,100}/;
const LIST_AFTER_APPOSITION = /^(,\s+[^,;:.!?()"“”]{1,100}?,)\s*(?:and|or)\s+(?:the\s+)?$/;

/** "Dr. Ana Ortiz, the clinic's director," or "Ana Ortiz of the Red Cross": what a sentence calls someone after their name. */
const APPOSITION = /^(?:,\s+(?:a|an|the|who)\b[^,;:.!?"“”]{3,100}|\s+of\s+the\s+\p{Lu}[^,;:.!?"“”]{2,80})/u;

/** How much of the best candidate's coverage a sentence that names and describes the one a "Who is" question asks about needs. */
const WHO_IS_SHARE = 0.8;

/** "Who is Jane Roe?", "what was the Marshall Plan": group 1 is whom the question asks about. */
const WHO_IS = /^(?:who|what)\s+(?:is|was|are|were)\s+(.+?)\s*\??$/i;

/** For "Who is Jane Roe?": the question's entities that are Jane Roe and that this sentence names; null for any other question. */
function whoIsRefs(doc: SentenceDoc, query: Query): EntityRef[] | null {
  const named = WHO_IS.exec(query.text.trim());
  if (!named?.[1]) return null;
  const subject = named[1].replace(/^the\s+/i, '').toLowerCase();
  const refs = query.entities.filter((r) => doc.entities.includes(r.entity) && [r.entity.name, ...r.entity.aliases].some((n) => n.toLowerCase() === subject));
  return refs.length > 0 ? refs : null;
}

/** Titles that only say how to address someone ("Dr", "Mr"), not who they are. */
const COURTESY: ReadonlySet<string> = new Set(titleData.courtesy);

function courtesyOnly(role: string): boolean {
  return role.split(/\s+/).every((w) => COURTESY.has(foldWord(w).replace(/\.$/, '')));
}

/** Between a name and a role in apposition after it: ", chief executive of …", ", its founder". */
const APPOSED = /^,\s+(?:(?:a|an|the|its|his|her|their)\s+)?$/i;
/** A role set off by a comma before a name ("Its chief executive, Dr Ana Ortiz"): group 1, from the start of its clause. */
const ROLE_BEFORE = /(?:^|[,;:(]\s*|\b(?:and|but|by|with|from|to|for|as)\s+)([^,;:.!?()"“”]{2,60}),\s+$/;
const MAX_ROLE_WORDS = 8;

/** "Its chief executive, " before a name: where the role phrase starts, when it names a job; else -1. */
function roleBefore(text: string, nameStart: number): number {
  const m = ROLE_BEFORE.exec(text.slice(0, nameStart));
  if (!m?.[1]) return -1;
  const words = tokenize(m[1]);
  if (words.length === 0 || words.length > MAX_ROLE_WORDS || !words.some((w) => JOB_WORDS.has(foldWord(w.surface)))) return -1;
  const groupStart = nameStart - /,\s+$/.exec(m[0])![0].length - m[1].length;
  return groupStart + (m[1].length - m[1].trimStart().length);
}

/** Most words that may modify a role before it ("launch director", "former deputy head"). */
const MAX_ROLE_MODIFIERS = 3;
const SPEECH_VERBS: ReadonlySet<string> = new Set(speechData.verbs);

/**
 * Where a role that stands at `start` begins with the words that modify it: "flight director"
 * of "…," flight director Omar Pell told …", not "director". Lower-case words that are not
 * stop words, verbs of speech or other verbs in "-ed" ("said", "appointed") are taken.
 */
function modifiedRole(text: string, start: number): number {
  for (let n = 0; n < MAX_ROLE_MODIFIERS; n++) {
    const m = /(?:^|[\s"“”(])([\p{Ll}][\p{Ll}-]*)\s+$/u.exec(text.slice(0, start));
    const word = m?.[1];
    if (!word || STOP_WORDS.has(foldWord(word)) || SPEECH_VERBS.has(word) || word.endsWith('ed')) break;
    start = m.index + m[0].indexOf(word);
  }
  return start;
}

/**
 * "Who is Jane Roe?": what the sentence calls her, the role before her name ("Dr. Jane Roe",
 * "Its chief executive, Jane Roe") and the words after it (", a cardiologist at …", ", chief
 * executive of the trust"), with the name between them. A courtesy title alone ("said Dr Jane
 * Roe") says nothing of who she is: then null.
 */
function descriptionSpan(doc: SentenceDoc, refs: readonly EntityRef[], find: (needle: string) => Span | null): Span | null {
  const text = doc.sentence.text;
  for (const ref of refs) {
    const name = [ref.entity.name, ...ref.entity.aliases].map(find).find((x) => x !== null);
    if (!name) continue;
    const role = ref.entity.roles.map(find).find((x) => x !== null && x.end <= name.start && name.start - x.end <= 2);
    const titled = role && courtesyOnly(text.slice(role.start, role.end)) ? null : role;
    let start = role ? role.start : name.start;
    if (titled) start = modifiedRole(text, start);
    const before = roleBefore(text, start);
    let end = name.end;
    // A role the article gave her, in apposition after the name.
    for (const r of ref.entity.roles) {
      const at = text.indexOf(r, name.end);
      if (at >= 0 && at + r.length > end && APPOSED.test(text.slice(name.end, at))) end = at + r.length;
    }
    const after = APPOSITION.exec(text.slice(name.end));
    if (after) end = Math.max(end, name.end + after[0].trimEnd().length);
    if (!titled && before < 0 && end === name.end) continue;
    if (before >= 0) start = before;
    return { start, end };
  }
  return null;
}

/** After a name, an age set off by commas ("Mira Cobb, 58, of Tarnby", or last: "… led by Mira Cobb, 58.") or what the sentence says she is ("Cobb is one of the best-known …", "Cobb was a nurse"). */
const SAYS_WHO_AFTER = /^(?:,\s+(?:aged\s+)?\d{1,3}(?:,|[.;]?$)|\s+(?:is|was)\s+(?:a|an|the|one of)\s)/i;

/** True when the sentence gives someone's age next to her name, or says what she is: "Mira Cobb, 58, …" over "… said of Mira Cobb". */
function saysWhoAfter(text: string, refs: readonly EntityRef[]): boolean {
  for (const ref of refs) {
    for (const name of [ref.entity.name, ...ref.entity.aliases]) {
      const at = text.indexOf(name);
      if (at >= 0 && SAYS_WHO_AFTER.test(text.slice(at + name.length))) return true;
    }
  }
  return false;
}

/** Before a term a sentence defines: "the drug, called tarvomab, …". */
const NAMED_BEFORE = /\b(?:called|known as|named|dubbed|termed|label(?:l)?ed as|referred to as)\s+(?:the\s+)?$/i;
/** After it: "… fibrinoid-7, a protein in the blood", "… is a cause of …" or "the Orvani (hill clans of the north)". */
const DEFINED_AFTER = /^(?:,\s+(?:a|an|the)\s|\s+(?:is|are|was|were)\s+(?:a|an|the)\s|\s*\((?:a|an|the|\p{Ll}+)\s+\p{Ll}+\s)/iu;

/** True when the sentence defines `subject`, a term that names no one: "what is tarvomab?" */
function definesTerm(text: string, subject: string): boolean {
  const at = text.toLowerCase().indexOf(subject);
  return at >= 0 && (NAMED_BEFORE.test(text.slice(0, at)) || DEFINED_AFTER.test(text.slice(at + subject.length)));
}

/** Most words of a term a "what is X?" question asks to define ("What is the Orvane protocol?"). */
const MAX_DEFINED_WORDS = 4;
const definedCache = new WeakMap<Query, string | null>();

/**
 * The subject of "what is X?" in lower case, when X is a term or a thing rather than someone the
 * articles name: X may be or hold the name of a place or body ("What is Varnish law?" names
 * Varnish, but asks what the law is). Else undefined; also when X runs on like a clause ("What is
 * Ruiz offering in exchange for the port?").
 */
function definedSubject(query: Query): string | undefined {
  let subject = definedCache.get(query);
  if (subject === undefined) {
    subject = WHO_IS.exec(query.text.trim())?.[1]?.replace(/^the\s+/i, '').toLowerCase() ?? null;
    if (subject !== null && subject.split(/\s+/).length > MAX_DEFINED_WORDS) subject = null;
    for (const r of query.entities) {
      if (subject !== null && r.entity.type === 'person' && [r.entity.name, ...r.entity.aliases].some((n) => n.toLowerCase() === subject)) subject = null;
    }
    definedCache.set(query, subject);
  }
  return subject ?? undefined;
}

/** "What is fibrinoid-7?": the words that say what it is, "a protein in the blood that thickens it". */
function definitionSpan(text: string, query: Query): Span | null {
  const subject = definedSubject(query);
  if (subject === undefined) return null;
  const at = text.toLowerCase().indexOf(subject);
  if (at < 0) return null;
  const after = at + subject.length;
  const m = /^(?:,\s+|\s+(?:is|are|was|were)\s+)((?:a|an|the)\s[^,;:.!?"“”]{2,160})/i.exec(text.slice(after));
  if (!m) return null;
  const start = after + m[0].length - m[1]!.length;
  return { start, end: start + m[1]!.trimEnd().length };
}

/**
 * True when the sentence says what the "who is" or "what is" question's subject is: a role or
 * words in apposition next to the name, or for a term that names no one, a definition of it.
 */
function describes(doc: SentenceDoc, query: Query): boolean {
  const refs = whoIsRefs(doc, query);
  if (refs !== null && (descriptionSpan(doc, refs, finder(doc.sentence.text)) !== null || saysWhoAfter(doc.sentence.text, refs))) return true;
  const subject = definedSubject(query);
  return subject !== undefined && definesTerm(doc.sentence.text, subject);
}

const CLAUSE_OPENERS = questionData.clauseOpeners.join('|');
const DETERMINERS = questionData.determiners.join('|');
/** The last clause with its own subject that opens before a point: "after its first rocket exploded …". */
const OWN_SUBJECT_CLAUSE = new RegExp(`\\b(?:${CLAUSE_OPENERS})\\s+(?:${DETERMINERS})\\s+[^,;:()—–]*$`, 'i');
const NOUN_BEFORE: ReadonlySet<string> = new Set(questionData.nounBefore);

/**
 * "When did the Tarn launch?" over "The Tarn rocket reached orbit on Tuesday, …, after its first
 * rocket exploded shortly after launch last year": a date in a clause with a subject of its own
 * ("its first rocket") that lacks the names the question writes dates another event, unless the
 * question's verb stands in that clause as a verb (not "after launch"). Such dates are dropped
 * when another remains. `spans` are the sentence's dates, in order.
 */
function ownEventDates(text: string, tokens: () => readonly Token[], spans: readonly Span[], doc: SentenceDoc, query: Query): readonly Span[] {
  // The names the question writes, also in lower case ("when did tarn launch"): those whose every word is a key term of it.
  const names: string[] = [];
  for (const e of doc.entities) if (query.entitySet.has(e) || termsOf(e.name).every((t) => query.keys.has(t))) names.push(e.name, ...e.aliases);
  if (names.length === 0) return spans;
  const named = occurrences(text, names);
  const verb = askedVerb(query).terms;
  const kept = spans.filter((d) => {
    const open = OWN_SUBJECT_CLAUSE.exec(text.slice(0, d.start));
    if (!open) return true;
    const stop = /[,;:()—–]/.exec(text.slice(d.end));
    const end = stop ? d.end + stop.index : text.length;
    if (named.some((n) => n.start >= open.index && n.start < end)) return true;
    const words = tokens();
    for (let i = 1; i < words.length; i++) {
      const t = words[i]!;
      if (t.start < open.index || t.start >= end || !termsOf(t.surface).some((x) => verb.includes(x))) continue;
      if (!NOUN_BEFORE.has(foldWord(words[i - 1]!.surface))) return true;
    }
    return false;
  });
  return kept.length > 0 ? kept : spans;
}

const TIME_TAIL_STOP = /^(?:and|but|through|which|who|whereas|so|then)$/i;

/** "… within three months, …", "immediately after the hearing": a time said without a calendar date, to the next comma. */
function timeExpressionSpan(text: string, match: MatchedWords, numbers: readonly Span[]): Span | null {
  const spans: Span[] = [];
  for (const re of TIME_MARKERS) {
    const m = re.exec(text);
    if (!m) continue;
    const tail = /^[^,;:.!?"“”—–]*/.exec(text.slice(m.index + m[0].length))![0];
    // To the next comma, at most five words, and not over a clause that follows ("in the 12th minute through Ola Brand", "before half-time and scored").
    const all = tail.trim().split(/\s+/).filter(Boolean).slice(0, 5);
    const cut = all.findIndex((w) => TIME_TAIL_STOP.test(w));
    const words = cut >= 0 ? all.slice(0, cut) : all;
    const end = words.length > 0 ? text.indexOf(words[words.length - 1]!, m.index + m[0].length) + words[words.length - 1]!.length : m.index + m[0].length;
    spans.push({ start: m.index, end });
  }
  // "within three months" says when more exactly than "once the island is stabilized".
  const counted = spans.filter((x) => numbers.some((n) => n.start < x.end && x.start < n.end));
  return nearest(counted.length > 0 ? counted : spans, match) ?? null;
}

/** Every reason marker of a sentence, and the effect markers among them ("caused", "led to"), after which stands what the reason brought about. */
const REASON_MARKERS = new RegExp(REASON_MARKER.source, 'gi');
const EFFECT_MARKER = new RegExp(`^(?:${questionData.effectMarkers.join('|')})$`, 'i');
/**
 * Where the reason after a marker ends: a stop, semicolon, colon, dash or bracket, a clause that
 * turns away from it (", but …", ", which …"), or a comma before the words that say who gave it
 * (", the safety commission said Wednesday").
 */
const REASON_END = new RegExp(`[;:—–()]|,\\s*(?:but|while|whereas|which|who|although|though)\\b|,\\s+(?=[^,;:"“”]{0,80}?\\b(?:${speechData.verbs.join('|')})\\b)|[.!?]["”’]?\\s*$`);
/** "the cause of": a reason marker after which the reason is what its clause's verb says. */
const CAUSE_NOUN = /^causes?\s+of$/i;
const CAUSE_VERB = /\s(?:is|was|are|were|has been|have been|remains|remained)\s/i;
/** Where the reason before an effect marker starts: the mark that ends the clause before it. */
const REASON_START = /[,;:—–()][^,;:—–()]*$/;

/**
 * "Why are they being recalled?" over "… is recalling 1.1 million air fryers because they can
 * overheat and catch fire, the commission said": the reason the sentence gives, from its marker
 * to the end of its clause ("because they can overheat and catch fire"); for an effect marker
 * ("a worn seal caused the leak"), the words of its clause before it. A marker that may also
 * say when ("after", "since") gives way to one that only says why. Null when there is none.
 */
function reasonSpan(text: string, match: MatchedWords): Span | null {
  const spans: Span[] = [];
  const plain: Span[] = [];
  for (const m of text.matchAll(REASON_MARKERS)) {
    let span: Span;
    // "a delay caused by a boat": after "by", the cause stands after the marker.
    if (EFFECT_MARKER.test(m[0]) && !/^\s+by\b/i.test(text.slice(m.index + m[0].length))) {
      const before = text.slice(0, m.index);
      const open = REASON_START.exec(before);
      const start = open ? open.index + 1 : 0;
      span = { start: start + (/^\s*/.exec(before.slice(start))?.[0].length ?? 0), end: before.trimEnd().length };
    } else {
      const rest = text.slice(m.index);
      const stop = REASON_END.exec(rest.slice(m[0].length));
      span = { start: m.index, end: m.index + m[0].length + (stop ? stop.index : rest.length - m[0].length) };
      span.end = span.start + text.slice(span.start, span.end).trimEnd().length;
    }
    // "The cause of the fire is under investigation": what is said of the cause follows its verb.
    const told = CAUSE_NOUN.test(m[0]) ? CAUSE_VERB.exec(text.slice(span.start, span.end)) : null;
    if (told) span = { start: span.start + told.index + 1, end: span.end };
    if (span.end - span.start <= m[0].length || text.slice(span.start, span.end).split(/\s+/).length < 2) continue;
    spans.push(span);
    if (!TIME_MARKER.test(m[0])) plain.push(span);
  }
  if (plain.length > 0) return nearest(plain, match) ?? null;
  // A marker that may only say when ("Deal reached after talks ran late; islands say it falls
  // short") gives no reason for what another clause of the sentence tells.
  return nearest(spans.filter((x) => sameClause(text, x, match)), match) ?? null;
}

/**
 * "What caused the fire?": true when the sentence gives the cause of what the question asks about,
 * one of the question's words standing where the marker puts what the cause brought about: after
 * an effect marker ("a worn seal caused the fire", "nobody yet knows what caused the blaze"), before
 * any other in its clause ("the fire started because …", "the fire was caused by …"). Not "the ferry
 * turned back because the sea was rough", a cause of something else.
 */
function causeOfAsked(doc: SentenceDoc, query: Query): boolean {
  const text = doc.sentence.text;
  for (const m of text.matchAll(REASON_MARKERS)) {
    if (TIME_MARKER.test(m[0])) continue;
    const after = text.slice(m.index + m[0].length);
    let effect: string;
    if (EFFECT_MARKER.test(m[0]) && !/^\s+by\b/i.test(after)) {
      const stop = REASON_END.exec(after);
      effect = stop ? after.slice(0, stop.index) : after;
    } else {
      const before = text.slice(0, m.index);
      const open = REASON_START.exec(before);
      effect = open ? before.slice(open.index + 1) : before;
    }
    if (textTerms(effect).some((t) => query.keys.has(t) && !query.unknownTerms.includes(t))) return true;
  }
  return false;
}

/** True when one of the question's words stands in the clause of the span, no semicolon, colon or dash between. */
function sameClause(text: string, span: Span, match: MatchedWords): boolean {
  const anchors = match.anchors();
  if (anchors.length === 0) return true;
  for (const a of anchors) {
    const [from, to] = a < span.start ? [a, span.start] : [span.end, a];
    if (a >= span.start && a <= span.end) return true;
    if (!/[;:—–]/.test(text.slice(from, to))) return true;
  }
  return false;
}

const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(questionData.placePrepositions);
const PLAIN_PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(questionData.plainPlacePrepositions);
/** Where the clause of a verb ends: a stop, a colon, bracket or dash, a comma, or a word that opens another clause. */
const CLAUSE_END = /[;:!?()"“”—–]|,\s|\.(?:\s|$)|\s(?:and|but|while|whereas|which|who|where|when)\s/;
/** The same without "and", which may join the verb's objects ("move beds and staff to …") when a preposition is asked. */
const CLAUSE_END_NOT_AND = /[;:!?()"“”—–]|,\s|\.(?:\s|$)|\s(?:but|while|whereas|which|who|where|when)\s/;
const MAX_PLACE_WORDS = 8;
/** The question's verb, its last key word written in lower case, and the preposition of place that ends it, if any. */
interface AskedVerb {
  terms: string[];
  preposition: string | null;
}

const askedVerbCache = new WeakMap<Query, AskedVerb>();

/** "Where would services move to?": the terms of "move", and "to". The first word, and names, are passed over. */
function askedVerb(query: Query): AskedVerb {
  let verb = askedVerbCache.get(query);
  if (verb) return verb;
  const words = tokenize(query.text);
  let q = words.length - 1;
  const lastWord = q > 0 ? foldWord(words[q]!.surface) : '';
  const preposition = PLACE_PREPOSITIONS.has(lastWord) ? lastWord : null;
  if (preposition) q--;
  let terms: string[] = [];
  for (; q > 0 && terms.length === 0; q--) if (!CAPITALISED.test(words[q]!.surface)) terms = termsOf(words[q]!.surface).filter((t) => query.keys.has(t));
  askedVerbCache.set(query, (verb = { terms, preposition }));
  return verb;
}

/** A preposition of place, and "the", just before a name: "from Launch Pad", "at the Orrin Marina". */
const PLACE_BEFORE = new RegExp(`\\b(?:${questionData.placePrepositions.join('|')})\\s+(?:the\\s+)?$`, 'i');

/** True when the word starts inside one of the spans. */
function startsIn(t: Token, spans: readonly Span[]): boolean {
  for (const d of spans) if (d.start <= t.start && t.start < d.end) return true;
  return false;
}

/**
 * "Where did the march end?", "Where would services move to?": the place the question's verb, and
 * the preposition that ends the question, govern in the sentence — "outside the town hall" of
 * "set off from Elm Park and ended with a rally outside the town hall", "Harwell General Hospital"
 * of "will move from St Ives's to Harwell General Hospital". After the verb, in its clause, comes
 * a preposition of place: the question's own when it asks with one, else any but "from", and not
 * one before a date or number ("on Friday"). What follows it, to the end of the clause or the
 * first date, holds the answer: a named place in it, or for a "where" question the words
 * themselves. Null when the sentence lacks the verb, or no such words follow it.
 */
function governedPlace(text: string, tokensOf: () => readonly Token[], places: readonly Span[], query: Query, datesOf: () => readonly Span[], terms?: ReadonlySet<string>): Span | null {
  const { terms: verb, preposition: asked } = askedVerb(query);
  // The sentence's index terms, when known, tell without tokenising it that it lacks the verb.
  if (verb.length === 0 || (terms && !verb.some((v) => terms.has(v)))) return null;
  const tokens = tokensOf();
  const v = tokens.findIndex((t) => termsOf(t.surface).some((x) => verb.includes(x)));
  if (v < 0) return null;
  const from = tokens[v]!.end;
  const stop = (asked ? CLAUSE_END_NOT_AND : CLAUSE_END).exec(text.slice(from));
  const clauseEnd = stop ? from + stop.index : text.length;
  let dates: readonly Span[] | undefined;
  for (let i = v + 1; i + 1 < tokens.length && tokens[i + 1]!.end <= clauseEnd; i++) {
    const word = foldWord(tokens[i]!.surface);
    if (asked ? word !== asked : !PLACE_PREPOSITIONS.has(word) || word === 'from') continue;
    if (/^\d/.test(tokens[i + 1]!.surface) || startsIn(tokens[i + 1]!, (dates ??= datesOf()))) continue;
    // The words after it, to the end of the clause or the first date ("the White House on Friday").
    let last = i + 1;
    while (last + 1 < tokens.length && tokens[last + 1]!.end <= clauseEnd && last - i < MAX_PLACE_WORDS && !startsIn(tokens[last + 1]!, (dates ??= datesOf()))) last++;
    if (last + 1 < tokens.length && startsIn(tokens[last + 1]!, (dates ??= datesOf()))) while (last > i + 1 && PLAIN_PLACE_PREPOSITIONS.has(foldWord(tokens[last]!.surface))) last--;
    const named = places.find((p) => p.start >= tokens[i]!.end && p.end <= tokens[last]!.end);
    if (named) return named;
    if (!/^\s*where\b/i.test(query.text)) return null;
    return { start: tokens[PLAIN_PLACE_PREPOSITIONS.has(word) ? i + 1 : i]!.start, end: tokens[last]!.end };
  }
  return null;
}

const questionWordCache = new WeakMap<Query, Set<string>>();

/** The words the question writes, as written. */
function questionWords(query: Query): Set<string> {
  let words = questionWordCache.get(query);
  if (!words) questionWordCache.set(query, (words = new Set(tokenize(query.text).map((t) => t.surface))));
  return words;
}

/** "No deaths", "no new cases", "nobody was hurt", "none of the passengers were injured": a count of none. */
const NONE = /\b(?:no|zero)\s+(?:new\s+|further\s+|other\s+|serious\s+)?([\p{L}-]+)|\b(?:nobody|no one|none)\b(?:\s+[\p{L}-]+){0,3}?\s+([\p{L}-]+)/giu;

/** For a "how many" question, "No deaths" or "nobody … hurt" where the noun or verb is one the question asks about; else null. */
function noneOf(text: string, query: Query): Span | null {
  if (!/\b(?:no|zero|nobody|no one|none)\b/i.test(text)) return null;
  const weights = matchWeights(query);
  for (const m of text.matchAll(NONE)) {
    const word = m[1] ?? m[2] ?? '';
    if (!termsOf(word).some((t) => weights.has(t))) continue;
    const end = m.index + m[0].length;
    // "No deaths"; "nobody was seriously hurt" is marked as the whole clause.
    return { start: m.index, end };
  }
  return null;
}

/** "Who won …?", "who is leading …?": the question asks for the subject of its verb; group 1 is the words after "who". */
const WHO_DOES = /^\s*who\s+(.+)$/i;
/** Most helping words or adverbs between a subject and its verb ("has narrowly won"). */
const MAX_SUBJECT_GAP = 3;

/** True when `gap`, between a name and a verb, holds only up to three stop words or adverbs in "-ly". */
function subjectGap(gap: string): boolean {
  if (!/^\s+(?:[\p{Ll}'’]+\s+)*$/u.test(gap)) return false;
  const words = gap.trim().split(/\s+/).filter(Boolean);
  return words.length <= MAX_SUBJECT_GAP && words.every((w) => STOP_WORDS.has(foldWord(w)) || w.endsWith('ly'));
}
/** What joins a name to the name that heads its phrase: "Liberal Union of Ana Ortiz", "Ana Ortiz's Liberal Union". */
const OF_GAP = /^(?:\s+of\s+(?:the\s+)?|['’]s\s+)$/;
const subjectVerbCache = new WeakMap<Query, string[]>();

/** The terms of the verb of "who won …?" (its first word after "who" that is no stop word), or none when a name comes first ("who did Ortiz beat?"). */
function subjectVerb(query: Query): string[] {
  let verb = subjectVerbCache.get(query);
  if (verb) return verb;
  verb = [];
  const rest = WHO_DOES.exec(query.text)?.[1];
  if (rest) {
    for (const t of tokenize(rest)) {
      if (CAPITALISED.test(t.surface)) break;
      if (STOP_WORDS.has(foldWord(t.surface))) continue;
      verb = termsOf(t.surface).filter((x) => query.keys.has(x));
      break;
    }
  }
  subjectVerbCache.set(query, verb);
  return verb;
}

/**
 * "Who won the election?" over "The centre-right Liberal Union of Ana Ortiz won Sunday's
 * election": the name before the question's verb is its subject, whatever it names, kept whole
 * with the names it joins ("Liberal Union of Ana Ortiz", "Ana Ortiz's party", "Ana Ortiz and
 * Leo Marr"). `spans` are the sentence's names that the question does not write, in order. Null
 * when the question asks no subject or no name stands just before its verb.
 */
function subjectSpan(text: string, words: MatchedWords, spans: readonly Span[], query: Query): Span | null {
  const verb = subjectVerb(query);
  if (spans.length === 0) return null;
  for (const t of words.tokens()) {
    if (!termsOf(t.surface).some((x) => verb.includes(x))) continue;
    const subject = spans.filter((x) => x.end <= t.start).pop();
    if (!subject || !subjectGap(text.slice(subject.end, t.start))) continue;
    let { start, end } = joined(text, spans, subject, LIST_GAP);
    for (;;) {
      const head = spans.filter((x) => x.end <= start).pop();
      if (!head || !OF_GAP.test(text.slice(head.end, start))) break;
      start = head.start;
    }
    return { start, end };
  }
  return null;
}

/**
 * The description a sentence opens with, up to a relative word, a comma or a helping verb: "A
 * retired teacher who …", "The driver of the van, …", "A local man has been charged".
 */
const OPENING_DESCRIPTION = /^(?:an?|the)\s+(?:[\p{L}'’-]+\s+){0,6}?[\p{L}'’-]+(?=\s+(?:who|whose|which|that|was|were|has|had|is|are|will|would|have)\b|,)/iu;

/** "Who was jailed?", "who has been charged?": a question that asks whom something was done to. */
const WHO_PASSIVE = /^\s*who\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|will\s+be|got|gets)\s/i;
/** A verb's helping "was", "has been" before it ("was jailed", "has been narrowly beaten"): the sentence says what was done to its subject. */
const PASSIVE_BEFORE = /\b(?:was|were|is|are|be|been|being)\s+(?:\p{L}+ly\s+)?$/iu;

/**
 * "Who was jailed?" over "A former shop owner who … has been jailed for six years": with no name
 * in the sentence, the description it opens with is who, when the question's verb follows it in
 * the same voice ("Who funded the study?" is not answered by the subject of "The study was funded by …").
 */
function describedSubject(text: string, words: MatchedWords, query: Query): Span | null {
  const opening = OPENING_DESCRIPTION.exec(text);
  if (!opening) return null;
  const verb = subjectVerb(query);
  const passive = WHO_PASSIVE.test(query.text);
  for (const t of words.tokens()) {
    if (t.start < opening[0].length || !termsOf(t.surface).some((x) => verb.includes(x))) continue;
    return PASSIVE_BEFORE.test(text.slice(0, t.start)) === passive ? { start: 0, end: opening[0].length } : null;
  }
  return null;
}

/** "What was inflation in August?": a question that asks what something was. */
const WHAT_IS = /^\s*what\s+(?:is|was|are|were)\s/i;

/**
 * "What was inflation in August?" over "…, with inflation running at 8.2% in August, and by a
 * scandal …": the number the question's words stand on both sides of, within one clause, is the
 * value asked for. Numbers the question writes are passed over. Null when no number stands so.
 */
function bracketedNumber(text: string, numbers: readonly string[], match: MatchedWords, query: Query, dates: readonly string[]): Span | null {
  if (numbers.length === 0 || !WHAT_IS.test(query.text)) return null;
  const spans = occurrences(text, numbers).filter((x) => !questionWords(query).has(text.slice(x.start, x.end)));
  const anchors = match.anchors();
  for (const x of spans) {
    const before = anchors.filter((a) => a < x.start).pop();
    const after = anchors.find((a) => a >= x.end);
    if (before === undefined || after === undefined) continue;
    if (/[,;:()—–"“”]/.test(text.slice(before, x.start)) || /[,;:()—–"“”]/.test(text.slice(x.end, after))) continue;
    // "a deadline of 24 June for payment": the number is the day of a date, and the date is the value.
    const date = dates.length > 0 ? occurrences(text, dates).find((d) => d.start <= x.start && x.end <= d.end) : undefined;
    if (date) return date;
    return joined(text, spans, x, RANGE_GAP);
  }
  return null;
}

/** "Did the rocket reach orbit?", "Is the bridge open?": a question answered yes or no. */
const YES_NO = /^\s*(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could|should|shall|may|might|must)(?:n['’]t)?\s/i;
/** What ends a clause of a sentence: a comma, a stop, a colon, bracket or dash, or a word that opens another clause. */
const CLAUSE_BREAK = /[,;:()—–]\s*|\s(?:but|while|whereas|which|who)\s/g;

/**
 * "Did the Tarn rocket reach orbit?" over "The Tarn rocket reached orbit on Tuesday, lifting
 * off from …, after its first exploded last year": the clause that holds most of the
 * question's words says yes or no. Null when the sentence is one clause (all of it answers) or
 * no clause holds the question's words.
 */
function answeringClause(text: string, match: MatchedWords): Span | null {
  const cuts: Span[] = [];
  for (const m of text.matchAll(CLAUSE_BREAK)) cuts.push({ start: m.index, end: m.index + m[0].length });
  if (cuts.length === 0) return null;
  const anchors = match.anchors();
  let best: Span | null = null;
  let most = 0;
  let from = 0;
  for (const cut of [...cuts, { start: text.length, end: text.length }]) {
    const clause = { start: from, end: cut.start };
    let n = 0;
    for (const a of anchors) if (a >= clause.start && a < clause.end) n++;
    // Of clauses with as many of the question's words, a negated one says the answer is no:
    // "has not paid the fine" over "Halden Coatings" for "Has Halden Coatings paid the fine?".
    if (n > 0 && n === most && best && !NEGATED.test(text.slice(best.start, best.end)) && NEGATED.test(text.slice(clause.start, clause.end))) best = clause;
    if (n > most) {
      most = n;
      best = clause;
    }
    from = cut.end;
  }
  if (!best) return null;
  const words = text.slice(best.start, best.end);
  const start = best.start + (words.length - words.trimStart().length);
  const end = best.start + words.replace(/[.!?"”’]+\s*$/, '').trimEnd().length;
  return end - start < text.trim().length * 0.9 ? { start, end } : null;
}

/** Where `needle` first stands in `text`, or null. */
function finder(text: string): (needle: string) => Span | null {
  return (needle) => {
    const at = text.indexOf(needle);
    return at >= 0 ? { start: at, end: at + needle.length } : null;
  };
}

/** The group a share question asks about: the words after "what percentage of" up to its verb. */
const ASKED_GROUP = /^\s*(?:what|which)\s+(?:percentage|percent|per cent|proportion|share)\s+of\s+((?:[\p{L}'’-]+\s+){0,3}?[\p{L}'’-]+?)\s+(?:had|have|has|were|was|are|is|did|do|does|will|would|could|can|got|get|gets|said|say|says|took|take|takes|voted|vote|votes)\b/iu;
/** Words that make a group the opposite, or the lesser part, of another: "non-smokers", "those who swam less". */
const GROUP_NEGATION = new RegExp(`(?:^|[^\\p{L}])(?:${questionData.lesserGroupWords.join('|')})(?![\\p{L}])`, 'iu');
/** Where the group a share is of ends: at a clause's punctuation or where the comparison with another group begins. */
const GROUP_END = /[,;:()—–]|\b(?:compared|against|versus|while|whereas|than)\b/i;

/**
 * Of several shares of one sentence, those whose group ("of those who cycled daily") writes the
 * word of the group the question asks about ("what percentage of cyclists …") the same way round:
 * "non-cyclists" is the group "who cycled less" or "who did not cycle", "cyclists" the one without
 * such a word. Null when that tells none apart.
 */
function sharesOfAskedGroup(text: string, shares: readonly Span[], query: Query): Span[] | null {
  const group = ASKED_GROUP.exec(query.text)?.[1];
  if (!group) return null;
  const plan = planOf(query);
  const wanted = new Set<string>();
  for (const t of tokenize(group.replace(/\bnon-/gi, ' '))) {
    const folded = foldWord(t.surface);
    if (STOP_WORDS.has(folded) || folded === 'non') continue;
    // "hikers" is asked about as "hike", the word the articles write.
    for (const term of [...termsOf(t.surface), ...derivedForms(t.surface)]) {
      wanted.add(term);
      const k = plan.keyList.indexOf(term);
      for (const r of (k >= 0 ? plan.keyRelated[k] : undefined) ?? []) wanted.add(r);
    }
  }
  if (wanted.size === 0) return null;
  const negated = GROUP_NEGATION.test(group);
  const kept = shares.filter((x) => {
    const after = /^[^\s]*(?:\s+per\s?cent)?\s+of\s+/i.exec(text.slice(x.end));
    if (!after) return false;
    const rest = text.slice(x.end + after[0].length);
    const end = GROUP_END.exec(rest);
    const phrase = end ? rest.slice(0, end.index) : rest;
    if (!tokenize(phrase).some((t) => termsOf(t.surface).some((term) => wanted.has(term)))) return false;
    return GROUP_NEGATION.test(phrase) === negated;
  });
  return kept.length > 0 && kept.length < shares.length ? kept : null;
}

/**
 * The part of a sentence that answers: the expected entity, number or date, or the clause after
 * the matched terms. `terms`, the sentence's index terms when the caller has them, spare
 * tokenising it to learn that it lacks a word the question asks about.
 */
export function answerSpan(doc: SentenceDoc, query: Query, terms?: ReadonlySet<string>): Span | null {
  const span = slotSpan(doc, query, terms);
  return span && span.start > 0 ? withNegation(doc.sentence.text, span, query) : span;
}

/** A negation, or a word ending in "n't". */
const NEGATED = new RegExp(`\\b(?:${questionData.negations.join('|')})\\b|n['’]t\\b`, 'i');
/** What opens a clause: a mark of punctuation or a quotation mark. */
const CLAUSE_MARK: ReadonlySet<string> = new Set([...',;:()—–.!?"“”']);
/** Every negation, or "n't" (of a word it ends). */
const NEGATIONS = new RegExp(NEGATED.source, 'gi');
/** Most words that may stand between a negation and the span it governs ("no *charges* had been brought"). */
const MAX_NEGATED_GAP = 4;

/**
 * "Has anyone been charged?" over "… and that no charges had been brought": a span that starts after
 * a negation of its own clause, with only the question's words and function words between, is
 * marked from the negation, so that read alone it does not say the opposite ("no charges had been
 * brought", not "had been brought"). Other spans are kept.
 */
function withNegation(text: string, span: Span, query: Query): Span {
  // The clause the span starts in: from the last mark of punctuation before it.
  let from = span.start;
  while (from > 0 && !CLAUSE_MARK.has(text.charAt(from - 1))) from--;
  if (!NEGATED.test(text.slice(from, span.start))) return span;
  const before = text.slice(0, span.start);
  let negation: RegExpExecArray | null = null;
  for (const m of before.slice(from).matchAll(NEGATIONS)) negation = m;
  if (!negation) return span;
  const gap = tokenize(before.slice(from + negation.index + negation[0].length));
  if (gap.length > MAX_NEGATED_GAP) return span;
  const weights = matchWeights(query);
  if (!gap.every((t) => STOP_WORDS.has(foldWord(t.surface)) || termsOf(t.surface).some((term) => weights.has(term)))) return span;
  // "n't" is marked with the word it ends ("hasn't").
  const at = from + negation.index;
  const start = /^n['’]t$/i.test(negation[0]) ? at - (/\p{L}*$/u.exec(before.slice(0, at))?.[0].length ?? 0) : at;
  return { start, end: span.end };
}

function slotSpan(doc: SentenceDoc, query: Query, terms?: ReadonlySet<string>): Span | null {
  // "Tell me about the strike": the whole sentence is the answer.
  if (query.topic) return null;
  const text = doc.sentence.text;
  const find = finder(text);
  // Tokenised only when needed: most answers have one number, date or name to mark.
  const match = new MatchedWords(doc.sentence, query);
  if (query.answerType === 'number') {
    // "No deaths have been reported, but two firefighters were treated …": none is the count asked for.
    const none = noneOf(text, query);
    if (none) return none;
  }
  if (query.answerType === 'number' && doc.sentence.numbers.length > 0) {
    // A number the question itself writes ("the Corra 2", "in 2019") is not what it asks for.
    const all = occurrences(text, doc.sentence.numbers);
    const fresh = all.length > 1 ? all.filter((x) => !questionWords(query).has(text.slice(x.start, x.end))) : all;
    const spans = fresh.length > 0 ? fresh : all;
    // "How much is the X?", "how much will it cost?": a price, when the sentence gives one.
    const prices = ASKS_PRICE.test(query.text) ? spans.filter((x) => PRICE.test(text.slice(x.start, x.end))) : [];
    let candidates = prices.length > 0 ? prices : spans;
    // "What percentage of cyclists …": the share ("12%"), not the "10 years" beside it.
    if (candidates.length > 1 && ASKS_SHARE.test(query.text)) {
      const shares = candidates.filter((x) => SHARE_AFTER.test(text.slice(x.start, x.end + 9)));
      if (shares.length > 0) candidates = shares;
      // "9% of those who cycled daily …, compared with 14% of those who cycled less": the share of the group asked about.
      if (candidates.length > 1) candidates = sharesOfAskedGroup(text, candidates, query) ?? candidates;
    }
    // "How big is the blaze?" over "started near Gate 12 and had burned 3,200 acres": the number of a name
    // ("Gate 12") or a person's age ("Ada Venn, 58,") is no size or count, when the sentence gives another number.
    if (candidates.length > 1 && !HOW_OLD.test(query.text)) {
      const plain = candidates.filter((x) => !namesWithNumber(text, x.start, x.end) && !isAgeOf(text, x.start, x.end));
      if (plain.length > 0) candidates = plain;
    }
    // "How much is X paying for Y?" over "agreed to buy Y for £2.4bn …, with annual sales of about £5bn": the price.
    if (candidates.length > 1 && PAYS_FOR.test(query.text)) {
      const purchase = PURCHASE_FOR.exec(text);
      const paid = purchase ? candidates.filter((x) => x.start === purchase.index + purchase[0].length) : [];
      if (paid.length > 0) candidates = paid;
    }
    // The numbers a range may join: "12.5% and 31" is no range of seats.
    let ranged = spans;
    // "How old is she?" over "ending 12 years of rule and putting the 52-year-old …": the number of the age.
    if (candidates.length > 1 && HOW_OLD.test(query.text)) {
      const age = AGE.exec(text);
      if (age) {
        const inAge = candidates.filter((x) => x.start >= age.index && x.end <= age.index + age[0].length);
        if (inAge.length > 0) ranged = candidates = inAge;
      }
    }
    // "How many users …": "12 months", "£5m", "1,800 kg" or "12.5%" counts none of them.
    if (candidates.length > 1 && countsThings(query)) {
      const counts = candidates.filter((x) => isCount(text, text.slice(x.start, x.end), x.end) && !PERCENT.test(text.slice(x.start, x.end)));
      if (counts.length > 0) {
        ranged = candidates = counts;
        // "How many fires …" over "214 reports …, including 47 fires": where a number names what is
        // counted, one that names another thing is no answer ("17 people died and 40 were injured" keeps both).
        if (counts.length > 1 && counts.some((x) => namesCounted(text, x.end, query) === true)) candidates = counts.filter((x) => namesCounted(text, x.end, query) !== false);
      }
    } else if (candidates.length > 1 && planOf(query).howMuch && !ASKS_DURATION.test(query.text)) {
      // "How much aid is the bloc sending?" over "two rescue teams and €5 million in aid": an amount, not a count of things named.
      const amounts = candidates.filter((x) => !countsNamedThings(text, text.slice(x.start, x.end), x.end));
      if (amounts.length > 0) candidates = amounts;
    } else if (candidates.length > 1 && ASKS_SPEED.test(query.text)) {
      // "How fast was it going?": "24mph", not the "18:40" of the tram's departure or the "two" of its cars.
      const speeds = candidates.filter((x) => isSpeed(text, text.slice(x.start, x.end), x.end));
      if (speeds.length > 0) candidates = speeds;
    } else if (candidates.length > 1 && HOW_MEASURE.test(query.text)) {
      // "How tall is the rocket?" over "The 30-meter rocket lifted off from Pad 3": the measure; "how
      // long did the study follow them?" over "followed 4,000 people for 9 years": the span of time, or at least not the count.
      const long = HOW_LONG.test(query.text);
      let measured = candidates.filter((x) => isMeasure(text, text.slice(x.start, x.end), x.end) || (long && isDuration(text, x.end)));
      if (measured.length === 0) measured = candidates.filter((x) => !countsNamedThings(text, text.slice(x.start, x.end), x.end));
      if (measured.length > 0) candidates = measured;
    }
    // "How much is it now?" over "will provide $120bn by 2030, up from about $40bn today": the figure beside the present.
    if (candidates.length > 1 && PRESENT.test(query.text)) {
      const present = candidates.filter((x) => PRESENT_AFTER.test(text.slice(x.end, x.end + 30)) || PRESENT_BEFORE.test(text.slice(Math.max(0, x.start - 30), x.start)));
      if (present.length > 0) candidates = present;
    }
    // "How long are tests taking?" over "checks, which usually take 20 minutes, were taking up to three hours": the usual figure is the one compared with.
    if (candidates.length > 1 && !USUAL.test(query.text)) {
      const current = candidates.filter((x) => !USUAL_BEFORE.test(text.slice(Math.max(0, x.start - 40), x.start)));
      if (current.length > 0) candidates = current;
    }
    // "31" of "as of 31 August 2009" is part of a date, not a count ("by 151" read as a year is still a number).
    if (candidates.length > 1 && doc.sentence.dates.length > 0) {
      const dates = occurrences(text, doc.sentence.dates);
      const counts = candidates.filter((x) => !dates.some((d) => d.start <= x.start && x.end <= d.end && d.end - d.start > x.end - x.start));
      if (counts.length > 0) candidates = counts;
    }
    const chosen = (candidates.length > 1 ? byNeighbours(text, match.tokens(), candidates, query, 'number') : undefined) ?? nearest(candidates, match);
    if (chosen) {
      const span = withConversion(text, ranged, joined(text, ranged, chosen, RANGE_GAP));
      // "How long was the ceremony?": the whole span of time, "three hours and 40 minutes", not its "three".
      if (!HOW_LONG.test(query.text)) return span;
      // "two and a half years" read as its "half": with the whole number before it.
      const whole = /^half\b/i.test(text.slice(span.start)) ? /(?:\d[\d.,]*|\p{L}+)\s+and\s+a\s+$/iu.exec(text.slice(Math.max(0, span.start - 30), span.start)) : null;
      return { start: whole ? span.start - whole[0].length : span.start, end: durationEnd(text, span.end) };
    }
  }
  if (query.answerType === 'score') {
    const chosen = nearest(scoresOf(doc), match);
    if (chosen) {
      // "a 0-0 draw", "a 3-1 win": with the word that says what the score was.
      const after = WORD_AFTER.exec(text.slice(chosen.end));
      return after?.[1] && SCORE_FOLLOW.has(foldWord(after[1])) && !STOP_WORDS.has(foldWord(after[1])) ? { start: chosen.start, end: chosen.end + after[0].length } : chosen;
    }
  }
  if (query.answerType === 'date') {
    const all = occurrences(text, doc.sentence.dates);
    const spans = all.length > 1 ? ownEventDates(text, () => match.tokens(), all, doc, query) : all;
    // "once" and "twice" are numbers too, but not what makes "within three months" exact.
    const counts = doc.sentence.numbers.filter((n) => !/^(?:once|twice)$/i.test(n));
    const chosen = (spans.length > 1 ? byNeighbours(text, match.tokens(), spans, query, 'date') : undefined) ?? nearest(spans, match);
    if (chosen) {
      // "between March 2021 and June 2024": the whole range, not its first date.
      const range = joined(text, spans, chosen, DATE_GAP);
      const opener = range.start === chosen.start && range.end === chosen.end ? null : RANGE_OPENER.exec(text.slice(0, range.start));
      return opener ? { start: opener.index, end: range.end } : range;
    }
    const time = timeExpressionSpan(text, match, occurrences(text, counts));
    if (time) return time;
  }
  if (query.answerType === 'reason') {
    const reason = reasonSpan(text, match);
    if (reason) return reason;
  }
  // "Who is Jane Roe?" asks what the sentence calls her; never another person's name.
  const refs = whoIsRefs(doc, query);
  if (refs) return descriptionSpan(doc, refs, find);
  const defined = definitionSpan(text, query);
  if (defined) return defined;
  if (query.answerType === 'person' || query.answerType === 'place' || query.answerType === 'organisation') {
    const type = query.answerType;
    const typed: string[] = [];
    const all: string[] = [];
    for (const e of doc.entities) {
      if (query.entitySet.has(e)) continue;
      if (e.type === type) typed.push(e.name, ...e.aliases);
      all.push(e.name, ...e.aliases);
    }
    const typedSpans = occurrences(text, typed);
    if (type !== 'place' && subjectVerb(query).length > 0) {
      const subject = subjectSpan(text, match, occurrences(text, all), query) ?? (typedSpans.length === 0 ? describedSubject(text, match, query) : null);
      if (subject) return subject;
    }
    const governed = type === 'place' ? governedPlace(text, () => match.tokens(), typedSpans, query, () => occurrences(text, doc.sentence.dates), terms) : null;
    // Words of a place that names no one: "outside the town hall".
    if (governed && !typedSpans.includes(governed)) return governed;
    // "Who is the mayor?": the mayor's name, not the name nearest the question's other words ("X flew to Town with Mayor Y").
    const office = type === 'person' && !governed ? query.roles.find((o) => o.refs.length > 0 && (o.asked || WHO_IS.test(query.text.trim()))) : undefined;
    const holder = office ? occurrences(text, office.refs.flatMap((r) => [r.entity.name, ...r.entity.aliases]))[0] : undefined;
    let named = typedSpans;
    // "Where did it launch from?" over "rose from Launch Pad 2 at the Orrin test range at 9:30 a.m., …":
    // with no place named, a name of no person that a preposition of place governs ("from Launch Pad") is where.
    if (type === 'place' && !governed && typedSpans.length === 0) {
      const others = doc.entities.filter((e) => e.type !== 'person' && !query.entitySet.has(e)).flatMap((e) => [e.name, ...e.aliases]);
      named = occurrences(text, others).filter((x) => PLACE_BEFORE.test(text.slice(Math.max(0, x.start - 12), x.start)));
    }
    const chosen = governed ?? holder ?? nearest(named, match);
    // A list goes on through names of any type: "Libya, France, and the United States".
    if (chosen) {
      const spans = occurrences(text, all);
      const at = spans.find((x) => x.start <= chosen.start && chosen.end <= x.end);
      const list = at ? joined(text, spans, at, LIST_GAP) : chosen;
      return type === 'person' ? throughAppositions(text, typedSpans, list, chosen, match.anchors()) : list;
    }
  }
  if (doc.quote && query.asksForQuote) {
    const q = quoteSpan(text, doc.quote);
    if (q) return q;
  }
  if (query.answerType === 'other' && YES_NO.test(query.text)) return answeringClause(text, match);
  const value = bracketedNumber(text, doc.sentence.numbers, match, query, doc.sentence.dates);
  if (value) return value;
  // The clause after the last word that matches the question.
  const matched = match.anchors();
  const words = match.tokens();
  let last = -1;
  for (let i = 0; i < words.length; i++) if (matched.includes(words[i]!.start)) last = i;
  // A matched word inside a name ("Eastgate Hydro Power Ltd.", "New York"): the clause starts after the name.
  while (last >= 0 && last + 1 < words.length && CAPITALISED.test(words[last]!.surface) && CAPITALISED.test(words[last + 1]!.surface) && /^\s+$/.test(text.slice(words[last]!.end, words[last + 1]!.start))) last++;
  if (last < 0 || last >= words.length - 2) return null;
  const start = words[last + 1]!.start;
  const rest = text.slice(start);
  const stop = /,\s*(?:according|said|the\s+\w+\s+said)|[;—–]|,\s*(?:while|but|which|who)\b|[.!?]["”’]?\s*$/.exec(rest);
  let end = start + (stop ? stop.index : rest.length);
  // A span that starts inside a quote ends with it, before the ", he said" that follows.
  if (insideQuote(text.slice(0, start))) {
    const close = /[,.!?]?["”]/.exec(rest);
    if (close) end = Math.min(end, start + close.index);
  }
  const span = text.slice(start, end).trim();
  if (span.split(/\s+/).length < 2) return null;
  return { start, end: start + span.length };
}

/** "What did X say / tell / post …": the question asks for X's own words (group 1 is X). */
const ASKS_WORDS_OF = /^\s*what\s+(?:did|does|do|has|have|had)\s+(.+?)\s+(?:say|tell|post|write|tweet|comment|announce|declare)\b/i;
const SPEECH_VERB_LIST = speechData.verbs.join('|');
// Case-sensitive: "States" in "the United States" is a name, not the verb.
const SPEECH_NEAR = new RegExp(`^[^.;:"“”]{0,40}?\\b(?:${SPEECH_VERB_LIST})\\b`);
const SPEECH_AFTER_CLAUSE = new RegExp(`^,(?:[^,.;:"“”]|[,.](?=\\d)){1,200},[^.;:"“”]{0,40}?\\b(?:${SPEECH_VERB_LIST})\\b`);

/**
 * True when `rest`, the text after a name, has a verb of speech shortly after it, within its clause
 * ("the union, which represents dockers, said …"), or after a clause of any length set off by
 * commas ("The Liberal Democrats, who hold 14 of the 20 most rural seats in England, said …"; a
 * comma or full stop inside a number does not end it).
 */
function speechAfter(rest: string): boolean {
  // The common case is tested first: the clause set off by commas costs a long backtracking match.
  return SPEECH_NEAR.test(rest) || (rest.charCodeAt(0) === 44 /* , */ && SPEECH_AFTER_CLAUSE.test(rest));
}
/** "According to X", "citing X": X is the source of what follows. */
const CITED_BEFORE = new RegExp(`\\b(?:${speechData.attributionOpeners.join('|')})\\s+(?:the\\s+)?$`, 'i');
/** "According to its operations director, X, …": X, set off by commas after their role, is the source. */
const CITED_ROLE_BEFORE = new RegExp(`\\b(?:${speechData.attributionOpeners.join('|')})\\s+[^,.;:!?"“”]{1,60},\\s+$`, 'i');
const PRONOUN_SAYS = new RegExp(`\\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\\s+(?:\\w+\\s+)?(?:${SPEECH_VERB_LIST})\\b`);
/** Past this many articles naming X, X is assumed to say something somewhere. */
const MAX_SPEAKER_CHECKS = 50;

/** True when the article reports anything this entity said: a quote it speaks, or a sentence where it says or is cited. */
function saysAnything(index: Index, ref: EntityRef): boolean {
  for (const q of ref.article.quotes) if (q.speaker?.entity === ref.entity.id) return true;
  if (ref.entity.type === 'organisation') {
    for (const q of ref.article.quotes) {
      if (!q.speaker) continue;
      const entity = q.speaker.entity ? (ref.article.entities.find((e) => e.id === q.speaker!.entity) ?? null) : null;
      if (speaksForOrganisation({ entity, description: q.speaker.description }, ref.entity)) return true;
    }
  }
  const names = [ref.entity.name, ...ref.entity.aliases];
  for (const id of ref.entity.mentions) {
    const text = index.doc(ref.article.id, id)?.sentence.text;
    if (!text) continue;
    for (const name of names) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        const after = text.slice(at + name.length);
        if (speechAfter(after) || CITED_BEFORE.test(text.slice(0, at))) return true;
        // In apposition only: in "according to police, X was arrested" the police are the source.
        if (after.charCodeAt(0) === 44 /* , */ && CITED_ROLE_BEFORE.test(text.slice(0, at))) return true;
      }
    }
  }
  for (const id of ref.entity.pronounMentions) {
    const text = index.doc(ref.article.id, id)?.sentence.text;
    if (text && PRONOUN_SAYS.test(text)) return true;
  }
  return false;
}

/**
 * The entities a "what did X say …" question asks the words of: X written as a bare name ("what
 * did the mayor of Lyon say" asks the mayor, not Lyon). Empty for any other question.
 */
function subjectRefs(query: Query, limit: number): EntityRef[] {
  const m = ASKS_WORDS_OF.exec(query.text);
  if (!m?.[1] || query.entities.length === 0) return [];
  const subject = m[1].replace(/^the\s+/i, '').replace(/['’]s?$/, '').trim().toLowerCase();
  const out: EntityRef[] = [];
  for (const r of query.entities) {
    if (!lowerNames(r.entity).includes(subject)) continue;
    out.push(r);
    if (out.length > limit) break;
  }
  return out;
}

const lowerNamesCache = new WeakMap<Entity, readonly string[]>();

/** An entity's name and aliases in lower case, worked out once: a name a whole corpus mentions has thousands of references. */
function lowerNames(e: Entity): readonly string[] {
  let names = lowerNamesCache.get(e);
  if (!names) lowerNamesCache.set(e, (names = [e.name, ...e.aliases].map((n) => n.toLowerCase())));
  return names;
}

/** "What did the police say?", "how did residents react?": the words naming whoever is asked to speak or react. */
const ASKS_GROUP_OF = /^\s*(?:what|how)\s+(?:did|does|do|has|have|had|will|would)\s+(.+?)\s+(?:say|tell|post|write|comment|respond|reply|react)\b/i;
/** A speech verb and the few words on either side of it, within its clause: who says it stands there ("police said", "said the council"). */
const SPEECH_WINDOW = new RegExp(`((?:[^\\s,;:.!?"“”]+\\s+){0,3})\\b(?:${SPEECH_VERB_LIST})\\b((?:\\s+[^\\s,;:.!?"“”]+){0,2})`, 'g');
/** The words that open a sentence: a group that opens it ("Investors welcomed the deal") is its subject. */
const OPENING_WORDS = /^(?:[^\s,;:.!?"“”]+\s+){0,3}/;

/** Who a question asks to speak or react: the terms naming them, and whether any deed of theirs answers ("how did they react?") or only their words. */
interface AskedGroup {
  terms: readonly string[];
  reacts: boolean;
}
const groupTermsCache = new WeakMap<Query, AskedGroup | null>();

/**
 * For a question that asks what a group or body not named as an entity said or how it reacted
 * ("what did the police say?", "how did markets react?"), the terms of the words that name it;
 * null for any other question (one naming an entity or an office has its own speaker tests).
 */
function askedGroup(query: Query): AskedGroup | null {
  let group = groupTermsCache.get(query);
  if (group !== undefined) return group;
  group = null;
  if (query.asksForQuote && query.entities.length === 0 && query.roles.length === 0) {
    const m = ASKS_GROUP_OF.exec(query.text);
    const named = m?.[1] ? textTerms(m[1]) : [];
    // A pronoun ("what did they say?") names no one: the thread's story says whom it stands for.
    if (named.length > 0) group = { terms: named, reacts: /^how\b/i.test(query.text.trim()) || /\b(?:respond|react)\b/i.test(m![0]) };
  }
  groupTermsCache.set(query, group);
  return group;
}

type Speaker = NonNullable<SentenceDoc['speaker']>;
const speakerTermsCache = new WeakMap<Speaker, Set<string>>();

/** The terms of how a speaker is described, named and of their roles, worked out once per speaker. */
function speakerTerms(speaker: Speaker): Set<string> {
  let terms = speakerTermsCache.get(speaker);
  if (!terms) {
    terms = new Set(textTerms(speaker.description));
    if (speaker.entity) for (const text of [speaker.entity.name, ...speaker.entity.roles]) for (const t of textTerms(text)) terms.add(t);
    speakerTermsCache.set(speaker, terms);
  }
  return terms;
}

/** True unless the question asks what a group said and this sentence is not that group speaking. */
function askedGroupSpeaks(query: Query, doc: SentenceDoc): boolean {
  const group = askedGroup(query);
  return group === null || spokenBy(doc, group);
}

/**
 * True when the group the question asks about is who speaks here: the quote's speaker is so
 * described, or its words stand next to a verb of speech ("…, police said", "Police said 14
 * people were arrested"), not only somewhere in the sentence ("Organisers said …, while police
 * estimated …"), nor after a verb that has its subject before it ("Organisers said police …").
 */
function spokenBy(doc: SentenceDoc, group: AskedGroup): boolean {
  const speaker = doc.speaker;
  if (speaker) {
    const terms = speakerTerms(speaker);
    if (group.terms.some((t) => terms.has(t))) return true;
    if (doc.quote) return false;
  }
  const text = doc.sentence.text;
  // "Villages say the pact …": with a subject before the verb, the words after it are what is said, not who says it ("…, said the council", "said by the council").
  for (const m of text.matchAll(SPEECH_WINDOW)) if (namesGroup(m[1]?.trim() && !/^\s+by\b/i.test(m[2] ?? '') ? m[1] : `${m[1] ?? ''} ${m[2] ?? ''}`, group)) return true;
  // "How did investors react?": "Investors welcomed the deal" says, though no one speaks.
  return group.reacts && namesGroup(OPENING_WORDS.exec(text)?.[0] ?? '', group);
}

/** True when the words name the group: one of their terms is one of its. */
function namesGroup(text: string, group: AskedGroup): boolean {
  for (const t of textTerms(text)) if (group.terms.includes(t)) return true;
  return false;
}

/** How much of the best's match a sentence where the asked person speaks must have to answer in place of someone else's quote naming them. */
const OTHER_SPEAKER_SHARE = 0.8;

/**
 * True when the question asks what a named person said and this is a quote whose speaker is
 * someone else the articles name, and not one who speaks for them ("Vesk Power's spokesperson, Ida Voss").
 */
function spokenByAnother(query: Query, doc: SentenceDoc): boolean {
  const speaker = doc.quote !== null ? doc.speaker : null;
  const other = speaker?.entity;
  if (!speaker || !other) return false;
  const subjects = subjectRefs(query, 4);
  return subjects.length > 0 && !subjects.some((r) => r.entity === other || speaksForOrganisation(speaker, r.entity));
}

/** True when the person a "what did X say" question asks speaks here: a quote of theirs, or a sentence reporting their words. */
function speaksAsked(query: Query, doc: SentenceDoc): boolean {
  for (const r of subjectRefs(query, 4)) if (doc.speaker?.entity === r.entity || speaksIn(doc, r.entity)) return true;
  return false;
}

/** Who a question asks the words of, when the articles never report them saying anything. */
interface Silent {
  names: string[];
  person: boolean;
}

/** True when the article quotes someone it does not name but describes by this office ("the spokesman said"). */
function officeSpeaks(article: Article, office: string): boolean {
  for (const q of article.quotes) if (q.speaker && q.speaker.entity === null && describesOffice(q.speaker.description, [office])) return true;
  return false;
}

/**
 * For "What did Belgium say …?": the names the question asks the words of when the articles
 * name them but never report anything they said, or null. Then any sentence that mentions
 * them would be a wrong answer. Only a bare name counts as X: in "what did the mayor of
 * Lyon say" the speaker is the mayor, not Lyon. "What did the Prime Minister say?" asks the
 * words of whoever holds the office, and is answered about the office as the question wrote it.
 */
function silentSpeakers(index: Index, query: Query, ranked: readonly Scored[]): Silent | null {
  const subject = ASKS_WORDS_OF.exec(query.text)?.[1]?.trim() ?? '';
  const folded = subject.toLowerCase().replace(/['’]s$/, '');
  const office = query.roles.find((o) => !o.asked && o.refs.length > 0 && (folded === o.text.toLowerCase() || folded.endsWith(' ' + o.text.toLowerCase())));
  if (office) {
    if (office.refs.length > MAX_SPEAKER_CHECKS) return null;
    for (const r of office.refs) if (saysAnything(index, r) || officeSpeaks(r.article, office.title)) return null;
    return { names: [subject.replace(/['’]s$/, '')], person: true };
  }
  if (query.entities.length === 0 && query.roles.length === 0) return silentDescription(index, subject, ranked);
  // Past MAX_SPEAKER_CHECKS references the check is not made, so counting stops there.
  const refs = subjectRefs(query, MAX_SPEAKER_CHECKS);
  if (refs.length === 0 || refs.length > MAX_SPEAKER_CHECKS) return null;
  for (const r of refs) if (saysAnything(index, r)) return null;
  // "What did the Transport Office say?" is answered about "the Transport Office", as the question wrote it.
  const the = /^the\s/i.test(subject) ? 'the ' : '';
  return { names: [...new Set(refs.map((r) => the + r.entity.name))], person: refs.some((r) => r.entity.type === 'person') };
}

/** "raised it with the", "wrote to": what is written before someone spoken to, with or about. */
const ADDRESSEE_BEFORE = new RegExp(`\\b(?:${speechData.addresseePrepositions.join('|')})\\s+(?:(?:the|a|an|its|their|his|her)\\s+)?$`, 'i');

/** A subject of "what did X say?" that is no one's description: a pronoun, or a word that asks. */
const NOT_DESCRIPTION = /^(?:i|you|we|he|she|it|they|this|that|these|those|everyone|anyone|someone|people|others?|who|which)$/i;

/**
 * For "What did the harbour master say?", who is named by no name and no office the lexicon
 * knows: the description when the best candidates write it, but only as someone spoken to, with
 * or about ("raised the plans with the harbour master"), never with a verb of speech after it, no
 * quote's unnamed speaker is so described and no one whose role it is says anything. Null when
 * the candidates never write it, or write it where it may act ("the harbour master rejected the
 * claim"): that is left to the decision model.
 */
function silentDescription(index: Index, subject: string, ranked: readonly Scored[]): Silent | null {
  const bare = subject.replace(/^the\s+/i, '').replace(/['’]s$/, '').trim();
  if (bare === '' || NOT_DESCRIPTION.test(bare)) return null;
  const folded = bare.toLowerCase();
  const articles = new Set<Article>();
  let named = false;
  for (const r of ranked) {
    const text = r.doc.sentence.text;
    const lower = text.toLowerCase();
    // Offsets of the lower-cased text stand for the text's only when lower-casing kept its length.
    if (lower.length !== text.length) continue;
    for (const at of occurrences(lower, [folded])) {
      // Only one spoken to, with or about is surely no speaker: "X rejected the claim" may answer.
      if (!ADDRESSEE_BEFORE.test(text.slice(0, at.start))) return null;
      named = true;
      articles.add(r.doc.article);
      if (speechAfter(text.slice(at.end))) return null;
    }
  }
  if (!named) return null;
  for (const article of articles) {
    if (officeSpeaks(article, folded)) return null;
    for (const entity of article.entities) {
      if (!entity.roles.some((role) => describesOffice(role, [folded]))) continue;
      if (saysAnything(index, { entity, article })) return null;
    }
  }
  return { names: [subject.replace(/['’]s$/, '')], person: true };
}

/** A personal pronoun that names who the question is about. */
const PERSON_PRONOUN = /\b(he|him|his|she|her|hers|they|them|their)\b/i;

/**
 * The pronoun of a question that is only about "him" or "her" ("what did he say?") with nothing
 * in the thread to say who, or null. Every other word of it merely frames the question, so any
 * quote would match as well as any other.
 */
function unresolvedPronoun(query: Query): string | null {
  if (query.entities.length > 0 || query.unknownNames.length > 0) return null;
  for (const key of query.keys.keys()) if (!SPEECH_STEMS.has(key)) return null;
  return PERSON_PRONOUN.exec(query.text)?.[1] ?? null;
}

/** Organisation words that end in "s" but name one body ("the United Nations", "the Times"). */
const SINGULAR_ORGANISATION_WORDS: ReadonlySet<string> = new Set(roleData.organisationWords);

/** A name that reads as plural: its last word ends in "s" ("the Liberal Democrats"), not as "Congress", "Lotus" or "the Times" do. */
function pluralName(name: string): boolean {
  const last = foldWord(name.trim().split(/\s+/).pop() ?? '');
  return /[^sui]s$/.test(last) && !SINGULAR_ORGANISATION_WORDS.has(last);
}

function describeMissing(query: Query, silent: Silent | null): string {
  if (silent) {
    const they = silent.person || silent.names.length > 1 || pluralName(silent.names[0] ?? '');
    return `The articles mention ${silent.names.join(' and ')} but don't report anything ${they ? 'they' : 'it'} said.`;
  }
  const pronoun = unresolvedPronoun(query);
  if (pronoun) return `Who do you mean by "${pronoun}"? Ask again with a name, or ask in the thread of an answer about them.`;
  if (query.unknownNames.length > 0) {
    const names = [...new Set(query.unknownNames)];
    return `The articles don't mention ${names.length === 1 ? names[0] : names.slice(0, -1).join(', ') + ' or ' + names[names.length - 1]}.`;
  }
  // The question as the user wrote it: a follow-up's rewriting ("and the MP?" asked of the question
  // before) is how briefbot read it, not words to show back.
  return `The articles don't answer "${query.original.replace(/\s+/g, ' ').trim()}".`;
}

const peopleCache = new WeakMap<Index, string[]>();

/** The five most-mentioned people of the corpus, for declines; worked out once per index. */
export function mentionedPeople(index: Index): string[] {
  let people = peopleCache.get(index);
  if (!people) {
    const counts = new Map<string, number>();
    for (const { entity } of index.entities) if (entity.type === 'person') counts.set(entity.name, (counts.get(entity.name) ?? 0) + entity.mentions.length);
    people = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5).map(([name]) => name);
    peopleCache.set(index, people);
  }
  return people;
}

/** How many of the best candidates' articles a decline draws its people and suggestions from. */
const NEAREST_ARTICLES = 3;
/** Below this nearness, no story is near enough to a declined question to name its people. */
const NEAR_STORY = 0.3;
/** One story is what a declined question is about when it is this much nearer than any other. */
const CLEAR_MARGIN = 0.12;

/** The articles of the best candidates, best first: what a declined question came closest to. */
function nearestArticles(ranked: readonly Scored[]): Article[] {
  const out: Article[] = [];
  for (const r of ranked) {
    if (!out.includes(r.doc.article)) out.push(r.doc.article);
    if (out.length >= NEAREST_ARTICLES) break;
  }
  return out;
}

/**
 * The one story a declined question is about, or null. An article's nearness is the mean of
 * its best candidate's coverage (the words found together in one sentence and around it) and
 * the share of the question's key weight its candidates cover between them (their words,
 * neighbours, headline and entities; words the corpus never uses count against every article
 * alike), plus the share its headline covers: a headline word names the story ("who will lead
 * the council?" is about the story whose headline says "council", not about one that uses
 * "lead" more). The nearest article is the story when it is near enough and clearly nearer
 * than any other. With one article, it is that one.
 */
function storyOf(index: Index, query: Query, ranked: readonly Scored[]): Article | null {
  if (index.articles.length === 1) return index.articles[0]!;
  const plan = planOf(query);
  let total = 0;
  for (const w of plan.keyWeights) total += w;
  if (total <= 0) return null;
  const near = new Map<Article, { best: number; keys: Set<number>; headline: ReadonlySet<string> }>();
  for (const r of ranked) {
    const f = index.features(r.doc);
    let n = near.get(r.doc.article);
    if (!n) near.set(r.doc.article, (n = { best: 0, keys: new Set(), headline: f.headline }));
    n.best = Math.max(n.best, r.coverage);
    for (let k = 0; k < plan.keyList.length; k++) {
      const key = plan.keyList[k]!;
      if (f.terms.has(key) || f.context.has(key) || f.headline.has(key) || f.entityTerms.has(key)) n.keys.add(k);
    }
  }
  let story: Article | null = null;
  let first = 0;
  let second = 0;
  for (const [article, n] of near) {
    let share = 0;
    for (const k of n.keys) share += plan.keyWeights[k]! / total;
    let named = 0;
    for (let k = 0; k < plan.keyList.length; k++) if (n.headline.has(plan.keyList[k]!)) named += plan.keyWeights[k]! / total;
    const nearness = (n.best + share) / 2 + named;
    if (nearness > first) {
      second = first;
      first = nearness;
      story = article;
    } else if (nearness > second) second = nearness;
  }
  return first >= NEAR_STORY && first - second >= CLEAR_MARGIN ? story : null;
}

/** What a decline reads of an article: its people, most mentioned first; the names of those it quotes; its most mentioned place. */
interface ArticleCast {
  people: Entity[];
  speakers: Set<string>;
  place: Entity | undefined;
  /** The place as a question writes it ("the UK"). */
  placeName: string;
}

/** By article: worked out once, not again for every decline (a decline read them twice, sorting with `localeCompare`). */
const castCache = new WeakMap<Article, ArticleCast>();

function castOf(article: Article): ArticleCast {
  let cast = castCache.get(article);
  if (cast) return cast;
  const people = article.entities.filter((e) => e.type === 'person').sort((x, y) => y.mentions.length - x.mentions.length || x.name.localeCompare(y.name));
  const byId = new Map(article.entities.map((e) => [e.id, e.name]));
  const speakers = new Set<string>();
  for (const q of article.quotes) {
    const name = q.speaker?.entity ? byId.get(q.speaker.entity) : undefined;
    if (name) speakers.add(name);
  }
  const place = article.entities.filter((e) => e.type === 'place').sort((a, b) => b.mentions.length - a.mentions.length)[0];
  castCache.set(article, (cast = { people, speakers, place, placeName: place ? placePhrase(place, article) : '' }));
  return cast;
}

/** The people of these articles: the nearest article's first, each article's most mentioned first. */
function peopleOf(articles: readonly Article[]): Entity[] {
  const out: Entity[] = [];
  const names = new Set<string>();
  for (const a of articles) {
    for (const e of castOf(a).people) {
      if (names.has(e.name)) continue;
      names.add(e.name);
      out.push(e);
    }
  }
  return out;
}

/** A question the articles answer about this entity: what a speaker said, who a person is, what happened in a place. */
function questionAbout(entity: Entity, speakers: ReadonlySet<string>, placeName: string = entity.name): string | null {
  if (entity.type === 'person') return speakers.has(entity.name) ? `What did ${shortNameOf(entity)} say?` : `Who is ${entity.name}?`;
  if (entity.type === 'place') return `What happened in ${placeName}?`;
  return null;
}

/**
 * Suggestions for a decline, about what the question came near: the corpus entities it names,
 * then the people and places of the story it is about or else of the articles its best
 * candidates come from, then the corpus's own suggestions, unless the question is about one
 * story of several. In a newsroom's corpus the most-mentioned people overall say little about
 * a question on one story.
 */
/** Adds a suggestion unless it is the question asked or already there. */
function addSuggestion(out: string[], asked: string, s: string | null): void {
  if (s && s.toLowerCase() !== asked && !out.includes(s)) out.push(s);
}

function suggestionsFor(index: Index, query: Query, near: readonly Article[], story: boolean): string[] {
  const speakers = new Set<string>();
  for (const a of near) for (const name of castOf(a).speakers) speakers.add(name);
  // A common name is thousands of entities in a large corpus: a few of its articles tell enough.
  for (const r of query.entities.slice(0, 20)) for (const q of r.article.quotes) if (q.speaker?.entity === r.entity.id) speakers.add(r.entity.name);
  const asked = query.text.replace(/\s+/g, ' ').trim().toLowerCase();
  const out: string[] = [];
  const named = new Set<string>();
  for (const r of query.entities) {
    if (named.has(r.entity.name)) continue;
    named.add(r.entity.name);
    addSuggestion(out, asked, questionAbout(r.entity, speakers, r.entity.type === 'place' ? placePhrase(r.entity, r.article) : r.entity.name));
  }
  const people = peopleOf(near);
  for (const e of people.slice(0, 2)) addSuggestion(out, asked, questionAbout(e, speakers));
  // The nearest article's most mentioned place.
  const cast = near[0] ? castOf(near[0]) : undefined;
  if (cast?.place) addSuggestion(out, asked, questionAbout(cast.place, speakers, cast.placeName));
  // The corpus's own suggestions are about any of its stories.
  if (!story) for (const s of index.suggestions) addSuggestion(out, asked, s);
  return out.slice(0, 3);
}

/**
 * A decline names the people of the story the question is about, when one clearly is; when the
 * question is as near (or as far) from several stories, it names nobody rather than people of
 * stories it is not about. Suggestions still come from the stories it came near.
 */
/** Most holders an "ambiguous office" reply names. */
const MAX_HOLDERS = 5;

/**
 * "What did the chief executive say?" when three stories each have one, and nothing in the
 * question or the thread says which: the office, with its holders in different articles. The
 * question must ask only what they said (a topic word, "about the strike", may say which).
 */
function ambiguousOffice(query: Query): RoleMention | null {
  if (!query.asksForQuote || query.roles.length !== 1) return null;
  const office = query.roles[0]!;
  // Reports of one story on several days name the same holder in each: one person is no ambiguity.
  if (office.asked || new Set(office.refs.map((r) => r.entity.name)).size < 2) return null;
  if (query.entities.some((r) => !office.refs.includes(r))) return null;
  for (const key of query.keys.keys()) if (!SPEECH_STEMS.has(key) && !office.terms.includes(key)) return null;
  return office;
}

/** "Which chief executive do you mean? …", naming each holder and their story, with a question about each. */
function whichHolderReply(office: RoleMention, query: Query): Reply {
  // Each holder once, though several reports of a story name them.
  const holders = office.refs.filter((r, i) => office.refs.findIndex((o) => o.entity.name === r.entity.name) === i);
  const refs = holders.slice(0, MAX_HOLDERS);
  const named = refs.map((r) => `${r.entity.name} (${r.article.title})`);
  const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}` : named[0];
  const lead = `Which ${office.text} do you mean? The articles name ${holders.length > refs.length ? 'several, among them' : 'several'}: ${list}.`;
  const suggestions = refs.map((r) => `What did ${shortNameOf(r.entity)} say?`);
  return makeReply({ kind: 'decline', command: 'ask', question: query.text, lead, confidence: 0, suggestions });
}

function declineReply(index: Index, query: Query, ranked: readonly Scored[], confidence: number, silent: Silent | null, history: readonly Turn[] = []): Reply {
  const office = ambiguousOffice(query);
  if (office) return whichHolderReply(office, query);
  let story = storyOf(index, query, ranked);
  // A follow-up that names no one of another story ("who is leading the firefighting?") is about
  // the conversation's: its suggestions come from that story, not from another whose words
  // ("took the lead") it happened to match.
  const thread = history.length > 0 && index.articles.length > 1 ? threadStory(index, history) : null;
  if (thread && story !== thread && !query.entities.some((r) => r.article === story)) story = thread;
  const near = story ? [story] : nearestArticles(ranked);
  const people = story ? peopleOf([story]).slice(0, 5).map((e) => e.name) : [];
  const lead = describeMissing(query, silent) + (people.length > 0 ? ` Mentioned people: ${people.join(', ')}.` : '');
  return makeReply({ kind: 'decline', command: 'ask', question: query.text, lead, confidence, suggestions: suggestionsFor(index, query, near, story !== null && index.articles.length > 1) });
}

function candidate(query: Query, s: Scored): Candidate {
  // A match can end without a score ("the match was abandoned"): for the decision, any sentence may answer a score question.
  const typed = query.answerType === 'score' || hasAnswerType(s.doc, query);
  return { coverage: s.coverage, score: s.score, missing: s.missing, paragraphMissing: s.paragraphMissing, text: s.doc.sentence.text, hasAnswerType: typed };
}

export interface AnswerTrace {
  query: Query;
  ranked: Scored[];
  declined: boolean;
  reason: string;
  /** The decision model's inputs for the best candidate (empty when there was none). */
  features: number[];
  /** Probability that the best candidate answers. */
  probability: number;
}

/**
 * The year a sentence names that the question does not, when it is before the article's own
 * ("A 2015 earthquake killed 300 people" in a story of this year's earthquake; an
 * article without a date: a year its headline and first sentence do not name) and the sentence
 * gives at most one number before it; with `countFirst`, whatever numbers it gives before it. Null otherwise.
 */
function earlierYear(doc: SentenceDoc, query: Query, countFirst = false): string | null {
  if (doc.position <= 1) return null;
  for (const d of doc.sentence.dates) {
    const year = YEAR.exec(d)?.[0];
    if (!year || query.text.includes(year)) continue;
    const own = doc.article.published.slice(0, 4);
    if (own !== '' ? year < own : !doc.article.title.includes(year)) {
      // A sentence that gives a count before the one the year goes with is about this year, compared:
      // "Labour won 12 seats, down from 26 at the last election in 2021"; "the £35m they paid for
      // Lunde in 2022" has only the earlier year's.
      const at = doc.sentence.text.indexOf(year);
      let before = 0;
      for (const n of doc.sentence.numbers) {
        const i = doc.sentence.text.indexOf(n);
        if (i >= 0 && i < at) before++;
      }
      if (before >= 2 && !countFirst) continue;
      return year;
    }
  }
  return null;
}

/** "Who will be the new head coach?": an office asked of whoever is to hold it; the first word of the office after it. */
const NEXT_HOLDER = new RegExp(`\\b(?:${questionData.nextHolderWords.join('|')})\\s+([\\p{L}-]+)`, 'iu');
/** Words that call someone the holder of an office before now: "a former coach", "the outgoing coach". */
const PAST_HOLDER_WORDS: readonly string[] = questionData.pastHolderWords;
/** How far down the ranking a sentence that is not about a past holder is looked for. */
const PAST_HOLDER_DEPTH = 5;

/**
 * True when a person question asks who will hold an office next ("Who will be the new head
 * coach?") and the sentence calls the person it names a past holder of that office ("Vell, a former
 * head coach, said …"): the past holder is no answer, and the question stays unanswered
 * unless another sentence answers it.
 */
function pastHolder(query: Query, doc: SentenceDoc): boolean {
  if (query.answerType !== 'person') return false;
  const office = NEXT_HOLDER.exec(query.text)?.[1];
  if (!office) return false;
  const past = new RegExp(`\\b(?:${PAST_HOLDER_WORDS.join('|')})[\\s-]+${office.replace(/[^\p{L}-]/gu, '')}`, 'iu');
  return past.test(doc.sentence.text);
}

/** A yes-or-no question that asks about the past as well: "has it ever flooded?", "… before?". */
const EVER = anyOf(questionData.pastAskWords);
/** How far down the ranking, and how close, a sentence of the story's own event is looked for before a yes-or-no question is declined. */
const BACKGROUND_DEPTH = 5;
const BACKGROUND_SHARE = 0.9;

/**
 * True when a yes-or-no question about the story ("Was anyone hurt in the landslide?") is best
 * matched only by a sentence about an earlier year's event ("A landslide on the same road in 2014
 * hurt four hikers"), and no sentence of the story's own event comes close: the earlier event's
 * injuries say nothing of this one's, so the question is not answered. Not when the
 * question names a year or asks about the past ("ever", "before").
 */
function onlyBackground(query: Query, pool: readonly Scored[], best: Scored): boolean {
  if (query.answerType !== 'other' || !YES_NO.test(query.text) || EARLIER_MARKER.test(query.text) || EVER.test(query.text)) return false;
  // Only a year before the article's own date is surely past: an undated article's "until 2027" may lie ahead.
  if (best.doc.article.published === '' || earlierYear(best.doc, query) === null) return false;
  return !closeCandidate(pool, best, BACKGROUND_DEPTH, BACKGROUND_SHARE, (r) => earlierYear(r.doc, query) === null);
}

/**
 * True when an article's lede, read with its headline ("Earthquake shakes northern towns" over
 * "Five people were killed when the ground shook on Sunday …"), has every key term, or a
 * synonym of it, that `other` has, and names none of the years `other` does: the lede tells of
 * the story's own event, where a sentence about an earlier year gives background.
 */
function ledeCovers(index: Index, lede: SentenceDoc, other: SentenceDoc, query: Query): boolean {
  const year = earlierYear(other, query, true);
  if (year !== null && lede.sentence.text.includes(year)) return false;
  const plan = planOf(query);
  const own = index.features(lede).terms;
  const theirs = index.features(other).terms;
  const title = index.features(lede).headline;
  for (const key of plan.keyList) {
    const related = plan.related.get(key);
    const inOther = theirs.has(key) || hasAny(theirs, related);
    if (inOther && !(own.has(key) || hasAny(own, related) || title.has(key) || hasAny(title, related))) return false;
  }
  return true;
}

/** Most articles whose term sets are kept between questions. */
const ARTICLE_CACHE = 2_000;

/** `compute(index, article)`, kept per index and article (at most `ARTICLE_CACHE` articles). */
function perArticle<T>(caches: WeakMap<Index, Map<Article, T>>, index: Index, article: Article, compute: (index: Index, article: Article) => T): T {
  let cache = caches.get(index);
  if (!cache) caches.set(index, (cache = new Map()));
  let value = cache.get(article);
  if (value === undefined) {
    value = compute(index, article);
    if (cache.size >= ARTICLE_CACHE) cache.clear();
    cache.set(article, value);
  }
  return value;
}

const articleTermCache = new WeakMap<Index, Map<Article, Set<string>>>();

/** Every term of an article: of its sentences, its headline and its entities' names. */
function articleTerms(index: Index, article: Article): Set<string> {
  return perArticle(articleTermCache, index, article, allTermsOf);
}

function allTermsOf(index: Index, article: Article): Set<string> {
  const set = new Set(textTerms(article.title));
  for (const doc of articleDocs(index, article)) for (const t of textTerms(doc.sentence.text)) set.add(t);
  for (const e of article.entities) for (const t of [e.name, ...e.aliases].flatMap((n) => textTerms(n))) set.add(t);
  return set;
}

const storyNameCache = new WeakMap<Index, Map<Article, Set<string>>>();

/** The terms that name a story: those of its headline and its first paragraph. */
function storyNameTerms(index: Index, article: Article): Set<string> {
  return perArticle(storyNameCache, index, article, nameTermsOf);
}

function nameTermsOf(index: Index, article: Article): Set<string> {
  const set = new Set(textTerms(article.title));
  const docs = articleDocs(index, article);
  for (const doc of docs) {
    if (doc.paragraph !== docs[0]!.paragraph) break;
    for (const t of index.features(doc).terms) set.add(t);
  }
  return set;
}

/**
 * The key terms a story must write (or a synonym of) to be the one asked about: not words the
 * corpus never uses, nor the words that ask for an amount, a quote or a score (the answer need not
 * repeat them), nor the earlier question's words a follow-up about "it" borrows.
 */
function requiredKeys(query: Query): string[] {
  const plan = planOf(query);
  const context = new Set<string>();
  for (const t of query.terms) if (t.kind === 'context') context.add(t.term);
  return plan.keyList.filter(
    (k) =>
      !plan.unknown.has(k) &&
      !context.has(k) &&
      !(query.answerType === 'number' && AMOUNT_TERMS.has(k)) &&
      !(query.asksForQuote && SPEECH_STEMS.has(k)) &&
      !(query.answerType === 'score' && SCORE_KEYS.has(k)),
  );
}

/** True when the article writes every one of the keys, or a word related to it. */
function storyHasAll(index: Index, query: Query, article: Article, keys: readonly string[]): boolean {
  const terms = articleTerms(index, article);
  const plan = planOf(query);
  for (const k of keys) if (!terms.has(k) && !hasAny(terms, plan.related.get(k))) return false;
  return true;
}

/** The share of the keys' weight the sentence matches, by itself or a related word (1 when there are none). */
function keyShare(index: Index, query: Query, doc: SentenceDoc, keys: readonly string[]): number {
  if (keys.length === 0) return 1;
  const f = index.features(doc);
  const plan = planOf(query);
  let total = 0;
  let found = 0;
  for (const k of keys) {
    const w = query.keys.get(k) ?? 0;
    total += w;
    if (f.terms.has(k) || f.entityTerms.has(k)) found += w;
    else if (hasAny(f.terms, plan.related.get(k))) found += w * CREDIT.synonym;
  }
  return total > 0 ? found / total : 1;
}

/** How much of the best sentence's match a sentence of the thread's story must have to answer instead of another story's. */
const THREAD_SHARE = 0.5;
/** How much of the best sentence's coverage a sentence of the story a question names must have to answer instead. */
const NAMED_STORY_SHARE = 0.6;
/** How far down the ranking a sentence of the story a question names is looked for. */
const NAMED_STORY_DEPTH = 5;

/** True when the sentence can answer what the question asks for (an amount for "how much"). */
function answersAsked(doc: SentenceDoc, query: Query): boolean {
  return answersKind(doc, query) && (!planOf(query).howMuch || hasAmount(doc.sentence.numbers));
}

/**
 * The ranking with the answer kept in the story the question is about. A follow-up that names no
 * one the thread's story does not ("how much did they cost?", "has anyone died?") stays in that
 * story, when it writes every word the question needs and has a sentence that answers nearly as
 * well, though another story has the question's literal word ("flooding costs the region £3bn");
 * one with a new name or topic moves on. And a question's word that only other stories write
 * ("was anyone hurt at the march?") keeps the answer out of a story that never mentions it, when
 * a close sentence of one that has all its words answers.
 */
function keepStory(index: Index, query: Query, ranked: Scored[], history: readonly Turn[]): { ranked: Scored[]; story: Article | null } {
  const best = ranked[0];
  if (!best || index.articles.length < 2) return { ranked, story: null };
  const keys = requiredKeys(query);
  let thread = history.length > 0 ? threadStory(index, history) : null;
  // Another day's report of the thread's story is the same story: "what did she say on Tuesday?" may be answered from Tuesday's.
  if (thread && otherReport(best.doc.article, thread)) thread = null;
  if (thread && best.doc.article !== thread && storyHasAll(index, query, thread, keys)) {
    // Whoever the follow-up names must be someone the thread's story names too.
    const inThread = new Set<string>();
    for (const r of query.entities) if (r.article === thread) inThread.add(r.entity.name);
    if (query.unknownNames.length === 0 && query.entities.every((r) => inThread.has(r.entity.name))) {
      const candidates = ranked.filter((r) => r.doc.article === thread);
      const seen = new Set(candidates.map((r) => r.doc.id));
      for (const doc of articleDocs(index, thread)) if (!seen.has(doc.id)) candidates.push(scoreDoc(index, doc, query, 0));
      candidates.sort((a, b) => b.score - a.score || a.doc.id - b.doc.id);
      const own = candidates.find((r) => answersAsked(r.doc, query)) ?? candidates.find((r) => answersKind(r.doc, query));
      if (own && keyShare(index, query, own.doc, keys) >= keyShare(index, query, best.doc, keys) * THREAD_SHARE) return { ranked: [own, ...ranked.filter((r) => r !== own)], story: thread };
    }
  } else if (thread && best.doc.article !== thread && query.unknownNames.length === 0 && query.entities.every((r) => r.article === thread)) {
    const own = derivedInThread(index, query, thread, keys, best.doc.article);
    if (own) return { ranked: [own, ...ranked.filter((r) => r.doc !== own.doc)], story: thread };
  }
  // Within one question: the best sentence's story never writes a word that names another story (its
  // headline's or first paragraph's), and a close sentence of that story, which has all the words, answers.
  if (keys.length < 2) return { ranked, story: null };
  const bestTerms = articleTerms(index, best.doc.article);
  const plan = planOf(query);
  const absent = keys.filter((k) => !bestTerms.has(k) && !hasAny(bestTerms, plan.related.get(k)));
  if (absent.length === 0) return { ranked, story: null };
  const named = ranked
    .slice(1, NAMED_STORY_DEPTH)
    .find(
      (r) =>
        r.doc.article !== best.doc.article &&
        r.coverage >= best.coverage * NAMED_STORY_SHARE &&
        answersKind(r.doc, query) &&
        absent.some((k) => storyNameTerms(index, r.doc.article).has(k)) &&
        storyHasAll(index, query, r.doc.article, keys),
    );
  return named ? { ranked: [named, ...ranked.filter((r) => r !== named)], story: named.doc.article } : { ranked, story: null };
}

/** A "he" or "she" outside quotation marks and the word it is the subject of, past an auxiliary or an adverb or two ("he died", "she had also won"). */
const PRONOUN_VERB = /\b([Hh]e|[Ss]he)\s+(?:(?:has|had|have|was|is|were|been|would|will|also|later|then|never|finally|herself|himself)\s+){0,2}([\p{L}-]+)/gu;
/** "Who funded the study?", "who has built …": the verb a who-question asks the doer of (auxiliaries and "is" are no such verb). */
const WHO_DID = /^\s*who\s+(?:has\s+|have\s+|had\s+)?([\p{L}-]+)/iu;
const NOT_DEEDS: ReadonlySet<string> = new Set(['is', 'was', 'are', 'were', 'will', 'would', 'did', 'does', 'do', 'can', 'could', 'should', 'shall', 'may', 'might', 'must', 'has', 'have', 'had', 'else', 'exactly']);
const deedCache = new WeakMap<Query, string | null>();

/** The term of the verb a "who did …" question asks the doer of; null for any other question. */
function askedDeed(query: Query): string | null {
  let deed = deedCache.get(query);
  if (deed !== undefined) return deed;
  const word = query.answerType === 'person' ? WHO_DID.exec(query.text)?.[1] : undefined;
  deed = word && !NOT_DEEDS.has(word.toLowerCase()) ? (termsOf(word)[0] ?? null) : null;
  if (deed !== null && !query.keys.has(deed)) deed = null;
  deedCache.set(query, deed);
  return deed;
}

/** True when `doc` names every entity of the question that `best` names. */
function namesAsBest(query: Query, best: SentenceDoc, doc: SentenceDoc): boolean {
  for (const r of query.entities) if (best.entities.includes(r.entity) && !doc.entities.includes(r.entity)) return false;
  return true;
}

/** True when the sentence names the doer of the deed after "by" ("The study was funded by …", "was founded in 2018 by …"). */
function namesDoer(doc: SentenceDoc, deed: string): boolean {
  const text = doc.sentence.text;
  if (!/\bby\b/.test(text)) return false;
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!termsOf(t.surface.slice(t.surface.lastIndexOf('-') + 1)).includes(deed)) continue;
    for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
      if (/[,;:.!?"“”]/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) break;
      if (tokens[j]!.surface === 'by') return true;
    }
  }
  return false;
}

/** How far down the ranking a sentence whose verb is another person's is moved past. */
const OTHERS_VERB_DEPTH = 5;

/**
 * True when the question asks about one person and the sentence gives its verb to a pronoun that
 * cannot be them: "When did Ada Rusk die?" is not answered by "She married Tom Rusk in 1960; he
 * died in 2001".
 */
function othersVerb(query: Query, doc: SentenceDoc, person: EntityRef, pronoun: string): boolean {
  const text = doc.sentence.text;
  // The common case first: no pronoun of the other sex.
  if (!(pronoun === 'she' ? /\b[Hh]e\b/ : /\b[Ss]he\b/).test(text)) return false;
  let others = false;
  for (const m of text.replace(QUOTED, (q) => ' '.repeat(q.length)).matchAll(PRONOUN_VERB)) {
    if (!termsOf(m[2]!).some((t) => query.keys.has(t) && !textTerms(person.entity.name).includes(t))) continue;
    // "He won the medal in 1975, and she won it in 1981": her verb is there too.
    if (m[1]!.toLowerCase() === pronoun) return false;
    others = true;
  }
  return others;
}

/** The ranking with the sentences that give the question's verb to someone other than the one person it asks about moved below the next few. */
function withoutOthersVerbs(index: Index, query: Query, ranked: Scored[]): Scored[] {
  let person: EntityRef | null = null;
  for (const r of query.entities) {
    if (r.entity.type !== 'person') continue;
    if (person && person.entity.name !== r.entity.name) return ranked;
    if (!person || r.article === ranked[0]?.doc.article) person = r;
  }
  if (!person || ranked.length < 2) return ranked;
  const pronoun = pronounOf(index, person);
  if (pronoun === null) return ranked;
  const depth = Math.min(OTHERS_VERB_DEPTH, ranked.length);
  let others: Scored[] | null = null;
  for (let i = 0; i < depth; i++) {
    const r = ranked[i]!;
    if (r.doc.article === person.article && othersVerb(query, r.doc, person, pronoun)) (others ??= []).push(r);
  }
  if (others === null) return ranked;
  const moved = others;
  const own = ranked.slice(0, depth).filter((r) => !moved.includes(r));
  return [...own, ...moved, ...ranked.slice(depth)];
}

/** True when the term, or a word sharing a stem prefix with it ("protest" of "Protestantism"), is in the set. */
function hasTermOrPrefix(set: ReadonlySet<string>, term: string): boolean {
  if (set.has(term)) return true;
  if (term.length < PREFIX_MIN) return false;
  for (const t of set) if (t.length >= PREFIX_MIN && (t.startsWith(term) || term.startsWith(t))) return true;
  return false;
}

/**
 * True when the question names a place ("How many were recalled in Norland?") that the best
 * sentence's paragraph and headline never write, by any name of it or a related word: the
 * sentence tells of somewhere else ("sold in Vestria"), and a place is no word a paraphrase
 * replaces. A name written in the question is the place whatever article it is of.
 */
function placeUnwritten(index: Index, query: Query, best: SentenceDoc): boolean {
  let lower: string | null = null;
  const written = new Map<string, boolean>();
  for (const r of query.entities) {
    // A place the sentence itself names is written (the common case, and the cheapest test).
    if (r.entity.type !== 'place' || best.entities.includes(r.entity)) continue;
    lower ??= query.text.toLowerCase();
    const forms = [r.entity.name, ...r.entity.aliases];
    const found = occurrences(lower, forms.map((f) => f.toLowerCase()));
    if (found.length === 0) continue;
    const key = lower.slice(found[0]!.start, found[0]!.end);
    if (written.get(key)) continue;
    const para = paragraphTerms(index, best);
    const own = index.features(best).entityTerms;
    const related = planOf(query).related;
    const present = forms.some((f) => textTerms(f).some((t) => own.has(t) || hasTermOrPrefix(para, t) || hasAny(para, related.get(t))));
    written.set(key, present);
  }
  for (const present of written.values()) if (!present) return true;
  return false;
}

/**
 * How far down the ranking an age question looks for a close sentence that gives one: someone
 * named in many sentences may have their age only in one that refers back to them ("The
 * 31-year-old midfielder …"), which covers less of the question than those that write the name.
 */
const AGE_DEPTH = 12;

/**
 * How far down the ranking a number or date question looks for a close sentence that has what it
 * asks for when the best has not. An age is written of someone once ("The 24-year-old passed a
 * medical"), among many sentences that name them as well as it does: "how old is Ivo Dalk?"
 * looks further.
 */
function kindDepth(query: Query): number {
  return HOW_OLD.test(query.text) ? AGE_DEPTH : 3;
}

/** How far down the ranking a sentence that counts the thing a "how many" question asks about is looked for. */
const COUNTING_DEPTH = 8;

/**
 * For "how many crew were on board?" whose best sentence gives no number ("kept everyone on board
 * calm," of the crew), a sentence of the same story a little further down whose number counts
 * the very noun asked about ("with 140 passengers and six crew"). Undefined when none does.
 */
function countingNoun(query: Query, pool: readonly Scored[], best: Scored, index?: Index): Scored | undefined {
  if (query.answerType !== 'number' || !countsThings(query)) return undefined;
  const counted = countedNouns(query);
  if (counted.size === 0) return undefined;
  return pool.slice(1, COUNTING_DEPTH).find((r) => r.doc.article === best.doc.article && countsNoun(r.doc, counted, query.text) && (!index || countsAsked(index, query, r)));
}

/**
 * For a "how many" question whose best sentence gives no number, true when a sentence with one
 * writes the place the question names, itself or in its headline, and the question's verb that
 * ends in -ed or -ing ("died") or half the weight of its other words: "he said his crews had rescued 40 people", "3,000 people were evacuated from
 * Tollby" and "killing 12 in Arden" count something else than "how many people have died in
 * Tollby?". True for any other question.
 */
function countsAsked(index: Index, query: Query, r: Scored): boolean {
  if (query.answerType !== 'number' || !countsThings(query)) return true;
  const counted = countedNouns(query);
  const plan = planOf(query);
  const f = index.features(r.doc);
  const holds = (key: string) => f.terms.has(key) || hasAny(f.terms, plan.related.get(key)) || f.entityTerms.has(key);
  // A place the question names must be the sentence's, or its report's headline's: "killing 12 in Tollby" counts no deaths in Arden.
  for (const e of query.entities) {
    if (e.entity.type !== 'place') continue;
    const key = termsOf(e.entity.name)[0];
    if (key !== undefined && query.keys.has(key) && !holds(key) && !f.headline.has(key)) return false;
  }
  // A count of what was done ("died", "affected") writes the verb, or at least half the weight of
  // the question's other words ("locked out 240,000 of the Tidelink app's users" in the outage).
  const verbs = tokenize(HOW_MANY.exec(query.text)?.[1] ?? '').filter((t) => VERB_FORM.test(t.surface)).flatMap((t) => termsOf(t.surface)).filter((k) => query.keys.has(k) && !counted.has(k));
  if (verbs.length === 0 || verbs.every(holds)) return true;
  let total = 0;
  let held = 0;
  for (const [key, weight] of query.keys) {
    if (counted.has(key)) continue;
    total += weight;
    if (holds(key)) held += weight;
  }
  return held * 2 >= total;
}

/**
 * True when one of the sentence's numbers is written right before one of the nouns ("six crew",
 * "140 passengers"); a number the question writes itself, or one that is part of a name, is no answer.
 */
function countsNoun(doc: SentenceDoc, counted: ReadonlySet<string>, question: string): boolean {
  const text = doc.sentence.text;
  for (const n of doc.sentence.numbers) {
    if (question.includes(n)) continue;
    let at = text.indexOf(n);
    while (at >= 0) {
      const next = /^\s+([\p{L}'’-]+)/u.exec(text.slice(at + n.length, at + n.length + 40))?.[1];
      // The number of a name ("the Corra 3 phone") is a model, not a count.
      const before = /(\p{Lu}[\p{L}'’-]*)\s+$/u.exec(text.slice(Math.max(0, at - 40), at))?.[1];
      const model = before !== undefined && !STOP_WORDS.has(foldWord(before));
      if (!model && next !== undefined && termsOf(next).some((t) => counted.has(t))) return true;
      at = text.indexOf(n, at + n.length);
    }
  }
  return false;
}

/** How far down the ranking a sentence that writes the question's common noun as one is looked for. */
const COMMON_NOUN_DEPTH = 5;

/**
 * The question's key terms it writes as common nouns, in lower case ("what did the union say?"):
 * not a word written with a capital, which may be part of a name, nor one that is the expansion
 * of an abbreviation.
 */
function commonNounKeys(query: Query): string[] {
  const out: string[] = [];
  for (const t of tokenize(query.text)) {
    const first = t.surface.charAt(0);
    if (first === first.toUpperCase()) continue;
    const term = termsOf(t.surface)[0];
    if (term !== undefined && query.keys.has(term) && !out.includes(term)) out.push(term);
  }
  return out;
}

/**
 * How the sentence writes the term: as a common noun somewhere ('common'; a sentence's first
 * word may be one capitalised), else only inside a name ('name': an abbreviation, "the EU's
 * commissioner" for union, or a word of an organisation's name of several words, "the European
 * Union"), else neither ('none': a capitalised word of no such name).
 */
function nounUse(doc: SentenceDoc, term: string): 'common' | 'name' | 'none' {
  let inName = false;
  for (const t of tokenize(doc.sentence.text)) {
    if (!termsOf(t.surface).includes(term)) continue;
    const first = t.surface.charAt(0);
    if (t.start === 0 || first === first.toLowerCase()) return 'common';
    const word = foldWord(t.surface);
    if (isAcronym(t.surface.replace(/['’]s$/u, '')) || doc.entities.some((e) => e.type === 'organisation' && /\s/.test(e.name) && foldWord(e.name).split(/\s+/).includes(word))) inName = true;
  }
  return inName ? 'name' : 'none';
}

/**
 * A question's common noun ("what did the union say?") is not answered by an organisation whose
 * name has the word ("The EU said …") in one story when a sentence of another story, which
 * matches as well, writes the word as the common noun it is ("said a national officer at the union").
 */
function commonNounSense(query: Query, ranked: Scored[]): Scored[] {
  const best = ranked[0];
  if (!best) return ranked;
  // Cheap checks first: a close sentence of another story, and a word the question writes in lower case.
  const rivals = ranked.slice(1, COMMON_NOUN_DEPTH).filter((r) => r.doc.article !== best.doc.article && r.coverage >= best.coverage);
  if (rivals.length === 0) return ranked;
  const keys = commonNounKeys(query);
  if (keys.length === 0) return ranked;
  const named = keys.filter((k) => nounUse(best.doc, k) === 'name');
  if (named.length === 0) return ranked;
  const other = rivals.find((r) => named.every((k) => nounUse(r.doc, k) === 'common'));
  return other ? [other, ...ranked.filter((r) => r !== other)] : ranked;
}

/**
 * For a follow-up whose word the thread's story never writes ("who was driving?"), the sentence of
 * that story that writes a related form of it ("The driver, Tom Vale, …") and answers the kind of
 * question, when the other story's match is no word that names it (only its body has "driven"):
 * the thread's story is what the follow-up asks about. Null otherwise.
 */
function derivedInThread(index: Index, query: Query, thread: Article, keys: readonly string[], other: Article): Scored | null {
  const terms = articleTerms(index, thread);
  const plan = planOf(query);
  const absent = keys.filter((k) => !terms.has(k) && !hasAny(terms, plan.related.get(k)));
  if (absent.length === 0 || absent.some((k) => storyNameTerms(index, other).has(k))) return null;
  const forms = new Map<string, string[]>();
  for (const t of tokenize(query.text)) {
    const key = termsOf(t.surface)[0];
    if (key === undefined || !absent.includes(key) || forms.has(key)) continue;
    const found = derivedForms(t.surface).filter((f) => f !== key && terms.has(f));
    if (found.length > 0) forms.set(key, found);
  }
  if (forms.size < absent.length) return null;
  for (const doc of articleDocs(index, thread)) {
    const f = index.features(doc);
    if ([...forms.values()].every((found) => found.some((term) => f.terms.has(term))) && answersKind(doc, query)) return scoreDoc(index, doc, query, 0);
  }
  return null;
}

/** How far down the ranking a body sentence may stand to answer in place of its story's standfirst. */
const STANDFIRST_DEPTH = 10;

/**
 * "What does the pact say about dredging?" of a standfirst in which others say it ("fishing villages
 * say the pact 'does nothing' on dredging"): what the pact says is in a close body sentence that
 * writes the question's other words ("The text commits the countries to halting new dredging")
 * and gives no one else's words. Null when the question asks no such group, or the standfirst has it speak.
 */
function othersSaying(index: Index, query: Query, pool: readonly Scored[], best: Scored): Scored | null {
  const group = askedGroup(query);
  if (group === null || spokenBy(best.doc, group)) return null;
  const plan = planOf(query);
  const topic = plan.keyList.filter((key) => !group.terms.includes(key) && !SPEECH_STEMS.has(key));
  if (topic.length === 0) return null;
  for (const r of pool.slice(1, STANDFIRST_DEPTH)) {
    if (r.doc.article !== best.doc.article || r.doc.paragraph === 1 || r.coverage < best.coverage * OTHERS_SAYING_SHARE) continue;
    if (r.doc.speaker !== null || r.doc.attribution !== null) continue;
    const terms = index.features(r.doc).terms;
    if (topic.every((key) => terms.has(key) || hasAny(terms, plan.keyRelated[plan.keyList.indexOf(key)]))) return r;
  }
  return null;
}

/** How much of the standfirst's coverage a body sentence needs to say what a group the standfirst has others speak of says. */
const OTHERS_SAYING_SHARE = 0.5;

/**
 * A standfirst (the line under the headline) retells the story in other words and names its
 * people, so it covers a question's names well; a sentence of the story's body holds the fact.
 * When the best is the standfirst, a sentence of the same story's body answers instead when it
 * gives the kind of answer asked and either writes each word of the question (not a name) that
 * the standfirst does not, lacking only names the standfirst writes ("How long was Tilda Marsh
 * jailed for?": "… has been jailed for nine years" over "Judge says Tilda Marsh … over four
 * years"), or, when the standfirst writes every such word but does not give the kind of answer
 * asked (no reason for "why …?"), covers the question as well as it. A standfirst that writes the
 * question's words and gives the kind of answer is kept ("Vell demanded …" for "What did Vell demand?").
 * Null when the best is no standfirst, or no body sentence so answers.
 */
const NAMING_VERBS = questionData.namingVerbs.join('|');
/** "What is his latest album called?", "What was the ship named?", "What is the name of the film?": the thing whose name is asked (its last word). */
const ASKS_NAME = new RegExp(`^\\s*what(?:'s|\\s+(?:is|was|are|were|will\\s+be))\\s+(?:(?:the\\s+)?(?:name|title)\\s+of\\s+)?(?:[\\p{L}'’-]+\\s+){0,4}?([\\p{L}-]+)(?:\\s+(?:${NAMING_VERBS}))?\\s*\\??\\s*$`, 'iu');
/** A naming verb that ends a question ("… called?"). */
const NAMED_AT_END = new RegExp(`\\b(?:${NAMING_VERBS})\\s*\\??\\s*$`, 'i');
/** How close a sentence that gives the name must match, against the best. */
const NAMING_SHARE = 0.9;

/** The noun whose name the question asks ("album" in "What is his latest album called?"), or null when it asks for none. */
function askedNameOf(query: Query): string | null {
  const text = query.text;
  if (!/^\s*what/i.test(text) || (!/\b(?:name|title)\s+of\b/i.test(text) && !NAMED_AT_END.test(text))) return null;
  return ASKS_NAME.exec(text)?.[1]?.toLowerCase() ?? null;
}

/** True when the sentence gives the noun's name: "His latest album, Low Tide, is …", "a record called Low Tide". */
function givesName(text: string, noun: string): boolean {
  // Not case-blind: the name must be capitalised ("an album, the one he …" gives none); the noun may open the sentence.
  const named = new RegExp(`(?<![\\p{L}])[${noun[0]!.toUpperCase()}${noun[0]!}]${noun.slice(1)}(?:,\\s+|\\s+(?:${NAMING_VERBS})\\s+)["“‘']?\\p{Lu}`, 'u');
  return named.test(text);
}

/**
 * "What is his latest album called?": the sentence that gives the album's name ("His latest
 * album, Low Tide, out in May, …") over a close one that only speaks of it ("His latest album
 * looks back on …", a standfirst). Null when the best gives it, or no close sentence does.
 */
function namingAlternative(query: Query, pool: readonly Scored[], best: Scored): Scored | null {
  const noun = askedNameOf(query);
  if (noun === null || givesName(best.doc.sentence.text, noun)) return null;
  return closeCandidate(pool, best, 5, NAMING_SHARE, (r) => givesName(r.doc.sentence.text, noun)) ?? null;
}

function bodyOverStandfirst(index: Index, query: Query, pool: readonly Scored[], best: Scored): Scored | null {
  const dek = best.doc;
  if (dek.paragraph !== 1 || dek.article.dek === '') return null;
  const plan = planOf(query);
  const own = index.features(dek).terms;
  const writes = (terms: ReadonlySet<string>, k: number): boolean => terms.has(plan.keyList[k]!) || hasAny(terms, plan.keyRelated[k]);
  const lacking: number[] = [];
  for (let k = 0; k < plan.keyList.length; k++) if (!plan.entityKeys.has(plan.keyList[k]!) && !writes(own, k)) lacking.push(k);
  const dekAnswers = hasAnswerType(dek, query);
  if (lacking.length === 0) {
    const said = othersSaying(index, query, pool, best);
    if (said) return said;
  }
  for (const r of pool.slice(1, STANDFIRST_DEPTH)) {
    if (r.doc.article !== dek.article || r.doc.paragraph === 1) continue;
    if (lacking.length === 0) {
      if (!dekAnswers && r.coverage >= best.coverage) return r;
      continue;
    }
    if (!hasAnswerType(r.doc, query)) continue;
    const terms = index.features(r.doc).terms;
    if (lacking.every((k) => writes(terms, k)) && plan.keyList.every((key, k) => writes(terms, k) || (plan.entityKeys.has(key) && own.has(key)))) return r;
  }
  return null;
}

/** The sentence just after (`offset` 1) or just before (−1) `doc` in its paragraph, or null when the paragraph ends there. */
function paragraphNeighbour(index: Index, doc: SentenceDoc, offset: 1 | -1): SentenceDoc | null {
  const n = index.docs[doc.id + offset];
  return n && n.article === doc.article && n.paragraph === doc.paragraph ? n : null;
}

/** A sentence answering in the best's place: as it was ranked, or with the best's scores when it was not among the candidates. */
function inPlaceOf(pool: readonly Scored[], best: Scored, doc: SentenceDoc): Scored {
  return pool.find((r) => r.doc === doc) ?? { ...best, doc };
}

/** The share of the question's weight that a continuing sentence must write and the best not, to answer instead. */
const CONTINUATION_SHARE = 0.25;

/**
 * A sentence that refers back to the best one ("This", "It", "The group …") and goes on to say
 * something new about it: when it writes question words the best does not, weighing at least
 * `CONTINUATION_SHARE` of the question, the question asks about what it adds, and it answers.
 * "What did the Brenholt charter inspire?": "In 1612 the Brenholt charter was signed in Tarvik."
 * then "This later inspired the founding of the Merrow company." The best gives the names; the
 * continuation gives the question's own deed. Only words that are no name count: a name the
 * continuation writes may be the one the best calls "it" ("It stands on the Orla." then "Its
 * population makes Velmora …"). Not when the best gives the kind of answer asked (a date for
 * "when …?") and the continuation does not. Null otherwise. Measured on the SQuAD dev subset:
 * +4 questions, none lost (at a share of 0.2: +5, −2; with names counted: +4, −1).
 */
function continuationOf(index: Index, query: Query, pool: readonly Scored[], best: Scored): Scored | null {
  const next = paragraphNeighbour(index, best.doc, 1);
  if (!next || opensInQuote(next) || best.doc.quote) return null;
  if (!ANAPHOR.test(next.sentence.text)) return null;
  // "The company …" refers back to a name: not to a best that names no one ("Analysts had expected $5.1 billion.").
  if (DESCRIPTION_OPENER.test(next.sentence.text) && index.features(best.doc).entityTerms.size === 0) return null;
  const plan = planOf(query);
  const own = index.features(best.doc).terms;
  const terms = index.features(next).terms;
  let total = 0;
  let added = 0;
  for (let k = 0; k < plan.keyList.length; k++) {
    const key = plan.keyList[k]!;
    const weight = plan.keyWeights[k]!;
    total += weight;
    const related = plan.keyRelated[k];
    if (!plan.entityKeys.has(key) && (terms.has(key) || hasAny(terms, related)) && !(own.has(key) || hasAny(own, related))) added += weight;
  }
  if (total === 0 || added < total * CONTINUATION_SHARE) return null;
  if (query.answerType !== 'other' && hasAnswerType(best.doc, query) && !hasAnswerType(next, query)) return null;
  return inPlaceOf(pool, best, next);
}

/**
 * True when a sentence opens inside a quote: its first words are a speaker's, so a "this" or "it"
 * there follows the speaker's train of thought. A sentence that only quotes a phrase further on
 * ("This ended the old order, which it blames on "the foreign powers".") opens in the report's own words.
 */
function opensInQuote(doc: SentenceDoc): boolean {
  return doc.quote !== null && (doc.quote.sentences.length > 1 || /^\s*["“‘']/.test(doc.sentence.text));
}

/** A sentence opening that tells what came of the sentence before ("As a result, …", "Predictably, …"); not "As a result of the strike, …", which says of what. */
const RESULT_OPENER = new RegExp(`^\\s*["“‘']?(?:${questionData.resultOpeners.join('|')})\\b(?!\\s+of\\b)[\\s,]*`, 'i');

/**
 * "Why was the ferry withdrawn?": when the best sentence echoes the question but opens by saying
 * it is what came of something ("As a result, the ferry was withdrawn.", "Predictably, …") and
 * gives no reason of its own after that opening, the reason is the sentence before it, of the
 * same paragraph, which answers. Not inside a quote. Null otherwise. Measured on the SQuAD dev
 * subset: two answers changed, both to the right sentence.
 */
function causeBefore(index: Index, query: Query, best: Scored, pool: readonly Scored[]): Scored | null {
  if (query.answerType !== 'reason' || best.doc.quote) return null;
  const text = best.doc.sentence.text;
  const opener = RESULT_OPENER.exec(text);
  if (!opener || REASON_MARKER.test(text.slice(opener[0].length))) return null;
  const prev = paragraphNeighbour(index, best.doc, -1);
  if (!prev) return null;
  return inPlaceOf(pool, best, prev);
}

/** "How did X respond to …?", "what was X's reaction to …?": the one whose response is asked is group 1 or 2. */
const RESPONSE_ASKED = /^\s*(?:how did (.+?) (?:respond|react)\b|(?:what|how) (?:was|were) (.+?)['’]s? (?:response|reaction)\b)/i;

/** The terms of a sentence's first word, past an opening quotation mark. */
function openingTerms(text: string): readonly string[] {
  const first = /^\s*["“‘']?([\p{L}\p{N}][\p{L}\p{N}'’.-]*)/u.exec(text);
  return first ? textTerms(first[1]!) : [];
}

/**
 * "How did Vesna Orr respond to the mayor?": when the best sentence tells what was done to her
 * ("The mayor sent Vesna Orr a warning.") and the sentence after it, of the same paragraph, opens
 * with her ("Orr ignored the warning."), that sentence is her response and answers. Not when the
 * best itself opens with her (her response may be it), nor when the next opens inside a quote.
 * Null otherwise. Measured on the SQuAD dev subset: two answers changed, both to the right sentence.
 */
function responseAfter(index: Index, query: Query, best: Scored, pool: readonly Scored[]): Scored | null {
  const asked = RESPONSE_ASKED.exec(query.text);
  if (!asked || best.doc.quote) return null;
  const who = new Set(textTerms(asked[1] ?? asked[2] ?? ''));
  if (who.size === 0 || openingTerms(best.doc.sentence.text).some((t) => who.has(t))) return null;
  const next = paragraphNeighbour(index, best.doc, 1);
  if (!next || opensInQuote(next)) return null;
  if (!openingTerms(next.sentence.text).some((t) => who.has(t))) return null;
  return inPlaceOf(pool, best, next);
}

/** A sentence that lists the members of what the sentence before names: "These include …", "Examples included …". */
const LIST_OPENER = /^\s*["“‘']?(?:these|they|this|those|it|such \p{L}+|examples|others) (?:include|includes|included)\b/iu;

/**
 * "Where are tolls like the ferry levy set?": when the best sentence only lists what the one
 * before it names ("These include the ferry levy, the bridge toll and …", after "Such charges are
 * set by the Harbour Board in Ostrel."), and the question asks for a place, a person, a date or a
 * number, the list holds the question's words but what it asks is said of the whole in the
 * sentence before: that sentence of the same paragraph answers, when it gives the kind of answer
 * asked. A name in the list (a member) is no answer of that kind. Null otherwise. Measured on the
 * SQuAD dev subset: one answer changed, to the right sentence.
 */
function listBefore(index: Index, query: Query, best: Scored, pool: readonly Scored[]): Scored | null {
  const t = query.answerType;
  if (t === 'other' || t === 'reason' || best.doc.quote || !LIST_OPENER.test(best.doc.sentence.text)) return null;
  const prev = paragraphNeighbour(index, best.doc, -1);
  if (!prev || !hasAnswerType(prev, query)) return null;
  return inPlaceOf(pool, best, prev);
}

/** A sentence opening with a description ("The company …", "The 23-year-old …") rather than a pronoun. */
const DESCRIPTION_OPENER = /^["“‘']?the\b/i;

/** "Who …", "what …", "which …" opening a question. */
const WH_OPENING = /^\s*(?:who|what|which)\s+/i;
/** A pronoun for a thing written in the question itself ("approve it"): "he" or "she" may be the asked one's ("Who announced she would resign?"). */
const QUESTION_PRONOUN = /\b(?:it|they|them)\b/i;
/** An auxiliary among a question's first words: "what did X found?" asks for an object, not for who did it. */
const OBJECT_AUXILIARY = /^(?:did|does|do|was|is|were|are|has|have|had)$/i;
/** A subject pronoun opening a clause, and the verb it takes ("she too announced", "It appoints", "and they pursued"). */
const PRONOUN_SUBJECT = /(?:^|[,;:]\s*|\band\s+)(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)\s+(?:(?:too|also|then|later|soon|once|had|has|have|would|will)\s+){0,2}([\p{L}-]+)/gu;

/**
 * "Who announced the merger?", "what body appoints the judges?": the question asks for whoever
 * does its deed. When the best sentence gives that deed to a pronoun ("She announced the merger
 * on Monday.", "It appoints the judges."), the pronoun stands where the answer should be, and the
 * sentence before, which it refers back to, names it. That sentence answers, when it is of the same
 * paragraph. Not for a question whose first words hold an auxiliary ("what did she announce?"
 * asks for the object), nor inside a quote. Null otherwise. Measured on the SQuAD dev subset: it
 * changes four answers, three of them to the right sentence, none from it.
 */
function pronounAsAsked(index: Index, query: Query, pool: readonly Scored[], best: Scored): Scored | null {
  // "Which regulators need to approve it?": the question's own "it" is the sentence's ("It needs the approval of …").
  if (QUESTION_PRONOUN.test(query.text)) return null;
  if (best.doc.quote || !WH_OPENING.test(query.text)) return null;
  // Cheap checks first: most best sentences open their paragraph, or give no deed to a pronoun.
  const prev = paragraphNeighbour(index, best.doc, -1);
  if (!prev) return null;
  const deeds = pronounDeeds(best.doc);
  if (deeds.length === 0) return null;
  const words = query.text.replace(WH_OPENING, '').split(/\s+/).slice(0, 5);
  const asked = new Set<string>();
  for (const w of words) {
    if (OBJECT_AUXILIARY.test(w)) return null;
    for (const t of termsOf(w)) if (query.keys.has(t)) asked.add(t);
  }
  if (!deeds.some((terms) => terms.some((t) => asked.has(t)))) return null;
  return inPlaceOf(pool, best, prev);
}

/** Each sentence's verbs given to a subject pronoun, as terms (`PRONOUN_SUBJECT`), read once per sentence. */
const pronounDeedMemo = new WeakMap<SentenceDoc, readonly (readonly string[])[]>();

/** The terms of each verb the sentence gives to a subject pronoun ("She announced …", "It appoints …"). */
function pronounDeeds(doc: SentenceDoc): readonly (readonly string[])[] {
  let deeds = pronounDeedMemo.get(doc);
  if (deeds === undefined) {
    deeds = [...doc.sentence.text.matchAll(PRONOUN_SUBJECT)].map((m) => termsOf(m[1]!));
    pronounDeedMemo.set(doc, deeds);
  }
  return deeds;
}

/** How far down the ranking a newer report of the same story is looked for. */
const NEWER_DEPTH = 6;
/** How close to the chosen sentence's score a newer report's must come. */
const NEWER_SHARE = 0.9;

/** How close to the best's score a sentence that writes the question's words together must come to be taken over it. */
const TOGETHER_SHARE = 0.95;
/** How far down the ranking such a sentence is looked for. */
const TOGETHER_DEPTH = 4;

/**
 * True when two words the question writes one after the other ("the blaze start") stand within
 * a few words of each other, in that order, in the sentence, each as itself or a synonym ("The
 * blaze began late on Monday"): the sentence says the one of the other, where "crews began to
 * pull back from the blaze" only has both.
 */
function keysTogether(index: Index, query: Query, doc: SentenceDoc): boolean {
  const plan = planOf(query);
  const sequence = index.features(doc).sequence;
  for (let k = 0; k + 1 < plan.keyList.length; k++) {
    const first = plan.keyList[k]!;
    const second = plan.keyList[k + 1]!;
    const firstRelated = plan.keyRelated[k];
    const secondRelated = plan.keyRelated[k + 1];
    for (let p = 0; p < sequence.length; p++) {
      const t = sequence[p]!;
      if (t !== first && !firstRelated?.includes(t)) continue;
      for (let q = p + 1; q < sequence.length && q - p <= 3; q++) {
        const u = sequence[q]!;
        if (u === second || secondRelated?.includes(u)) return true;
      }
    }
  }
  return false;
}

/**
 * For a "when" question, of candidates that score about as the best does and cover as much of the
 * question, the first that writes two of its words together when the best does not: "The blaze
 * began late on Monday" over "Crews began to pull back from the blaze on Thursday" for "When did
 * the blaze start?".
 */
function keysTogetherAlternative(index: Index, query: Query, pool: readonly Scored[], best: Scored): Scored | undefined {
  if (query.answerType !== 'date' || planOf(query).keyList.length < 2 || keysTogether(index, query, best.doc)) return undefined;
  // Nor for one whose date is said of less of the question than the best's ("fryers sold in the US, the regulator said on
  // Monday" over "fryers with model numbers A1 and A2, sold between May 2022 and June 2024").
  const own = figureClauseShare(best.doc, query);
  return closeCandidate(pool, best, TOGETHER_DEPTH, 1, (r) => r.score >= best.score * TOGETHER_SHARE && keysTogether(index, query, r.doc) && figureClauseShare(r.doc, query) >= own);
}

/** How far down the ranking a body sentence that gives the asked figure beside the asked words is looked for, over its story's lede. */
const FIGURE_DEPTH = 5;
/** How much of the best's coverage that sentence needs. */
const FIGURE_SHARE = 0.5;
/** How much more of the question's weight the clause of its figure must hold than any clause of a figure in the lede. */
const FIGURE_MARGIN = 0.1;
/** Least share of the question's weight the clause of its figure must hold. */
const FIGURE_LEAST = 0.5;
/** Characters that end a clause between two words. */
const CLAUSE_GAP = /[,;:()—–]/;
/** A date with a digit or the name of a month or a day of the week. */
const CALENDAR = new RegExp(`\\d|\\b(?:${[...WEEKDAYS, ...MONTHS].join('|')})\\b`, 'i');

/**
 * The greatest share of the question's key weight that one clause of the sentence holds together
 * with a figure of the kind asked (a number for "how much/many", a time for "when"): clauses are
 * split at commas and the like and at "and", "but", "while" …. In a lede that lists a council's
 * plans ("unveiled a £90m plan that rebuilds the pier, adds a toll on the coast road and gives the
 * museum £4m") the toll's words stand in a clause with no figure; in "the toll of 80p a car on the
 * coast road will begin in June" the figure and the toll's words stand together.
 */
function figureClauseShare(doc: SentenceDoc, query: Query): number {
  const text = doc.sentence.text;
  const figures: number[] = [];
  if (query.answerType === 'date') {
    // A calendar date ("from March 2028"), not "today" or "now".
    for (const d of doc.sentence.dates) {
      const at = text.indexOf(d);
      if (at >= 0 && CALENDAR.test(d)) figures.push(at);
    }
  } else {
    const asked = questionWords(query);
    let from = 0;
    for (const n of doc.sentence.numbers) {
      const at = text.indexOf(n, from);
      if (at < 0) break;
      from = at + n.length;
      if (!asked.has(n)) figures.push(at);
    }
  }
  if (figures.length === 0) return 0;
  const plan = planOf(query);
  // The time the question sets ("in March of 1974") says when, not what the figure is of.
  const of = plan.keyList.map((k) => !CALENDAR.test(k));
  let total = 0;
  for (let k = 0; k < plan.keyList.length; k++) if (of[k]) total += query.keys.get(plan.keyList[k]!) ?? 0;
  if (total === 0) return 0;
  const tokens = tokenize(text);
  let best = 0;
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const ends = i === tokens.length || (i > start && (CLAUSE_GAP.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start)) || CLAUSE_WORDS.has(foldWord(tokens[i]!.surface))));
    if (!ends) continue;
    const from = tokens[start]?.start ?? 0;
    const to = tokens[i - 1]?.end ?? 0;
    if (figures.some((f) => f >= from && f < to)) {
      const held = new Set<number>();
      for (let j = start; j < i; j++) {
        for (const term of termsOf(tokens[j]!.surface)) {
          for (let k = 0; k < plan.keyList.length; k++) if (of[k] && (term === plan.keyList[k] || plan.keyRelated[k]?.includes(term))) held.add(k);
        }
      }
      let weight = 0;
      for (const k of held) weight += query.keys.get(plan.keyList[k]!) ?? 0;
      best = Math.max(best, weight / total);
    }
    start = i;
  }
  return best;
}

/**
 * For a "how much", "how many" or "when" question whose best is its story's opening (the lede or
 * the standfirst), a body sentence of the same story a little further down that gives its figure
 * in the same clause as the question's words, where the opening gives its figures beside other
 * things: a lede full of a plan's figures names the toll asked about, but the sentence about the
 * toll gives its rate and when it begins. Undefined when there is none.
 */
function figureOfAskedAlternative(query: Query, pool: readonly Scored[], best: Scored): Scored | undefined {
  // An age stands apart from its clause ("Owen Tarrant, 61, was jailed"): "how old" is left to the age rules.
  if ((query.answerType !== 'number' && query.answerType !== 'date') || best.doc.position > 1 || HOW_OLD.test(query.text)) return undefined;
  // A lede that gives a figure beside half the question's words or more answers it itself.
  const own = figureClauseShare(best.doc, query);
  if (own >= FIGURE_LEAST) return undefined;
  return closeCandidate(pool, best, FIGURE_DEPTH, FIGURE_SHARE, (r) => {
    // Not a sentence whose dates are all years before its article's: "the Paris Agreement of 2015" gives background.
    if (r.doc.article !== best.doc.article || r.doc.position <= 1 || !answersKind(r.doc, query) || onlyPastYears(r.doc)) return false;
    const share = figureClauseShare(r.doc, query);
    return share >= FIGURE_LEAST && share >= own + FIGURE_MARGIN;
  });
}

/**
 * True when the sentence itself writes every key term of the question, or a synonym of it: not
 * one it only takes from its headline or its neighbours.
 */
function writesEveryKey(index: Index, query: Query, doc: SentenceDoc): boolean {
  const plan = planOf(query);
  const terms = index.features(doc).terms;
  for (let k = 0; k < plan.keyList.length; k++) if (!terms.has(plan.keyList[k]!) && !hasAny(terms, plan.keyRelated[k])) return false;
  return true;
}

/** True when two articles name a person in common: reports of one story, a day apart. */
function sharePerson(a: Article, b: Article): boolean {
  for (const e of a.entities) if (e.type === 'person' && b.entities.some((f) => f.type === 'person' && f.name === e.name)) return true;
  return false;
}

/** True when two articles are reports of one story: both dated, naming a person in common. */
export function otherReport(a: Article, b: Article): boolean {
  return a !== b && a.published !== '' && b.published !== '' && sharePerson(a, b);
}

/**
 * True when a report's headline gives the figure its sentence gives, with every word of the
 * question the sentence lacks: "Tollby toll climbs to 9" over "The number of people killed in
 * Tollby has risen to 9" answers "what is the death toll in Tollby?" as the headline words it,
 * though the sentence covers less of the question than an older report's "the death toll rose to 5".
 */
function headlineGives(index: Index, query: Query, doc: SentenceDoc, older: SentenceDoc): boolean {
  // A figure is asked for: "how many", or "what is the toll?" that the older report answers with one.
  if ((query.answerType !== 'number' && query.answerType !== 'other') || doc.sentence.numbers.length === 0 || older.sentence.numbers.length === 0) return false;
  const title = doc.article.title;
  const figure = doc.sentence.numbers.find((n) => !older.sentence.numbers.includes(n) && new RegExp(`(?<![\\w.,])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w]|[.,]\\d)`).test(title));
  if (figure === undefined) return false;
  const headline = new Set(textTerms(title));
  const terms = index.features(doc).terms;
  for (const key of query.keys.keys()) if (!headline.has(key) && !terms.has(key)) return false;
  return true;
}

/**
 * A developing story is reported day after day, and each report gives the figures of its day
 * ("14 hikers were still missing", then "three hikers were still missing"): when a newer report
 * of the same story (one naming a person the chosen one names) answers the question about as well
 * and in the same way, the reader wants the newest. Not when the question names a day or an
 * earlier moment ("on Friday", "at first"), which the ranking has already weighed. Null otherwise.
 */
function newerReport(index: Index, query: Query, pool: readonly Scored[], chosen: Scored): Scored | null {
  const own = chosen.doc.article;
  if (own.published === '' || EARLIER_MARKER.test(query.text)) return null;
  // Worked out only when a newer report is weighed: most pools hold none.
  let typed: boolean | undefined;
  let together: boolean | undefined;
  let chosenWritesEveryKey: boolean | undefined;
  let newest: Scored | null = null;
  for (const r of pool.slice(0, NEWER_DEPTH)) {
    const article = r.doc.article;
    if (article === own || article.published <= (newest ?? chosen).doc.article.published) continue;
    // A newer report may word the fact another way ("the number of dead" for "the death toll"): it reaches every
    // word of the question, some through their synonyms, as the chosen one does.
    // (Read only for a report that falls short of the chosen one: the keys are looked up in the chosen one once.)
    if (r.coverage < chosen.coverage || r.score < chosen.score * NEWER_SHARE) {
      const reworded = r.coverage >= chosen.coverage * CREDIT.synonym && (chosenWritesEveryKey ??= writesEveryKey(index, query, chosen.doc)) && writesEveryKey(index, query, r.doc);
      if (!reworded && !headlineGives(index, query, r.doc, chosen.doc)) continue;
    }
    typed ??= hasAnswerType(chosen.doc, query);
    if (typed && !hasAnswerType(r.doc, query)) continue;
    // A measure ("4.8 metres") is not given up for a newer report's count.
    if (HOW_MEASURE.test(query.text) && someNumber(chosen.doc, query, false, isMeasure) && !someNumber(r.doc, query, false, isMeasure)) continue;
    if (query.asksForQuote && (r.doc.quote === null) !== (chosen.doc.quote === null)) continue;
    if (!countsAsked(index, query, r)) continue;
    if (!sharePerson(own, article)) continue;
    // "When did the blaze start?": not for a report whose "began" is said of something else.
    together ??= query.answerType === 'date' && keysTogether(index, query, chosen.doc);
    if (together && !keysTogether(index, query, r.doc)) continue;
    newest = r;
  }
  return newest;
}

/** "Where is X based?", "where is X headquartered?": a question for the place an organisation is from. */
const BASED_WHERE = /^\s*where\s+(?:is|are|was|were)\s+.+\s+(?:based|headquartered)\s*\??\s*$/i;
/** How far down the ranking a "where is X based?" question looks for a demonym before X. */
const SEAT_DEPTH = 8;

/**
 * The sentence, and its demonym, that writes a demonym before the name the question asks about, with at most two
 * lower-case words between ("Norwegian carmaker Fjellby", "the Danish firm Holm & Co"): it says
 * where the organisation is from. Null when the question names no one or no close sentence does so.
 */
function demonymSeat(query: Query, pool: readonly Scored[]): { seat: Scored; span: { start: number; end: number } } | null {
  const named = query.entities.map((r) => r.entity).filter((e) => e.type !== 'place');
  if (named.length === 0) return null;
  const forms = named.flatMap((e) => [e.name, ...e.aliases]).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const before = new RegExp(`(?<![\\p{L}])(\\p{Lu}\\p{Ll}+)\\s+(?:\\p{Ll}[\\p{Ll}-]*\\s+){0,2}(?:${forms.join('|')})(?![\\p{L}])`, 'u');
  for (const r of pool.slice(0, SEAT_DEPTH)) {
    const m = before.exec(r.doc.sentence.text);
    if (m && demonymPlace(m[1]!) !== undefined) return { seat: r, span: { start: m.index, end: m.index + m[1]!.length } };
  }
  return null;
}

/** Answers a question (with earlier turns as context), or declines; the full decision is in `trace`. */
export function answerWithTrace(index: Index, question: string, history: readonly Turn[] = []): { reply: Reply; trace: AnswerTrace } {
  const query = analyse(index, question, history);
  // "What else did she say?": what briefbot has already cited in the conversation is not given again.
  const ranking = query.given.length > 0 ? rank(index, query).filter((r) => !query.given.some((t) => t.includes(r.doc.sentence.text))) : rank(index, query);
  const kept = keepStory(index, query, commonNounSense(query, ranking), history);
  const ranked = withoutOthersVerbs(index, query, kept.ranked);
  const best = ranked[0];
  // Once the story is settled, only its own sentences are rivals to the best, or further citations.
  const pool = kept.story ? ranked.filter((r) => r.doc.article === kept.story) : ranked;
  const runnerUp = pool[1];
  let total = 0;
  let unknown = 0;
  for (const [k, w] of query.keys) {
    total += w;
    if (query.unknownTerms.includes(k)) unknown += w;
  }
  const unknownShare = total > 0 ? unknown / total : 1;
  const features = best ? decisionFeatures(query, unknownShare, candidate(query, best), runnerUp ? candidate(query, runnerUp) : undefined) : [];
  const p = best ? probability(features) : 0;
  const trace: AnswerTrace = { query, ranked, declined: true, reason: '', features, probability: p };
  let silent: Silent | null = null;
  // "Where is Fjellby based?" is answered by "the Norwegian carmaker Fjellby", whatever words the question frames it in.
  const based = BASED_WHERE.test(query.text) ? demonymSeat(query, pool) : null;
  const seat = based?.seat;
  // A name the corpus never mentions is decisive on its own ("What did Macron say?").
  if (query.unknownNames.length > 0) trace.reason = 'unknown name';
  else if (unresolvedPronoun(query)) trace.reason = 'unresolved pronoun';
  else if (ambiguousOffice(query)) trace.reason = 'ambiguous office';
  else if (!best) trace.reason = 'no candidate';
  else if ((silent = silentSpeakers(index, query, ranked))) trace.reason = 'not quoted';
  else if (!seat && unknownShare >= MAX_UNKNOWN_SHARE) trace.reason = 'unknown terms';
  else if (!seat && p < MODEL.threshold) trace.reason = 'low confidence';
  else if (placeUnwritten(index, query, best.doc)) trace.reason = 'place not written';
  else if (saidOnAnotherDay(index, query, best.doc)) trace.reason = 'another day';
  else if (onlyBackground(query, pool, best)) trace.reason = 'background';
  else if (pastHolder(query, best.doc) && !closeCandidate(pool, best, PAST_HOLDER_DEPTH, 0.9, (r) => !pastHolder(query, r.doc))) trace.reason = 'past holder';
  else if ((query.answerType === 'number' || query.answerType === 'date') && !answersKind(best.doc, query) && !pool.slice(1, kindDepth(query)).some((r) => answersKind(r.doc, query) && r.coverage >= best.coverage * 0.8 && countsAsked(index, query, r)) && !countingNoun(query, pool, best, index)) trace.reason = 'no ' + query.answerType;
  if (trace.reason !== '' || !best) {
    return { reply: declineReply(index, query, pool, Math.round(Math.min(p, MODEL.threshold) * 1000) / 1000, silent, history), trace };
  }
  trace.declined = false;
  // For number and date questions, prefer the first close candidate that has one; a time said
  // another way ("within six weeks") answers "when" as well as a calendar date.
  let chosen = seat ?? best;
  if (seat) {
    // Chosen above.
  } else if ((query.answerType === 'number' || query.answerType === 'date') && !answersKind(best.doc, query)) {
    chosen =
      measuredAlternative(query, pool, best) ??
      countingNoun(query, pool, best, index) ??
      pool.slice(1, 3).find((r) => (query.answerType === 'number' ? answersKind(r.doc, query) && countsAsked(index, query, r) : hasAnswerType(r.doc, query))) ??
      pool.slice(3, kindDepth(query)).find((r) => answersKind(r.doc, query) && r.coverage >= best.coverage * 0.8) ??
      best;
  } else if (query.answerType === 'number' && ASKS_SHARE.test(query.text) && !givesShare(best.doc)) {
    // "What share of the vote did the Greens get?": "The party won 37.5% of the vote" over "the Greens had 19 of the 40 seats".
    chosen = closeCandidate(pool, best, SHARE_DEPTH, 0.75, (r) => givesShare(r.doc)) ?? best;
  } else if (query.answerType === 'date' && WHAT_TIME.test(query.text) && !tellsClock(best.doc)) {
    // "What time did the jet land?": "landed at 6:05 p.m." over "the third emergency landing at the airport this year".
    chosen = closeCandidate(pool, best, CLOCK_DEPTH, 0.9, (r) => tellsClock(r.doc)) ?? best;
  } else if (query.answerType === 'number' && HOW_LONG.test(query.text) && !givesSpanOfTime(best.doc, query)) {
    // "How long was the meeting?": "ran for three hours and 40 minutes" over "met on Monday", when it covers as much of the question.
    chosen = closeCandidate(pool, best, SPAN_DEPTH, 1, (r) => givesSpanOfTime(r.doc, query)) ?? best;
  } else if (query.answerType === 'number' && onlyVague(best.doc)) {
    // "How many were injured?": "injuring more than 900" over "hundreds of injured people were treated in tents".
    chosen = closeCandidate(pool, best, 3, 0.9, (r) => answersKind(r.doc, query) && someNumber(r.doc, query, false, exactOfAsked)) ?? best;
  } else if (query.answerType === 'score' && scoresOf(best.doc).length === 0) {
    // "What was the score?" is answered by a close sentence that gives one, over one that only says "scored".
    chosen = closeCandidate(pool, best, 5, 0.8, (r) => scoresOf(r.doc).length > 0) ?? best;
  } else if (WHO_IS.test(query.text.trim()) && !describes(best.doc, query)) {
    // "Who is Jane Roe?" is answered by the sentence that says what she is, when a close one does:
    // sentences that name another person with the same surname may rank above it.
    // One that names her by her surname alone ("Cobb, 58, is one of …") covers less of the question, but is about her all the same.
    chosen = pool.slice(1, 5).find((r) => r.coverage >= best.coverage * (whoIsRefs(r.doc, query) ? WHO_IS_SHARE : 0.9) && describes(r.doc, query)) ?? best;
  } else if (planOf(query).howMuch && !hasAmount(best.doc.sentence.numbers)) {
    // "How much money …?" asks for an amount: a close candidate with one beats a bare count or an age.
    chosen = closeCandidate(pool, best, 3, 0.8, (r) => hasAmount(r.doc.sentence.numbers)) ?? best;
  } else if (query.answerType === 'number' && earlierYear(best.doc, query, true)) {
    // A count from an earlier year's event is background: the lede, read with its headline, tells the story's own.
    // A sentence with a count before the year may give this year's, compared ("12 seats, down from 26 in
    // 2021"): the lede answers instead only when it matches the question as well ("killed 31 people in 2009").
    const background = earlierYear(best.doc, query) !== null;
    chosen = pool.slice(1, 5).find((r) => r.doc.article === best.doc.article && r.doc.position <= 1 && (background || r.coverage >= best.coverage) && hasAnswerType(r.doc, query) && ledeCovers(index, r.doc, best.doc, query)) ?? best;
  } else if (query.answerType === 'number' && countsThings(query)) {
    chosen = boundAlternative(index, query, pool, best) ?? best;
  } else if (query.answerType === 'number' && HOW_MEASURE.test(query.text) && !measures(best.doc, query)) {
    // "How tall is the rocket?": "The 42-meter rocket lifted off" over "The rocket reached an orbit 500 kilometers above Earth".
    chosen = measuredAlternative(query, pool, best) ?? best;
  } else if (planOf(query).asksCause && !causeOfAsked(best.doc, query)) {
    // "What caused the warehouse fire?": "nobody yet knows what caused the fire" over "fire crews reached the warehouse at 6am".
    chosen = closeCandidate(pool, best, 5, 0.8, (r) => causeOfAsked(r.doc, query)) ?? best;
  } else if (askedDeed(query) !== null && !namesDoer(best.doc, askedDeed(query)!)) {
    // "Who funded the study?": "The study was funded by …" over "X, of a charity which part-funded the study, said …".
    // It must still be about whom the question names: "Who advised Tarn?" is not answered by "Vell was advised by …".
    chosen = closeCandidate(pool, best, 5, 0.9, (r) => namesAsBest(query, best.doc, r.doc) && namesDoer(r.doc, askedDeed(query)!)) ?? best;
  } else if (spokenByAnother(query, best.doc)) {
    // "What did Vera Lund say about Dell?": Dell's quote that names her is his words, not hers.
    chosen = closeCandidate(pool, best, 5, OTHER_SPEAKER_SHARE, (r) => !spokenByAnother(query, r.doc) && speaksAsked(query, r.doc)) ?? best;
  } else if (!askedGroupSpeaks(query, best.doc)) {
    // "What did the police say?" is answered by what the police said, not by what organisers said beside a police estimate.
    chosen = closeCandidate(pool, best, 5, 0.9, (r) => askedGroupSpeaks(query, r.doc)) ?? best;
  }
  if (chosen === best) chosen = thingDoerAlternative(query, pool, best) ?? best;
  if (chosen === best) chosen = speedAlternative(index, query, pool, best) ?? best;
  if (chosen === best) chosen = purchaseAlternative(query, pool, best) ?? best;
  if (chosen === best) chosen = namingAlternative(query, pool, best) ?? best;
  if (chosen === best) chosen = bodyOverStandfirst(index, query, pool, best) ?? best;
  if (chosen === best) chosen = continuationOf(index, query, pool, best) ?? best;
  if (chosen === best) chosen = pronounAsAsked(index, query, pool, best) ?? best;
  if (chosen === best) chosen = keysTogetherAlternative(index, query, pool, best) ?? best;
  if (chosen === best) chosen = causeBefore(index, query, best, pool) ?? best;
  if (chosen === best) chosen = responseAfter(index, query, best, pool) ?? best;
  if (chosen === best) chosen = listBefore(index, query, best, pool) ?? best;
  if (chosen === best) chosen = figureOfAskedAlternative(query, pool, best) ?? best;
  chosen = newerReport(index, query, pool, chosen) ?? chosen;
  // An interviewer's question ("Q: What surprised you most?") is answered by the answer after it ("A: The speed.").
  const asked = interviewQuestion(index, chosen.doc);
  if (asked) chosen = inPlaceOf(pool, chosen, asked);
  // A sentence that only introduces a quote ("… the mayor replied:") answers through the quote after it.
  if (query.asksForQuote && introducesQuote(chosen.doc)) {
    const next = index.docs[chosen.doc.id + 1];
    if (next && next.article === chosen.doc.article && next.quote) {
      const intro = chosen;
      chosen = inPlaceOf(pool, intro, next);
    }
  }
  const cited: Scored[] = [chosen];
  // A follow-up about "it" or "they" is about the thing of the answer's own story: another story's sentence is no further answer to it.
  const ownStory = query.terms.some((t) => t.kind === 'context') ? chosen.doc.article : null;
  // Further citations: other sentences that also answer well, not near-copies of the first, in
  // ranked order (read in place: the ranking is not copied to find two more).
  for (const r of pool) {
    if (cited.length >= MAX_CITATIONS) break;
    if (r === chosen || (ownStory && r.doc.article !== ownStory)) continue;
    if (r.coverage < chosen.coverage * 0.75) continue;
    if (cited.some((c) => c.doc.id === r.doc.id)) continue;
    cited.push(r);
  }
  // A quote that runs on: its other sentences come right after the first, in order, when asked what someone said.
  if (query.asksForQuote && chosen.doc.quote && chosen.doc.quote.sentences.length > 1) {
    // From the quote's first sentence, even when a later one matched best: a quote is read in order.
    const quoteDocs = chosen.doc.quote.sentences
      .map((id) => index.doc(chosen.doc.article.id, id))
      .filter((d): d is SentenceDoc => d !== undefined)
      .sort((a, b) => a.position - b.position);
    const others = cited.filter((c) => !quoteDocs.includes(c.doc));
    const quoted = quoteDocs.map((doc) => cited.find((c) => c.doc === doc) ?? (doc === chosen.doc ? chosen : { doc, score: 0, coverage: 0, bm25: 0, missing: 0, paragraphMissing: 0, x: [] }));
    cited.splice(0, cited.length, ...quoted, ...others);
    cited.length = Math.min(cited.length, MAX_CITATIONS);
  }
  const citations: Citation[] = cited.map((c, i) =>
    makeCitation(c.doc, i + 1, i === 0 || (query.asksForQuote && c.doc.quote !== null && c.doc.quote === chosen.doc.quote), i === 0 && c === seat ? based!.span : i === 0 || c.doc.quote === chosen.doc.quote ? answerSpan(c.doc, query, index.features(c.doc).terms) : null),
  );
  const reply = makeReply({
    kind: 'answer',
    command: 'ask',
    question: query.text,
    lead: citations[0]!.text,
    citations,
    confidence: Math.round(p * 1000) / 1000,
  });
  return { reply, trace };
}

/** Answers a question, or declines. */
export function answerQuestion(index: Index, question: string, history: readonly Turn[] = []): Reply {
  return answerWithTrace(index, question, history).reply;
}

