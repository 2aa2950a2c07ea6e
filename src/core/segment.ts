/**
 * Layout of a news text: headline, dek, dateline, section headings, paragraphs and
 * sentences, each with character offsets into the source. Sentence boundaries come from
 * the platform's ICU segmenter (Intl.Segmenter); the abbreviation data undoes its known
 * false splits ("George W. Bush", "U.S. Secretary", "6:14 a.m. EDT"), and a quotation's inner full
 * stop does not end a sentence that goes on to its attribution ('"Orbit. We are in orbit," said …').
 */
import abbreviationData from './lexicon/abbreviations.json' with { type: 'json' };
import layoutData from './lexicon/layout.json' with { type: 'json' };
import { isCalendarDate } from './schema.ts';

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

export interface ParagraphSpan {
  start: number;
  end: number;
  sentences: SentenceSpan[];
}

export interface SectionLayout {
  heading: string | null;
  paragraphs: ParagraphSpan[];
}

export interface Layout {
  headline: string;
  dek: string;
  dateline: string;
  /** A date written as a line of its own or in the dateline, as YYYY-MM-DD, else ''. */
  published: string;
  sections: SectionLayout[];
}

interface Line {
  start: number;
  end: number;
  text: string;
  /** Markdown heading level (`#` count), 0 for none. */
  level: number;
  /** An item of a bulleted list ("- Cars: £9 per day"): its own paragraph, never a heading; `start` is after the bullet. */
  item: boolean;
}

/** A list item's bullet: a dash, asterisk, plus sign or bullet character and a space (not Markdown's "**bold**"). */
const BULLET = /^[-*+•–]\s+(?=\S)/;

/** A block that heads a section: a Markdown heading, or a short line that looks like one (never a list item). */
function isHeading(line: Line): boolean {
  return line.level > 0 || (!line.item && looksLikeHeading(line.text));
}

const ALWAYS = new Set(abbreviationData.always);
const BOILERPLATE_LINES = new Set(layoutData.lines);
const BOILERPLATE_PREFIXES = layoutData.prefixes;
/** "By Maria Lopez and Tom Becker", "By Maria Lopez, Reuters", "By Ola Brenn at the Elm Road Stadium": a name list (and where the reporter was), not a sentence. */
// Case matters past "By": every name word is capitalised, so "By noon, the crowd had gone." is no byline.
const BYLINE = /^[Bb][Yy]\s+\p{Lu}[\p{L}.'’-]*(?:(?:\s+|,\s*|\s+and\s+|\s*&\s*)(?:\p{Lu}[\p{L}.'’-]*|de|van|von|al|bin|in|at(?= the \p{Lu})|the(?= \p{Lu})))*\s*$/u;
/** "Updated 3:45 PM GMT, November 24, 2026": words and a time of day around a date line. */
const DATE_PREFIX = /^(?:(?:last\s+)?updated|published|posted|first published|modified)(?:\s+on)?:?\s+/i;
const TIME_OF_DAY = /(?:\bat\s+)?\b\d{1,2}(?::\d{2}\s*(?:[AaPp]\.?[Mm]\b\.?)?|\s*[AaPp]\.?[Mm]\b\.?)(?:\s+[A-Z]{2,4}\b)?,?/g;
const BEFORE_NAME = new Set(abbreviationData.beforeName);
/** The months' names, in lower case. */
export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DATE_LINE = new RegExp(
  String.raw`^(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?(?:(${MONTHS.join('|')})\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+(${MONTHS.join('|')}),?\s+(\d{4})|(\d{4})-(\d{2})-(\d{2}))\.?$`,
  'i',
);
// "Washington, D.C. — ", "KYIV, Ukraine (Reuters) - ", "LONDON — ": a short capitalised place, then a dash.
const DATELINE = /^((?:\p{Lu}[\p{L}.'’-]*)(?:[ ,]+(?:\p{Lu}[\p{L}.'’-]*|\d{1,2}|\d{4}))*\.?(?:\s*\([^)]{1,40}\))?)\s*(?:—|–|--| - )\s*/u;

