import { describe, expect, it } from 'vitest';
import type { Citation, Reply } from '../../src/core/index.ts';
import { ADD_PASTE_HINT, LIMITS, renderReply } from '../../src/adapters/slack/index.ts';
import { ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP, ACTION_SHARE, decodeFeedback, decodeShare } from '../../src/adapters/slack/payload.ts';
import { allText, HARBOR_URL, PINGING } from './helpers.ts';

const RUIZ = 'Mayor Elena Ruiz said the barrier would protect about 12,000 homes from storm surges like the ones that flooded the harbor district twice last autumn.';
const OSEI = '“This is the right idea with the wrong bill attached,” Osei said.';

function citation(over: Partial<Citation> = {}): Citation {
  return {
    n: 1,
    articleId: 'harbor-flood-barrier',
    articleTitle: 'Harbor City Council Approves Flood Barrier After Costly Storm Season',
    section: null,
    paragraph: 2,
    sentence: 's3',
    text: RUIZ,
    span: { start: RUIZ.indexOf('protect'), end: RUIZ.indexOf(' from storm') },
    speaker: null,
    attribution: null,
    outlet: 'Harbor Gazette',
    published: '2026-10-14',
    url: HARBOR_URL,
    primary: true,
    ...over,
  };
}

function reply(over: Partial<Reply> & Pick<Reply, 'kind'>): Reply {
  return { command: 'ask', lead: RUIZ, citations: [], confidence: 0.8, suggestions: [], facts: [], sources: [], commands: [], ...over };
}

type Block = ReturnType<typeof renderReply>['blocks'][number];
function sectionTexts(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}
function contextTexts(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'context' ? b.elements.flatMap((e) => ('text' in e && typeof e.text === 'string' ? [e.text] : [])) : []));
}
function buttons(blocks: Block[]): { action_id: string; value: string; text: string }[] {
  return blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.flatMap((e) => (e.type === 'button' ? [{ action_id: e.action_id ?? '', value: e.value ?? '', text: e.text.text }] : []))
      : [],
  );
}

