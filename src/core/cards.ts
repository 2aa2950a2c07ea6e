/** The commands other than `ask`: brief, who, quotes, sources, help. Each returns a Reply. */
import type { Reply, SourceInfo } from './reply.ts';
import type { Article } from './schema.ts';
import { makeReply } from './reply.ts';
import { COMMANDS } from './commands.ts';
import type { Index, SentenceDoc } from './search-index.ts';
import { findEntities } from './analyse.ts';
import { makeCitation, quoteSpan } from './cite.ts';
import { continuesQuote, introducesQuote, mentionedPeople, otherReport, posesQuestion } from './answer.ts';
import { foldWord, textTerms } from './text.ts';
import questionData from './lexicon/questions.json' with { type: 'json' };
import titleData from './lexicon/titles.json' with { type: 'json' };
import type { Turn } from './reply.ts';
import { articleDocs, threadStory } from './thread.ts';

/** Most items a list reply holds; platforms cut further to their own limits. */
const MAX_ITEMS = 10;

function docOf(index: Index, articleId: string, sentenceId: string): SentenceDoc | undefined {
  return index.doc(articleId, sentenceId);
}

function emptyCorpus(command: Reply['command']): Reply {
  return makeReply({ kind: 'error', command, code: 'EMPTY_CORPUS', lead: 'No articles are loaded yet. Ingest one with: npx briefbot ingest FILE' });
}

/**
 * The articles newest first (by publication date; undated ones last), in corpus order among
 * equals: what a brief or a list of quotes shows first. Worked out once per index.
 */
const newestCache = new WeakMap<Index, readonly Article[]>();

function newestFirst(index: Index): readonly Article[] {
  let sorted = newestCache.get(index);
  if (!sorted) {
    const order = new Map(index.articles.map((a, i) => [a, i]));
    // ISO dates compare as plain strings (localeCompare costs milliseconds over 10,000 articles).
    const day = (a: Article) => a.published || '0';
    sorted = [...index.articles].sort((a, b) => (day(a) < day(b) ? 1 : day(a) > day(b) ? -1 : order.get(a)! - order.get(b)!));
    newestCache.set(index, sorted);
  }
  return sorted;
}

/**
 * An article's key sentences: its lede, then the key sentence of each later section (the one
 * that shares the most terms with the section heading; the first when there is no heading),
 * never a quote's introduction or continuation when the section has another; for an article
 * without sections, the first sentence of its second paragraph.
 */
function keySentences(index: Index, article: Article): SentenceDoc[] {
  const out: SentenceDoc[] = [];
  let section: SentenceDoc[] = [];
  const flush = () => {
    if (section.length === 0) return;
    if (out.length === 0) {
      out.push(section[0]!);
    } else {
      const headingTerms = new Set(textTerms(section[0]!.heading ?? ''));
      let best = section[0]!;
      let bestScore = -1;
      for (const d of section) {
        // A sentence that only introduces a quote ("… the mayor replied:") or only continues one
        // does not stand on its own in a brief.
        if (!standsAlone(d)) continue;
        const terms = index.features(d).terms;
        let shared = 0;
        for (const t of terms) if (headingTerms.has(t)) shared++;
        const score = shared / Math.sqrt(terms.size + 1) - d.inParagraph * 0.05;
        if (score > bestScore) {
          best = d;
          bestScore = score;
        }
      }
      out.push(best);
    }
    section = [];
  };
  let heading: string | null | undefined;
  const docs = articleDocs(index, article);
  for (const d of docs) {
    if (section.length > 0 && d.heading !== heading) flush();
    heading = d.heading;
    section.push(d);
  }
  flush();
  // An article without sub-headings (most web news) says what it is about in its second
  // paragraph too, after the lede: its first sentence, unless it only introduces or continues a quote.
  if (out.length === 1) {
    const second = docs.find((d) => d.paragraph === out[0]!.paragraph + 1 && d.inParagraph === 0);
    if (second && !standsAlone(second)) return out;
    if (second) out.push(second);
  }
  return out;
}

