import { describe, expect, it } from 'vitest';
import { compareTs, messagesToTurns, replyTo } from '../../src/adapters/slack/history.ts';

describe('compareTs', () => {
  it('orders Slack timestamps exactly', () => {
    expect(compareTs('1760000000.000100', '1760000000.000099')).toBe(1);
    expect(compareTs('1760000000.0001', '1760000000.000100')).toBe(0);
    expect(compareTs('999999999.999999', '1760000000.000000')).toBe(-1);
  });
});

describe('messagesToTurns', () => {
  const thread = [
    { ts: '1760000000.000300', user: 'U1', text: '<@UBOT> what did he say?' },
    { ts: '1760000000.000100', user: 'U1', text: '<@UBOT> Why did Osei vote against the plan?' },
    { ts: '1760000000.000200', user: 'UBOT', bot_id: 'BBOT', text: 'Councillor David Osei voted against the plan &amp; more.' },
    { ts: '1760000000.000150', user: 'U2', text: 'lunch anyone?' },
    { ts: '1760000000.000160', bot_id: 'BOTHER', subtype: 'bot_message', text: 'build passed' },
    { ts: '1760000000.000170', user: 'U2', subtype: 'channel_join', text: '<@U2> has joined' },
  ];

  it('turns earlier messages into user and bot turns, oldest first, leaving out the current one', () => {
    expect(messagesToTurns(thread, { before: '1760000000.000300', botUserId: 'UBOT', botId: 'BBOT', onlyMentions: true })).toEqual([
      { role: 'user', text: 'Why did Osei vote against the plan?' },
      { role: 'bot', text: 'Councillor David Osei voted against the plan & more.' },
    ]);
  });

  it('keeps every human message in a direct message', () => {
    const turns = messagesToTurns(thread, { before: '1760000000.000300', botUserId: 'UBOT', botId: 'BBOT', onlyMentions: false });
    expect(turns.map((t) => t.text)).toContain('lunch anyone?');
  });

  it('keeps only the latest turns', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ts: `1760000000.${String(i).padStart(6, '0')}`, user: 'U1', text: `q${i}` }));
    const turns = messagesToTurns(many, { before: '1760000001.000000', onlyMentions: false, limit: 5 });
    expect(turns.map((t) => t.text)).toEqual(['q25', 'q26', 'q27', 'q28', 'q29']);
  });
});

describe('replyTo', () => {
  const bot = { botUserId: 'UBOT', botId: 'BBOT' };
  it("finds the bot's first message after a question, unless someone wrote in between", () => {
    const dm = [
      { ts: '1760000000.000300', user: 'UBOT', bot_id: 'BBOT', text: 'a later answer' },
      { ts: '1760000000.000100', user: 'U1', text: 'the question' },
      { ts: '1760000000.000150', bot_id: 'BOTHER', subtype: 'bot_message', text: 'another bot' },
      { ts: '1760000000.000200', user: 'UBOT', bot_id: 'BBOT', text: 'the answer' },
    ];
    expect(replyTo(dm, '1760000000.000100', bot)).toBe('1760000000.000200');
    const interrupted = [...dm, { ts: '1760000000.000120', user: 'U1', text: 'another question' }];
    expect(replyTo(interrupted, '1760000000.000100', bot)).toBeUndefined();
    expect(replyTo(dm, '1760000000.000300', bot)).toBeUndefined();
  });
});
