/**
 * Requests as Slack sends them to an app: Events API JSON, slash-command forms, interactivity
 * forms with a `payload` field, each signed the way Slack signs them.
 */
import { createHmac } from 'node:crypto';
import { FAKE_BOT_USER, FAKE_TEAM } from './slack-api.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface SignOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  retryNum?: number;
  retryReason?: string;
}

/** `v0=` + hex HMAC-SHA256 of `v0:timestamp:body`, keyed with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

export interface SlackPost {
  body: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
}

/** Posts to the app as Slack would; returns the status and body text. */
export async function postToApp(url: string, post: SlackPost, options: SignOptions = {}): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': post.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(options.secret ?? SIGNING_SECRET, timestamp, post.body),
  };
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
  const response = await fetch(url, { method: 'POST', headers, body: post.body });
  return { status: response.status, text: await response.text() };
}

let eventCounter = 0;
export function nextEventId(): string {
  eventCounter += 1;
  return `Ev0TEST${String(eventCounter).padStart(4, '0')}`;
}

/** An Events API `event_callback` body. */
export function eventCallback(event: Record<string, unknown>, eventId = nextEventId()): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: FAKE_TEAM,
    api_app_id: 'A0TEST',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function jsonPost(body: unknown): SlackPost {
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** Slash-command fields, as Slack posts them. */
export function slashCommandFields(text: string, responseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: FAKE_TEAM,
    team_domain: 'test',
    channel_id: 'C0NEWS',
    channel_name: 'news',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/brief',
    text,
    api_app_id: 'A0TEST',
    response_url: responseUrl,
    trigger_id: `trigger.${Date.now()}`,
    ...extra,
  };
}

export function formPost(fields: Record<string, string>): SlackPost {
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

export interface ClickedButton {
  action_id: string;
  value: string;
  text?: string;
}

/** A `block_actions` payload for one button click on a message. */
export function blockActions(
  button: ClickedButton,
  where: { channel: string; responseUrl: string; messageTs?: string; threadTs?: string; ephemeral?: boolean; user?: string },
): Record<string, unknown> {
  const messageTs = where.messageTs ?? '1760000000.000100';
  const message: Record<string, unknown> = { type: 'message', user: FAKE_BOT_USER, ts: messageTs, text: 'earlier reply' };
  if (where.threadTs) message.thread_ts = where.threadTs;
  return {
    type: 'block_actions',
    user: { id: where.user ?? 'U0ALICE', username: 'alice', name: 'alice', team_id: FAKE_TEAM },
    api_app_id: 'A0TEST',
    token: 'deprecated-verification-token',
    container: where.ephemeral
      ? { type: 'message', message_ts: messageTs, channel_id: where.channel, is_ephemeral: true }
      : { type: 'message', message_ts: messageTs, channel_id: where.channel, is_ephemeral: false, ...(where.threadTs ? { thread_ts: where.threadTs } : {}) },
    trigger_id: `trigger.${Date.now()}`,
    team: { id: FAKE_TEAM, domain: 'test' },
    channel: { id: where.channel, name: 'news' },
    ...(where.ephemeral ? {} : { message }),
    response_url: where.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: 'b1',
        text: { type: 'plain_text', text: button.text ?? 'button', emoji: true },
        value: button.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
}

export function interactivityPost(payload: Record<string, unknown>): SlackPost {
  return formPost({ payload: JSON.stringify(payload) });
}