describe('renderReply', () => {
  const answer = reply({
    kind: 'answer',
    question: 'How many homes would the barrier protect?',
    citations: [citation(), citation({ n: 2, sentence: 's4', paragraph: 3, text: OSEI, span: null, speaker: 'David Osei', section: 'Opposition on the Council', primary: false })],
  });

  it('puts the answering sentence in a section with the answering span in bold and a [n] marker', () => {
    const [first] = sectionTexts(renderReply(answer).blocks);
    expect(first).toBe('Mayor Elena Ruiz said the barrier would *protect about 12,000 homes* from storm surges like the ones that flooded the harbor district twice last autumn. [1]');
  });

  it('adds a context line per citation, linked to the article, naming outlet, section (or lede) and paragraph', () => {
    const lines = contextTexts(renderReply(answer).blocks);
    expect(lines[0]).toBe(`[1] <${HARBOR_URL}|Harbor Gazette · lede · ¶2>`);
    expect(lines[1]).toContain(`[2] <${HARBOR_URL}|Harbor Gazette · Opposition on the Council · ¶3> · said by David Osei`);
    expect(lines[1]).toContain('right idea with the wrong bill');
  });

  it('gives the sentences of one quote one line, "[1, 2]", instead of the same line twice', () => {
    const quote = reply({
      kind: 'answer',
      citations: [
        citation({ url: '', speaker: 'Elena Ruiz' }),
        citation({ n: 2, sentence: 's4', url: '', speaker: 'Elena Ruiz', text: 'We cannot wait another winter.', span: null }),
        citation({ n: 3, sentence: 's9', url: '', paragraph: 5, text: OSEI, span: null, speaker: 'David Osei', primary: false }),
      ],
    });
    const lines = contextTexts(renderReply(quote).blocks);
    expect(lines[0]).toBe('[1, 2] Harbor Gazette · lede · ¶2 · said by Elena Ruiz');
    expect(lines[1]).toMatch(/^\[3\] Harbor Gazette · ¶5 · said by David Osei/);
    expect(lines).toHaveLength(2);
  });

  it('calls only the first two paragraphs of an opening section the lede', () => {
    const later = (section: string | null) => contextTexts(renderReply(reply({ kind: 'answer', citations: [citation({ url: '', section, paragraph: 14 })] })).blocks)[0];
    expect(later(null)).toBe('[1] Harbor Gazette · ¶14');
    expect(later('Opposition on the Council')).toBe('[1] Harbor Gazette · Opposition on the Council · ¶14');
  });

  it('does not link a citation without an http(s) URL', () => {
    const lines = contextTexts(renderReply(reply({ kind: 'answer', citations: [citation({ url: '' })] })).blocks);
    expect(lines[0]).toBe('[1] Harbor Gazette · lede · ¶2');
  });

  it('uses the lead as notification text', () => {
    expect(renderReply(answer).text).toBe(RUIZ);
  });

  it('offers thumbs up and down carrying the question and the cited sentence ids', () => {
    const found = buttons(renderReply(answer).blocks);
    expect(found.map((b) => b.action_id)).toEqual([ACTION_FEEDBACK_UP, ACTION_FEEDBACK_DOWN]);
    expect(decodeFeedback(found[0]?.value)).toEqual({ question: 'How many homes would the barrier protect?', citations: ['harbor-flood-barrier#s3', 'harbor-flood-barrier#s4'] });
  });

  it('offers "Share in channel" only when the reply is private, carrying the question to ask again', () => {
    expect(buttons(renderReply(answer).blocks).some((b) => b.action_id === ACTION_SHARE)).toBe(false);
    const share = buttons(renderReply(answer, { ephemeral: true }).blocks).find((b) => b.action_id === ACTION_SHARE);
    expect(share?.text).toBe('Share in channel');
    expect(decodeShare(share?.value)).toEqual({ text: 'How many homes would the barrier protect?', command: 'ask' });
  });

  it('renders a decline with its suggestions as buttons that ask them', () => {
    const decline = reply({
      kind: 'decline',
      lead: "The articles don't say what the governor said. Mentioned people: Elena Ruiz, David Osei.",
      citations: [],
      suggestions: ['What did Osei say?', 'When will construction begin?'],
    });
    const message = renderReply(decline);
    expect(sectionTexts(message.blocks)[0]).toContain("The articles don't say what the governor said.");
    expect(buttons(message.blocks)).toEqual([
      { action_id: 'briefbot_suggest_0', value: 'What did Osei say?', text: 'What did Osei say?' },
      { action_id: 'briefbot_suggest_1', value: 'When will construction begin?', text: 'When will construction begin?' },
    ]);
  });

  it('renders a who card with its facts as fields', () => {
    const card = reply({ kind: 'list', command: 'who', lead: 'Elena Ruiz', facts: [{ label: 'Roles', value: 'Mayor' }, { label: 'Mentions', value: '3' }] });
    const fields = renderReply(card).blocks.flatMap((b) => (b.type === 'section' && b.fields ? b.fields.map((f) => f.text) : []));
    expect(fields).toEqual(['*Roles*\nMayor', '*Mentions*\n3']);
  });

  it('renders sources as linked titles with outlet, date and size', () => {
    const sources = reply({
      kind: 'list',
      command: 'sources',
      lead: 'Articles: 1',
      sources: [{ articleId: 'harbor-flood-barrier', title: 'Harbor City Council Approves Flood Barrier', outlet: 'Harbor Gazette', published: '2026-10-14', url: HARBOR_URL, sentences: 10 }],
    });
    expect(sectionTexts(renderReply(sources).blocks)).toContain(`<${HARBOR_URL}|*Harbor City Council Approves Flood Barrier*>\nHarbor Gazette · 2026-10-14 · 10 sentences`);
  });

  it('lists as many sources as a message holds, then says how many more there are', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ articleId: `a${i}`, title: `Story ${i}`, outlet: 'Harbor Gazette', published: '2026-10-14', url: '', sentences: 30 }));
    const { blocks } = renderReply(reply({ kind: 'list', command: 'sources', lead: '10000 articles', sources: many }));
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    const shown = sectionTexts(blocks).filter((t) => t.startsWith('*Story '));
    expect(shown[0]).toMatch(/^\*Story 0\*/);
    expect(contextTexts(blocks).at(-1)).toBe(`…and ${(10_000 - shown.length).toLocaleString('en-US')} more articles.`);
  });

  it('renders help with the slash command usage of every command', () => {
    const help = reply({
      kind: 'help',
      command: 'help',
      lead: 'briefbot answers questions about news articles.',
      commands: [
        { name: 'ask', usage: 'ask QUESTION', description: 'Answer a question.', example: 'ask What happened?' },
        { name: 'brief', usage: 'brief', description: 'The main facts.', example: 'brief' },
        { name: 'who', usage: 'who NAME', description: 'A card for a person.', example: 'who Ruiz' },
      ],
    });
    const text = sectionTexts(renderReply(help).blocks).join('\n');
    expect(text).toContain('*/brief QUESTION*');
    expect(text).toContain('*/brief summary*');
    expect(text).toContain('*/brief who NAME*');
    expect(text).not.toContain('/brief add');
    const withAdd = sectionTexts(renderReply(help, { canAdd: true }).blocks).join('\n');
    expect(withAdd).toContain('*/brief add*');
    expect(withAdd).toContain('share its .txt, .md or .html file');
  });

  it('says how to add an article under a message too long to be a question, when adding is on', () => {
    const tooLong = reply({ kind: 'error', code: 'TOO_LONG', lead: 'That question is 2400 characters long; please keep it under 500.' });
    expect(contextTexts(renderReply(tooLong, { canAdd: true }).blocks)).toEqual([ADD_PASTE_HINT]);
    expect(contextTexts(renderReply(tooLong).blocks)).toEqual([]);
  });

  it('renders an error with a warning sign and no buttons', () => {
    const message = renderReply(reply({ kind: 'error', code: 'TOO_LONG', lead: 'That question is too long.' }), { ephemeral: true });
    expect(sectionTexts(message.blocks)).toEqual([':warning: That question is too long.']);
    expect(buttons(message.blocks)).toEqual([]);
  });

  it('escapes &, < and > and turns would-be mentions into inert text', () => {
    const hostile = reply({
      kind: 'decline',
      question: 'what did <!channel> & <@U123> say about <!subteam^S1|@team> and @here?',
      lead: "The articles don't say what <!channel> & <@U123> said about <!subteam^S1|@team> or @everyone.",
      suggestions: ['<!here> ping?'],
    });
    const message = renderReply(hostile, { showQuestion: true });
    const text = allText(message);
    expect(text).not.toMatch(PINGING);
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt;');
  });

  it('drops bidirectional controls, so quoted or echoed text cannot be shown reordered', () => {
    const spoof = reply({
      kind: 'answer',
      question: 'who said \u202etxet\u202c?',
      citations: [citation({ text: 'The fee is \u202e0001$\u202c a year.', span: null })],
    });
    const text = allText(renderReply(spoof, { showQuestion: true }));
    expect(text).toContain('The fee is 0001$ a year.');
    expect(text).toContain('who said txet?');
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('keeps to Slack limits for a very long list', () => {
    const many = Array.from({ length: 80 }, (_, i) => citation({ n: i + 1, sentence: `s${i}`, text: 'x'.repeat(4000), span: null }));
    const message = renderReply(reply({ kind: 'list', command: 'quotes', lead: 'Quotes', citations: many }), { ephemeral: true });
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    for (const text of sectionTexts(message.blocks)) expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(message.blocks.at(-1)?.type).toBe('actions');
  });
});
