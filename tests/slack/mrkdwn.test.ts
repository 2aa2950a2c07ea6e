import { describe, expect, it } from 'vitest';
import { escapeText, fitMrkdwn, fitText, slackToPlain } from '../../src/adapters/slack/mrkdwn.ts';

describe('escapeText', () => {
  it('escapes &, < and > so Slack shows them as typed', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
  });

  it('turns mention markup into inert text and breaks bare broadcast words', () => {
    expect(escapeText('<!channel> <@U123> <!subteam^S1|@team>')).toBe('&lt;!channel&gt; &lt;@U123&gt; &lt;!subteam^S1|@team&gt;');
    expect(escapeText('@here and @Everyone')).toBe('@\u200Bhere and @\u200BEveryone');
  });
});

describe('fitText', () => {
  it('cuts to the limit with an ellipsis and never splits an entity', () => {
    const cut = fitText('&'.repeat(10), 13);
    expect(cut).toBe('&amp;&amp;…');
    expect(cut.length).toBeLessThanOrEqual(13);
  });

  it('does not create a broadcast word where it cuts', () => {
    const cut = fitText('x @everyone_and_more', 12);
    expect(cut).not.toMatch(/@everyone/);
    expect(cut.length).toBeLessThanOrEqual(12);
  });
});

describe('fitMrkdwn', () => {
  it('bolds a segment with its surrounding spaces outside the markers', () => {
    expect(fitMrkdwn([{ text: 'would' }, { text: ' protect homes ', bold: true }, { text: 'from' }], 100)).toBe('would *protect homes* from');
  });

  it('separates bold markers from neighbouring punctuation so Slack still renders them', () => {
    expect(fitMrkdwn([{ text: '“' }, { text: 'We rebuild', bold: true }, { text: ',” Ruiz said.' }], 100)).toBe('“\u200B*We rebuild*\u200B,” Ruiz said.');
  });

  it('links a segment only to an http(s) URL', () => {
    expect(fitMrkdwn([{ text: 'Gazette', link: 'https://x.test/a?b=1&c=2' }], 100)).toBe('<https://x.test/a?b=1&amp;c=2|Gazette>');
    expect(fitMrkdwn([{ text: 'Gazette', link: 'javascript:alert(1)' }], 100)).toBe('Gazette');
  });

  it('keeps markup balanced when it has to cut', () => {
    const text = fitMrkdwn([{ text: 'a'.repeat(50) }, { text: 'b'.repeat(50), bold: true }], 70);
    expect(text.length).toBeLessThanOrEqual(70);
    expect(text).toMatch(/^a{50}\u200B\*b+\*\u200B…$/);
  });
});

describe('slackToPlain', () => {
  it("removes the bot's mention and the mentions of people, groups and broadcasts", () => {
    expect(slackToPlain('<@UBOT> <!channel> what did <@U123> and <!subteam^S1|@eds> say?', 'UBOT')).toBe('what did and say?');
  });

  it('keeps channel names and link labels and decodes entities', () => {
    expect(slackToPlain('see <#C1|news> &amp; <https://x.test|the story> &lt;3')).toBe('see #news & the story <3');
  });
});