/** Parses a date line ("Wednesday, March 26, 2008") into YYYY-MM-DD, or '' when it is none. */
export function parseDateLine(text: string): string {
  const plain = text.trim();
  let m = DATE_LINE.exec(plain);
  // A web page's "Updated 3:45 PM GMT, November 24, 2026": drop the word and the time of day.
  if (!m && (DATE_PREFIX.test(plain) || /\d:\d\d/.test(plain))) {
    const bare = plain.replace(DATE_PREFIX, '').replace(TIME_OF_DAY, ' ').replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '');
    m = DATE_LINE.exec(bare);
  }
  if (!m) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  let date = '';
  if (m[1] && m[2] && m[3]) date = `${m[3]}-${pad(MONTHS.indexOf(m[1].toLowerCase()) + 1)}-${pad(Number(m[2]))}`;
  else if (m[4] && m[5] && m[6]) date = `${m[6]}-${pad(MONTHS.indexOf(m[5].toLowerCase()) + 1)}-${pad(Number(m[4]))}`;
  else if (m[7] && m[8] && m[9]) date = `${m[7]}-${m[8]}-${m[9]}`;
  // "March 45, 2008" is no date.
  return isCalendarDate(date) ? date : '';
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  const re = /[^\n]*(?:\n|$)/g;
  for (const m of source.matchAll(re)) {
    if (m[0] === '') break;
    let start = m.index;
    let end = start + m[0].replace(/\r?\n$/, '').length;
    while (start < end && /\s/.test(source[start] ?? '')) start++;
    while (end > start && /\s/.test(source[end - 1] ?? '')) end--;
    let level = 0;
    const md = /^(#{1,6})\s+/.exec(source.slice(start, end));
    if (md?.[1]) {
      level = md[1].length;
      start += md[0].length;
    }
    const bullet = level === 0 ? BULLET.exec(source.slice(start, end)) : null;
    if (bullet) start += bullet[0].length;
    lines.push({ start, end, text: source.slice(start, end), level, item: bullet !== null });
  }
  return lines;
}

/** A line that starts a block of its own whatever comes before it: a list item, a Markdown heading, quote, table row or fence. */
const STARTS_BLOCK = /^(?:[-*+•–]\s+\S|\d{1,3}[.)]\s|#{1,6}\s|>|\||```|~~~)/;
/** The widest a hard-wrapped text's lines are (a terminal, an email or a wire copy wraps at 60 to 80 characters). */
const MAX_WRAP_WIDTH = 100;
const MIN_WRAP_WIDTH = 30;

/**
 * The line breaks of a hard-wrapped text that fall inside a paragraph (the index of each such
 * "\n"): in a text whose paragraphs are separated by blank lines and whose lines were broken at a
 * width of 30 to 100 characters, a line goes on to the next one when the next one's first word
 * would not have fitted on it (or the next line starts lower-case after a line that did not end a
 * sentence). A list item, a Markdown heading and a date line start a block of their own, and so
 * does the line under the text's first line (its headline) when it starts upper-case, unless the
 * two lines are a block of their own that reads as one headline or the next line's first word
 * would not have fitted on the first. Texts whose paragraphs are single lines have
 * none.
 */
