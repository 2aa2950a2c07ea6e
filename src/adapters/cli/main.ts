/**
 * The `briefbot` command line. `runCommand` is pure apart from the files it is asked to
 * read and write: it takes the arguments and the streams and returns an exit code.
 * `runMain` alone touches `process.argv` and `process.exit`.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
// The modules themselves, not core/index.ts: that also loads ingestion and its part-of-speech
// tagger, which the chat needs only when an article is ingested (`ingestion()` below).
import { BriefbotError } from '../../core/errors.ts';
import { openBot, type Bot } from '../../core/bot.ts';
import { describeProblem, saveArticle } from '../../core/corpus.ts';
import { sourceInfoOf } from '../../core/cards.ts';
import { isCalendarDate } from '../../core/schema.ts';
import { COMMANDS } from '../../core/commands.ts';
import type { Turn } from '../../core/reply.ts';
import { renderReply, replyToJson, type TerminalStyle } from './render.ts';

export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const USAGE = `briefbot: answers questions about news articles with cited, verbatim sentences.

Usage:
  briefbot ask [--json] [--corpus DIR] [QUESTION]   one question, or one per line from standard input
  briefbot chat [--corpus DIR]                       interactive chat (questions and commands)
  briefbot ingest FILE... [--corpus DIR] [--title T] [--outlet O] [--url U] [--published YYYY-MM-DD]
  briefbot start                                     Slack and/or Discord when configured, else the chat
  briefbot eval [--json] [--set seed|news|probe|squad-dev|squad-test|blind|all]
  briefbot bench [--json] [--sizes 100,1000,10000]
  briefbot discord-register [--guild ID]
  briefbot help

In the chat: ${COMMANDS.map((c) => c.usage).join(' · ')}
The corpus folder defaults to $BRIEFBOT_CORPUS or ./corpus.`;

function print(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : text + '\n');
}

function corpusDir(io: Io, flag: string | undefined): string {
  return resolve(io.cwd, flag ?? io.env.BRIEFBOT_CORPUS ?? 'corpus');
}

function styleFor(io: Io): TerminalStyle {
  const color = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  return { color, width: Math.min(io.stdout.columns ?? 80, 100) || 80 };
}

/** Loads the corpus; problems with single files go to standard error, the rest still serves. */
/**
 * Opens the corpus through its serialized index (rebuilt only when the article files change;
 * `BRIEFBOT_INDEX_CACHE` names another folder for it, or `off`). Problems with single files go
 * to standard error, and the rest still serves.
 */
export async function loadBot(io: Io, dir: string): Promise<Bot> {
  const setting = io.env.BRIEFBOT_INDEX_CACHE?.trim();
  const indexCache = setting === 'off' ? false : setting ? resolve(io.cwd, setting) : undefined;
  const { bot, problems } = await openBot(dir, { indexCache });
  for (const p of problems) print(io.stderr, `briefbot: skipped ${describeProblem(p)}`);
  if (bot.articles().length === 0) {
    throw new BriefbotError('CORPUS_NOT_FOUND', `no articles in ${dir}; ingest one first: npx briefbot ingest FILE --corpus ${dir}`);
  }
  return bot;
}

async function* linesOf(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const rl = createInterface({ input: stream, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) yield line;
}

async function cmdAsk(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, corpus: { type: 'string' } } });
  const bot = await loadBot(io, corpusDir(io, values.corpus));
  const style = styleFor(io);
  const answerOne = (question: string): number => {
    if (question.trim() === '') {
      print(io.stderr, 'briefbot: the question is empty; ask something about the articles');
      return 2;
    }
    const reply = bot.handle({ text: question, command: 'ask' });
    if (values.json) print(io.stdout, JSON.stringify(replyToJson(question, reply)));
    else print(io.stdout, renderReply(reply, style));
    return reply.kind === 'error' ? 2 : 0;
  };
  if (positionals.length > 0) return answerOne(positionals.join(' '));
  let code = 0;
  let count = 0;
  for await (const line of linesOf(io.stdin)) {
    if (line.trim() === '') continue;
    count++;
    if (!values.json && count > 1) print(io.stdout, '');
    code = Math.max(code, answerOne(line));
  }
  if (count === 0) {
    print(io.stderr, 'briefbot: no question given; pass one as an argument or one per line on standard input');
    return 2;
  }
  return code;
}

/** Runs the interactive chat; with standard input not a terminal, answers each line and ends. */
export async function runChat(bot: Bot, io: Io): Promise<number> {
  const style = styleFor(io);
  const interactive = Boolean(io.stdin.isTTY);
  const history: Turn[] = [];
  if (interactive) {
    print(io.stdout, `briefbot: ${bot.articles().length} article(s) loaded. Ask a question, or type help. Ctrl-D to leave.`);
  }
  const rl = createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive, crlfDelay: Infinity });
  if (interactive) {
    rl.setPrompt('> ');
    rl.prompt();
  }
  for await (const line of rl) {
    const text = line.trim();
    if (text === 'quit' || text === 'exit') break;
    if (text !== '') {
      const reply = bot.handle({ text, history });
      print(io.stdout, renderReply(reply, style));
      // A `who` card is a turn of the conversation too: "what did she say?" after it means that person.
      if ((reply.command === 'ask' && reply.kind !== 'error') || (reply.command === 'who' && reply.kind === 'list')) {
        history.push({ role: 'user', text }, { role: 'bot', text: reply.lead });
        history.splice(0, Math.max(0, history.length - 12));
      }
      if (!interactive) print(io.stdout, '');
    }
    if (interactive) rl.prompt();
  }
  rl.close();
  return 0;
}

