/**
 * What the buttons carry. Slack hands a button's `value` back on click, so each button holds
 * everything its handler needs and no process has to remember the message: any replica, or
 * this one after a restart, can serve the click.
 */
import type { CommandName } from '../../core/index.ts';

/** Slack's limit on a button value. */
export const MAX_BUTTON_VALUE = 2000;

export const ACTION_SHARE = 'briefbot_share';
export const ACTION_FEEDBACK_UP = 'briefbot_feedback_up';
export const ACTION_FEEDBACK_DOWN = 'briefbot_feedback_down';
/** Suggested-question buttons are `briefbot_suggest_0`, `_1`, …: action ids must be unique in a message. */
export const ACTION_SUGGEST_PREFIX = 'briefbot_suggest_';
export const ACTION_SUGGEST_PATTERN = /^briefbot_suggest_\d+$/;

/** The request to ask again when a private answer is shared. */
export interface SharePayload {
  text: string;
  command?: CommandName;
}

/** What a thumbs-up or thumbs-down click records. */
export interface FeedbackPayload {
  question: string;
  /** `articleId#sentenceId`, in rank order. */
  citations: string[];
}

const COMMAND_NAMES: readonly string[] = ['ask', 'brief', 'who', 'quotes', 'sources', 'help'];

/**
 * JSON of `build(text)` with `text` shortened until it fits a button value. A question longer
 * than the core accepts is already an error reply, so cutting only ever affects oddities.
 */
function fitValue(text: string, build: (text: string) => unknown): string {
  let chars = Array.from(text);
  for (;;) {
    const value = JSON.stringify(build(chars.join('')));
    if (value.length <= MAX_BUTTON_VALUE || chars.length === 0) return value;
    chars = chars.slice(0, Math.floor(chars.length * 0.8));
  }
}

export function encodeShare(payload: SharePayload): string {
  return fitValue(payload.text, (text) => (payload.command ? { c: payload.command, t: text } : { t: text }));
}

export function decodeShare(value: string | undefined): SharePayload | null {
  const data = parseObject(value);
  if (!data || typeof data.t !== 'string') return null;
  const command = typeof data.c === 'string' && COMMAND_NAMES.includes(data.c) ? (data.c as CommandName) : undefined;
  return command ? { text: data.t, command } : { text: data.t };
}

export function encodeFeedback(payload: FeedbackPayload): string {
  // Citation ids are short; keep as many as fit with the question first, then the question cut.
  let citations = payload.citations.slice(0, 10);
  while (citations.length > 0 && JSON.stringify({ q: '', c: citations }).length > MAX_BUTTON_VALUE / 2) {
    citations = citations.slice(0, -1);
  }
  return fitValue(payload.question, (question) => ({ q: question, c: citations }));
}

export function decodeFeedback(value: string | undefined): FeedbackPayload | null {
  const data = parseObject(value);
  if (!data || typeof data.q !== 'string' || !Array.isArray(data.c)) return null;
  const citations = data.c.filter((c): c is string => typeof c === 'string');
  return { question: data.q, citations };
}

/** A suggested question travels as itself, cut to the value limit. */
export function encodeSuggestion(question: string): string {
  let out = '';
  for (const ch of question) {
    if (out.length + ch.length > MAX_BUTTON_VALUE) break;
    out += ch;
  }
  return out;
}

function parseObject(value: string | undefined): Record<string, unknown> | null {
  if (!value) return null;
  try {
    const data: unknown = JSON.parse(value);
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
