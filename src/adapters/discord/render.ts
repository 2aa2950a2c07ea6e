import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APIStringSelectComponent,
} from 'discord.js';
import type { Citation, CommandName, Reply } from '../../core/index.ts';
import { stripBidiControls } from '../shared/text-safety.ts';
import { sectionLabel } from '../shared/citation.ts';

/** Discord's documented limits, checked by the renderer and by its property test. */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  actionRows: 5,
  buttonsPerRow: 5,
} as const;

/** The custom_ids of briefbot's components: fixed strings, so no state lives in process memory. */
export const CUSTOM_IDS = {
  more: 'briefbot:more',
  up: 'briefbot:fb:up',
  down: 'briefbot:fb:down',
  share: 'briefbot:share',
  suggest: 'briefbot:try',
} as const;

/** The mentions a briefbot message may ping: none, whatever the quoted text or question says. */
export const NO_MENTIONS: { parse: [] } = Object.freeze({ parse: [] }) as { parse: [] };

export type DiscordActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message body in Discord's wire format; fits a channel message, an interaction response or a webhook edit. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: DiscordActionRow[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

/** What the user asked, as the renderer writes it into the embed title so that buttons can ask it again. */
export interface AskedRequest {
  command: CommandName;
  /** The question for `ask`, the argument for other commands (may be empty). */
  text: string;
}

export interface RenderOptions {
  /** The request that made the reply; the title carries it for buttons. */
  request: AskedRequest;
  /** Ephemeral: flags 64 and a "Share" button. */
  private?: boolean;
  /** Show every citation (after "More sources") instead of the first few. */
  expanded?: boolean;
  /** A title instead of the request's, for a command the core does not know (`/add story.md`). */
  title?: string;
  /** Adapter-only commands that `help` lists after the core's (`/add` when adding is on). */
  extraCommands?: readonly { name: string; description: string; example: string }[];
}

const COLLAPSED_CITATIONS = 3;
const EXPANDED_CITATIONS = 12;
const COLOURS: Record<Reply['kind'], number> = {
  answer: 0x2b6cb0,
  list: 0x2b6cb0,
  decline: 0xd69e2e,
  help: 0x4a5568,
  error: 0xc53030,
};

