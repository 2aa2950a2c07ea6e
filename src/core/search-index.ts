/**
 * The index: every sentence of every article as a MiniSearch document, with the fields
 * that matter (its text, the entities it names or refers to by pronoun, its speaker, its
 * section heading, its neighbours), plus the statistics the reranker needs. The index is
 * the only state the bot holds; it is rebuilt, never edited.
 */
import type MiniSearch from 'minisearch';
import type { Article, Entity, Quote, Sentence } from './schema.ts';
import { STOP_WORDS, addPhrases, foldWord, termsOf, textTerms, tokenize } from './text.ts';
import { SentenceSearch, type SearchData, type SentenceSearchOptions } from './sentence-search.ts';

export interface SentenceDoc {
  /** MiniSearch document id: the position in `docs`. */
  id: number;
  article: Article;
  sentence: Sentence;
  heading: string | null;
  paragraph: number;
  /** Position of the sentence in its article, from 0. */
  position: number;
  /** Position within its paragraph, from 0. */
  inParagraph: number;
  /** Entities named in the sentence or referred to by a resolved pronoun. */
  entities: Entity[];
  quote: Quote | null;
  /** The speaker's entity, or their description when they are not a named entity. */
  speaker: { entity: Entity | null; description: string } | null;
  attribution: string | null;
}

/** Term sets of one sentence, computed when the reranker first needs them. */
export interface DocFeatures {
  /** Index terms of the sentence's own text, in order, repeats kept. */
  sequence: string[];
  /** Index terms of the sentence's own text, with the ids of the lexicon phrases it writes whole ("wall street"). */
  terms: Set<string>;
  /** Index terms of the neighbouring sentences of its paragraph and of its section heading. */
  context: Set<string>;
  /** Index terms of the article's headline: "what was stolen in the Fenmoor raid?" names the story, and every sentence of it is about that. */
  headline: ReadonlySet<string>;
  /** Index terms of its entities' names, aliases and roles. */
  entityTerms: Set<string>;
  /** Its distinct own terms of at least `PREFIX_MIN` letters: those a question's term may match by prefix. */
  prefixTerms: string[];
}

/** Shortest term that may match another by prefix ("negotiat" and "negotiator"). */
export const PREFIX_MIN = 5;

export interface EntityRef {
  entity: Entity;
  article: Article;
}

export interface Index {
  articles: readonly Article[];
  docs: SentenceDoc[];
  search: SentenceSearch<{ id: number }>;
  /** Number of sentences each term occurs in (own text). */
  df: Map<string, number>;
  /** Terms by first letter, for spelling correction. */
  vocabularyByInitial: Map<string, string[]>;
  /** Every folded word form of the corpus ("putin", "zelenskyy", "u.s."). */
  words: Set<string>;
  /** Entity names and aliases (folded) → entities. */
  entityForms: Map<string, EntityRef[]>;
  /** Entity forms by first letter, for matching misspelt names. */
  entityFormsByInitial: Map<string, string[]>;
  /** The sentence `sentenceId` of article `articleId`. */
  doc(articleId: string, sentenceId: string): SentenceDoc | undefined;
  /** The term sets of a sentence (cached for the most recently used sentences). */
  features(doc: SentenceDoc): DocFeatures;
  entities: EntityRef[];
  /**
   * The person entities, most mentioned first (equals in corpus order): what
   * `entities.filter(person).sort(by mentions)` gives, sorted once when the index is built
   * instead of at every decline.
   */
  peopleByMentions: EntityRef[];
  /** Questions the corpus can answer, for declines and help. */
  suggestions: string[];
  complete(source: 'entities' | 'speakers', prefix: string, limit: number): string[];
}

/** How many sentences keep their term sets in memory between questions. */
const FEATURE_CACHE = 20_000;

function entityTermsOf(e: Entity): string[] {
  return [e.name, ...e.aliases, ...e.roles].flatMap((t) => textTerms(t));
}

