import { z } from 'zod';

/** Character range `[start, end)` into an article's source text. */
/** True for a YYYY-MM-DD date that exists on the calendar ("2025-02-29" and "2025-13-45" do not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

export const SpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Span = z.infer<typeof SpanSchema>;

export const EntityTypeSchema = z.enum(['person', 'place', 'organisation', 'other']);
export type EntityType = z.infer<typeof EntityTypeSchema>;

export const SentenceSchema = z.object({
  /** Stable id within the article: `s<n>`, counted from 1 over the whole article. */
  id: z.string().regex(/^s\d+$/),
  /** The sentence exactly as it stands in the source text. */
  text: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** Numbers, amounts and percentages written in the sentence, as they stand. */
  numbers: z.array(z.string()).default([]),
  /** Dates and times written in the sentence ("Friday", "last week", "in August"). */
  dates: z.array(z.string()).default([]),
});
export type Sentence = z.infer<typeof SentenceSchema>;

export const ParagraphSchema = z.object({
  /** 1-based over the whole article, the dek and dateline paragraph included. */
  n: z.number().int().positive(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  sentences: z.array(SentenceSchema).min(1),
});
export type Paragraph = z.infer<typeof ParagraphSchema>;

export const SectionSchema = z.object({
  /** The heading line, or null for the opening section (the lede). */
  heading: z.string().nullable(),
  paragraphs: z.array(ParagraphSchema),
});
export type Section = z.infer<typeof SectionSchema>;

export const EntitySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  type: EntityTypeSchema,
  /** Other ways the article names it: surname, "the Post", demonym-derived forms. */
  aliases: z.array(z.string()).default([]),
  /** Titles and roles written next to the name ("Russian President", "special envoy"). */
  roles: z.array(z.string()).default([]),
  /** Sentence ids that name it. */
  mentions: z.array(z.string()).default([]),
  /** Sentence ids that refer to it by a pronoun ("he", "she") or a description ("the company", "the 24-year-old") resolved to it. */
  pronounMentions: z.array(z.string()).default([]),
});
export type Entity = z.infer<typeof EntitySchema>;

export const SpeakerSchema = z.object({
  /** Entity id when the speaker is a named entity of the article. */
  entity: z.string().nullable(),
  /** The words that name the speaker ("one senior diplomat", "Roe"). */
  description: z.string().min(1),
});
export type Speaker = z.infer<typeof SpeakerSchema>;

export const QuoteSchema = z.object({
  /** Sentence ids the quoted text spans. */
  sentences: z.array(z.string()).min(1),
  /** The quoted words, without the quotation marks. */
  text: z.string().min(1),
  speaker: SpeakerSchema.nullable(),
});
export type Quote = z.infer<typeof QuoteSchema>;

export const AttributionSchema = z.object({
  sentence: z.string(),
  /** The attributing phrase as written ("according to officials cited by the Daily Courier"); a pronoun in it is the person it stands for ("Ada Rusk added" for "He added that …"). */
  text: z.string().min(1),
  /** Who the claim is attributed to ("U.S. officials", "the officials"). */
  source: z.string().min(1),
});
export type Attribution = z.infer<typeof AttributionSchema>;

export const ArticleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an id is lower-case letters, digits and dashes'),
  title: z.string().min(1),
  outlet: z.string().default(''),
  url: z.string().default(''),
  /** YYYY-MM-DD, or empty when the source gives no date. */
  published: z.union([z.literal(''), z.string().refine(isCalendarDate, 'a date is YYYY-MM-DD, a day that exists')]).default(''),
  dek: z.string().default(''),
  dateline: z.string().default(''),
  /** The file the article was ingested from, relative to the corpus folder. */
  source: z.string().default(''),
  /** SHA-256 of the source text, so a re-ingest can be checked. */
  sourceHash: z.string().default(''),
  /** For an article added from chat: who added it (the platform's hashed user id), who alone may remove it there. */
  addedBy: z.string().optional(),
  sections: z.array(SectionSchema).min(1),
  entities: z.array(EntitySchema).default([]),
  quotes: z.array(QuoteSchema).default([]),
  attributions: z.array(AttributionSchema).default([]),
});
export type Article = z.infer<typeof ArticleSchema>;