const MARKDOWN = /[\\*_~`|<>[\]()#@-]/g;
const ESCAPED = /\\([\\*_~`|<>[\]()#@-])/g;

/**
 * Escapes Discord markdown so that quoted article text and user questions render as written:
 * no bold, links, spoilers, headings or mentions can be smuggled in. Line breaks become spaces,
 * so a sentence can never start a heading, list or block quote. Bidirectional controls are
 * dropped, so nothing can reorder what is shown.
 */
export function escapeMarkdown(text: string): string {
  return stripBidiControls(text).replace(/\s*[\r\n]+\s*/g, ' ').replace(MARKDOWN, '\\$&');
}

/** The inverse of {@link escapeMarkdown} for text briefbot wrote itself (embed titles). */
export function unescapeMarkdown(text: string): string {
  return text.replace(ESCAPED, '$1');
}

/**
 * Shortens to at most `max` UTF-16 units with an ellipsis, never splitting a surrogate pair
 * or leaving a dangling escape backslash.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  let kept = text.slice(0, cut);
  const slashes = /\\+$/.exec(kept)?.[0].length ?? 0;
  if (slashes % 2 === 1) kept = kept.slice(0, -1);
  return kept + '…';
}

/** The citation's sentence with its answering span in bold, escaped. */
export function highlight(citation: Pick<Citation, 'text' | 'span'>): string {
  const { text, span } = citation;
  if (!span || span.start < 0 || span.end > text.length || span.start >= span.end) return escapeMarkdown(text);
  let start = span.start;
  let end = span.end;
  // Discord does not bold "** x**": keep the markers against non-space characters.
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  if (start === end) return escapeMarkdown(text);
  return `${escapeMarkdown(text.slice(0, start))}**${escapeMarkdown(text.slice(start, end))}**${escapeMarkdown(text.slice(end))}`;
}

/** The embed title for a request: the question for `ask`, `/who Roe` for the others. */
export function titleFor(request: AskedRequest): string {
  // Discord refuses an empty title, and a question of only invisible controls escapes to one.
  const text = stripBidiControls(request.text).trim();
  const label = request.command === 'ask' ? text : `/${request.command}${text ? ' ' + text : ''}`;
  return truncate(escapeMarkdown(label || '/ask'), DISCORD_LIMITS.embedTitle);
}

/** A title given by the adapter (`/add story.md`), escaped like a request's. */
function ownTitle(text: string): string {
  return truncate(escapeMarkdown(stripBidiControls(text).trim()) || 'briefbot', DISCORD_LIMITS.embedTitle);
}

/** Reads back the request an embed title stands for, so a button can ask it again. */
export function requestFromTitle(title: string | undefined): AskedRequest | null {
  if (!title) return null;
  const text = unescapeMarkdown(title).replace(/…$/, '').trim();
  if (text === '') return null;
  const match = /^\/(ask|brief|who|quotes|sources|help)(?:\s+([\s\S]*))?$/.exec(text);
  if (match) return { command: match[1] as CommandName, text: (match[2] ?? '').trim() };
  return { command: 'ask', text };
}

function safeUrl(url: string): string | null {
  if (!/^https?:\/\/[^\s<>]+$/i.test(url) || url.length > 512) return null;
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function citationField(citation: Citation, withExcerpt: boolean): APIEmbedField {
  const label = sectionLabel(citation);
  const where = `${label === null ? '' : `${stripBidiControls(label)} · `}¶${citation.paragraph}`;
  const origin = [citation.outlet, citation.published].filter((part) => part !== '').map(escapeMarkdown);
  const link = safeUrl(citation.url);
  if (link) origin.push(`[link](${link})`);
  const lines = [origin.join(' · ') || escapeMarkdown(citation.articleTitle)];
  if (citation.speaker) lines.push(`said by ${escapeMarkdown(citation.speaker)}`);
  else if (citation.attribution) lines.push(escapeMarkdown(citation.attribution));
  if (withExcerpt) lines.push(`> ${truncate(escapeMarkdown(citation.text), 300)}`);
  return {
    name: truncate(`[${citation.n}] ${where}`, DISCORD_LIMITS.fieldName),
    // Discord refuses an empty field value: an article known by nothing shown still gets a mark.
    value: truncate(lines.join('\n'), DISCORD_LIMITS.fieldValue) || '—',
  };
}

function footerFor(reply: Reply, shown: readonly Citation[]): string {
  const articles = new Map<string, Citation>();
  for (const citation of shown) if (!articles.has(citation.articleId)) articles.set(citation.articleId, citation);
  const first = [...articles.values()][0];
  if (!first) return reply.sources.length > 0 ? `briefbot · ${reply.sources.length} article${reply.sources.length === 1 ? '' : 's'}` : 'briefbot';
  const more = articles.size > 1 ? ` (+${articles.size - 1} more article${articles.size > 2 ? 's' : ''})` : '';
  const name = first.outlet ? `${first.articleTitle} — ${first.outlet}` : first.articleTitle;
  // The footer is plain text: no markdown to escape, but it is shown all the same.
  const shownName = stripBidiControls(name).replace(/\s+/g, ' ').trim();
  return truncate((shownName || 'briefbot') + more, DISCORD_LIMITS.footer);
}

function helpLine(c: { name: string; description: string; example: string }): string {
  return `**/${escapeMarkdown(c.name)}** — ${escapeMarkdown(c.description)}\n  e.g. \`/${stripBidiControls(c.example).replace(/`/g, "'")}\``;
}

