/**
 * A MiniSearch whose postings live in flat typed arrays. MiniSearch keeps one `Map` per term,
 * field and document: at 360,000 sentences that is gigabytes of heap, many seconds to build
 * or to load, and every query builds a result object for every matching sentence and sorts
 * them all. Here the same postings sit in a few typed arrays (compressed-row form, documents
 * ascending), so building is one pass, a snapshot is a handful of buffers, and a query adds
 * BM25 scores into a float array and keeps only the best hits.
 *
 * Scores are computed with MiniSearch's own formula, in the same order of floating-point
 * operations, and ties keep MiniSearch's order, so `search` returns exactly the hits, scores
 * and order that MiniSearch would (tests/core/sentence-search.test.ts compares them), cut to
 * the first `maxResults`. Queries this fast path does not cover (prefix, fuzzy, filters, AND)
 * and every other MiniSearch method go to MiniSearch itself, over maps rebuilt on first use.
 */
import MiniSearch from 'minisearch';
import type { MatchInfo, Options, Query, SearchOptions, SearchResult } from 'minisearch';

/** The postings and statistics of a {@link SentenceSearch}: all a snapshot needs to store. */
export interface SearchData {
  /** Term id → term. */
  terms: string[];
  /** Offsets into `docs`/`freqs` for each (term, field): key `termId * fields + fieldId`, one extra at the end. */
  starts: Uint32Array;
  /** Short document ids (the document's position), ascending within each (term, field). */
  docs: Uint32Array;
  /** Term frequency of each posting. */
  freqs: Uint16Array;
  /** MiniSearch's field length (distinct tokens) of each (document, field): `doc * fields + fieldId`. */
  fieldLengths: Uint16Array;
  /** MiniSearch's running average of each field's length. */
  averageFieldLengths: number[];
  documentCount: number;
  /** True when a document's MiniSearch id is its position as a string (`"0"`), false when the number itself. */
  stringIds: boolean;
}

/** Options of a {@link SentenceSearch}: MiniSearch's, plus how many hits `search` keeps. */
export interface SentenceSearchOptions<T> extends Options<T> {
  /** Most hits one `search` call returns (default 1,000); MiniSearch itself returns every match. */
  maxResults?: number;
}

interface Plan {
  terms: { termId: number; boost: number }[];
  fieldBoosts: number[];
  bm25: { k: number; b: number; d: number };
}

/** MiniSearch's private state that hydration fills in; not part of its typed API. */
interface MiniSearchInternals {
  _options: Options<unknown> & { searchOptions: SearchOptions };
  _index: unknown;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
  _fieldIds: Record<string, number>;
}

const LAZY_FIELDS = ['_index', '_documentIds', '_idToShortId', '_fieldLength'] as const;
const DEFAULT_BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** Term frequencies below this have their BM25 length part in the lookup table. */
const TABLE_FREQS = 16;

/** Growable typed arrays for collecting postings during a build. */
class Column<A extends Uint32Array | Uint16Array> {
  length = 0;
  constructor(public array: A, private readonly make: (n: number) => A) {}
  push(value: number): void {
    if (this.length === this.array.length) {
      const next = this.make(this.array.length * 2);
      next.set(this.array);
      this.array = next;
    }
    this.array[this.length++] = value;
  }
}

/** One hit; the match details are worked out only when read. */
class Hit {
  private details: { terms: string[]; match: MatchInfo } | null = null;
  constructor(
    readonly id: string | number,
    readonly score: number,
    private readonly explain: () => { terms: string[]; match: MatchInfo },
  ) {}
  private get info(): { terms: string[]; match: MatchInfo } {
    return (this.details ??= this.explain());
  }
  get terms(): string[] {
    return Object.keys(this.info.match);
  }
  get queryTerms(): string[] {
    return this.info.terms;
  }
  get match(): MatchInfo {
    return this.info.match;
  }
}

export class SentenceSearch<T = unknown> extends MiniSearch<T> {
  readonly data: SearchData;
  private readonly termIds: Map<string, number>;
  private readonly fieldCount: number;
  private readonly maxResults: number;
  private hydrated = false;
  // Scratch space reused by every query, so a query allocates nothing per matching document.
  private readonly total: Float64Array;
  private readonly termTotal: Float64Array;
  private readonly quality: Uint16Array;
  private readonly seenAt: Int32Array;
  private readonly termSeenAt: Int32Array;
  private epoch = 0;
  private norms: { table: Float64Array; freqs: number; lengths: number } | null | undefined;
  private termEpoch = 0;
  private touched: Int32Array;
  private termTouched: Int32Array;