export function softBreaks(source: string): Set<number> {
  const soft = new Set<number>();
  if (!/\n[^\S\n]*\S[^\n]*\n/.test(source) || !/\n[^\S\n]*\r?\n/.test(source)) return soft;
  const lines: { text: string; newline: number }[] = [];
  for (const m of source.matchAll(/([^\n]*)(\n|$)/g)) {
    if (m[0] === '') break;
    lines.push({ text: m[1]!.trim(), newline: m[2] ? m.index + m[1]!.length : -1 });
  }
  const pairs: { at: number; line: string; next: string; headline: boolean }[] = [];
  let fenced = false;
  let top = true;
  for (const [k, line] of lines.entries()) {
    if (/^(?:```|~~~)/.test(line.text)) fenced = !fenced;
    const next = lines[k + 1]?.text ?? '';
    const first = top && line.text !== '';
    if (line.text !== '') top = false;
    if (fenced || line.text === '' || next === '' || line.newline < 0) continue;
    if (/^#{1,6}\s/.test(line.text) || STARTS_BLOCK.test(next) || parseDateLine(line.text) || parseDateLine(next)) continue;
    // The first line over an upper-case line is a headline over its standfirst or lede, unless the
    // two are the whole block and read as one headline (a headline wrapped in two), or the next
    // line's first word would not have fitted on it.
    const headline = first && !/^\p{Ll}/u.test(next) && !(!lines[k + 2]?.text && looksLikeHeadline(`${line.text} ${next}`));
    pairs.push({ at: line.newline, line: line.text, next, headline });
  }
  if (pairs.length < 2) return soft;
  const width = Math.max(...pairs.map((p) => p.line.length));
  if (width > MAX_WRAP_WIDTH || width < MIN_WRAP_WIDTH) return soft;
  // Most lines of the text fit the width: a text of long one-line paragraphs is not hard-wrapped.
  const body = lines.filter((l) => l.text !== '');
  if (body.filter((l) => l.text.length > width).length * 4 > body.length) return soft;
  const wrapped = pairs.filter((p) => {
    const word = /^\S+/.exec(p.next)?.[0] ?? '';
    if (p.headline) return p.line.length + 1 + word.length > width;
    if (p.line.length + 1 + word.length > width * 0.85) return true;
    return /^\p{Ll}/u.test(p.next) && !/[.!?:;]["”’')]*$/u.test(p.line) && p.line.length >= width * 0.5;
  });
  if (wrapped.length < 2) return soft;
  for (const p of wrapped) soft.add(p.at);
  return soft;
}

/**
 * A hard-wrapped text with each paragraph on one line: the lines of a paragraph (see `softBreaks`)
 * are joined with a space, or with nothing after a hyphen that splits a compound ("well-\nknown"
 * is "well-known"). Any other text comes back as it is.
 */
export function unwrapText(source: string, soft: ReadonlySet<number> = softBreaks(source)): string {
  if (soft.size === 0) return source;
  let out = '';
  let from = 0;
  for (const at of [...soft].sort((a, b) => a - b)) {
    let end = at;
    while (end > from && /[^\S\n]/.test(source[end - 1] ?? '')) end--;
    let next = at + 1;
    while (next < source.length && /[^\S\n]/.test(source[next] ?? '')) next++;
    const before = source.slice(from, end);
    out += before + (/\p{L}-$/u.test(before) && /^\p{Ll}/u.test(source[next] ?? '') ? '' : ' ');
    from = next;
  }
  return out + source.slice(from);
}

function stripQuotesAndBrackets(text: string): string {
  return text.replace(/[\s"'“”‘’»«)\]*_]+$/u, '');
}

/** True for a line a web page adds around the story ("Advertisement", "Read more: …"). */
export function isBoilerplate(text: string): boolean {
  const line = text.trim().toLowerCase().replace(/[\s.:!|›»>→-]+$/u, '');
  if (BOILERPLATE_LINES.has(line)) return true;
  return line.split(/\s+/).length <= 12 && BOILERPLATE_PREFIXES.some((p) => line.startsWith(p));
}

/** A short line with no closing punctuation, starting with a capital: a headline or section heading. */
export function looksLikeHeading(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 14) return false;
  if (!/^[\p{Lu}\p{N}"“‘']/u.test(text)) return false;
  if (/[.!?:;,]$/.test(stripQuotesAndBrackets(text))) return false;
  if (parseDateLine(text)) return false;
  return true;
}

function looksLikeHeadline(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 25 && /^[\p{Lu}\p{N}"“‘']/u.test(text) && !/[.!?;,]$/.test(stripQuotesAndBrackets(text));
}

/** Sentences of one paragraph, with offsets relative to the whole source. */
export function splitSentences(source: string, start: number, end: number): SentenceSpan[] {
  const text = source.slice(start, end);
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const raw: { start: number; end: number }[] = [];
  for (const seg of segmenter.segment(text)) {
    const s = start + seg.index;
    raw.push({ start: s, end: s + seg.segment.length });
  }
  // Undo false splits after initials and abbreviations, and glue stray closing fragments.
  const merged: { start: number; end: number }[] = [];
  for (const [k, span] of raw.entries()) {
    const prev = merged[merged.length - 1];
    const piece = source.slice(span.start, span.end).trim();
    const previous = prev ? source.slice(prev.start, prev.end).trimEnd() : '';
    if (prev && (shouldJoin(previous, piece) || quoteGoesOn(previous, raw.slice(k).map((r) => source.slice(r.start, r.end))))) {
      prev.end = span.end;
    } else {
      merged.push({ ...span });
    }
  }
  const out: SentenceSpan[] = [];
  for (const span of merged) {
    let s = span.start;
    let e = span.end;
    while (s < e && /\s/.test(source[s] ?? '')) s++;
    while (e > s && /\s/.test(source[e - 1] ?? '')) e--;
    if (e > s) out.push({ start: s, end: e, text: source.slice(s, e) });
  }
  return out;
}

/** True when a quotation is still open at the end of `text`: an odd number of straight marks, or a curly one not closed. */
function quoteOpen(text: string): boolean {
  const straight = (text.match(/"/g)?.length ?? 0) % 2 === 1;
  return straight || text.lastIndexOf('“') > text.lastIndexOf('”');
}

/** The most words a quotation's opening sentence has when it is no sentence of its own ("Orbit.", "No, no."). */
const SHORT_QUOTED = 3;

/**
 * True when a quotation opened in `previous` by a sentence of a word or three goes on in the
 * pieces after it and closes on its attribution: '"Orbit. We are in orbit," said Nia Cole.' is
 * one sentence, since a comma before the closing mark, or a lower-case word after a question or
 * exclamation mark and the closing mark ('"Yes! We won!" she shouted.'), says the sentence goes
 * on after the quote. A longer quoted sentence stays a sentence of its own: a quote of several
 * sentences is cited sentence by sentence.
 */
function quoteGoesOn(previous: string, rest: readonly string[]): boolean {
  if (!quoteOpen(previous)) return false;
  const quoted = previous.slice(Math.max(previous.lastIndexOf('"'), previous.lastIndexOf('“')) + 1);
  if (quoted.split(/\s+/).filter(Boolean).length > SHORT_QUOTED) return false;
  for (const [k, piece] of rest.entries()) {
    const close = /["”]/.exec(piece);
    if (!close) continue;
    const before = piece.slice(0, close.index).trimEnd();
    const after = piece.slice(close.index + 1) + (rest[k + 1] ?? '');
    return /,$/.test(before) || (/[!?]$/.test(before) && /^\s+\p{Ll}/u.test(after));
  }
  return false;
}

const CLOCK = new Set(abbreviationData.clock);
const TIME_ZONES = new Set(abbreviationData.timeZones);
const WEEKDAY = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;

function shouldJoin(previous: string, next: string): boolean {
  if (next === '') return true;
  // A fragment with no letters (a lone closing quote or bracket) belongs to the sentence before.
  if (!/\p{L}|\p{N}/u.test(next)) return true;
  const lastWord = (/(\S+)$/.exec(previous)?.[1] ?? '').toLowerCase().replace(/^["“‘'(]+/, '');
  // "at 6:14 a.m. EDT, after …", "at 9 p.m. Monday", "at 9 p.m. local time": the time goes on.
  if (CLOCK.has(lastWord)) {
    const zone = /^([A-Z]{2,4})\b/.exec(next)?.[1];
    return (zone !== undefined && TIME_ZONES.has(zone.toLowerCase())) || WEEKDAY.test(next) || /^[\p{Ll},;]/u.test(next);
  }
  // '"Yes! We won!" she shouted.': a lower-case word after a quotation's closing mark goes on with its sentence.
  if (/[!?]["”]$/.test(previous) && /^\p{Ll}/u.test(next)) return true;
  if (/^\p{L}\.$/u.test(lastWord) && /^\p{Lu}/u.test(lastWord)) return true; // an initial: "George W."
  if (/^\p{Lu}\.$/u.test((/(\S+)$/.exec(previous)?.[1] ?? ''))) return true;
  if (ALWAYS.has(lastWord)) return true;
  if (BEFORE_NAME.has(lastWord)) {
    const nextWord = (/^["“‘']?(\S+)/u.exec(next)?.[1] ?? '');
    // "U.S. Secretary of State …" continues; "… in the U.S. The talks …" does not.
    return /^\p{Lu}\p{Ll}/u.test(nextWord) && !/^(The|A|An|It|He|She|They|We|I|This|That|These|Those|But|And|In|On|At|As|If|When|While)$/u.test(nextWord);
  }
  return false;
}

/**
 * Reads the layout of a news text. Paragraphs are lines, or blocks of lines separated by
 * blank lines when the text is hard-wrapped. `options.soft` is the text's `softBreaks` when the
 * caller has already found them.
 */
export function layoutText(source: string, options: { headline?: boolean; soft?: ReadonlySet<number> } = {}): Layout {
  const lines = splitLines(source);
  // Group lines into blocks: a blank line always ends a block; a heading line is a block of its own.
  const blocks: (Line & { lines: Line[] })[] = [];
  const hasBlankLines = lines.some((l) => l.text === '');
  // A hard-wrapped paragraph's lines are one block, whatever its lines look like on their own.
  const soft = options.soft ?? softBreaks(source);
  let open: (Line & { lines: Line[] }) | null = null;
  for (const line of lines) {
    if (line.text === '') {
      open = null;
      continue;
    }
    const last = blocks[blocks.length - 1];
    if (soft.size > 0 && last && soft.has(source.lastIndexOf('\n', line.start - 1))) {
      last.end = line.end;
      last.text = source.slice(last.start, last.end);
      last.lines.push(line);
      open = last;
      continue;
    }
    const standalone = line.level > 0 || line.item || !hasBlankLines || looksLikeHeading(line.text) || parseDateLine(line.text) !== '';
    if (open && !standalone && !isHeading(open)) {
      open.end = line.end;
      open.text = source.slice(open.start, open.end);
      open.lines.push(line);
      continue;
    }
    const block = { ...line, lines: [line] };
    blocks.push(block);
    open = standalone ? null : block;
  }
  // A headline with its standfirst on the next line, with no blank line between, in a text whose
  // other paragraphs are single lines (not hard-wrapped: one at least longer than the headline):
  // each line is a block of its own, however long the two lines are. (In a hard-wrapped text, a
  // first block of several lines is a paragraph.) The line right under the headline, with no blank
  // line between, is its standfirst whatever its length.
  const top = lines.findIndex((l) => l.text !== '');
  const standfirstLine = hasBlankLines && top >= 0 && lines[top + 1]?.text ? lines[top + 1]! : null;
  const head = blocks[0];
  const rest = blocks.slice(1);
  const linePerParagraph = rest.length > 0 && rest.every((b) => b.lines.length === 1) && rest.some((b) => b.text.length > (head?.lines[0]?.text.length ?? 0));
  if (options.headline !== false && head && head.lines.length > 1 && linePerParagraph && looksLikeHeadline(head.lines[0]!.text)) {
    blocks.splice(0, 1, ...head.lines.map((l) => ({ ...l, lines: [l] })));
  }
  // What a web page puts around the story, and the byline above it, are not the article's text.
  // (The source text keeps them; offsets are unchanged.)
  for (let k = blocks.length - 1; k >= 0; k--) {
    const text = blocks[k]!.text;
    if (isBoilerplate(text) || (k < 6 && BYLINE.test(text.trim()) && text.split(/\s+/).length <= 12)) blocks.splice(k, 1);
  }

  // The segmenter ends a sentence at every line break: it reads a wrapped paragraph's breaks as spaces (same offsets).
  const seen = soft.size > 0 ? source.replace(/\r?\n/g, (m, at: number) => (soft.has(at + m.length - 1) ? ' '.repeat(m.length) : m)) : source;
  const layout: Layout = { headline: '', dek: '', dateline: '', published: '', sections: [{ heading: null, paragraphs: [] }] };
  let i = 0;
  const first = blocks[0];
  if (options.headline !== false && first && (first.level === 1 || (looksLikeHeadline(first.text) && blocks.length > 1))) {
    layout.headline = first.text;
    i = 1;
  }
  let section = layout.sections[0]!;
  let sawBody = false;
  for (; i < blocks.length; i++) {
    const block = blocks[i]!;
    const date = parseDateLine(block.text);
    if (date && !sawBody) {
      layout.published ||= date;
      layout.dateline ||= block.text;
      continue;
    }
    const next = blocks[i + 1];
    // The line right under the headline, before any paragraph, is the standfirst (a one-line summary,
    // often without a full stop): the lede's first paragraph, never a section heading. A Markdown
    // heading there is still a heading.
    const standfirst = layout.headline !== '' && !sawBody && layout.sections.length === 1 && block.level === 0 && !block.item;
    if (standfirst && (isHeading(block) || block.start === standfirstLine?.start)) layout.dek ||= block.text;
    else if (isHeading(block) && next && !isHeading(next)) {
      section = { heading: block.text, paragraphs: [] };
      layout.sections.push(section);
      continue;
    }
    let start = block.start;
    if (layout.sections.length === 1 && section.paragraphs.length <= 1) {
      const dl = DATELINE.exec(block.text);
      // A place's dateline ("KELMOUTH — ") wins over a date line read before it.
      if (dl && dl[1] && dl[1].split(/\s+/).length <= 8 && (!layout.dateline || parseDateLine(layout.dateline) !== '')) {
        layout.dateline = dl[1].trim();
        start += dl[0].length;
        // The paragraph before a datelined lead is the dek (summary) when there is one.
        if (!layout.dek && section.paragraphs.length === 1 && layout.sections.length === 1) {
          layout.dek = source.slice(section.paragraphs[0]!.start, section.paragraphs[0]!.end);
        }
      }
    }
    const sentences = soft.size > 0 ? splitSentences(seen, start, block.end).map((x) => ({ ...x, text: source.slice(x.start, x.end) })) : splitSentences(source, start, block.end);
    if (sentences.length === 0) continue;
    section.paragraphs.push({ start: sentences[0]!.start, end: block.end, sentences });
    sawBody = true;
  }
  layout.sections = layout.sections.filter((s) => s.paragraphs.length > 0);
  if (soft.size > 0) {
    layout.headline = layout.headline.replace(/\s*\n\s*/g, ' ');
    layout.dek = layout.dek.replace(/\s*\n\s*/g, ' ');
  }
  return layout;
}
