import type { Article } from './schema.ts';
import type { BotRequest, Reply } from './reply.ts';
import { makeReply } from './reply.ts';
import { COMMANDS, parseCommandLine, type CommandSpec } from './commands.ts';
import { buildIndex, type Index } from './search-index.ts';
import { answerQuestion } from './answer.ts';
import { briefReply, helpReply, quotesReply, sourcesReply, whoReply } from './cards.ts';
import { loadCorpus, type CorpusProblem } from './corpus.ts';

/** Longest question the bot takes; longer ones get a polite `TOO_LONG` error reply. */
export const MAX_QUESTION_LENGTH = 500;

export interface Bot {
  /** The single inbound entry point: one request in, one reply out. Never throws for bad input. */
  handle(request: BotRequest): Reply;
  /** The command set, for adapters that generate platform definitions from it. */
  readonly commands: readonly CommandSpec[];
  /** Names for autocomplete: entity names (`who`) or quote speakers (`quotes`), filtered by a prefix. */
  complete(source: 'entities' | 'speakers', prefix: string, limit?: number): string[];
  /** The articles being served. */
  articles(): readonly Article[];
  /** Swaps in a new set of articles (hot reload); the index is rebuilt first, then swapped. */
  reload(articles: readonly Article[]): void;
  /** When the current index was built (ms since the epoch). */
  readonly indexBuiltAt: number;
}

/** Builds a bot over articles already loaded. */
export function createBot(articles: readonly Article[]): Bot {
  let index: Index = buildIndex(articles);
  let builtAt = Date.now();

  function handle(request: BotRequest): Reply {
    const parsed = request.command
      ? { command: request.command, argument: request.text.trim() }
      : parseCommandLine(request.text);
    switch (parsed.command) {
      case 'ask': {
        const question = parsed.argument.trim();
        if (question === '') {
          return makeReply({ kind: 'error', command: 'ask', code: 'EMPTY_QUESTION', lead: 'Ask a question about the articles, for example: ' + (index.suggestions[0] ?? 'What happened?') });
        }
        if (question.length > MAX_QUESTION_LENGTH) {
          return makeReply({ kind: 'error', command: 'ask', code: 'TOO_LONG', lead: `That question is ${question.length} characters long; please keep it under ${MAX_QUESTION_LENGTH}.` });
        }
        return answerQuestion(index, question, request.history ?? []);
      }
      case 'brief':
        return briefReply(index);
      case 'who':
        return whoReply(index, parsed.argument);
      case 'quotes':
        return quotesReply(index, parsed.argument);
      case 'sources':
        return sourcesReply(index);
      case 'help':
        return helpReply(index);
    }
  }

  return {
    handle,
    commands: COMMANDS,
    complete: (source, prefix, limit = 25) => index.complete(source, prefix, limit),
    articles: () => index.articles,
    reload(next) {
      index = buildIndex(next);
      builtAt = Date.now();
    },
    get indexBuiltAt() {
      return builtAt;
    },
  };
}

/** Loads a corpus folder and builds a bot over it; problems with single files are returned, not thrown. */
export async function openBot(corpusDir: string): Promise<{ bot: Bot; problems: CorpusProblem[] }> {
  const { articles, problems } = await loadCorpus(corpusDir);
  return { bot: createBot(articles), problems };
}
