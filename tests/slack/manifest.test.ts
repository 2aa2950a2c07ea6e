import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = readFileSync(new URL('../../slack/manifest.yml', import.meta.url), 'utf8');

describe('slack/manifest.yml', () => {
  it('declares the command, events, scopes and modes the adapter relies on', () => {
    for (const line of [
      'command: /brief',
      '- app_mention',
      '- message.im',
      '- app_mentions:read',
      '- chat:write ',
      '- commands',
      '- im:history',
      '- channels:history',
      '- groups:history',
      '- files:read',
      'socket_mode_enabled: true',
    ]) {
      expect(manifest).toContain(line);
    }
    expect(manifest).toMatch(/interactivity:\s*\n\s*is_enabled: true/);
  });
});
