/**
 * The evaluation sets, read from the project's own `eval/` folder: the seed questions about
 * one news article, questions about three real Wikinews articles, a larger development set
 * about invented news articles (probe), a blind set about other invented news articles, and
 * SQuAD 2.0 subsets (each title one article, all titles one corpus).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ingestText, slugify, type Article } from '../core/index.ts';

export const SET_NAMES = ['seed', 'news', 'probe', 'squad-dev', 'squad-test', 'blind'] as const;
export type SetName = (typeof SET_NAMES)[number];

/** What makes a cited sentence correct. */
export type Gold =
  /** Seed protocol: the sentence contains one of the fragments (empty: the bot must decline). */
  | { kind: 'fragments'; fragments: string[] }
  /**
   * SQuAD protocol: the sentence lies in the question's paragraph (`paragraphStart` to
   * `paragraphEnd`, offsets into the article's text) and contains an answer's start.
   */
  | { kind: 'span'; articleId: string; paragraphStart: number; paragraphEnd: number; answerStarts: number[]; answers: string[] };

export interface EvalQuestion {
  id: string;
  question: string;
  answerable: boolean;
  gold: Gold;
}

export interface EvalSet {
  name: SetName;
  articles: Article[];
  questions: EvalQuestion[];
}

/** The repository's `eval/` folder. */
export const DEFAULT_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../eval');

const FragmentQuestionsSchema = z.array(z.object({ q: z.string().min(1), gold: z.array(z.string().min(1)) })).min(1);
/** Questions with gold fragments, about one article (the seed set) or several (the news, probe and blind sets). */
const FragmentFileSchema = z.union([
  z.object({ article: z.string().min(1), questions: FragmentQuestionsSchema }),
  z.object({ articles: z.array(z.string().min(1)).min(1), questions: FragmentQuestionsSchema }),
]);

const SquadAnswerSchema = z.object({ text: z.string(), answer_start: z.number().int().nonnegative() });
const SquadFileSchema = z.object({
  data: z
    .array(
      z.object({
        title: z.string().min(1),
        paragraphs: z.array(
          z.object({
            context: z.string().min(1),
            qas: z.array(
              z.object({
                id: z.string(),
                question: z.string(),
                answers: z.array(SquadAnswerSchema),
                is_impossible: z.boolean().optional(),
              }),
            ),
          }),
        ),
      }),
    )
    .min(1),
});
export type SquadFile = z.infer<typeof SquadFileSchema>;

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

function problem(file: string, error: z.ZodError): Error {
  const first = error.issues[0];
  return new Error(`eval: ${file} is not in the expected form (${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'})`);
}

/** The sets whose gold is fragments of the answering sentences. */
type FragmentSetName = 'seed' | 'news' | 'probe' | 'blind';

/**
 * A set whose gold is fragments of the answering sentences: the seed set (`seed-questions.json`,
 * one article), the news set (`news-questions.json`, several), the probe set
 * (`probe-questions.json`, several) or the blind set (`blind-questions.json`, several). Article paths are relative to the questions file; all the
 * articles are one corpus.
 */
async function loadFragmentSet(name: FragmentSetName, dataDir: string): Promise<EvalSet> {
  const file = join(dataDir, `${name}-questions.json`);
  const parsed = FragmentFileSchema.safeParse(await readJson(file));
  if (!parsed.success) throw problem(file, parsed.error);
  const paths = 'article' in parsed.data ? [parsed.data.article] : parsed.data.articles;
  const articles: Article[] = [];
  for (const path of paths) {
    const articleFile = resolve(dirname(file), path);
    articles.push(ingestText(await readFile(articleFile, 'utf8'), { source: articleFile.split(/[\\/]/).pop() }));
  }
  const questions = parsed.data.questions.map(
    (q, i): EvalQuestion => ({ id: `${name}-${i + 1}`, question: q.q, answerable: q.gold.length > 0, gold: { kind: 'fragments', fragments: q.gold } }),
  );
  return { name, articles, questions };
}

/** The seed set: one article (path relative to the questions file) and its questions. */
export function loadSeedSet(dataDir: string = DEFAULT_DATA_DIR): Promise<EvalSet> {
  return loadFragmentSet('seed', dataDir);
}

/**
 * Turns a SQuAD file into an evaluation set: each title is one article whose text is its
 * paragraphs' contexts joined by blank lines; answer starts become offsets into that text.
 */
export function squadSet(name: SetName, data: SquadFile): EvalSet {
  const articles: Article[] = [];
  const questions: EvalQuestion[] = [];
  for (const entry of data.data) {
    const title = entry.title.replace(/_/g, ' ');
    const id = slugify(title);
    const offsets: number[] = [];
    let text = '';
    for (const p of entry.paragraphs) {
      if (text !== '') text += '\n\n';
      offsets.push(text.length);
      text += p.context;
    }
    articles.push(ingestText(text, { id, title, headline: false, source: `${entry.title}.txt` }));
    entry.paragraphs.forEach((p, i) => {
      const start = offsets[i] ?? 0;
      for (const qa of p.qas) {
        const answerable = qa.is_impossible !== true && qa.answers.length > 0;
        questions.push({
          id: qa.id,
          question: qa.question,
          answerable,
          gold: {
            kind: 'span',
            articleId: id,
            paragraphStart: start,
            paragraphEnd: start + p.context.length,
            answerStarts: [...new Set(qa.answers.map((a) => start + a.answer_start))],
            answers: [...new Set(qa.answers.map((a) => a.text))],
          },
        });
      }
    });
  }
  return { name, articles, questions };
}

export async function loadSquadSet(name: 'squad-dev' | 'squad-test', dataDir: string = DEFAULT_DATA_DIR): Promise<EvalSet> {
  const file = join(dataDir, 'squad', name === 'squad-dev' ? 'squad-dev-subset.json' : 'squad-test-subset.json');
  const parsed = SquadFileSchema.safeParse(await readJson(file));
  if (!parsed.success) throw problem(file, parsed.error);
  return squadSet(name, parsed.data);
}

export function loadSet(name: SetName, dataDir: string = DEFAULT_DATA_DIR): Promise<EvalSet> {
  return name === 'squad-dev' || name === 'squad-test' ? loadSquadSet(name, dataDir) : loadFragmentSet(name, dataDir);
}