/** A sentence that makes sense on its own in a brief: no quote's introduction ("… replied:") or continuation, nor a question the article asks. */
function standsAlone(d: SentenceDoc): boolean {
  return !introducesQuote(d) && !continuesQuote(d) && !posesQuestion(d);
}

/**
 * The main facts: the lede of each of the newest articles (at most `MAX_ITEMS`), then, while
 * there is room, the key sentences of their later sections, taken in turn from each article so
 * that one long article does not crowd out the others. Grouped by article, in reading order.
 */
export function briefReply(index: Index): Reply {
  if (index.articles.length === 0) return emptyCorpus('brief');
  const shown = newestFirst(index).slice(0, MAX_ITEMS);
  const keys = shown.map((a) => keySentences(index, a));
  const taken = keys.map((k) => Math.min(1, k.length));
  let room = MAX_ITEMS - taken.reduce((n, t) => n + t, 0);
  for (let more = true; room > 0 && more; ) {
    more = false;
    for (let i = 0; i < keys.length && room > 0; i++) {
      if (taken[i]! < keys[i]!.length) {
        taken[i]!++;
        room--;
        more = true;
      }
    }
  }
  const docs = keys.flatMap((k, i) => k.slice(0, taken[i]));
  const citations = docs.map((d, i) => makeCitation(d, i + 1, true, null));
  const total = index.articles.length;
  const title = total === 1 ? `Brief: ${index.articles[0]!.title}` : total > shown.length ? `Brief: the ${shown.length} newest of ${total.toLocaleString('en-US')} articles` : `Brief: ${total} articles`;
  return makeReply({ kind: 'list', command: 'brief', lead: title, citations, confidence: 1 });
}

/** Words of address ("Mrs") and other courtesy titles ("Dr", "Sir"), folded without full stops. */
const ADDRESS: ReadonlySet<string> = new Set(titleData.address);
const COURTESY: ReadonlySet<string> = new Set(titleData.courtesy);

/** True when every word of a role is one of `words` ("Mrs", "Dr."). */
function roleOf(role: string, words: ReadonlySet<string>): boolean {
  return role.split(/\s+/).every((w) => words.has(foldWord(w).replace(/\./g, '')));
}