function describe(reply: Reply, listLimit: number, extraCommands: RenderOptions['extraCommands'] = []): string {
  switch (reply.kind) {
    case 'answer': {
      const primary = reply.citations.filter((c) => c.primary);
      const answering = primary.length > 0 ? primary : reply.citations.slice(0, 1);
      if (answering.length === 0) return escapeMarkdown(reply.lead);
      const lines = answering.map((c) => `${highlight(c)} [${c.n}]`);
      // A card (`who`) leads with its own heading; an answer is the quoted sentences alone.
      if (reply.command !== 'ask') lines.unshift(`**${escapeMarkdown(reply.lead)}**`);
      return lines.join('\n');
    }
    case 'list': {
      const items = reply.citations.slice(0, listLimit).map((c) => {
        const who = c.speaker ? ` — *${escapeMarkdown(c.speaker)}*` : '';
        return `**[${c.n}]** ${highlight(c)}${who}`;
      });
      const rest = reply.citations.length - items.length;
      const more = rest > 0 ? [`*…and ${rest} more*`] : [];
      return [`**${escapeMarkdown(reply.lead)}**`, ...items, ...more].join('\n');
    }
    case 'decline': {
      const lead = escapeMarkdown(reply.lead);
      const extra = reply.suggestions.filter((s) => !reply.lead.includes(s));
      if (extra.length === 0) return lead;
      return `${lead}\n\n**Try:**\n${extra.map((s) => `• *${escapeMarkdown(s)}*`).join('\n')}`;
    }
    case 'help': {
      const lines = [...reply.commands, ...extraCommands].map(helpLine);
      return [escapeMarkdown(reply.lead), ...lines].join('\n');
    }
    case 'error':
      return escapeMarkdown(reply.lead);
  }
}

function sourceLines(reply: Reply): string[] {
  return reply.sources.map((s) => {
    const link = safeUrl(s.url);
    const parts = [s.outlet, s.published].filter((p) => p !== '').map(escapeMarkdown);
    parts.push(`${s.sentences} sentences`);
    if (link) parts.push(`[link](${link})`);
    return `**${escapeMarkdown(s.title)}** — ${parts.join(' · ')}`;
  });
}

/**
 * As many whole source lines as fit in `room` characters, then how many more there are: a
 * newsroom's corpus lists thousands, newest first.
 */
function sourcesThatFit(lines: readonly string[], room: number): string {
  let out = '';
  let shown = 0;
  for (const line of lines) {
    const rest = lines.length - shown - 1;
    // Room kept for the "…and N more" line, unless this is the last line.
    const reserve = rest > 0 ? `\n…and ${rest.toLocaleString('en-US')} more articles.`.length : 0;
    if (out.length + (out ? 1 : 0) + line.length + reserve > room) break;
    out += (out ? '\n' : '') + line;
    shown++;
  }
  return shown < lines.length ? `${out}${out ? '\n' : ''}…and ${(lines.length - shown).toLocaleString('en-US')} more articles.` : out;
}

function button(custom_id: string, label: string, style: ButtonStyle, emoji?: string): APIButtonComponentWithCustomId {
  const b: APIButtonComponentWithCustomId = { type: ComponentType.Button, custom_id, label, style: style as ButtonStyle.Secondary };
  if (emoji) b.emoji = { name: emoji };
  return b;
}

function componentsFor(reply: Reply, options: RenderOptions, hiddenCitations: number): DiscordActionRow[] {
  const rows: DiscordActionRow[] = [];
  if (reply.kind === 'decline') {
    const seen = new Set<string>();
    const choices = reply.suggestions
      .map((s) => stripBidiControls(s).trim())
      .filter((s) => s !== '' && s.length <= DISCORD_LIMITS.selectOptionText && !seen.has(s) && seen.add(s))
      .slice(0, DISCORD_LIMITS.selectOptions);
    if (choices.length > 0) {
      const select: APIStringSelectComponent = {
        type: ComponentType.StringSelect,
        custom_id: CUSTOM_IDS.suggest,
        placeholder: 'Ask one of these instead…',
        options: choices.map((s) => ({ label: s, value: s })),
      };
      rows.push({ type: ComponentType.ActionRow, components: [select] });
    }
    return rows;
  }
  const buttons: APIButtonComponentWithCustomId[] = [];
  // Feedback is about cited sentences; a list of sources or commands has none to judge.
  if ((reply.kind === 'answer' || reply.kind === 'list') && reply.citations.length > 0) {
    if (hiddenCitations > 0 && !options.expanded) buttons.push(button(CUSTOM_IDS.more, 'More sources', ButtonStyle.Secondary));
    buttons.push(button(CUSTOM_IDS.up, 'Helpful', ButtonStyle.Secondary, '👍'));
    buttons.push(button(CUSTOM_IDS.down, 'Not helpful', ButtonStyle.Secondary, '👎'));
  }
  if (options.private && reply.kind !== 'error') buttons.push(button(CUSTOM_IDS.share, 'Share', ButtonStyle.Primary));
  if (buttons.length > 0) rows.push({ type: ComponentType.ActionRow, components: buttons });
  return rows;
}

