import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, SlackConfigError, slackConfigFromEnv } from '../../src/adapters/slack/index.ts';
import { createFeedbackLog } from '../../src/adapters/shared/feedback.ts';
import { silentLogger } from '../../src/adapters/shared/logger.ts';
import type { Bot } from '../../src/core/index.ts';
import { FAKE_BOT_TOKEN, startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';

function variableOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SlackConfigError);
    expect((error as SlackConfigError).message).toContain((error as SlackConfigError).variable);
    return (error as SlackConfigError).variable;
  }
  return undefined;
}

describe('slackConfigFromEnv', () => {
  it('returns null when no Slack credential is set, so another surface can start', () => {
    expect(slackConfigFromEnv({})).toBeNull();
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: '  ', PORT: '3000' })).toBeNull();
  });

  it('chooses Socket Mode when an app-level token is set', () => {
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual({ mode: 'socket', token: 'xoxb-1', appToken: 'xapp-1' });
  });

  it('chooses HTTP mode with a signing secret, and normalises SLACK_API_URL to end with a slash', () => {
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'http://127.0.0.1:9/api' })).toEqual({
      mode: 'http',
      token: 'xoxb-1',
      signingSecret: 's',
      apiUrl: 'http://127.0.0.1:9/api/',
    });
  });

  it('names the variable to set when a setting is missing or contradictory', () => {
    expect(variableOf(() => slackConfigFromEnv({ SLACK_SIGNING_SECRET: 's' }))).toBe('SLACK_BOT_TOKEN');
    expect(variableOf(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1' }))).toBe('SLACK_SIGNING_SECRET');
    expect(variableOf(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xapp-1', SLACK_APP_TOKEN: 'xapp-2' }))).toBe('SLACK_BOT_TOKEN');
    expect(variableOf(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }))).toBe('SLACK_APP_TOKEN');
    expect(variableOf(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'not a url' }))).toBe('SLACK_API_URL');
  });
});

describe('createSlackAdapter settings', () => {
  let fake: FakeSlack;
  const bot = { handle: () => { throw new Error('not called'); } } as unknown as Bot;
  const common = { bot, feedbackLog: createFeedbackLog('/dev/null'), logger: silentLogger() };

  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('refuses to build without a signing secret or app token, naming the variable', () => {
    expect(variableOf(() => createSlackAdapter({ ...common, token: FAKE_BOT_TOKEN }))).toBe('SLACK_SIGNING_SECRET');
  });

  it('reports a token Slack rejects as a SLACK_BOT_TOKEN problem, and retries on the next call', async () => {
    const adapter = createSlackAdapter({ ...common, token: FAKE_BOT_TOKEN, signingSecret: 's', apiUrl: fake.apiUrl });
    fake.failNext('auth.test', 'invalid_auth');
    const error: unknown = await adapter.ready().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackConfigError);
    expect((error as SlackConfigError).variable).toBe('SLACK_BOT_TOKEN');
    expect((error as Error).message).toContain('invalid_auth');
    await expect(adapter.ready()).resolves.toEqual({ botId: 'B0BRIEF', botUserId: 'U0BRIEFBOT' });
  });

  it('does not call auth.test when the bot ids are given', async () => {
    fake.reset();
    const adapter = createSlackAdapter({ ...common, token: FAKE_BOT_TOKEN, signingSecret: 's', apiUrl: fake.apiUrl, botId: 'B1', botUserId: 'U1' });
    await expect(adapter.ready()).resolves.toEqual({ botId: 'B1', botUserId: 'U1' });
    expect(fake.callsTo('auth.test')).toHaveLength(0);
  });
});
