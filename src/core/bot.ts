import type { Article } from './schema.ts';
import type { BotRequest, Reply } from './reply.ts';
import { makeReply } from './reply.ts';
import { COMMANDS, parseCommandLine, smallTalkOf, type CommandSpec } from './commands.ts';
import { buildIndex, type Index } from './search-index.ts';
import { answerQuestion } from './answer.ts';
import { briefReply, changesReply, helpReply, nextReply, quotesReply, sourcesReply, thanksReply, whoReply } from './cards.ts';
import type { CorpusProblem } from './corpus.ts';
import { openIndexedCorpus, type IndexSource } from './index-cache.ts';

/** Longest question the bot takes; longer ones get a polite `TOO_LONG` error reply. */
export const MAX_QUESTION_LENGTH = 500;

/** The help's lead when someone says hello. */
const GREETING = 'Hi! Ask me a question about the articles; every answer is a sentence quoted from them, with its source.';

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
  return createBotOver(buildIndex(articles));
}

/** A bot over an index already built (or loaded from an index file). */
export function createBotOver(initial: Index): Bot {
  let index: Index = initial;
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
        // "What happened?", "hi", "thanks": what people write to a bot that are no questions about the articles.
        switch (smallTalkOf(question)) {
          case 'overview':
            return briefReply(index);
          case 'next':
            return nextReply(index, request.history ?? []);
          case 'changes':
            return changesReply(index, request.history ?? []);
          case 'sources':
            return sourcesReply(index);
          case 'greeting':
            return helpReply(index, GREETING);
          case 'thanks':
            return thanksReply(index);
          case null:
            return answerQuestion(index, question, request.history ?? []);
        }
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

/** Options of {@link openBot}. */
export interface OpenBotOptions {
  /**
   * Folder for the serialized index (default `.briefbot/` beside the corpus folder, never
   * inside it), or `false` to build the index in memory and write nothing.
   */
  indexCache?: string | false;
}

/**
 * A bot whose `handle` runs through `around` (which calls `next` to reach the wrapped bot),
 * with everything else delegated: the shape for limits, logging and other cross-cutting
 * wrappers, so each adapter still sees one `Bot`.
 */
export function wrapBot(bot: Bot, around: (request: BotRequest, next: (request: BotRequest) => Reply) => Reply): Bot {
  return {
    handle: (request) => around(request, (r) => bot.handle(r)),
    commands: bot.commands,
    complete: (source, prefix, limit) => bot.complete(source, prefix, limit),
    articles: () => bot.articles(),
    reload: (articles) => bot.reload(articles),
    get indexBuiltAt() {
      return bot.indexBuiltAt;
    },
  };
}

/**
 * Loads a corpus folder and builds a bot over it; problems with single files are returned, not
 * thrown. The index comes from the index file when the folder's articles (and the indexing
 * code) are unchanged since it was written, and is rebuilt and rewritten otherwise; `index`
 * says which happened, and `cacheError` why the file could not be written.
 */
export async function openBot(
  corpusDir: string,
  options: OpenBotOptions = {},
): Promise<{ bot: Bot; problems: CorpusProblem[]; index: IndexSource; cacheError?: Error }> {
  const opened = await openIndexedCorpus(corpusDir, { cacheDir: options.indexCache });
  return { bot: createBotOver(opened.index), problems: opened.problems, index: opened.source, ...(opened.cacheError ? { cacheError: opened.cacheError } : {}) };
}
