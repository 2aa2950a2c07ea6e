import type { SlackMessage } from '../../src/adapters/slack/index.ts';

export const HARBOR_URL = 'https://news.example/harbor-flood-barrier';

/**
 * Every piece of text Slack would display for a message (fallback text and every `text` in
 * its blocks), one per line. Button values are left out: Slack never shows or parses them.
 */
export function allText(message: { text?: unknown; blocks?: unknown }): string {
  const out: string[] = [];
  const walk = (node: unknown, key: string): void => {
    if (typeof node === 'string') {
      if (key === 'text') out.push(node);
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, key);
    } else if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) walk(v, k);
    }
  };
  walk({ text: message.text, blocks: message.blocks }, '');
  return out.join('\n');
}

/** Slack markup that notifies people. */
export const PINGING = /<!(channel|here|everyone|subteam\^)|<@[UWB]|@(channel|here|everyone)\b/i;

export function asMessage(value: Record<string, unknown>): SlackMessage {
  return { text: String(value.text ?? ''), blocks: (value.blocks ?? []) as SlackMessage['blocks'] };
}