async function cmdChat(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { corpus: { type: 'string' } } });
  return runChat(await loadBot(io, corpusDir(io, values.corpus)), io);
}

/** Reads one article file, refusing what is missing, empty or binary. */
export async function readArticleFile(file: string): Promise<string> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new BriefbotError('FILE_NOT_FOUND', `${file}: no such file`);
  }
  if (!info.isFile()) throw new BriefbotError('FILE_NOT_FOUND', `${file}: not a file`);
  return (await ingestion()).decodeArticleBytes(await readFile(file), file);
}

/** Ingestion, loaded on first use: importing its tagger takes a few hundred milliseconds of CPU. */
function ingestion(): Promise<typeof import('../../core/ingest.ts')> {
  return import('../../core/ingest.ts');
}

async function cmdIngest(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      corpus: { type: 'string' },
      title: { type: 'string' },
      outlet: { type: 'string' },
      url: { type: 'string' },
      published: { type: 'string' },
      id: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new BriefbotError('BAD_OPTION', 'name at least one file to ingest: npx briefbot ingest FILE');
  if (positionals.length > 1 && (values.title || values.id || values.url)) {
    throw new BriefbotError('BAD_OPTION', '--title, --id and --url name one article; ingest the files one at a time to set them');
  }
  if (values.published && !isCalendarDate(values.published)) {
    throw new BriefbotError('BAD_OPTION', `--published must be a date as YYYY-MM-DD, not "${values.published}"`);
  }
  if (values.url && !/^https?:\/\/\S+$/.test(values.url)) throw new BriefbotError('BAD_OPTION', `--url must be an http(s) link, not "${values.url}"`);
  const dir = corpusDir(io, values.corpus);
  // Read and ingest every file first, so that one bad file writes nothing.
  const ready = [];
  for (const file of positionals) {
    const path = resolve(io.cwd, file);
    let ingested;
    try {
      ingested = await (await ingestion()).ingestDocument(await readArticleFile(path), { id: values.id, title: values.title, outlet: values.outlet, url: values.url, published: values.published, source: file });
    } catch (error) {
      if (error instanceof BriefbotError && !error.message.startsWith(file)) throw new BriefbotError(error.code, `${file}: ${error.message}`);
      throw error;
    }
    ready.push(ingested);
  }
  for (const { article, text } of ready) {
    await saveArticle(dir, article, text);
    const { sentences } = sourceInfoOf(article);
    print(io.stdout, article.id);
    print(io.stderr, `briefbot: ingested "${article.title}" (${sentences} sentences, ${article.entities.length} entities, ${article.quotes.length} quotes) into ${dir}`);
  }
  return 0;
}

// Commands with heavy dependencies (Bolt, discord.js, the evaluation data) load only when used.
async function cmdStart(args: string[], io: Io): Promise<number> {
  const { runStart } = await import('../../server/start.ts');
  return runStart(args, io);
}

async function cmdEval(args: string[], io: Io): Promise<number> {
  const { runEval } = await import('../../eval/run.ts');
  return runEval(args, { stdout: io.stdout, stderr: io.stderr });
}

async function cmdBench(args: string[], io: Io): Promise<number> {
  const { runBenchCommand } = await import('../../bench/run.ts');
  return runBenchCommand(args, io);
}

async function cmdDiscordRegister(args: string[], io: Io): Promise<number> {
  const { runDiscordRegister } = await import('../discord/index.ts');
  return runDiscordRegister(args, { env: io.env, out: (line) => print(io.stdout, line), err: (line) => print(io.stderr, line) });
}

/** Runs one briefbot command and returns its exit code. Never throws for bad input. */
export async function runCommand(argv: string[], io: Io): Promise<number> {
  const [command = 'help', ...rest] = argv;
  // `briefbot ingest --help`: help, not "unknown option" (eval and bench print their own).
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (!['eval', 'bench'].includes(command) && (options.includes('--help') || options.includes('-h'))) {
    print(io.stdout, USAGE);
    return 0;
  }
  try {
    switch (command) {
      case 'ask':
        return await cmdAsk(rest, io);
      case 'chat':
        return await cmdChat(rest, io);
      case 'ingest':
        return await cmdIngest(rest, io);
      case 'start':
        return await cmdStart(rest, io);
      case 'eval':
        return await cmdEval(rest, io);
      case 'bench':
        return await cmdBench(rest, io);
      case 'discord-register':
        return await cmdDiscordRegister(rest, io);
      case 'help':
      case '--help':
      case '-h':
        print(io.stdout, USAGE);
        return 0;
      default:
        print(io.stderr, `briefbot: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof BriefbotError) {
      print(io.stderr, `briefbot: ${error.message}`);
      return error.code === 'BAD_OPTION' ? 2 : 1;
    }
    const e = error as NodeJS.ErrnoException & { code?: string };
    if (typeof e?.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) {
      print(io.stderr, `briefbot: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    print(io.stderr, `briefbot: something went wrong: ${e?.message ?? String(error)}`);
    if (io.env.BRIEFBOT_DEBUG) print(io.stderr, String(e?.stack ?? ''));
    return 1;
  }
}

export async function runMain(): Promise<void> {
  // `briefbot ask … | head -1`: a reader that stops early is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const code = await runCommand(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
