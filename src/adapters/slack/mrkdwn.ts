/**
 * Slack text safety: escaping, mention neutralising and length fitting. Every piece of text
 * the adapter sends to Slack goes through here, so that article text and user text alike
 * can never form markup, a link or a ping, nor reorder what is shown.
 */
import { stripBidiControls } from '../shared/text-safety.ts';

/** A run of text in a mrkdwn string: plain, bold, or the label of a link. */
export interface Segment {
  text: string;
  bold?: boolean;
  /** An http(s) URL; the segment's text becomes the link label. Other schemes are dropped. */
  link?: string;
}

const ELLIPSIS = '…';
const ZERO_WIDTH_SPACE = '\u200B';

/**
 * Breaks broadcast words (`@channel`, `@here`, `@everyone`) with a zero-width space, so that
 * even a client or setting that links bare names (`link_names`) cannot turn them into pings.
 */
export function neutraliseBroadcasts(text: string): string {
  return text.replace(/@(?=(channel|here|everyone)\b)/giu, '@' + ZERO_WIDTH_SPACE);
}

/**
 * Cutting "@everyone_x" after "@everyone" makes a broadcast word that was not one before. Only
 * the cut end can change this way, so at most one spacer is added.
 */
function neutraliseCut(text: string): string {
  return neutraliseBroadcasts(text);
}

function escapeChar(ch: string): string {
  switch (ch) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    default:
      return ch;
  }
}

/**
 * Escapes &, < and > (so `<!channel>`, `<@U123>`, `<!subteam^…>` and links become inert text)
 * neutralises bare broadcast words and drops bidirectional controls. Slack decodes the three
 * entities for display.
 */
export function escapeText(text: string): string {
  return neutraliseBroadcasts(stripBidiControls(text)).replace(/[&<>]/g, escapeChar);
}

/** Escaped text cut to at most `max` characters (an ellipsis marks a cut); entities are never split. */
export function fitText(text: string, max: number): string {
  const escaped = escapeText(text);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const ch of neutraliseBroadcasts(stripBidiControls(text))) {
    const unit = escapeChar(ch);
    // One character spare: see `neutraliseCut`.
    if (out.length + unit.length > max - ELLIPSIS.length - 1) break;
    out += unit;
  }
  return neutraliseCut(out) + ELLIPSIS;
}

/** Only http(s) links are rendered, with the characters that would end the link encoded. */
function safeUrl(url: string | undefined): string | null {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return null;
  return url.replace(/[&<>|]/g, (ch) => (ch === '&' ? '&amp;' : encodeURIComponent(ch)));
}

/**
 * Bold markers must touch non-space characters in Slack, so whitespace moves outside them. Slack
 * also ignores a marker glued to a neighbouring character (`“*We`, `year*,`), so a zero-width
 * space separates the marker from a neighbour that is not whitespace.
 */
function bold(body: string, prev: string | undefined, next: string | undefined): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(body);
  const [, before = '', core = '', after = ''] = match ?? [];
  if (core === '') return body;
  const open = before === '' && prev !== undefined && !/\s/.test(prev) ? ZERO_WIDTH_SPACE : '';
  const close = after === '' && next !== undefined && !/\s/.test(next) ? ZERO_WIDTH_SPACE : '';
  return `${before}${open}*${core}*${close}${after}`;
}

/** `prev` and `next` are the characters around the segment, when there are any. */
function renderSegment(seg: Segment, body: string, prev?: string, next?: string): string {
  const url = safeUrl(seg.link);
  // Inside a link the label stands alone: the link's own brackets are its neighbours.
  const inner = seg.bold ? (url === null ? bold(body, prev, next) : bold(body, undefined, undefined)) : body;
  if (url === null) return inner;
  // A link label that is empty or whitespace would render the bare URL; that is fine.
  return `<${url}|${inner}>`;
}

/** Characters a segment adds around its text (link brackets, bold markers and their spacers). */
function overhead(seg: Segment): number {
  const url = safeUrl(seg.link);
  return (url === null ? 0 : url.length + 3) + (seg.bold ? 4 : 0);
}

function firstChar(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text[0];
}

/**
 * Builds a mrkdwn string from segments, escaped, at most `max` characters long. When it has to
 * cut, it cuts inside a segment's text, keeps the markup around it balanced and ends with "…".
 */
export function fitMrkdwn(segments: readonly Segment[], max: number): string {
  let full = '';
  segments.forEach((seg, i) => {
    full += renderSegment(seg, escapeText(seg.text), full.at(-1), firstChar(segments[i + 1]?.text));
  });
  if (full.length <= max) return full;
  let out = '';
  let budget = max - ELLIPSIS.length - 1; // one spare: see `neutraliseCut`
  for (const [i, seg] of segments.entries()) {
    const room = budget - overhead(seg);
    if (room <= 0) break;
    let body = '';
    let cut = false;
    for (const ch of neutraliseBroadcasts(stripBidiControls(seg.text))) {
      const unit = escapeChar(ch);
      if (body.length + unit.length > room) {
        cut = true;
        break;
      }
      body += unit;
    }
    if (cut) body = neutraliseCut(body);
    const rendered = renderSegment(seg, body, out.at(-1), cut ? ELLIPSIS : firstChar(segments[i + 1]?.text));
    out += rendered;
    budget -= rendered.length;
    if (cut) break;
  }
  return out + ELLIPSIS;
}

/**
 * Slack markup in an incoming message, turned into the question a person meant: mentions of
 * people, groups and broadcasts (`<@U123>`, `<!subteam^…>`, `<!here>`) address someone rather
 * than ask about them, so they are dropped (the core knows no Slack users, and a dropped
 * mention can never be echoed back as a ping); channels become `#name`, links their label,
 * dates their fallback text, and entities are decoded.
 */
export function slackToPlain(text: string, botUserId?: string): string {
  const withoutBot = botUserId ? text.split(new RegExp(`<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`, 'g')).join(' ') : text;
  return withoutBot
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const bar = inner.indexOf('|');
      const target = bar === -1 ? inner : inner.slice(0, bar);
      const label = bar === -1 ? '' : inner.slice(bar + 1);
      if (target.startsWith('@') || target.startsWith('!subteam^')) return ' ';
      if (target.startsWith('#')) return label ? `#${label}` : target;
      if (target.startsWith('!date^')) return label;
      if (target.startsWith('!')) return ' ';
      return label || target.replace(/^mailto:/, '');
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
