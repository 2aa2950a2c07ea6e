/**
 * What a conversation is about: the story of the sentence briefbot last quoted. A follow-up that
 * names no one new ("how much did they cost?", "what happens next?") is about that story.
 */
import type { Turn } from './reply.ts';
import type { Article } from './schema.ts';
import type { Index, SentenceDoc } from './search-index.ts';
import { textTerms } from './text.ts';

/** The sentences of an article, in order (they are consecutive in the index). */
export function articleDocs(index: Index, article: Article): SentenceDoc[] {
  const firstId = article.sections[0]?.paragraphs[0]?.sentences[0]?.id;
  const first = firstId === undefined ? undefined : index.doc(article.id, firstId);
  const out: SentenceDoc[] = [];
  if (first) for (let i = first.id; i < index.docs.length && index.docs[i]!.article === article; i++) out.push(index.docs[i]!);
  return out;
}

/** How many of briefbot's last replies are searched for the sentence the thread is about. */
const THREAD_REPLIES = 3;
/** Longest reply searched for the sentence it quotes. */
const MAX_REPLY_SEARCH = 4000;
/** Shortest sentence taken as quoted by a reply that contains it: shorter ones ("He agreed.") are in many. */
const MIN_QUOTED = 12;

/**
 * The story a conversation is about: the article of the sentence briefbot's last answer quoted;
 * a decline or a list after it leaves the thread where it was. Null when there is none.
 */
export function threadStory(index: Index, history: readonly Turn[]): Article | null {
  if (index.articles.length < 2) return index.articles[0] ?? null;
  let replies = 0;
  for (let t = history.length - 1; t >= 0 && replies < THREAD_REPLIES; t--) {
    const turn = history[t]!;
    if (turn.role !== 'bot' || turn.text.trim() === '') continue;
    replies++;
    const story = storyQuoted(index, turn.text);
    if (story) return story;
  }
  return null;
}

/** How much of a reply's opening is searched for the sentences it may quote. */
const OPENING = 400;
/** How many of the opening's first words are looked at. */
const OPENING_TERMS = 16;
/** How many of those, the rarest, the search uses. */
const SEARCH_TERMS = 8;
/** How many sentences that search offers to be looked for in the reply. */
const CANDIDATES = 20;

/**
 * The article of the sentence a reply quotes: the one it opens with, else the earliest it gives. A
 * reply as a chat platform shows it may mark the answer in bold ("about *3,000* lamps") and add its
 * sources. The reply's opening words find, through the search index, the few sentences it may
 * quote: looking for every sentence of a large corpus in it would take longer than answering.
 */
function storyQuoted(index: Index, rendered: string): Article | null {
  if (rendered.length > MAX_REPLY_SEARCH) return null;
  const reply = rendered.replace(/\*\*|[*_]/g, '').replace(/\s+/g, ' ');
  // The rarest of its first words: common ones would make the search read most of the index, and
  // later ones belong to the sources listed under it.
  const terms = [...new Set(textTerms(reply.slice(0, OPENING)))]
    .filter((t) => index.df.has(t))
    .slice(0, OPENING_TERMS)
    .sort((a, b) => index.df.get(a)! - index.df.get(b)!)
    .slice(0, SEARCH_TERMS);
  if (terms.length === 0) return null;
  const { ids } = index.search.topDocuments(terms, terms.map(() => 1), CANDIDATES);
  let story: Article | null = null;
  let at = Infinity;
  for (const id of ids) {
    const doc = index.docs[id]!;
    const text = doc.sentence.text;
    if (text.length < MIN_QUOTED || text.length > reply.length) continue;
    const i = reply.indexOf(text);
    if (i >= 0 && i < at) {
      at = i;
      story = doc.article;
    }
  }
  return story;
}
