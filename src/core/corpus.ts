import { mkdir, readdir, readFile, rename, stat, writeFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ArticleSchema, type Article } from './schema.ts';
import { BriefbotError } from './errors.ts';

/** One corpus file that could not be loaded, and why. */
export interface CorpusProblem {
  file: string;
  /** The failing field as a dotted path (`sections.0.paragraphs`), or '' for the whole file. */
  field: string;
  message: string;
}

/** Reads and validates one article file; never throws. */
export function parseArticleJson(file: string, text: string): { article: Article } | { problem: CorpusProblem } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problem: { file, field: '', message: `not valid JSON (${(error as Error).message})` } };
  }
  const parsed = ArticleSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? issue.path.map(String).join('.') : '';
    return { problem: { file, field, message: issue?.message ?? 'does not match the article schema' } };
  }
  const article = parsed.data;
  const problem = checkOffsets(file, article);
  return problem ? { problem } : { article };
}

// Schema validation cannot see that offsets are in order; a file whose sentence ranges run
// backwards would cite the wrong text.
function checkOffsets(file: string, article: Article): CorpusProblem | null {
  for (const [si, section] of article.sections.entries()) {
    for (const [pi, paragraph] of section.paragraphs.entries()) {
      for (const [ti, sentence] of paragraph.sentences.entries()) {
        if (sentence.end - sentence.start !== sentence.text.length) {
          return { file, field: `sections.${si}.paragraphs.${pi}.sentences.${ti}.end`, message: 'sentence offsets do not match the sentence text length' };
        }
      }
    }
  }
  return null;
}

/** Formats a problem as one line: `corpus/x.json: sections.0.heading: expected string`. */
export function describeProblem(problem: CorpusProblem): string {
  return `${problem.file}: ${problem.field ? problem.field + ': ' : ''}${problem.message}`;
}

/**
 * Loads every `*.json` article in a folder. A bad file is reported with its name and the
 * failing field, and the other articles still load. Articles come back sorted by id, and
 * `files[i]` is the name (in the folder) of the file `articles[i]` was read from.
 *
 * @throws BriefbotError `CORPUS_NOT_FOUND` when the folder does not exist.
 */
export async function loadCorpus(dir: string): Promise<{ articles: Article[]; problems: CorpusProblem[]; files: string[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new BriefbotError('CORPUS_NOT_FOUND', `no corpus folder at ${dir}; ingest an article first (npx briefbot ingest FILE --corpus ${dir})`);
    }
    throw error;
  }
  const loaded: { article: Article; name: string }[] = [];
  const problems: CorpusProblem[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const file = join(dir, name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      problems.push({ file, field: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    const result = parseArticleJson(file, text);
    if ('problem' in result) {
      problems.push(result.problem);
    } else if (seen.has(result.article.id)) {
      problems.push({ file, field: 'id', message: `duplicate article id ${result.article.id}` });
    } else {
      seen.add(result.article.id);
      loaded.push({ article: result.article, name });
    }
  }
  loaded.sort((a, b) => a.article.id.localeCompare(b.article.id));
  return { articles: loaded.map((l) => l.article), problems, files: loaded.map((l) => l.name) };
}

/**
 * Writes a file so that a reader sees the old content or the new, never half of it:
 * write a temporary file beside it, then rename over.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, content, 'utf8');
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/**
 * Saves an article and its source text into the corpus folder (created when missing). With
 * `exclusive`, the id is claimed by creating its text file, which fails if any process has
 * already created it: then nothing is written and `ID_TAKEN` is thrown.
 */
export async function saveArticle(dir: string, article: Article, sourceText: string, options: { exclusive?: boolean } = {}): Promise<{ json: string; text: string }> {
  await mkdir(dir, { recursive: true });
  const textFile = join(dir, `${article.id}.txt`);
  const jsonFile = join(dir, `${article.id}.json`);
  const withSource = { ...article, source: `${article.id}.txt` };
  // The source text first: a JSON file in the corpus always has its text beside it.
  if (options.exclusive) {
    try {
      await writeFile(textFile, sourceText, { encoding: 'utf8', flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new BriefbotError('ID_TAKEN', `${textFile} already exists`);
      throw error;
    }
  } else {
    await writeFileAtomic(textFile, sourceText);
  }
  await writeFileAtomic(jsonFile, JSON.stringify(withSource, null, 2) + '\n');
  return { json: jsonFile, text: textFile };
}

/** A file's signature: size, modification time and inode. A write changes it. */
export function signatureOf(st: { size: number; mtimeMs: number; ino: number }): string {
  return `${st.size}:${st.mtimeMs}:${st.ino}`;
}

/** The modification time recorded in a signature. */
export function signatureTime(signature: string): number {
  return Number(signature.split(':')[1]);
}

/**
 * The signature of each `*.json` file of a corpus folder, by name. Stats run in batches, so
 * 10,000 files take a fraction of a second.
 */
export async function fileSignatures(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  const out = new Map<string, string>();
  for (let i = 0; i < names.length; i += 256) {
    const batch = names.slice(i, i + 256);
    const stats = await Promise.all(batch.map((n) => stat(join(dir, n)).catch(() => null)));
    batch.forEach((n, k) => {
      const st = stats[k];
      if (st?.isFile()) out.set(n, signatureOf(st));
    });
  }
  return out;
}
