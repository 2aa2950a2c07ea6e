import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, loadServerConfig, withEnvFile, type Env } from '../../src/server/config.ts';
import { runCommand } from '../../src/adapters/cli/main.ts';
import { PassThrough } from 'node:stream';

const CWD = '/srv/briefbot';
const SLACK_HTTP: Env = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'shh-secret' };

function configError(env: Env): ConfigError {
  try {
    loadServerConfig(env, { cwd: CWD });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadServerConfig', () => {
  it('fills every default when only Slack credentials are set', () => {
    const config = loadServerConfig(SLACK_HTTP, { cwd: CWD });
    expect(config).toMatchObject({
      port: DEFAULTS.port,
      corpusDir: join(CWD, 'corpus'),
      logLevel: 'info',
      ratePerMinute: 10,
      feedbackLog: join(CWD, '.briefbot/feedback.jsonl'),
      chatAdd: false,
      slack: { mode: 'http', token: 'xoxb-1-2-abc', signingSecret: 'shh-secret' },
      discord: null,
    });
  });

  it('reads every variable it documents', () => {
    const config = loadServerConfig(
      { ...SLACK_HTTP, PORT: '8080', BRIEFBOT_HOST: '127.0.0.1', LOG_LEVEL: 'DEBUG', BRIEFBOT_RATE_LIMIT: '25', BRIEFBOT_FEEDBACK_LOG: '/var/log/fb.jsonl', BRIEFBOT_CORPUS: 'articles' },
      { cwd: CWD },
    );
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', logLevel: 'debug', ratePerMinute: 25, feedbackLog: '/var/log/fb.jsonl', corpusDir: join(CWD, 'articles') });
  });

  it('lets the --corpus flag win over BRIEFBOT_CORPUS', () => {
    expect(loadServerConfig({ ...SLACK_HTTP, BRIEFBOT_CORPUS: 'a' }, { cwd: CWD, corpusDir: '/data/b' }).corpusDir).toBe('/data/b');
  });

  it('names PORT when it is not a port number, and says what to put there', () => {
    for (const bad of ['abc', '70000', '-1', '3000.5']) {
      const error = configError({ ...SLACK_HTTP, PORT: bad });
      expect(error.variable).toBe('PORT');
      expect(error.message).toMatch(/^PORT is ".*"; set it to a port number from 0 to 65535/);
    }
  });

  it('names LOG_LEVEL and lists the levels', () => {
    const error = configError({ ...SLACK_HTTP, LOG_LEVEL: 'loud' });
    expect(error.variable).toBe('LOG_LEVEL');
    expect(error.message).toContain('info');
  });

  it('turns adding articles from chat on only when asked, and names BRIEFBOT_CHAT_ADD otherwise', () => {
    expect(loadServerConfig({ ...SLACK_HTTP, BRIEFBOT_CHAT_ADD: 'ON' }, { cwd: CWD }).chatAdd).toBe(true);
    expect(loadServerConfig({ ...SLACK_HTTP, BRIEFBOT_CHAT_ADD: 'off' }, { cwd: CWD }).chatAdd).toBe(false);
    const error = configError({ ...SLACK_HTTP, BRIEFBOT_CHAT_ADD: 'yes' });
    expect(error.variable).toBe('BRIEFBOT_CHAT_ADD');
    expect(error.message).toMatch(/^BRIEFBOT_CHAT_ADD is "yes"; set it to on .* or off/);
  });

  it('names BRIEFBOT_RATE_LIMIT when it is not a whole number', () => {
    const error = configError({ ...SLACK_HTTP, BRIEFBOT_RATE_LIMIT: 'ten' });
    expect(error.variable).toBe('BRIEFBOT_RATE_LIMIT');
    expect(error.message).toContain('questions one person may ask per minute');
  });

  it('refuses a feedback log inside the corpus folder, which the server never writes to', () => {
    const error = configError({ ...SLACK_HTTP, BRIEFBOT_FEEDBACK_LOG: 'corpus/feedback.jsonl' });
    expect(error.variable).toBe('BRIEFBOT_FEEDBACK_LOG');
    expect(error.message).toContain('outside');
  });

  it('names SLACK_SIGNING_SECRET when Slack HTTP mode has no signing secret', () => {
    const error = configError({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc' });
    expect(error.variable).toBe('SLACK_SIGNING_SECRET');
    expect(error.message).toMatch(/^Slack: .*SLACK_SIGNING_SECRET/);
  });

  it('names SLACK_BOT_TOKEN when an app token is put there', () => {
    expect(configError({ SLACK_BOT_TOKEN: 'xapp-1-2', SLACK_APP_TOKEN: 'xapp-1-2' }).variable).toBe('SLACK_BOT_TOKEN');
  });

  it('names the Discord variable that is malformed or missing', () => {
    expect(configError({ DISCORD_PUBLIC_KEY: 'zz' }).variable).toBe('DISCORD_PUBLIC_KEY');
    const missingApp = configError({ DISCORD_PUBLIC_KEY: 'a'.repeat(64) });
    expect(missingApp.variable).toBe('DISCORD_APP_ID');
    expect(missingApp.message).toMatch(/^Discord: DISCORD_APP_ID/);
  });

  it('accepts Slack and Discord together', () => {
    const config = loadServerConfig({ ...SLACK_HTTP, DISCORD_PUBLIC_KEY: 'a'.repeat(64), DISCORD_APP_ID: '123456789012345678' }, { cwd: CWD });
    expect(config.slack?.mode).toBe('http');
    expect(config.discord).toMatchObject({ http: true, gateway: false });
  });

  it('says how to configure a platform when none is', () => {
    expect(configError({}).message).toContain('.env.example');
  });

  it('never puts a secret value in an error message', () => {
    const error = configError({ SLACK_BOT_TOKEN: 'xoxp-user-token-SECRET', SLACK_SIGNING_SECRET: 'top-SECRET' });
    expect(error.message).not.toContain('SECRET');
  });
});

describe('withEnvFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'briefbot-env-'));
    await writeFile(join(dir, '.env'), '# comment\nPORT=4321\nSLACK_BOT_TOKEN="xoxb-from-file"\nLOG_LEVEL=warn\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('adds the .env variables under the real environment, which wins', () => {
    const { env, file } = withEnvFile({ LOG_LEVEL: 'debug' }, dir);
    expect(file).toBe(join(dir, '.env'));
    expect(env).toMatchObject({ PORT: '4321', SLACK_BOT_TOKEN: 'xoxb-from-file', LOG_LEVEL: 'debug' });
  });

  it('leaves the environment alone when there is no .env', () => {
    const env = { A: '1' };
    expect(withEnvFile(env, join(dir, 'nowhere'))).toEqual({ env, file: null });
  });

  it('does not touch process.env', () => {
    withEnvFile({}, dir);
    expect(process.env.SLACK_BOT_TOKEN).not.toBe('xoxb-from-file');
  });
});

