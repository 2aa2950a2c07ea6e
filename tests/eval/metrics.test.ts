import { describe, expect, it } from 'vitest';
import type { EvalQuestion, Gold } from '../../src/eval/data.ts';
import { squadSet } from '../../src/eval/data.ts';
import { isCorrect, judge, normaliseForMatch, percentile, summarise, type CitedSentence, type Outcome } from '../../src/eval/metrics.ts';

// Two paragraphs joined by a blank line, as the SQuAD loader joins contexts.
const P1 = 'The harbour bridge opened in 1932. It carries eight lanes.';
const P2 = 'The bridge was built by Dorman Long. It opened in March.';
const P2_START = P1.length + 2;

const spanGold = (answerStart: number, paragraph: 1 | 2 = 2): Gold => ({
  kind: 'span',
  articleId: 'bridge',
  paragraphStart: paragraph === 1 ? 0 : P2_START,
  paragraphEnd: paragraph === 1 ? P1.length : P2_START + P2.length,
  answerStarts: [answerStart],
  answers: ['x'],
});

const sentence = (text: string, start: number, articleId = 'bridge', id = 's1'): CitedSentence => ({ articleId, sentence: id, text, start, end: start + text.length });

const builtBy = sentence('The bridge was built by Dorman Long.', P2_START, 'bridge', 's3');
const openedInMarch = sentence('It opened in March.', P2_START + 37, 'bridge', 's4');
const opened1932 = sentence('The harbour bridge opened in 1932.', 0, 'bridge', 's1');

const question = (gold: Gold, answerable = true): EvalQuestion => ({ id: 'q', question: 'Who built the bridge?', answerable, gold });
const outcome = (cited: CitedSentence[], declined = false, ranked?: CitedSentence[]): Outcome => ({ declined, cited, ranked, ms: 1 });

describe('isCorrect (SQuAD protocol)', () => {
  const byDormanLong = spanGold(P2_START + 24); // "Dorman Long"

  it('accepts a sentence of the question’s paragraph that contains an answer start', () => {
    expect(isCorrect(byDormanLong, builtBy)).toBe(true);
  });

  it('rejects a sentence of the same paragraph that does not contain the answer start', () => {
    expect(isCorrect(byDormanLong, openedInMarch)).toBe(false);
  });

  it('rejects a sentence from another paragraph even when it would contain the offset', () => {
    // The gold says paragraph 1, but the answer start lies in a sentence of paragraph 2.
    const wrongParagraph: Gold = { kind: 'span', articleId: 'bridge', paragraphStart: 0, paragraphEnd: P1.length, answerStarts: [P2_START + 24], answers: ['x'] };
    expect(isCorrect(wrongParagraph, builtBy)).toBe(false);
    expect(isCorrect(spanGold(29, 1), opened1932)).toBe(true);
    expect(isCorrect(spanGold(29, 1), builtBy)).toBe(false);
  });

  it('rejects a sentence of another article at the same offsets', () => {
    expect(isCorrect(byDormanLong, { ...builtBy, articleId: 'tunnel' })).toBe(false);
  });

  it('treats the sentence end as exclusive', () => {
    expect(isCorrect(spanGold(builtBy.end), builtBy)).toBe(false);
    expect(isCorrect(spanGold(builtBy.end - 1), builtBy)).toBe(true);
  });
});

describe('isCorrect (seed protocol)', () => {
  const gold: Gold = { kind: 'fragments', fragments: ['“cede full  control” of Donetsk'] };

  it('matches a fragment after folding curly quotes and collapsing white space', () => {
    expect(normaliseForMatch('“a”\n  b’s')).toBe('"a" b\'s');
    expect(isCorrect(gold, sentence('Putin demanded Ukraine "cede full\ncontrol" of Donetsk.', 0))).toBe(true);
  });

  it('does not match a sentence without any fragment', () => {
    expect(isCorrect(gold, sentence('Trump posted on social media.', 0))).toBe(false);
  });
});