  constructor(options: SentenceSearchOptions<T>, data: SearchData) {
    const { maxResults, ...miniSearchOptions } = options;
    super(miniSearchOptions);
    this.data = data;
    this.maxResults = maxResults ?? 1000;
    this.fieldCount = options.fields.length;
    this.termIds = new Map(data.terms.map((t, i) => [t, i]));
    const n = data.documentCount;
    this.total = new Float64Array(n);
    this.termTotal = new Float64Array(n);
    this.quality = new Uint16Array(n);
    this.seenAt = new Int32Array(n);
    this.termSeenAt = new Int32Array(n);
    this.touched = new Int32Array(1024);
    this.termTouched = new Int32Array(1024);
    const self = this as unknown as MiniSearchInternals;
    self._documentCount = n;
    self._nextId = n;
    self._avgFieldLength = [...data.averageFieldLengths];
    // The maps MiniSearch works on are built only when one of its own methods needs them.
    for (const name of LAZY_FIELDS) {
      Object.defineProperty(this, name, {
        configurable: true,
        enumerable: true,
        get: () => {
          this.hydrate();
          return (this as unknown as Record<string, unknown>)[name];
        },
        set: (value: unknown) => {
          this.hydrate();
          (this as unknown as Record<string, unknown>)[name] = value;
        },
      });
    }
  }

