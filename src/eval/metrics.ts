/**
 * Judging one answer against its gold, and the figures over a set: P@1, hit@3, declines,
 * time per question. Pure functions, so the protocol can be tested on hand-made cases.
 */
import { foldQuotes } from '../core/index.ts';
import type { EvalQuestion, Gold } from './data.ts';

/** A sentence a system cited, located in its article's text. */
export interface CitedSentence {
  articleId: string;
  /** Sentence id within the article (`s7`). */
  sentence: string;
  text: string;
  start: number;
  end: number;
}

/** What one system did with one question. */
export interface Outcome {
  declined: boolean;
  /** Cited sentences in rank order (empty for a decline). */
  cited: CitedSentence[];
  /** The system's best-ranked candidates before it decided to answer or decline, when it has them. */
  ranked?: CitedSentence[];
  /** Why it declined, when it says. */
  reason?: string;
  /** Milliseconds spent on the answer call. */
  ms: number;
}

/** Folds curly quotes to straight ones and collapses white space, as the seed protocol says. */
export function normaliseForMatch(text: string): string {
  return foldQuotes(text).replace(/\s+/g, ' ').trim();
}

/** Whether a cited sentence answers the question under its set's protocol. */
export function isCorrect(gold: Gold, cited: CitedSentence): boolean {
  if (gold.kind === 'fragments') {
    const text = normaliseForMatch(cited.text);
    return gold.fragments.some((f) => text.includes(normaliseForMatch(f)));
  }
  if (cited.articleId !== gold.articleId) return false;
  if (cited.start < gold.paragraphStart || cited.end > gold.paragraphEnd) return false;
  return gold.answerStarts.some((a) => a >= cited.start && a < cited.end);
}

export interface Judgement {
  answerable: boolean;
  declined: boolean;
  /** Answerable, not declined, and the first citation is correct. */
  correctAt1: boolean;
  /** Answerable, not declined, and one of the first three citations is correct. */
  hitAt3: boolean;
  /** Answerable and the first ranked candidate is correct, whatever the decision. */
  rankingCorrectAt1: boolean;
  rankingHitAt3: boolean;
}

export function judge(question: EvalQuestion, outcome: Outcome): Judgement {
  const ok = (c: CitedSentence): boolean => isCorrect(question.gold, c);
  const answered = question.answerable && !outcome.declined;
  const ranked = outcome.ranked ?? outcome.cited;
  return {
    answerable: question.answerable,
    declined: outcome.declined,
    correctAt1: answered && outcome.cited[0] !== undefined && ok(outcome.cited[0]),
    hitAt3: answered && outcome.cited.slice(0, 3).some(ok),
    rankingCorrectAt1: question.answerable && ranked[0] !== undefined && ok(ranked[0]),
    rankingHitAt3: question.answerable && ranked.slice(0, 3).some(ok),
  };
}

/** Nearest-rank percentile (`p` in 0–100) of a list of numbers; 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

export interface SystemMetrics {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Over answerable questions; a declined one is a miss. */
  p1: number;
  hit3: number;
  /** First ranked candidate correct, ignoring the decision to decline (answerable questions). */
  rankingP1: number;
  rankingHit3: number;
  /** Share of answerable questions declined. */
  wronglyDeclined: number;
  /** Share of unanswerable questions declined. */
  rightlyDeclined: number;
  meanMs: number;
  p99Ms: number;
}

function share(count: number, of: number): number {
  return of === 0 ? 0 : count / of;
}

export function summarise(judgements: readonly Judgement[], times: readonly number[]): SystemMetrics {
  const answerable = judgements.filter((j) => j.answerable);
  const unanswerable = judgements.filter((j) => !j.answerable);
  const count = (list: readonly Judgement[], f: (j: Judgement) => boolean): number => list.filter(f).length;
  return {
    questions: judgements.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    p1: share(count(answerable, (j) => j.correctAt1), answerable.length),
    hit3: share(count(answerable, (j) => j.hitAt3), answerable.length),
    rankingP1: share(count(answerable, (j) => j.rankingCorrectAt1), answerable.length),
    rankingHit3: share(count(answerable, (j) => j.rankingHitAt3), answerable.length),
    wronglyDeclined: share(count(answerable, (j) => j.declined), answerable.length),
    rightlyDeclined: share(count(unanswerable, (j) => j.declined), unanswerable.length),
    meanMs: times.length === 0 ? 0 : times.reduce((a, b) => a + b, 0) / times.length,
    p99Ms: percentile(times, 99),
  };
}
