/** The commands other than `ask`: brief, who, quotes, sources, help. Each returns a Reply. */
import type { Reply, SourceInfo } from './reply.ts';
import type { Article } from './schema.ts';
import { makeReply } from './reply.ts';
import { COMMANDS } from './commands.ts';
import type { Index, SentenceDoc } from './search-index.ts';
import { findEntities } from './analyse.ts';
import { makeCitation, quoteSpan } from './cite.ts';
import { mentionedPeople } from './answer.ts';
import { foldWord, textTerms } from './text.ts';

/** Most items a list reply holds; platforms cut further to their own limits. */
const MAX_ITEMS = 10;

function docOf(index: Index, articleId: string, sentenceId: string): SentenceDoc | undefined {
  return index.doc(articleId, sentenceId);
}

function emptyCorpus(command: Reply['command']): Reply {
  return makeReply({ kind: 'error', command, code: 'EMPTY_CORPUS', lead: 'No articles are loaded yet. Ingest one with: npx briefbot ingest FILE' });
}

/**
 * The main facts: each article's lede, then the key sentence of each later section (the
 * sentence that shares the most terms with the section heading and its neighbours; the
 * first sentence when the section has no heading).
 */
export function briefReply(index: Index): Reply {
  if (index.articles.length === 0) return emptyCorpus('brief');
  const docs: SentenceDoc[] = [];
  for (const article of index.articles) {
    const ofArticle = index.docs.filter((d) => d.article === article);
    const sections = new Map<number, SentenceDoc[]>();
    let sectionNo = -1;
    let lastHeading: string | null | undefined;
    for (const d of ofArticle) {
      if (d.heading !== lastHeading || sectionNo < 0) {
        sectionNo++;
        lastHeading = d.heading;
      }
      sections.set(sectionNo, [...(sections.get(sectionNo) ?? []), d]);
    }
    for (const [no, list] of sections) {
      if (no === 0) {
        docs.push(list[0]!);
        continue;
      }
      const headingTerms = new Set(textTerms(list[0]!.heading ?? ''));
      let best = list[0]!;
      let bestScore = -1;
      for (const d of list) {
        const terms = index.features(d).terms;
        let s = 0;
        for (const t of terms) if (headingTerms.has(t)) s++;
        const score = s / Math.sqrt(terms.size + 1) - d.inParagraph * 0.05;
        if (score > bestScore) {
          best = d;
          bestScore = score;
        }
      }
      docs.push(best);
    }
  }
  const chosen = docs.slice(0, Math.max(MAX_ITEMS, index.articles.length));
  const citations = chosen.map((d, i) => makeCitation(d, i + 1, true, null));
  const title = index.articles.length === 1 ? `Brief: ${index.articles[0]!.title}` : `Brief: ${index.articles.length} articles`;
  return makeReply({ kind: 'list', command: 'brief', lead: title, citations, confidence: 1 });
}

/** An entity card: name, type, roles, mentions, and the sentences that introduce it. */
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
  const roles = [...new Set(same.flatMap((r) => r.entity.roles))];
  const aliases = [...new Set(same.flatMap((r) => r.entity.aliases))];
  const mentions = same.reduce((n, r) => n + r.entity.mentions.length, 0);
  const pronouns = same.reduce((n, r) => n + r.entity.pronounMentions.length, 0);
  const intro = same.flatMap((r) => r.entity.mentions.slice(0, 2).map((id) => docOf(index, r.article.id, id))).filter((d): d is SentenceDoc => d !== undefined).slice(0, 3);
  const facts = [
    { label: 'Type', value: ref.entity.type },
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
  for (const article of index.articles) {
    for (const q of article.quotes) {
      if (wanted) {
        const byEntity = q.speaker?.entity && refs.some((r) => r.article === article && r.entity.id === q.speaker?.entity);
        const byWords = q.speaker && foldWord(q.speaker.description).includes(folded);
        if (!byEntity && !byWords) continue;
      }
      const first = docOf(index, article.id, q.sentences[0]!);
      if (!first) continue;
      citations.push(makeCitation(first, citations.length + 1, true, quoteSpan(first.sentence.text, q)));
      if (citations.length >= MAX_ITEMS) break;
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
  return makeReply({ kind: 'list', command: 'quotes', lead: wanted ? `Quotes by ${wanted}` : 'Quotes', citations, confidence: 1 });
}

/** How `sources` lists an article: title, outlet, date, link and how many sentences it has. */
export function sourceInfoOf(a: Article): SourceInfo {
  const sentences = a.sections.reduce((n, s) => n + s.paragraphs.reduce((m, p) => m + p.sentences.length, 0), 0);
  return { articleId: a.id, title: a.title, outlet: a.outlet, published: a.published, url: a.url, sentences };
}

/** The articles with outlet, date and link. */
export function sourcesReply(index: Index): Reply {
  if (index.articles.length === 0) return emptyCorpus('sources');
  const sources = index.articles.map(sourceInfoOf);
  return makeReply({ kind: 'list', command: 'sources', lead: `${sources.length} article${sources.length === 1 ? '' : 's'}`, sources, confidence: 1 });
}

export function helpReply(index: Index): Reply {
  return makeReply({
    kind: 'help',
    command: 'help',
    lead: 'Ask a question about the articles; every answer is a sentence quoted from them, with its source.',
    commands: COMMANDS.map(({ name, usage, description, example }) => ({ name, usage, description, example })),
    suggestions: index.suggestions.slice(0, 3),
    confidence: 1,
  });
}