/** What building an index computes from every word of the corpus, and a snapshot stores. */
export interface IndexSnapshot {
  /**
   * Every term of `Index.df` with its count, in its order: first the sentence terms (the
   * first `sentenceTerms`, the spelling vocabulary), then the entity terms no sentence has.
   */
  df: { terms: string[]; counts: number[]; sentenceTerms: number };
  /** Every folded word form, in first-occurrence order. */
  words: string[];
  /** The MiniSearch postings. */
  search: SearchData;
}

/** Options of {@link buildIndex}. */
export interface IndexOptions {
  /** Most hits `index.search.search` returns (default 1,000; the answerer reads 40). */
  maxResults?: number;
}

/** Builds the index over a set of articles. */
export function buildIndex(articles: readonly Article[], options: IndexOptions = {}): Index {
  const parts = collectDocs(articles);
  const df = new Map<string, number>();
  const words = new Set<string>();
  for (const d of parts.docs) {
    for (const t of tokenize(d.sentence.text)) words.add(foldWord(t.surface).replace(/['’]s$/, ''));
    for (const t of new Set(textTerms(d.sentence.text))) df.set(t, (df.get(t) ?? 0) + 1);
  }
  // A word of a headline is one the articles use, though no sentence may repeat it.
  for (const a of articles) for (const t of tokenize(a.title)) words.add(foldWord(t.surface).replace(/['’]s$/, ''));
  const search = SentenceSearch.build<{ id: number }>(searchOptions(parts.docs, options), parts.docs);
  return assemble(articles, parts, df, null, words, search);
}

/** Rebuilds an index from a snapshot of the same articles, without reading their words again. */
export function restoreIndex(articles: readonly Article[], snapshot: IndexSnapshot, options: IndexOptions = {}): Index {
  const parts = collectDocs(articles);
  if (snapshot.search.documentCount !== parts.docs.length) {
    throw new Error(`index snapshot holds ${snapshot.search.documentCount} sentences, the articles ${parts.docs.length}`);
  }
  const df = new Map<string, number>();
  snapshot.df.terms.forEach((t, i) => df.set(t, snapshot.df.counts[i] ?? 0));
  const search = new SentenceSearch(searchOptions(parts.docs, options), snapshot.search);
  return assemble(articles, parts, df, snapshot.df.sentenceTerms, new Set(snapshot.words), search);
}

/** The parts of an index that {@link restoreIndex} needs besides the articles. */
export function snapshotIndex(index: Index): IndexSnapshot {
  if (!(index.search instanceof SentenceSearch)) throw new Error('index snapshot: the index was not built by buildIndex');
  const sentenceTerms = [...index.vocabularyByInitial.values()].reduce((n, list) => n + list.length, 0);
  const terms = [...index.df.keys()];
  return {
    df: { terms, counts: terms.map((t) => index.df.get(t) ?? 0), sentenceTerms },
    words: [...index.words],
    search: index.search.data,
  };
}

interface DocParts {
  docs: SentenceDoc[];
  /** Each article's sentences in order, by article id (a later article with the same id wins, as a key map did). */
  byArticle: Map<string, SentenceDoc[]>;
  entityForms: Map<string, EntityRef[]>;
  entities: EntityRef[];
}

/** The entities of a sentence that names none: one shared array, never modified. */
const NO_ENTITIES: Entity[] = [];

// Runs once per sentence at every start (350,000 times at 10,000 articles), so it builds no
// temporary arrays or closures: what it allocates is what the index keeps.
function collectDocs(articles: readonly Article[]): DocParts {
  const docs: SentenceDoc[] = [];
  const entityForms = new Map<string, EntityRef[]>();
  const entities: EntityRef[] = [];
  const byArticle = new Map<string, SentenceDoc[]>();
  const addForm = (form: string, entity: Entity, article: Article) => {
    const key = foldWord(form);
    const list = entityForms.get(key);
    if (list) list.push({ entity, article });
    else entityForms.set(key, [{ entity, article }]);
  };

  for (const article of articles) {
    const articleDocs: SentenceDoc[] = [];
    byArticle.set(article.id, articleDocs);
    const byId = new Map<string, Entity[]>();
    const addMention = (id: string, e: Entity) => {
      const list = byId.get(id);
      if (list) list.push(e);
      else byId.set(id, [e]);
    };
    const entityById = new Map<string, Entity>();
    for (const e of article.entities) {
      entities.push({ entity: e, article });
      addForm(e.name, e, article);
      for (const alias of e.aliases) addForm(alias, e, article);
      for (const id of e.mentions) addMention(id, e);
      for (const id of e.pronounMentions) addMention(id, e);
      entityById.set(e.id, e);
    }
    const quoteBySentence = new Map<string, Quote>();
    for (const q of article.quotes) for (const id of q.sentences) quoteBySentence.set(id, q);
    const attributionBySentence = new Map<string, string>();
    for (const a of article.attributions) if (!attributionBySentence.has(a.sentence)) attributionBySentence.set(a.sentence, a.text);

    let position = 0;
    for (const section of article.sections) {
      for (const paragraph of section.paragraphs) {
        const sentences = paragraph.sentences;
        for (let k = 0; k < sentences.length; k++) {
          const sentence = sentences[k]!;
          const quote = quoteBySentence.get(sentence.id) ?? null;
          const speakerEntity = quote?.speaker?.entity ? entityById.get(quote.speaker.entity) ?? null : null;
          const doc: SentenceDoc = {
            id: docs.length,
            article,
            sentence,
            heading: section.heading,
            paragraph: paragraph.n,
            position: position++,
            inParagraph: k,
            entities: byId.get(sentence.id) ?? NO_ENTITIES,
            quote,
            speaker: quote?.speaker ? { entity: speakerEntity, description: quote.speaker.description } : null,
            attribution: attributionBySentence.get(sentence.id) ?? null,
          };
          docs.push(doc);
          articleDocs.push(doc);
        }
      }
    }
  }
  return { docs, entityForms, entities, byArticle };
}

// The neighbours of a sentence within its paragraph, and its section heading.
function contextText(docs: readonly SentenceDoc[], doc: SentenceDoc): string {
  const parts: string[] = [doc.heading ?? ''];
  for (const n of [docs[doc.id - 1], docs[doc.id + 1]]) if (n && n.article === doc.article && n.paragraph === doc.paragraph) parts.push(n.sentence.text);
  return parts.join(' ');
}

/** The MiniSearch options of the index over `docs` (exported so tests can build a plain MiniSearch to compare). */
export function searchOptions(docs: readonly SentenceDoc[], options: IndexOptions = {}): SentenceSearchOptions<{ id: number }> {
  return {
    fields: ['text', 'entities', 'speaker', 'heading', 'context'],
    storeFields: [],
    maxResults: options.maxResults,
    tokenize: (text) => tokenize(text).map((t) => t.surface),
    // MiniSearch only iterates the terms it is given, so the memo's shared array is safe to hand over.
    processTerm: (term) => termsOf(term) as string[],
    extractField: (document, field) => {
      const doc = docs[document.id]!;
      switch (field) {
        case 'id':
          return String(doc.id);
        case 'text':
          return doc.sentence.text;
        case 'entities':
          return doc.entities.map((e) => [e.name, ...e.aliases, ...e.roles].join(' ')).join(' ');
        case 'speaker':
          return doc.speaker ? [doc.speaker.description, doc.speaker.entity?.name ?? ''].join(' ') : '';
        case 'heading':
          return doc.heading ?? '';
        case 'context':
          return contextText(docs, doc);
        default:
          return '';
      }
    },
    searchOptions: {
      tokenize: (text) => [text],
      processTerm: (term) => term,
      boost: { text: 2, entities: 1, speaker: 1, heading: 0.4, context: 0.3 },
    },
  };
}

/**
 * The index around its parts. `sentenceTerms` is null when `df` holds the sentence terms only
 * (the entity terms are added here), or how many of `df`'s terms are sentence terms when a
 * snapshot's `df` already holds both.
 */
function assemble(
  articles: readonly Article[],
  parts: DocParts,
  df: Map<string, number>,
  sentenceTerms: number | null,
  words: Set<string>,
  search: SentenceSearch<{ id: number }>,
): Index {
  const { docs, entityForms, entities, byArticle } = parts;
  const vocabularyByInitial = new Map<string, string[]>();
  let n = 0;
  for (const term of df.keys()) {
    if (sentenceTerms !== null && n++ >= sentenceTerms) break;
    const k = term.charAt(0);
    const list = vocabularyByInitial.get(k);
    if (list) list.push(term);
    else vocabularyByInitial.set(k, [term]);
  }
  if (sentenceTerms === null) for (const { entity } of entities) for (const t of entityTermsOf(entity)) if (!df.has(t)) df.set(t, 1);
  const entityFormsByInitial = new Map<string, string[]>();
  for (const form of entityForms.keys()) {
    const k = form.charAt(0);
    const list = entityFormsByInitial.get(k);
    if (list) list.push(form);
    else entityFormsByInitial.set(k, [form]);
  }
  // A corpus of up to FEATURE_CACHE sentences keeps every sentence's term sets once worked out.
  // A larger one keeps the recently used in two generations: a hit in the older one is copied to
  // the newer, and when the newer is full the older is dropped whole. A hit never reorders
  // anything, so it allocates nothing, and at most FEATURE_CACHE sentences are kept.
  const everyDoc: (DocFeatures | undefined)[] | null = docs.length <= FEATURE_CACHE ? new Array<DocFeatures | undefined>(docs.length) : null;
  let recent = new Map<number, DocFeatures>();
  let older = new Map<number, DocFeatures>();
  function computeFeatures(doc: SentenceDoc): DocFeatures {
    const sequence = textTerms(doc.sentence.text);
    const terms = new Set(sequence);
    const prefixTerms: string[] = [];
    for (const t of terms) if (t.length >= PREFIX_MIN) prefixTerms.push(t);
    // "Wall Street", "set off": a lexicon phrase the sentence writes whole is one more term of it.
    addPhrases(terms, doc.sentence.text);
    return { sequence, terms, context: contextTerms(doc), headline: headlineTerms(doc.article), entityTerms: new Set(doc.entities.flatMap(entityTermsOf)), prefixTerms };
  }
  // One set per article, shared by its sentences.
  const headlines = new Map<Article, Set<string>>();
  function headlineTerms(article: Article): Set<string> {
    let set = headlines.get(article);
    if (!set) {
      headlines.set(article, (set = new Set(textTerms(article.title))));
      addPhrases(set, article.title);
    }
    return set;
  }
  // The terms of the heading and the paragraph neighbours, in the order of `contextText`
  // (a word never spans the spaces that join them, so these are the terms of that text).
  function contextTerms(doc: SentenceDoc): Set<string> {
    const set = new Set(textTerms(doc.heading ?? ''));
    const texts = [doc.heading ?? ''];
    for (const n of [docs[doc.id - 1], docs[doc.id + 1]]) {
      if (n && n.article === doc.article && n.paragraph === doc.paragraph) {
        for (const t of textTerms(n.sentence.text)) set.add(t);
        texts.push(n.sentence.text);
      }
    }
    for (const text of texts) addPhrases(set, text);
    return set;
  }

  const index: Index = {
    articles,
    docs,
    search,
    df,
    vocabularyByInitial,
    words,
    entityForms,
    entityFormsByInitial,
    entities,
    peopleByMentions: entities.filter((r) => r.entity.type === 'person').sort((a, b) => b.entity.mentions.length - a.entity.mentions.length),
    suggestions: [],
    doc: (articleId, sentenceId) => {
      // Sentence ids are `s1`, `s2`, … in article order: try the position first.
      const list = byArticle.get(articleId);
      if (!list) return undefined;
      const at = /^s\d+$/.test(sentenceId) ? Number(sentenceId.slice(1)) - 1 : -1;
      const guess = list[at];
      return guess && guess.sentence.id === sentenceId ? guess : list.findLast((d) => d.sentence.id === sentenceId);
    },
    features(doc) {
      if (everyDoc) return (everyDoc[doc.id] ??= computeFeatures(doc));
      let f = recent.get(doc.id);
      if (f) return f;
      f = older.get(doc.id) ?? computeFeatures(doc);
      recent.set(doc.id, f);
      if (recent.size >= FEATURE_CACHE / 2) {
        older = recent;
        recent = new Map();
      }
      return f;
    },
    complete(source, prefix, limit) {
      const p = foldWord(prefix.trim());
      const names = new Map<string, number>();
      if (source === 'entities') {
        for (const { entity } of entities) names.set(entity.name, (names.get(entity.name) ?? 0) + entity.mentions.length + entity.pronounMentions.length);
      } else {
        for (const a of articles) for (const q of a.quotes) if (q.speaker) {
          const e = q.speaker.entity ? a.entities.find((x) => x.id === q.speaker?.entity) : undefined;
          const name = e?.name ?? q.speaker.description;
          names.set(name, (names.get(name) ?? 0) + 1);
        }
      }
      return [...names.entries()]
        .filter(([name]) => p === '' || foldWord(name).split(/\s+/).some((w) => w.startsWith(p)) || foldWord(name).startsWith(p))
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, limit)
        .map(([name]) => name);
    },
  };
  index.suggestions = makeSuggestions(index);
  return index;
}

/**
 * Questions the corpus can answer, made from its own facts: who its most-mentioned people
 * are and what its quoted speakers said. They are built from templates around entity names,
 * so they never state a fact themselves.
 */
/**
 * The short name a suggestion calls someone by: the surname ("What did Rendal say?" for Tavo
 * Rendal), else the first one-word other name, else the name.
 */
export function shortNameOf(entity: Entity): string {
  const words = entity.name.split(/\s+/);
  const surname = words[words.length - 1]!;
  return entity.aliases.find((a) => a === surname) ?? entity.aliases.find((a) => !a.includes(' ')) ?? entity.name;
}

/**
 * A place as a question writes it: "the" before it when the article writes "the" before most of
 * the mentions of the place alone ("the UK", "the Netherlands"), not before a longer name it
 * opens or ends ("UK Biobank", "Arvonia's") nor a noun it qualifies ("the UK government").
 */
const placePhrases = new WeakMap<Entity, string>();

export function placePhrase(entity: Entity, article: Article): string {
  const known = placePhrases.get(entity);
  if (known !== undefined) return known;
  const mentions = new Set(entity.mentions);
  const name = new RegExp(`(^|[^\\p{L}\\p{N}])${entity.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}'’]|\\s+\\p{Lu})`, 'gu');
  let alone = 0;
  let the = 0;
  for (const section of article.sections) {
    for (const p of section.paragraphs) {
      for (const s of p.sentences) {
        if (!mentions.has(s.id)) continue;
        for (const m of s.text.matchAll(name)) {
          // "the Tarn Vale winger" writes "the" for the winger: the name must end its phrase.
          const next = /^\s*([\p{L}]+)/u.exec(s.text.slice(m.index + m[0].length));
          if (next && !STOP_WORDS.has(next[1]!.toLowerCase())) continue;
          const before = s.text.slice(0, m.index + m[1]!.length);
          if (/\p{Lu}[\p{L}'’.-]*\s+$/u.test(before) && !/(?:^|[.!?"“]\s*)\p{Lu}[\p{L}'’.-]*\s+$/u.test(before) && !/\bThe\s+$/.test(before)) continue;
          alone++;
          if (/\b[Tt]he\s+$/.test(before)) the++;
        }
      }
    }
  }
  const phrase = alone > 0 && the * 2 > alone ? `the ${entity.name}` : entity.name;
  placePhrases.set(entity, phrase);
  return phrase;
}

function makeSuggestions(index: Index): string[] {
  const people = index.peopleByMentions;
  const out: string[] = [];
  const speakers = new Set<string>();
  for (const a of index.articles) for (const q of a.quotes) if (q.speaker?.entity) speakers.add(q.speaker.entity);
  for (const { entity } of people) {
    const short = shortNameOf(entity);
    if (speakers.has(entity.id)) out.push(`What did ${short} say?`);
    else out.push(`Who is ${entity.name}?`);
    if (out.length >= 2) break;
  }
  const place = index.entities.filter((r) => r.entity.type === 'place').sort((a, b) => b.entity.mentions.length - a.entity.mentions.length)[0];
  if (place) out.push(`What happened in ${placePhrase(place.entity, place.article)}?`);
  return out;
}
