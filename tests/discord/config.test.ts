import { describe, expect, it } from 'vitest';
import { DiscordConfigError, discordConfigFromEnv } from '../../src/adapters/discord/config.ts';

const APP = '1234567890123456789';
/** A token whose first part is the application id in base64, as Discord issues them. */
const TOKEN = `${Buffer.from(APP).toString('base64').replace(/=+$/, '')}.GhIjKl.abcdefghijklmnopqrstuvwxyz012345`;
const KEY = 'a'.repeat(64);

function failure(env: Record<string, string>): DiscordConfigError {
  try {
    discordConfigFromEnv(env);
  } catch (error) {
    if (error instanceof DiscordConfigError) return error;
    throw error;
  }
  throw new Error('expected a DiscordConfigError');
}

describe('discordConfigFromEnv', () => {
  it('returns null when no Discord variable is set, so Discord is simply off', () => {
    expect(discordConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', DISCORD_TOKEN: '  ' })).toBeNull();
  });

  it('turns on the gateway with a token and takes the application id from it', () => {
    expect(discordConfigFromEnv({ DISCORD_TOKEN: TOKEN })).toEqual({ token: TOKEN, appId: APP, publicKey: null, apiUrl: null, gateway: true, http: false });
  });

  it('turns on the HTTP endpoint with a public key and an application id, and trims the API URL', () => {
    const config = discordConfigFromEnv({ DISCORD_PUBLIC_KEY: KEY, DISCORD_APP_ID: APP, DISCORD_API_URL: 'http://127.0.0.1:9999/api/' });
    expect(config).toMatchObject({ http: true, gateway: false, appId: APP, apiUrl: 'http://127.0.0.1:9999/api' });
  });

  it('names DISCORD_APP_ID when the HTTP endpoint lacks it', () => {
    const error = failure({ DISCORD_PUBLIC_KEY: KEY });
    expect(error.variable).toBe('DISCORD_APP_ID');
    expect(error.code).toBe('DISCORD_CONFIG_MISSING');
    expect(error.message).toMatch(/^briefbot discord: DISCORD_APP_ID is missing/);
  });

  it('names DISCORD_TOKEN when only the application id is set', () => {
    expect(failure({ DISCORD_APP_ID: APP }).variable).toBe('DISCORD_TOKEN');
  });

  it('names the variable that is malformed', () => {
    expect(failure({ DISCORD_TOKEN: 'not a token' }).variable).toBe('DISCORD_TOKEN');
    expect(failure({ DISCORD_PUBLIC_KEY: 'xyz', DISCORD_APP_ID: APP }).variable).toBe('DISCORD_PUBLIC_KEY');
    expect(failure({ DISCORD_TOKEN: TOKEN, DISCORD_APP_ID: 'abc' }).variable).toBe('DISCORD_APP_ID');
    expect(failure({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'ftp://x' }).variable).toBe('DISCORD_API_URL');
  });

  it('names DISCORD_APP_ID when it contradicts the application the token was issued for', () => {
    const error = failure({ DISCORD_TOKEN: TOKEN, DISCORD_APP_ID: '9999999999999999999' });
    expect(error.code).toBe('DISCORD_CONFIG_CONFLICT');
    expect(error.variable).toBe('DISCORD_APP_ID');
  });
});
