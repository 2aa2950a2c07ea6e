/** Terminal rendering of a Reply: plain text in 80 columns, colour only on a terminal. */
import type { Citation, Reply } from '../../core/index.ts';
import { stripBidiControls } from '../shared/text-safety.ts';
import { openingWords, sectionLabel } from '../shared/citation.ts';

export interface TerminalStyle {
  color: boolean;
  width: number;
}

const ESC = '\u001b[';
// Control characters in article or user text must not reach the terminal as escape sequences;
// a tab would break the 80-column wrap; bidirectional controls go as in every renderer.
function clean(text: string): string {
  return stripBidiControls(text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, ' '));
}

function paint(style: TerminalStyle, code: string, text: string): string {
  return style.color ? `${ESC}${code}m${text}${ESC}0m` : text;
}

/** Wraps text at word boundaries; ANSI sequences do not count towards the width. */
export function wrap(text: string, width: number, indent = ''): string {
  const visible = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '').length;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      if (line !== '' && visible(line) + 1 + visible(word) > width - indent.length) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line === '' ? word : `${line} ${word}`;
      }
    }
    lines.push(indent + line);
  }
  return lines.join('\n');
}

function emphasise(citation: Citation, style: TerminalStyle): string {
  const text = clean(citation.text);
  const span = citation.span;
  if (!span || span.end <= span.start) return text;
  const inner = text.slice(span.start, span.end);
  const marked = style.color ? paint(style, '1', inner) : `*${inner}*`;
  return text.slice(0, span.start) + marked + text.slice(span.end);
}

/**
 * "[1] Title · Outlet · Section · ¶6 · speaker"; a supporting sentence, which the answer does not
 * show, also gets its opening words, so that two sentences of one paragraph are told apart.
 */
export function citationLine(citation: Citation, options: { excerpt?: boolean } = {}): string {
  return clean(`[${citation.n}] ${citationPlace(citation, options)}`);
}

/** A citation line without its "[n]". */
function citationPlace(citation: Citation, { excerpt = true }: { excerpt?: boolean } = {}): string {
  const parts = [
    citation.articleTitle,
    citation.outlet,
    sectionLabel(citation),
    `¶${citation.paragraph}`,
    citation.published,
    citation.speaker ? `quote: ${citation.speaker}` : citation.attribution ?? '',
    excerpt && !citation.primary ? openingWords(citation.text) : '',
    citation.url,
  ].filter((p) => p !== '' && p !== null);
  return parts.join(' · ');
}

/**
 * The citation lines of an answer. Sentences shown one after another from one place (the
 * sentences of one quote) share one line, "[1, 2, 3] …", instead of repeating it.
 */
export function citationLines(citations: readonly Citation[]): string[] {
  const lines: { ns: number[]; place: string }[] = [];
  for (const c of citations) {
    const place = citationPlace(c);
    const last = lines[lines.length - 1];
    if (last && last.place === place) last.ns.push(c.n);
    else lines.push({ ns: [c.n], place });
  }
  return lines.map((l) => clean(`[${l.ns.join(', ')}] ${l.place}`));
}

/** How many articles `sources` lists in the terminal. */
const SOURCES_SHOWN = 20;

export function renderReply(reply: Reply, style: TerminalStyle): string {
  const out: string[] = [];
  const dim = (s: string) => paint(style, '2', s);
  switch (reply.kind) {
    case 'answer': {
      const primary = reply.citations.filter((c) => c.primary);
      out.push(wrap(primary.map((c) => `${emphasise(c, style)} [${c.n}]`).join(' '), style.width));
      out.push('');
      for (const line of citationLines(reply.citations)) out.push(dim(wrap(line, style.width, '')));
      break;
    }
    case 'decline':
      out.push(wrap(clean(reply.lead), style.width));
      if (reply.suggestions.length > 0) out.push(wrap('Try: ' + reply.suggestions.map((s) => paint(style, '3', clean(s))).join(' · '), style.width));
      break;
    case 'list':
      out.push(paint(style, '1', clean(reply.lead)));
      for (const f of reply.facts) out.push(wrap(`${f.label}: ${clean(f.value)}`, style.width));
      // The newest first, and a screenful at most: a newsroom corpus holds thousands.
      for (const s of reply.sources.slice(0, SOURCES_SHOWN)) {
        out.push(wrap(`• ${clean(s.title)} · ${[s.outlet, s.published, `${s.sentences} sentences`, s.url].filter(Boolean).map(clean).join(' · ')} (${s.articleId})`, style.width));
      }
      if (reply.sources.length > SOURCES_SHOWN) out.push(dim(`…and ${(reply.sources.length - SOURCES_SHOWN).toLocaleString('en-US')} more articles.`));
      if (reply.citations.length > 0) out.push('');
      for (const c of reply.citations) {
        const who = c.speaker && reply.command === 'quotes' ? `${clean(c.speaker)}: ` : '';
        out.push(wrap(`${who}${emphasise(c, style)} [${c.n}]`, style.width));
      }
      if (reply.citations.length > 0) {
        out.push('');
        for (const c of reply.citations) out.push(dim(wrap(citationLine(c, { excerpt: false }), style.width)));
      }
      break;
    case 'help':
      out.push(wrap(clean(reply.lead), style.width));
      out.push('');
      for (const c of reply.commands) out.push(wrap(`${paint(style, '1', c.usage.padEnd(18))} ${c.description}`, style.width));
      if (reply.suggestions.length > 0) out.push('', wrap('Try: ' + reply.suggestions.map(clean).join(' · '), style.width));
      break;
    case 'error':
      out.push(wrap(clean(reply.lead), style.width));
      break;
  }
  return out.join('\n');
}

/** The `ask --json` line for one question (format fixed by DESIGN.md). */
export function replyToJson(question: string, reply: Reply): Record<string, unknown> {
  return {
    question,
    answered: reply.kind === 'answer',
    confidence: reply.confidence,
    answer: reply.kind === 'answer' ? reply.citations.filter((c) => c.primary).map((c) => c.text).join(' ') : reply.lead,
    kind: reply.kind,
    ...(reply.question && reply.question !== question ? { understood: reply.question } : {}),
    citations: reply.citations.map((c) => ({
      article: c.articleId,
      title: c.articleTitle,
      section: c.section,
      paragraph: c.paragraph,
      sentence: c.sentence,
      text: c.text,
      span: c.span,
      speaker: c.speaker,
      attribution: c.attribution,
      outlet: c.outlet,
      published: c.published,
      url: c.url,
    })),
    suggestions: reply.suggestions,
  };
}