  /**
   * Indexes documents the way `MiniSearch#addAll` would (same tokenizer, term processing,
   * field lengths and averages), straight into typed arrays. Document `k` of the list gets
   * short id `k`; its id field must be `k` or `String(k)`.
   */
  static build<T>(options: SentenceSearchOptions<T>, documents: readonly T[]): SentenceSearch<T> {
    const probe = new MiniSearch<T>(options);
    const { extractField, stringifyField, tokenize, processTerm, fields, idField } = (probe as unknown as { _options: Required<Options<T>> })._options;
    const F = fields.length;
    const termIds = new Map<string, number>();
    const terms: string[] = [];
    const keys = new Column(new Uint32Array(1 << 16), (n) => new Uint32Array(n));
    const docs = new Column(new Uint32Array(1 << 16), (n) => new Uint32Array(n));
    const freqs = new Column(new Uint16Array(1 << 16), (n) => new Uint16Array(n));
    const fieldLengths = new Uint16Array(documents.length * F);
    const averages: number[] = [];
    let stringIds: boolean | null = null;
    const counts = new Map<string, number>();
    documents.forEach((document, k) => {
      const id = extractField(document, idField);
      const isString = id === String(k);
      if (!isString && id !== k) throw new Error(`SentenceSearch: document ${k} has id ${String(id)}; ids must be positions`);
      if (stringIds !== null && stringIds !== isString) throw new Error('SentenceSearch: mixed string and number ids');
      stringIds = isString;
      for (let f = 0; f < F; f++) {
        const field = fields[f]!;
        const value = extractField(document, field);
        if (value == null) throw new Error(`SentenceSearch: document ${k} has no field "${field}"`);
        const tokens = tokenize(stringifyField(value, field), field);
        const length = new Set(tokens).size;
        fieldLengths[k * F + f] = length;
        // MiniSearch's running average, in its order of operations.
        const average = averages[f] || 0;
        averages[f] = (average * k + length) / (k + 1);
        counts.clear();
        for (const token of tokens) {
          const processed = processTerm(token, field);
          if (Array.isArray(processed)) for (const t of processed) counts.set(t, (counts.get(t) ?? 0) + 1);
          else if (processed) counts.set(processed, (counts.get(processed) ?? 0) + 1);
        }
        for (const [term, tf] of counts) {
          let termId = termIds.get(term);
          if (termId === undefined) {
            termId = terms.length;
            termIds.set(term, termId);
            terms.push(term);
          }
          keys.push(termId * F + f);
          docs.push(k);
          freqs.push(Math.min(tf, 0xffff));
        }
      }
    });
    // Counting sort by (term, field); documents stay ascending within each key.
    const starts = new Uint32Array(terms.length * F + 1);
    for (let i = 0; i < keys.length; i++) starts[keys.array[i]! + 1]!++;
    for (let i = 1; i < starts.length; i++) starts[i]! += starts[i - 1]!;
    const cursor = starts.slice(0, -1);
    const sortedDocs = new Uint32Array(keys.length);
    const sortedFreqs = new Uint16Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const at = cursor[keys.array[i]!]!++;
      sortedDocs[at] = docs.array[i]!;
      sortedFreqs[at] = freqs.array[i]!;
    }
    const data: SearchData = {
      terms,
      starts,
      docs: sortedDocs,
      freqs: sortedFreqs,
      fieldLengths,
      averageFieldLengths: fields.map((_, f) => averages[f] ?? 0),
      documentCount: documents.length,
      stringIds: stringIds ?? true,
    };
    return new SentenceSearch(options, data);
  }

  /** Same as `MiniSearch#search`, but returns at most `maxResults` hits (the best ones, in MiniSearch's order). */
  override search(query: Query, searchOptions: SearchOptions = {}): SearchResult[] {
    const plan = this.hydrated ? null : this.plan(query, searchOptions);
    if (!plan) return super.search(query, searchOptions).slice(0, this.maxResults);
    return this.run(plan);
  }

  /** The terms and boosts of a query this fast path computes exactly like MiniSearch, or null. */
  private plan(query: Query, searchOptions: SearchOptions): Plan | null {
    const internals = this as unknown as MiniSearchInternals;
    const { tokenize, processTerm, searchOptions: globalOptions } = internals._options;
    const topOptions: SearchOptions = { ...globalOptions, ...searchOptions };
    if (topOptions.filter != null) return null;
    const isOr = (c: unknown) => c === undefined || (typeof c === 'string' && c.toLowerCase() === 'or');
    let strings: string[];
    let subOptions: SearchOptions;
    if (typeof query === 'string') {
      strings = [query];
      subOptions = searchOptions;
    } else if (typeof query === 'object' && query !== null && Array.isArray(query.queries) && query.queries.every((q) => typeof q === 'string')) {
      const { queries, ...rest } = query;
      subOptions = { ...searchOptions, ...rest };
      if (!isOr(subOptions.combineWith)) return null;
      strings = queries as string[];
    } else {
      return null;
    }
    const options = { tokenize, processTerm, ...globalOptions, ...subOptions } as SearchOptions & Required<Pick<Options<unknown>, 'tokenize' | 'processTerm'>>;
    if (!isOr(options.combineWith) || options.fuzzy || options.prefix || options.boostDocument != null) return null;
    if (options.fields && options.fields.join('\u0000') !== internals._options.fields.join('\u0000')) return null;
    const seen = new Set<string>();
    const terms: Plan['terms'] = [];
    for (const text of strings) {
      const list = options.tokenize(text).flatMap((t) => options.processTerm(t) ?? []).filter((t): t is string => !!t);
      for (let i = 0; i < list.length; i++) {
        const term = list[i]!;
        // MiniSearch adds a repeated term's score twice but counts it once: leave that case to it.
        if (seen.has(term)) return null;
        seen.add(term);
        const boost = typeof options.boostTerm === 'function' ? options.boostTerm(term, i, list) : 1;
        terms.push({ termId: this.termIds.get(term) ?? -1, boost });
      }
    }
    return { terms, fieldBoosts: fieldBoostsOf(internals._options.fields, options.boost), bm25: options.bm25 ?? DEFAULT_BM25 };
  }

  private nextEpochs(): void {
    if (this.termEpoch > 0x7fff0000) {
      this.seenAt.fill(0);
      this.termSeenAt.fill(0);
      this.epoch = 0;
      this.termEpoch = 0;
    }
    this.epoch++;
  }

  /**
   * The tf and length part of MiniSearch's BM25 for each (field, term frequency, field length),
   * for the default parameters: the same expression, so the same doubles, looked up instead of
   * divided out at every posting.
   */
  private normTable(bm25: Plan['bm25']): { table: Float64Array; freqs: number; lengths: number } | null {
    if (bm25.k !== DEFAULT_BM25.k || bm25.b !== DEFAULT_BM25.b || bm25.d !== DEFAULT_BM25.d) return null;
    if (this.norms !== undefined) return this.norms;
    const { fieldLengths, averageFieldLengths } = this.data;
    // Higher frequencies are rare: they are computed at the posting (scanning every posting
    // for the highest one would cost more than the table saves on a first question).
    const maxTf = TABLE_FREQS - 1;
    let maxLength = 0;
    for (let i = 0; i < fieldLengths.length; i++) if (fieldLengths[i]! > maxLength) maxLength = fieldLengths[i]!;
    const lengths = maxLength + 1;
    const F = this.fieldCount;
    if (F * (maxTf + 1) * lengths > 4_000_000) return (this.norms = null);
    const { k, b, d } = DEFAULT_BM25;
    const table = new Float64Array(F * (maxTf + 1) * lengths);
    for (let f = 0; f < F; f++) {
      const avgFieldLength = averageFieldLengths[f]!;
      for (let termFreq = 1; termFreq <= maxTf; termFreq++) {
        for (let fieldLength = 0; fieldLength < lengths; fieldLength++) {
          table[(f * (maxTf + 1) + termFreq) * lengths + fieldLength] = d + termFreq * (k + 1) / (termFreq + k * (1 - b + b * fieldLength / avgFieldLength));
        }
      }
    }
    return (this.norms = { table, freqs: maxTf + 1, lengths });
  }

  /**
   * The `limit` best documents for terms already in the index's own form (what its processTerm
   * gives), each with its own boost, best first: the document positions and scores of the first
   * hits that `search({ combineWith: 'OR', queries: terms }, { boostTerm })` returns when the
   * index's search options pass terms through unchanged. The answerer reads only its first
   * candidates, so no hit object is built for the rest.
   */
  topDocuments(terms: readonly string[], boosts: readonly number[], limit: number): { ids: Int32Array; scores: Float64Array } {
    const distinct = new Set(terms).size === terms.length;
    if (this.hydrated || !distinct) {
      // MiniSearch's own path: the same ranking, through its result objects.
      const boostOf = new Map(terms.map((t, i) => [t, boosts[i] ?? 1]));
      const hits = this.search({ combineWith: 'OR', queries: [...terms] }, { boostTerm: (term) => boostOf.get(term) ?? 1 }).slice(0, limit);
      return { ids: Int32Array.from(hits, (h) => Number(h.id)), scores: Float64Array.from(hits, (h) => h.score) };
    }
    const plan: Plan = { terms: [], fieldBoosts: this.defaultFieldBoosts(), bm25: this.defaultBm25() };
    for (let i = 0; i < terms.length; i++) plan.terms.push({ termId: this.termIds.get(terms[i]!) ?? -1, boost: boosts[i] ?? 1 });
    const count = this.accumulate(plan);
    const best = topHits(this.touched, count, this.total, this.quality, Math.min(limit, this.maxResults));
    const ids = new Int32Array(best.length);
    const scores = new Float64Array(best.length);
    for (let i = 0; i < best.length; i++) {
      const doc = this.touched[best[i]!]!;
      ids[i] = doc;
      scores[i] = this.total[doc]! * this.quality[doc]!;
    }
    return { ids, scores };
  }

  private fieldBoostCache: number[] | undefined;

  /** The field boosts of the index's own search options. */
  private defaultFieldBoosts(): number[] {
    if (this.fieldBoostCache) return this.fieldBoostCache;
    const { fields, searchOptions } = (this as unknown as MiniSearchInternals)._options;
    return (this.fieldBoostCache = fieldBoostsOf(fields, searchOptions?.boost));
  }

  private defaultBm25(): Plan['bm25'] {
    return (this as unknown as MiniSearchInternals)._options.searchOptions?.bm25 ?? DEFAULT_BM25;
  }

  private run(plan: Plan): SearchResult[] {
    const touchedCount = this.accumulate(plan);
    const { total, quality, touched } = this;
    const best = topHits(touched, touchedCount, total, quality, this.maxResults);
    const stringIds = this.data.stringIds;
    const hits: SearchResult[] = [];
    for (let i = 0; i < best.length; i++) {
      const doc = touched[best[i]!]!;
      hits.push(new Hit(stringIds ? String(doc) : doc, total[doc]! * quality[doc]!, () => this.explain(plan, doc)) as unknown as SearchResult);
    }
    return hits;
  }

  /** Adds up the plan's BM25 scores into `total` and `quality`; returns how many documents `touched` lists. */
  private accumulate(plan: Plan): number {
    const { starts, docs, freqs, fieldLengths, averageFieldLengths, documentCount } = this.data;
    const F = this.fieldCount;
    const { k, b, d } = plan.bm25;
    const { total, termTotal, quality, seenAt, termSeenAt } = this;
    const norms = this.normTable(plan.bm25);
    this.nextEpochs();
    const epoch = this.epoch;
    let touched = this.touched;
    let termTouched = this.termTouched;
    let touchedCount = 0;
    for (const { termId, boost } of plan.terms) {
      if (termId < 0) continue;
      const termEpoch = ++this.termEpoch;
      let termCount = 0;
      for (let f = 0; f < F; f++) {
        const from = starts[termId * F + f]!;
        const to = starts[termId * F + f + 1]!;
        if (from === to) continue;
        const fieldBoost = plan.fieldBoosts[f]!;
        const matchingCount = to - from;
        const avgFieldLength = averageFieldLengths[f]!;
        // MiniSearch's calcBM25Score and weighting, term for term, in its order of operations.
        const invDocFreq = Math.log(1 + (documentCount - matchingCount + 0.5) / (matchingCount + 0.5));
        const termWeight = 1;
        const docBoost = 1;
        const weight = termWeight * boost * fieldBoost * docBoost;
        if (termCount + matchingCount > termTouched.length) this.termTouched = termTouched = grow(termTouched, termCount + matchingCount);
        const table = norms?.table;
        const lengths = norms?.lengths ?? 0;
        const rowBase = norms ? f * norms.freqs : 0;
        for (let p = from; p < to; p++) {
          const doc = docs[p]!;
          const termFreq = freqs[p]!;
          const fieldLength = fieldLengths[doc * F + f]!;
          const norm =
            table !== undefined && termFreq < TABLE_FREQS
              ? table[(rowBase + termFreq) * lengths + fieldLength]!
              : d + termFreq * (k + 1) / (termFreq + k * (1 - b + b * fieldLength / avgFieldLength));
          const weightedScore = weight * (invDocFreq * norm);
          if (termSeenAt[doc] !== termEpoch) {
            termSeenAt[doc] = termEpoch;
            termTotal[doc] = weightedScore;
            termTouched[termCount++] = doc;
          } else {
            termTotal[doc] = termTotal[doc]! + weightedScore;
          }
        }
      }
      // MiniSearch's OR: new documents join in this term's order, others add this term's score.
      if (touchedCount + termCount > touched.length) this.touched = touched = grow(touched, touchedCount + termCount);
      for (let i = 0; i < termCount; i++) {
        const doc = termTouched[i]!;
        if (seenAt[doc] !== epoch) {
          seenAt[doc] = epoch;
          total[doc] = termTotal[doc]!;
          quality[doc] = 1;
          touched[touchedCount++] = doc;
        } else {
          total[doc] = total[doc]! + termTotal[doc]!;
          quality[doc]!++;
        }
      }
    }
    return touchedCount;
  }

  /** Which query terms a document matched, in which fields (MiniSearch's `queryTerms` and `match`). */
  private explain(plan: Plan, doc: number): { terms: string[]; match: MatchInfo } {
    const { starts, docs, terms } = this.data;
    const F = this.fieldCount;
    const fields = (this as unknown as MiniSearchInternals)._options.fields;
    const matched: string[] = [];
    const match: MatchInfo = {};
    for (const { termId } of plan.terms) {
      if (termId < 0) continue;
      const inFields: string[] = [];
      for (let f = 0; f < F; f++) {
        if (hasDoc(docs, starts[termId * F + f]!, starts[termId * F + f + 1]!, doc)) inFields.push(fields[f]!);
      }
      if (inFields.length > 0) {
        matched.push(terms[termId]!);
        match[terms[termId]!] = inFields;
      }
    }
    return { terms: matched, match };
  }

  /** Builds MiniSearch's own maps from the postings, for methods the fast path does not cover. */
  private hydrate(): void {
    if (this.hydrated) return;
    this.hydrated = true;
    for (const name of LAZY_FIELDS) delete (this as unknown as Record<string, unknown>)[name];
    const { terms, starts, docs, freqs, fieldLengths, documentCount, stringIds } = this.data;
    const F = this.fieldCount;
    const index: [string, Record<string, Record<string, number>>][] = [];
    terms.forEach((term, termId) => {
      const byField: Record<string, Record<string, number>> = {};
      for (let f = 0; f < F; f++) {
        const from = starts[termId * F + f]!;
        const to = starts[termId * F + f + 1]!;
        if (from === to) continue;
        const postings: Record<string, number> = {};
        for (let p = from; p < to; p++) postings[docs[p]!] = freqs[p]!;
        byField[f] = postings;
      }
      index.push([term, byField]);
    });
    const documentIds: Record<string, string | number> = {};
    const fieldLength: Record<string, number[]> = {};
    for (let doc = 0; doc < documentCount; doc++) {
      documentIds[doc] = stringIds ? String(doc) : doc;
      fieldLength[doc] = Array.from(fieldLengths.subarray(doc * F, doc * F + F));
    }
    const self = this as unknown as MiniSearchInternals;
    const loaded = MiniSearch.loadJS(
      {
        documentCount,
        nextId: documentCount,
        documentIds,
        fieldIds: self._fieldIds,
        fieldLength,
        averageFieldLength: [...this.data.averageFieldLengths],
        storedFields: {},
        dirtCount: 0,
        index,
        serializationVersion: 2,
      },
      self._options,
    ) as unknown as MiniSearchInternals;
    for (const name of LAZY_FIELDS) (self as unknown as Record<string, unknown>)[name] = loaded[name];
  }
}

