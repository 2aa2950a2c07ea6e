/**
 * The core's `Reply` as a Slack message: Block Kit blocks plus the plain-text `text` Slack
 * shows in notifications. Rendering only: nothing here decides what to say.
 */
import type { types } from '@slack/bolt';
import type { Citation, CommandHelp, Reply } from '../../core/index.ts';
import { fitMrkdwn, fitText, type Segment } from './mrkdwn.ts';
import { stripBidiControls } from '../shared/text-safety.ts';
import { sectionLabel } from '../shared/citation.ts';
import {
  ACTION_FEEDBACK_DOWN,
  ACTION_FEEDBACK_UP,
  ACTION_SHARE,
  ACTION_SUGGEST_PREFIX,
  encodeFeedback,
  encodeShare,
  encodeSuggestion,
  type SharePayload,
} from './payload.ts';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** Slack's limits, with the ones we choose to stay under. */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  field: 2000,
  fields: 10,
  contextText: 3000,
  buttonText: 75,
  actions: 25,
  /** Notification text; Slack allows more, but a notification is one line. */
  text: 3000,
  /** Suggested questions shown as buttons. */
  suggestions: 5,
  /** Characters of a supporting citation's sentence shown in its context line. */
  excerpt: 120,
} as const;

export interface SlackMessage {
  /** Notification and fallback text (mrkdwn, escaped). */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Only the asker sees the message (a slash command's reply): offer "Share in channel". */
  ephemeral?: boolean;
  /** The request that made the reply; the Share button carries it so sharing can re-ask. */
  request?: SharePayload;
  /** Show the question above the answer: for shared posts, where it is not right above. */
  showQuestion?: boolean;
  /** The slash command's name, for help text. */
  slashCommand?: string;
  /** People may add articles from Slack (BRIEFBOT_CHAT_ADD): help says how. */
  canAdd?: boolean;
}

/** Said under a message too long to be a question, when articles can be added from Slack. */
export const ADD_PASTE_HINT = 'To add an article instead, share it as a file (.txt, .md or .html) or paste it as a text snippet.';

/** Renders any reply; never throws, whatever text the reply carries. */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const content: KnownBlock[] = [];
  const question = reply.question ?? options.request?.text;
  if (options.showQuestion && question) {
    content.push(context([{ text: 'Asked: ' }, { text: question, bold: true }]));
  }
  switch (reply.kind) {
    case 'answer':
      content.push(...answerBlocks(reply));
      break;
    case 'decline':
      content.push(section([{ text: reply.lead || 'The articles do not answer that.' }]));
      break;
    case 'list':
      content.push(...listBlocks(reply));
      break;
    case 'help':
      content.push(...helpBlocks(reply, options.slashCommand ?? '/brief', options.canAdd === true));
      break;
    case 'error':
      content.push(section([{ text: ':warning: ' }, { text: reply.lead || 'Something went wrong.' }]));
      // A long paste is more often an article than a question.
      if (reply.code === 'TOO_LONG' && options.canAdd === true) content.push(context([{ text: ADD_PASTE_HINT }]));
      break;
  }

  const buttons = actionButtons(reply, options);
  const room = LIMITS.blocks - (buttons.length > 0 ? 1 : 0);
  const blocks = content.length > room ? [...content.slice(0, room - 1), context([{ text: `…and ${content.length - room + 1} more blocks not shown.` }])] : content;
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons.slice(0, LIMITS.actions) });
  return { text: orEllipsis(fitText(reply.lead || fallbackLead(reply), LIMITS.text)), blocks };
}

function fallbackLead(reply: Reply): string {
  return reply.citations[0]?.text ?? 'briefbot';
}

// ---------------------------------------------------------------------------------------------
// Kinds

function answerBlocks(reply: Reply): KnownBlock[] {
  const primary = reply.citations.filter((c) => c.primary);
  const blocks: KnownBlock[] = [];
  if (primary.length === 0) blocks.push(section([{ text: reply.lead || 'No answer.' }]));
  for (const citation of primary) blocks.push(section([...sentenceSegments(citation), { text: ` [${citation.n}]` }]));
  // The sentences of one quote, shown one after another, share one line: "[1, 2, 3] …".
  const lines: { ns: number[]; place: Segment[]; key: string }[] = [];
  for (const citation of reply.citations) {
    const place = citationLine(citation).slice(1);
    const key = JSON.stringify(place);
    const last = lines[lines.length - 1];
    if (last && last.key === key) last.ns.push(citation.n);
    else lines.push({ ns: [citation.n], place, key });
  }
  for (const line of lines) blocks.push(context([{ text: `[${line.ns.join(', ')}] ` }, ...line.place]));
  return blocks;
}

/** Most source sections in one message, with the lead and the count of the rest within Slack's 50 blocks. */
const MAX_SOURCE_BLOCKS = 40;

function listBlocks(reply: Reply): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (reply.lead) blocks.push(section([{ text: reply.lead, bold: true }]));
  if (reply.facts.length > 0) {
    blocks.push({
      type: 'section',
      fields: reply.facts.slice(0, LIMITS.fields).map((fact) => ({
        type: 'mrkdwn' as const,
        text: fitMrkdwn([{ text: fact.label || ' ', bold: true }, { text: '\n' + fact.value }], LIMITS.field),
      })),
    });
  }
  // A newsroom's corpus lists thousands, newest first: as many as a message holds, then how many more.
  const shownSources = reply.sources.length > MAX_SOURCE_BLOCKS ? reply.sources.slice(0, MAX_SOURCE_BLOCKS - 1) : reply.sources;
  for (const source of shownSources) {
    const details = [source.outlet, source.published, `${source.sentences} sentences`].filter((part) => part !== '').join(' · ');
    blocks.push(section([{ text: source.title || source.articleId, bold: true, link: source.url }, { text: '\n' + details }]));
  }
  if (shownSources.length < reply.sources.length) blocks.push(context([{ text: `…and ${(reply.sources.length - shownSources.length).toLocaleString('en-US')} more articles.` }]));
  for (const citation of reply.citations) {
    blocks.push(section([...sentenceSegments(citation), { text: ` [${citation.n}]` }]));
    blocks.push(context(citationLine(citation, { excerpt: false })));
  }
  if (blocks.length === 0) blocks.push(section([{ text: 'Nothing to list.' }]));
  return blocks;
}