describe('briefbot start with a bad setting', () => {
  it('prints one briefbot: line naming the variable, exit code 1, no stack trace', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'briefbot-start-'));
    const stderr = new PassThrough();
    const stdout = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await runCommand(['start'], {
      stdin: new PassThrough(),
      stdout,
      stderr,
      env: { SLACK_BOT_TOKEN: 'xoxb-1-2-abc' },
      cwd,
    });
    await rm(cwd, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^briefbot: Slack: .*SLACK_SIGNING_SECRET/);
    expect(err).not.toMatch(/\n\s+at /);
  });
});

describe('.env.example', () => {
  const file = fileURLToPath(new URL('../../.env.example', import.meta.url));

  it('documents every variable the server, Slack and Discord read', async () => {
    const text = await readFile(file, 'utf8');
    const documented = new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    for (const name of [
      'PORT', 'BRIEFBOT_HOST', 'BRIEFBOT_CORPUS', 'LOG_LEVEL', 'BRIEFBOT_RATE_LIMIT', 'BRIEFBOT_FEEDBACK_LOG',
      'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL',
      'DISCORD_TOKEN', 'DISCORD_APP_ID', 'DISCORD_PUBLIC_KEY', 'DISCORD_API_URL', 'BRIEFBOT_SHARDS',
    ]) {
      expect(documented, name).toContain(name);
    }
  });

  it('copied as it is, starts nothing and says which platform variables to set', async () => {
    const env = parseEnv(await readFile(file, 'utf8'));
    expect(() => loadServerConfig(env, { cwd: CWD })).toThrow(/neither Slack nor Discord is configured/);
    expect(loadServerConfig({ ...env, ...SLACK_HTTP }, { cwd: CWD })).toMatchObject({ port: 3000, ratePerMinute: 10, logLevel: 'info' });
  });
});
