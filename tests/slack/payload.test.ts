import { describe, expect, it } from 'vitest';
import { decodeFeedback, decodeShare, encodeFeedback, encodeShare, encodeSuggestion, MAX_BUTTON_VALUE } from '../../src/adapters/slack/payload.ts';
import { createDedupe } from '../../src/adapters/slack/dedupe.ts';
import { shouldSkipRetry } from '../../src/adapters/slack/index.ts';

describe('encodeShare / decodeShare', () => {
  it('round-trips a request', () => {
    expect(decodeShare(encodeShare({ text: 'who Osei', command: 'who' }))).toEqual({ text: 'who Osei', command: 'who' });
    expect(decodeShare(encodeShare({ text: 'What happened?' }))).toEqual({ text: 'What happened?' });
  });

  it('fits a huge question into a button value', () => {
    const value = encodeShare({ text: '"\\'.repeat(5000), command: 'ask' });
    expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
    expect(decodeShare(value)?.command).toBe('ask');
  });

  it('rejects values it did not make', () => {
    expect(decodeShare('not json')).toBeNull();
    expect(decodeShare(JSON.stringify({ c: 'rm -rf', t: 'x' }))).toEqual({ text: 'x' });
    expect(decodeShare(undefined)).toBeNull();
  });
});

describe('encodeFeedback / decodeFeedback', () => {
  it('round-trips the question and citation ids within the value limit', () => {
    const payload = { question: 'q'.repeat(3000), citations: Array.from({ length: 40 }, (_, i) => `article-${i}#s${i}`) };
    const value = encodeFeedback(payload);
    expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
    const decoded = decodeFeedback(value);
    expect(decoded?.citations[0]).toBe('article-0#s0');
    expect(decoded?.question.startsWith('qqq')).toBe(true);
  });
});

describe('encodeSuggestion', () => {
  it('cuts to the value limit without splitting a character', () => {
    const value = encodeSuggestion('😀'.repeat(1500));
    expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
    expect(value).toBe('😀'.repeat(1000));
  });
});

describe('createDedupe', () => {
  it('says yes once per id and forgets the oldest beyond its capacity', () => {
    const dedupe = createDedupe(2);
    expect(dedupe.first('a')).toBe(true);
    expect(dedupe.first('a')).toBe(false);
    dedupe.first('b');
    dedupe.first('c');
    expect(dedupe.first('a')).toBe(true);
  });
});

describe('shouldSkipRetry', () => {
  it('skips only retries of deliveries that timed out', () => {
    expect(shouldSkipRetry(undefined, undefined)).toBe(false);
    expect(shouldSkipRetry(1, 'http_timeout')).toBe(true);
    expect(shouldSkipRetry(1, 'http_error')).toBe(false);
  });
});
