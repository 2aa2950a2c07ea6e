import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { nextSnowflake } from './discord-api.ts';

/** Builders for raw interaction payloads as Discord sends them, and Ed25519 signing like Discord's. */

export const TEST_APP_ID = '1234567890123456789';
export const TEST_GUILD_ID = '2234567890123456789';
export const TEST_CHANNEL_ID = '3234567890123456789';
export const TEST_USER = { id: '4234567890123456789', username: 'reader', discriminator: '0', avatar: null, global_name: 'Reader' };

function base(type: number, extra: Record<string, unknown>) {
  return {
    id: nextSnowflake(),
    application_id: TEST_APP_ID,
    type,
    token: `tok-${nextSnowflake()}`,
    version: 1,
    guild_id: TEST_GUILD_ID,
    channel_id: TEST_CHANNEL_ID,
    channel: { id: TEST_CHANNEL_ID, type: 0, name: 'general', guild_id: TEST_GUILD_ID },
    member: { user: TEST_USER, roles: [], permissions: '1024', joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
    app_permissions: '1024',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': TEST_GUILD_ID },
    context: 0,
    ...extra,
  };
}

export type OptionInput = { name: string; type: 3 | 5; value: string | boolean; focused?: boolean };

export function slashCommand(name: string, options: OptionInput[] = []) {
  return base(2, { data: { id: nextSnowflake(), name, type: 1, options } });
}

/** `/add` with an attachment (as `fakeDiscord.addAttachment` makes it) and optional text options. */
export function addCommand(attachment: { id: string }, options: { outlet?: string; url?: string } = {}) {
  const text = Object.entries(options).map(([name, value]) => ({ name, type: 3, value }));
  return base(2, {
    data: {
      id: nextSnowflake(),
      name: 'add',
      type: 1,
      options: [{ name: 'file', type: 11, value: attachment.id }, ...text],
      resolved: { attachments: { [attachment.id]: attachment } },
    },
  });
}

export function autocomplete(name: string, option: string, value: string) {
  return base(4, { data: { id: nextSnowflake(), name, type: 1, options: [{ name: option, type: 3, value, focused: true }] } });
}

/** A click on one of briefbot's components under `message` (an API message with embeds and flags). */
export function componentClick(customId: string, message: Record<string, unknown>, values?: string[]) {
  return base(3, {
    data: values ? { custom_id: customId, component_type: 3, values } : { custom_id: customId, component_type: 2 },
    message: {
      id: nextSnowflake(),
      channel_id: TEST_CHANNEL_ID,
      author: { id: TEST_APP_ID, username: 'briefbot', discriminator: '0', avatar: null, global_name: null, bot: true },
      content: '',
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      type: 0,
      embeds: [],
      components: [],
      flags: 0,
      ...message,
    },
  });
}

export function ping() {
  return { id: nextSnowflake(), application_id: TEST_APP_ID, type: 1, token: 'ping-token', version: 1 };
}

export interface TestKeys {
  publicKeyHex: string;
  privateKey: KeyObject;
}

/** A fresh Ed25519 key pair; the public key in Discord's form (raw 32 bytes as hex). */
export function generateTestKeys(): TestKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKeyHex: der.subarray(der.length - 32).toString('hex'), privateKey };
}

export function signRequest(privateKey: KeyObject, timestamp: string, body: string): string {
  return sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
}

/** POSTs an interaction to the endpoint the way Discord does: signed timestamp + body. */
export async function postInteraction(
  url: string,
  payload: unknown,
  keys: TestKeys | null,
  tweak: { signature?: string; timestamp?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const body = JSON.stringify(payload);
  const timestamp = tweak.timestamp ?? String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (keys) {
    headers['x-signature-ed25519'] = tweak.signature ?? signRequest(keys.privateKey, timestamp, body);
    headers['x-signature-timestamp'] = timestamp;
  }
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // plain-text error bodies stay strings
  }
  return { status: response.status, body: parsed };
}