/** An entity card: name, type, title, roles, mentions, and the sentences that introduce it. */
export function whoReply(index: Index, name: string): Reply {
  const wanted = name.trim().replace(/\?$/, '');
  if (wanted === '') {
    return makeReply({ kind: 'error', command: 'who', code: 'MISSING_ARGUMENT', lead: 'Name a person, place or organisation, for example: who ' + (index.entities[0]?.entity.name ?? 'NAME') });
  }
  let refs = findEntities(index, wanted);
  if (refs.length === 0) {
    const folded = foldWord(wanted);
    refs = index.entities.filter((r) => foldWord(r.entity.name).split(/\s+/).includes(folded) || foldWord(r.entity.name).includes(folded));
  }
  const ref = refs[0];
  if (!ref) {
    const known = mentionedPeople(index);
    return makeReply({
      kind: 'decline',
      command: 'who',
      lead: `The articles don't mention ${wanted}.` + (known.length ? ` Mentioned people: ${known.join(', ')}.` : ''),
      suggestions: known.slice(0, 3).map((n) => `who ${n}`),
    });
  }
  // The same entity may appear in several articles: gather them all by name.
  const same = index.entities.filter((r) => foldWord(r.entity.name) === foldWord(ref.entity.name));
  // "Mrs" says nothing of who someone is, and "Dr" is their title, not a role ("Roles: Mrs" read as a job).
  const written = [...new Set(same.flatMap((r) => r.entity.roles))].filter((r) => !roleOf(r, ADDRESS));
  const titles = written.filter((r) => roleOf(r, COURTESY));
  const roles = written.filter((r) => !roleOf(r, COURTESY));
  const aliases = [...new Set(same.flatMap((r) => r.entity.aliases))];
  const mentions = same.reduce((n, r) => n + r.entity.mentions.length, 0);
  const pronouns = same.reduce((n, r) => n + r.entity.pronounMentions.length, 0);
  const intro = same.flatMap((r) => r.entity.mentions.slice(0, 2).map((id) => docOf(index, r.article.id, id))).filter((d): d is SentenceDoc => d !== undefined).slice(0, 3);
  const facts = [
    { label: 'Type', value: ref.entity.type },
    ...(titles.length ? [{ label: 'Title', value: titles.join('; ') }] : []),
    ...(roles.length ? [{ label: 'Roles', value: roles.join('; ') }] : []),
    ...(aliases.length ? [{ label: 'Also called', value: aliases.join(', ') }] : []),
    { label: 'Mentioned', value: `${mentions} sentence${mentions === 1 ? '' : 's'}${pronouns ? ` (and ${pronouns} more by pronoun)` : ''} in ${same.length} article${same.length === 1 ? '' : 's'}` },
  ];
  const citations = intro.map((d, i) => makeCitation(d, i + 1, true, spanOf(d.sentence.text, [ref.entity.name, ...ref.entity.aliases])));
  return makeReply({ kind: 'list', command: 'who', lead: `${ref.entity.name} (${ref.entity.type})`, facts, citations, confidence: 1 });
}

function spanOf(text: string, forms: string[]): { start: number; end: number } | null {
  for (const f of forms) {
    const at = text.indexOf(f);
    if (at >= 0) return { start: at, end: at + f.length };
  }
  return null;
}

/** Quotes with their speakers; with a speaker, only theirs. */
export function quotesReply(index: Index, speaker: string): Reply {
  if (index.articles.length === 0) return emptyCorpus('quotes');
  const wanted = speaker.trim();
  const refs = wanted ? findEntities(index, wanted) : [];
  const folded = foldWord(wanted);
  const citations = [];
  // Newest articles first; the loop ends once the list is full, however large the corpus.
  // (One match past the list says that there are more.)
  let more = false;
  for (const article of newestFirst(index)) {
    if (more) break;
    for (const q of article.quotes) {
      if (wanted) {
        const byEntity = q.speaker?.entity && refs.some((r) => r.article === article && r.entity.id === q.speaker?.entity);
        const byWords = q.speaker && foldWord(q.speaker.description).includes(folded);
        if (!byEntity && !byWords) continue;
      }
      const first = docOf(index, article.id, q.sentences[0]!);
      if (!first) continue;
      if (citations.length >= MAX_ITEMS) {
        more = true;
        break;
      }
      citations.push(makeCitation(first, citations.length + 1, true, quoteSpan(first.sentence.text, q)));
    }
  }
  if (citations.length === 0) {
    const speakers = index.complete('speakers', '', 5);
    return makeReply({
      kind: 'decline',
      command: 'quotes',
      lead: wanted ? `The articles quote no one called ${wanted}.` + (speakers.length ? ` Quoted: ${speakers.join(', ')}.` : '') : 'The articles hold no quotes.',
      suggestions: speakers.slice(0, 3).map((s) => `quotes ${s}`),
    });
  }
  let lead = wanted ? `Quotes by ${wanted}` : 'Quotes';
  if (more && wanted) lead += `: the ${MAX_ITEMS} newest`;
  else if (more) {
    let total = 0;
    for (const a of index.articles) total += a.quotes.length;
    lead += `: the ${MAX_ITEMS} newest of ${total.toLocaleString('en-US')}`;
  }
  return makeReply({ kind: 'list', command: 'quotes', lead, citations, confidence: 1 });
}

