/**
 * The decision to answer or decline, as a small logistic model over signals of the question
 * and its best candidate. Its weights are fitted on the SQuAD 2.0 dev subset and the seed
 * questions by `scripts/calibrate.ts` (never on the test subset) and kept as data in
 * `calibration.json`, so that the confidence a reply reports is a probability that its
 * first citation answers.
 */
import calibration from './calibration.json' with { type: 'json' };
import questionData from './lexicon/questions.json' with { type: 'json' };
import type { Query } from './analyse.ts';
import { writesNumber } from './text.ts';

/** Negations: a question that asks about what did *not* happen needs a sentence that says so. */
const NEGATION = /\b(not|never|no|n't|without|neither|nor|none|nobody|nothing)\b|n't\b/i;
/** Words that say so by themselves: "the council's refusal to let them build" answers "who was not allowed to build?". */
const NEGATING = new RegExp(`\\b(?:${questionData.negatingWords.join('|')})\\b`, 'i');

export const FEATURE_NAMES = ['bias', 'coverage', 'margin', 'missing', 'paragraphMissing', 'unknownShare', 'unknownName', 'keyCount', 'negationMismatch', 'numberMismatch', 'answerType'] as const;

export interface Candidate {
  coverage: number;
  score: number;
  missing: number;
  paragraphMissing: number;
  text: string;
  hasAnswerType: boolean;
}

/** The model's inputs, in `FEATURE_NAMES` order. */
export function decisionFeatures(query: Query, unknownShare: number, best: Candidate, runnerUp: Candidate | undefined): number[] {
  const numbers = query.text.match(/\b\d[\d,.]*\b/g) ?? [];
  const negationMismatch = NEGATION.test(query.text) && !NEGATION.test(best.text) && !NEGATING.test(best.text) ? 1 : 0;
  return [
    1,
    best.coverage,
    best.score - (runnerUp?.score ?? 0),
    best.missing,
    best.paragraphMissing,
    unknownShare,
    query.unknownNames.length > 0 ? 1 : 0,
    Math.min(query.keys.size, 8) / 8,
    negationMismatch,
    numbers.some((n) => !best.text.includes(n) && !writesNumber(best.text, n)) ? 1 : 0,
    best.hasAnswerType ? 1 : 0,
  ];
}

export interface Model {
  weights: number[];
  /** Decline below this probability. */
  threshold: number;
}

export const MODEL: Model = { weights: calibration.decision.weights, threshold: calibration.decision.threshold };

/**
 * The ranking model's inputs: the shares of the question's key weight matched in the
 * sentence exactly, through a synonym or metonym, through its entities, by a shared stem
 * prefix, in the sentence a leading pronoun refers to or in its paragraph's opening sentence, in its neighbours; then paragraph
 * coverage, normalised BM25, answer type, amount, quote, speaker, lede, quote continuation,
 * length and ordered key pairs.
 */
export const RANK_FEATURES = ['exact', 'synonym', 'entity', 'prefix', 'antecedent', 'context', 'paragraph', 'bm25', 'answerType', 'amount', 'quote', 'speaker', 'lede', 'continuation', 'length', 'bigram'] as const;

/**
 * The ranking model, linear: a candidate's score is the weighted sum of its features. Features whose weight is 0 are not worked out while answering (they cost
 * time on every candidate) unless `allFeatures` is set, as the calibration script does to fit
 * them.
 */
export const RANKER: { weights: number[]; allFeatures: boolean } = { weights: calibration.ranker.weights, allFeatures: false };

/** Probability that the best candidate answers the question. */
export function probability(features: readonly number[], model: Model = MODEL): number {
  let x = 0;
  for (let i = 0; i < features.length; i++) x += (model.weights[i] ?? 0) * (features[i] ?? 0);
  return 1 / (1 + Math.exp(-x));
}