/** MiniSearch's boost of each field, in field order (1 where none is set). */
function fieldBoostsOf(fields: readonly string[], boost: SearchOptions['boost']): number[] {
  const given = boost ?? {};
  return fields.map((field) => (Object.prototype.hasOwnProperty.call(given, field) ? given[field] : undefined) || 1);
}

function grow(array: Int32Array, atLeast: number): Int32Array {
  const next = new Int32Array(Math.max(array.length * 2, atLeast));
  next.set(array);
  return next;
}

/** Binary search for a document in one posting list (documents ascending). */
function hasDoc(docs: Uint32Array, from: number, to: number, doc: number): boolean {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = docs[mid]!;
    if (v === doc) return true;
    if (v < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The score of the document at position `seq` of `touched`. */
function scoreAt(touched: Int32Array, total: Float64Array, quality: Uint16Array, seq: number): number {
  const doc = touched[seq]!;
  return total[doc]! * quality[doc]!;
}

/** The heap's order: the hit at position `a` is worse than at `b` (lower score, then later position); its root is the worst hit kept. */
function worse(touched: Int32Array, total: Float64Array, quality: Uint16Array, a: number, b: number): boolean {
  const sa = scoreAt(touched, total, quality, a);
  const sb = scoreAt(touched, total, quality, b);
  return sa < sb || (sa === sb && a > b);
}

/** Most hits put in order by insertion; more are sorted. */
const INSERTION_SORTED = 64;

/**
 * Positions in `touched` of the `limit` best documents by score (`total × quality`), best
 * first; equal scores keep their order in `touched`, as MiniSearch's stable sort does.
 */
function topHits(touched: Int32Array, count: number, total: Float64Array, quality: Uint16Array, limit: number): Int32Array {
  const size = Math.min(limit, count);
  const heap = new Int32Array(size);
  const scores = new Float64Array(size);
  let n = 0;
  for (let seq = 0; seq < count; seq++) {
    const score = scoreAt(touched, total, quality, seq);
    if (n < size) {
      let i = n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!(score < scores[parent]! || (score === scores[parent]! && seq > heap[parent]!))) break;
        heap[i] = heap[parent]!;
        scores[i] = scores[parent]!;
        i = parent;
      }
      heap[i] = seq;
      scores[i] = score;
    } else if (score > scores[0]!) {
      // A later position never beats an equal score, so only a higher score enters.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let w = i;
        let ws = score;
        let wq = seq;
        if (l < n && (scores[l]! < ws || (scores[l]! === ws && heap[l]! > wq))) {
          w = l;
          ws = scores[l]!;
          wq = heap[l]!;
        }
        if (r < n && (scores[r]! < ws || (scores[r]! === ws && heap[r]! > wq))) w = r;
        if (w === i) break;
        heap[i] = heap[w]!;
        scores[i] = scores[w]!;
        i = w;
      }
      heap[i] = seq;
      scores[i] = score;
    }
  }
  if (n > INSERTION_SORTED) {
    const all = Array.from(heap.subarray(0, n));
    all.sort((a, b) => (worse(touched, total, quality, a, b) ? 1 : worse(touched, total, quality, b, a) ? -1 : 0));
    return Int32Array.from(all);
  }
  // Best first, by insertion with the scores the heap kept: answering asks for a few dozen hits
  // at most, and needs no copies to a plain array and back, nor a comparator recomputing scores.
  const out = new Int32Array(n);
  const outScores = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const seq = heap[k]!;
    const score = scores[k]!;
    let j = k;
    while (j > 0 && (outScores[j - 1]! < score || (outScores[j - 1]! === score && out[j - 1]! > seq))) {
      out[j] = out[j - 1]!;
      outScores[j] = outScores[j - 1]!;
      j--;
    }
    out[j] = seq;
    outScores[j] = score;
  }
  return out;
}