/** How `sources` lists an article: title, outlet, date, link and how many sentences it has. */
export function sourceInfoOf(a: Article): SourceInfo {
  const sentences = a.sections.reduce((n, s) => n + s.paragraphs.reduce((m, p) => m + p.sentences.length, 0), 0);
  return { articleId: a.id, title: a.title, outlet: a.outlet, published: a.published, url: a.url, sentences };
}

/** The articles with outlet, date and link, newest first: a platform that shows only so many shows those. */
export function sourcesReply(index: Index): Reply {
  if (index.articles.length === 0) return emptyCorpus('sources');
  const sources = newestFirst(index).map(sourceInfoOf);
  return makeReply({ kind: 'list', command: 'sources', lead: `${sources.length} article${sources.length === 1 ? '' : 's'}`, sources, confidence: 1 });
}

export function helpReply(index: Index, lead = 'Ask a question about the articles; every answer is a sentence quoted from them, with its source.'): Reply {
  return makeReply({
    kind: 'help',
    command: 'help',
    lead,
    commands: COMMANDS.map(({ name, usage, description, example }) => ({ name, usage, description, example })),
    suggestions: index.suggestions.slice(0, 3),
    confidence: 1,
  });
}

/** The reply to "thanks": a short acknowledgement (with questions the articles answer, for clients that show them), not a decline. */
export function thanksReply(index: Index): Reply {
  return makeReply({ kind: 'list', command: 'help', lead: "You're welcome. Ask another question about the articles any time.", suggestions: index.suggestions.slice(0, 3), confidence: 1 });
}

const FUTURE_MARKERS = questionData.futureMarkers.map((m) => new RegExp(`\\b${m}\\b`, 'i'));
/** Most sentences "what happens next?" cites. */
const MAX_NEXT = 5;

function looksAhead(text: string): boolean {
  for (const re of FUTURE_MARKERS) if (re.test(text)) return true;
  return false;
}

/** How many of the thread's last questions say what "what happens next?" is about. */
const THREAD_QUESTIONS = 3;

/** Most articles "what happens next?" reads: enough for a briefing, bounded for a newsroom's corpus. */
const MAX_NEXT_ARTICLES = 20;

/**
 * The articles to read for what comes next: in a thread, those whose sentences best match its
 * last questions (by the search index), else the newest; never more than `MAX_NEXT_ARTICLES`.
 */
function articlesToLookAhead(index: Index, topic: ReadonlySet<string>): Article[] {
  if (topic.size === 0) return newestFirst(index).slice(0, MAX_NEXT_ARTICLES);
  const terms = [...topic];
  const hits = index.search.topDocuments(terms, terms.map(() => 1), 200);
  const out: Article[] = [];
  for (const id of hits.ids) {
    const article = index.docs[id]?.article;
    if (article && !out.includes(article)) out.push(article);
    if (out.length >= MAX_NEXT_ARTICLES) break;
  }
  return out.length > 0 ? out : newestFirst(index).slice(0, MAX_NEXT_ARTICLES);
}

/**
 * "What happens next?": the sentences that look ahead ("is expected to", "will", "next month").
 * In a thread, those that share the most words with its last few questions come first (what
 * happens next about that); otherwise the newest articles' first.
 */