function helpBlocks(reply: Reply, slashCommand: string, canAdd: boolean): KnownBlock[] {
  const blocks: KnownBlock[] = [section([{ text: reply.lead || 'briefbot answers questions about news articles with quoted, cited sentences.' }])];
  const lines: Segment[] = [];
  for (const command of reply.commands) {
    lines.push({ text: usageOf(command, slashCommand), bold: true }, { text: `  ${command.description}\n` });
  }
  if (canAdd) {
    lines.push({ text: `${slashCommand} add`, bold: true }, { text: '  Add an article: share its .txt, .md or .html file with the bot in a direct message, or attach it to a mention.\n' });
    lines.push({ text: `${slashCommand} remove TITLE`, bold: true }, { text: '  Remove an article you added.\n' });
  }
  lines.push({ text: 'In a channel, mention the bot with your question; it answers in the thread, and follow-ups in that thread are understood in context.' });
  blocks.push(section(lines));
  return blocks;
}

/** Slack users type `/brief QUESTION` and `/brief summary` rather than `/brief ask …`, `/brief brief`. */
function usageOf(command: CommandHelp, slashCommand: string): string {
  if (command.name === 'ask') return `${slashCommand} ${command.usage.replace(/^ask\s+/, '')}`;
  if (command.name === 'brief') return `${slashCommand} summary`;
  return `${slashCommand} ${command.usage}`;
}

// ---------------------------------------------------------------------------------------------
// Pieces

/** The sentence, with the answering span in bold when the core knows it. */
function sentenceSegments(citation: Citation): Segment[] {
  const text = citation.text;
  const span = citation.span;
  if (!span || span.start < 0 || span.end > text.length || span.start >= span.end) return [{ text }];
  return [{ text: text.slice(0, span.start) }, { text: text.slice(span.start, span.end), bold: true }, { text: text.slice(span.end) }];
}

/** "[1] The Daily Courier · Talks Resume · ¶6 · according to …", linked when there is a URL. */
function citationLine(citation: Citation, { excerpt = true }: { excerpt?: boolean } = {}): Segment[] {
  const where = [citation.outlet || citation.articleTitle, sectionLabel(citation), `¶${citation.paragraph}`].filter((p) => p !== '' && p !== null).join(' · ');
  const segments: Segment[] = [{ text: `[${citation.n}] ` }, { text: where, link: citation.url }];
  if (citation.speaker) segments.push({ text: ` · said by ${citation.speaker}` });
  if (citation.attribution) segments.push({ text: ` · ${citation.attribution}` });
  if (excerpt && !citation.primary) {
    const chars = Array.from(citation.text);
    const short = chars.length > LIMITS.excerpt ? chars.slice(0, LIMITS.excerpt).join('').trimEnd() + '…' : citation.text;
    segments.push({ text: ` · “${short}”` });
  }
  return segments;
}

function actionButtons(reply: Reply, options: RenderOptions): Button[] {
  const buttons: Button[] = [];
  if (reply.kind === 'decline') {
    reply.suggestions.slice(0, LIMITS.suggestions).forEach((suggestion, i) => {
      // A suggestion of nothing visible would make a blank button.
      if (stripBidiControls(suggestion).trim() === '') return;
      buttons.push(button(`${ACTION_SUGGEST_PREFIX}${i}`, suggestion, encodeSuggestion(suggestion)));
    });
  }
  if (reply.kind === 'answer') {
    const feedback = encodeFeedback({
      question: reply.question ?? options.request?.text ?? '',
      citations: reply.citations.map((c) => `${c.articleId}#${c.sentence}`),
    });
    buttons.push(button(ACTION_FEEDBACK_UP, ':+1:', feedback, true), button(ACTION_FEEDBACK_DOWN, ':-1:', feedback, true));
  }
  if (options.ephemeral && (reply.kind === 'answer' || reply.kind === 'list')) {
    const request: SharePayload = reply.kind === 'answer' && reply.question ? { text: reply.question, command: 'ask' } : (options.request ?? { text: reply.question ?? '', command: reply.command });
    const share = button(ACTION_SHARE, 'Share in channel', encodeShare(request));
    share.style = 'primary';
    buttons.push(share);
  }
  return buttons;
}

function button(actionId: string, label: string, value: string, emoji = false): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: fitText(label, LIMITS.buttonText), emoji }, value };
}

function section(segments: Segment[]): KnownBlock {
  const text = fitMrkdwn(segments, LIMITS.sectionText);
  // Slack rejects an empty section; a reply with no text at all still renders as something.
  return { type: 'section', text: { type: 'mrkdwn', text: text.trim() === '' ? '…' : text } };
}

function context(segments: Segment[]): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: orEllipsis(fitMrkdwn(segments, LIMITS.contextText)) }] };
}

function orEllipsis(text: string): string {
  return text.trim() === '' ? '…' : text;
}