/** Characters Discord counts toward an embed's 6000. */
export function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/**
 * Renders a core `Reply` as one Discord message: one embed (answering sentences with their
 * span in bold and [n] markers, numbered citations as fields, the article in the footer) and
 * buttons. Within Discord's limits for any input; mentions never ping.
 */
export function renderReply(reply: Reply, options: RenderOptions): DiscordMessage {
  const request: AskedRequest =
    reply.command === 'ask' && reply.question ? { command: 'ask', text: reply.question } : options.request;
  const limit = options.expanded ? EXPANDED_CITATIONS : COLLAPSED_CITATIONS;
  const listLimit = options.expanded ? 25 : 10;

  let shown: Citation[] = [];
  if (reply.kind === 'answer' || reply.kind === 'list') shown = reply.citations.slice(0, limit);
  const isList = reply.kind === 'list';

  const fields: APIEmbedField[] = reply.facts.slice(0, 10).map((f) => ({
    name: truncate(escapeMarkdown(f.label) || '—', DISCORD_LIMITS.fieldName),
    value: truncate(escapeMarkdown(f.value) || '—', DISCORD_LIMITS.fieldValue),
    inline: true,
  }));
  for (const c of shown) fields.push(citationField(c, !isList && !c.primary));

  let description = describe(reply, listLimit, options.extraCommands);
  if (reply.sources.length > 0) description += '\n' + sourcesThatFit(sourceLines(reply), DISCORD_LIMITS.embedDescription - description.length - 1);

  const embed: APIEmbed = {
    title: options.title !== undefined ? ownTitle(options.title) : titleFor(request),
    description: truncate(description, DISCORD_LIMITS.embedDescription),
    color: COLOURS[reply.kind],
    fields: fields.slice(0, DISCORD_LIMITS.embedFields),
    footer: { text: footerFor(reply, shown) },
  };
  while (embedLength(embed) > DISCORD_LIMITS.embedTotal && embed.fields && embed.fields.length > 0) embed.fields.pop();
  if (embedLength(embed) > DISCORD_LIMITS.embedTotal) {
    const room = DISCORD_LIMITS.embedTotal - (embedLength(embed) - (embed.description?.length ?? 0));
    embed.description = truncate(embed.description ?? '', Math.max(room, 1));
  }

  const message: DiscordMessage = {
    embeds: [embed],
    components: componentsFor(reply, options, reply.citations.length - shown.length),
    allowed_mentions: NO_MENTIONS,
  };
  if (options.private) message.flags = MessageFlags.Ephemeral;
  return message;
}

/** A short plain message (acknowledgements, apologies), ephemeral unless told otherwise. */
export function renderNotice(text: string, options: { private?: boolean } = {}): DiscordMessage {
  const message: DiscordMessage = {
    content: truncate(text, DISCORD_LIMITS.content),
    embeds: [],
    components: [],
    allowed_mentions: NO_MENTIONS,
  };
  if (options.private ?? true) message.flags = MessageFlags.Ephemeral;
  return message;
}

/** The text a rendered answer stands for, markdown removed, for reading a thread back as history. */
export function plainTextOfEmbed(embed: Pick<APIEmbed, 'description'> | undefined): string {
  if (!embed?.description) return '';
  return unescapeMarkdown(embed.description.replace(/\*\*/g, '').replace(/ \[\d+\]/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}