export function nextReply(index: Index, history: readonly Turn[] = []): Reply {
  if (index.articles.length === 0) return emptyCorpus('brief');
  // The thread's last few questions say what it is about: the last alone may be "and the tories?".
  const previous = history.filter((t) => t.role === 'user').slice(-THREAD_QUESTIONS).map((t) => t.text);
  const topic = new Set(previous.flatMap((q) => textTerms(q)));
  // The story of briefbot's last answer is what the thread is about: what comes next in it comes first.
  const story = history.length > 0 && index.articles.length > 1 ? threadStory(index, history) : null;
  const articles = articlesToLookAhead(index, topic);
  if (story) articles.splice(0, articles.length, story, ...articles.filter((a) => a !== story).slice(0, MAX_NEXT_ARTICLES - 1));
  const scored: { doc: SentenceDoc; overlap: number; order: number }[] = [];
  let order = 0;
  for (const article of articles) {
    if (topic.size === 0 && scored.length >= MAX_NEXT) break;
    for (const doc of articleDocs(index, article)) {
      order++;
      if (!looksAhead(doc.sentence.text)) continue;
      let overlap = 0;
      for (const t of index.features(doc).terms) if (topic.has(t)) overlap++;
      scored.push({ doc, overlap, order });
    }
  }
  if (topic.size > 0 && scored.some((x) => x.overlap > 0)) {
    const best = scored.filter((x) => x.overlap > 0 || x.doc.article === story);
    scored.splice(0, scored.length, ...best);
  }
  const own = (x: { doc: SentenceDoc }) => (x.doc.article === story ? 0 : 1);
  scored.sort((a, b) => own(a) - own(b) || b.overlap - a.overlap || a.order - b.order);
  const docs = scored.slice(0, MAX_NEXT).map((x) => x.doc);
  if (docs.length === 0) {
    return makeReply({ kind: 'decline', command: 'brief', lead: "The articles don't say what comes next.", suggestions: index.suggestions.slice(0, 3) });
  }
  const citations = docs.map((d, i) => makeCitation(d, i + 1, true, null));
  return makeReply({ kind: 'list', command: 'brief', lead: 'What comes next, as the articles tell it', citations, confidence: 1 });
}

/** Most sentences of the newest report that "what changed?" gives. */
const MAX_CHANGES = 5;

/**
 * The newest report of a story reported more than once, with the report before it: of the
 * thread's story when the conversation has one, else of the story reported most recently. Null
 * when no article has an earlier report of its story (reports of one story are dated articles
 * that name a person in common).
 */
export function latestUpdate(index: Index, story: Article | null): { newest: Article; previous: Article } | null {
  const dated = newestFirst(index).filter((a) => a.published !== '');
  const candidates = story && story.published !== '' ? dated.filter((a) => a === story || otherReport(a, story)) : dated;
  for (const newest of candidates) {
    const previous = dated.find((a) => a.published < newest.published && otherReport(a, newest));
    if (previous) return { newest, previous };
  }
  return null;
}

/**
 * "What changed since yesterday?": briefbot cannot compare two reports fact by fact, but a
 * developing story's newest report leads with what is new (the toll that rose, the road that
 * reopened). So the answer is the top of the newest report (the first sentence of each of its
 * first paragraphs), with the date
 * of the report before it in the lead, of the thread's story or else of the story reported most
 * recently. Declines when no story was reported more than once.
 */
export function changesReply(index: Index, history: readonly Turn[] = []): Reply {
  if (index.articles.length === 0) return emptyCorpus('brief');
  const story = history.length > 0 && index.articles.length > 1 ? threadStory(index, history) : null;
  const update = latestUpdate(index, story) ?? (story ? latestUpdate(index, null) : null);
  if (!update) {
    return makeReply({ kind: 'decline', command: 'brief', lead: 'No story in the articles is reported more than once, so there is no earlier report to compare with.', suggestions: index.suggestions.slice(0, 3) });
  }
  const { newest, previous } = update;
  // A news report puts what is new at its top: the first sentence of each of its first paragraphs.
  const docs = articleDocs(index, newest).filter((d) => d.inParagraph === 0 && standsAlone(d)).slice(0, MAX_CHANGES);
  if (docs.length === 0) return briefReply(index);
  const citations = docs.map((d, i) => makeCitation(d, i + 1, true, null));
  const lead = `The newest report of the story (${newest.outlet || newest.title}, ${newest.published}), after the one of ${previous.published}`;
  return makeReply({ kind: 'list', command: 'brief', lead, citations, confidence: 1 });
}