describe('judge', () => {
  const gold = spanGold(P2_START + 24);

  it('counts a correct first citation for P@1 and hit@3', () => {
    const j = judge(question(gold), outcome([builtBy, openedInMarch]));
    expect(j).toMatchObject({ correctAt1: true, hitAt3: true, declined: false });
  });

  it('counts a correct second citation for hit@3 only', () => {
    const j = judge(question(gold), outcome([openedInMarch, builtBy]));
    expect(j).toMatchObject({ correctAt1: false, hitAt3: true });
  });

  it('counts a declined answerable question as a miss, but keeps its ranking', () => {
    const j = judge(question(gold), outcome([], true, [builtBy]));
    expect(j).toMatchObject({ declined: true, correctAt1: false, hitAt3: false, rankingCorrectAt1: true });
  });

  it('records a declined unanswerable question as declined and never correct', () => {
    const j = judge(question({ kind: 'fragments', fragments: [] }, false), outcome([], true));
    expect(j).toMatchObject({ answerable: false, declined: true, correctAt1: false });
  });
});

describe('summarise', () => {
  it('computes P@1 over answerable questions and decline shares per kind', () => {
    const gold = spanGold(P2_START + 24);
    const unanswerable = question({ kind: 'fragments', fragments: [] }, false);
    const judgements = [
      judge(question(gold), outcome([builtBy])), // correct
      judge(question(gold), outcome([opened1932])), // wrong paragraph
      judge(question(gold), outcome([], true, [builtBy])), // answerable, declined
      judge(question(gold), outcome([openedInMarch, builtBy])), // hit@3 only
      judge(unanswerable, outcome([], true)), // rightly declined
      judge(unanswerable, outcome([opened1932])), // answered anyway
    ];
    const m = summarise(judgements, [1, 2, 3, 4, 5, 100]);
    expect(m).toMatchObject({ questions: 6, answerable: 4, unanswerable: 2 });
    expect(m.p1).toBeCloseTo(1 / 4);
    expect(m.hit3).toBeCloseTo(2 / 4);
    expect(m.rankingP1).toBeCloseTo(2 / 4);
    expect(m.wronglyDeclined).toBeCloseTo(1 / 4);
    expect(m.rightlyDeclined).toBeCloseTo(1 / 2);
    expect(m.meanMs).toBeCloseTo(115 / 6);
    expect(m.p99Ms).toBe(100);
  });

  it('gives zeros for an empty set rather than NaN', () => {
    const m = summarise([], []);
    expect([m.p1, m.hit3, m.wronglyDeclined, m.rightlyDeclined, m.meanMs, m.p99Ms]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe('squadSet', () => {
  it('joins a title’s paragraphs into one article and maps answer starts to offsets in it', () => {
    const set = squadSet('squad-dev', {
      data: [
        {
          title: 'Harbour_Bridge',
          paragraphs: [
            { context: P1, qas: [{ id: 'a', question: 'When did the bridge open?', answers: [{ text: '1932', answer_start: 29 }], is_impossible: false }] },
            {
              context: P2,
              qas: [
                { id: 'b', question: 'Who built the bridge?', answers: [{ text: 'Dorman Long', answer_start: 24 }], is_impossible: false },
                { id: 'c', question: 'Who painted the bridge?', answers: [], is_impossible: true },
              ],
            },
          ],
        },
      ],
    });
    expect(set.articles).toHaveLength(1);
    const article = set.articles[0]!;
    expect(article.title).toBe('Harbour Bridge');
    const sentences = article.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences));
    const text = `${P1}\n\n${P2}`;
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    const [a, b, c] = set.questions;
    expect(b?.gold).toMatchObject({ kind: 'span', articleId: article.id, paragraphStart: P2_START, answerStarts: [P2_START + 24] });
    expect(text.slice(P2_START + 24, P2_START + 35)).toBe('Dorman Long');
    expect(a?.answerable).toBe(true);
    expect(c?.answerable).toBe(false);
    const cited = sentences.map((s) => ({ articleId: article.id, sentence: s.id, text: s.text, start: s.start, end: s.end }));
    expect(cited.filter((s) => isCorrect(b!.gold, s)).map((s) => s.text)).toEqual(['The bridge was built by Dorman Long.']);
  });
});
