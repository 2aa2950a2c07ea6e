/**
 * briefbot's core: articles in, cited answers out. Knows nothing about any chat platform.
 *
 * @example
 * ```ts
 * import { ingestText, createBot } from './core/index.ts';
 * const article = ingestText(text, { outlet: 'The Daily Planet' });
 * const bot = createBot([article]);
 * const reply = bot.handle({ text: 'What did the mayor announce?' });
 * // reply.kind === 'answer'; reply.citations[0].text is a sentence of the article, verbatim.
 * ```
 */
export { createBot, createBotOver, openBot, wrapBot, MAX_QUESTION_LENGTH, type Bot } from './bot.ts';
export { openIndexedCorpus, defaultCacheDir } from './index-cache.ts';
export { ingestText, ingestDocument, isWebPage, decodeArticleBytes, slugify, type IngestOptions } from './ingest.ts';
export { loadCorpus, saveArticle, parseArticleJson, describeProblem, writeFileAtomic, fileSignatures, signatureOf, type CorpusProblem } from './corpus.ts';
export { COMMANDS, parseCommandLine, isCommandName, smallTalkOf, type CommandSpec, type ArgumentSource, type SmallTalk } from './commands.ts';
export { makeReply } from './reply.ts';
export type { Reply, ReplyKind, Citation, Fact, SourceInfo, CommandHelp, CommandName, BotRequest, Turn } from './reply.ts';
export { ArticleSchema, isCalendarDate, type Article, type Entity, type Quote, type Sentence, type Section, type Paragraph } from './schema.ts';
export { BriefbotError, type ErrorCode } from './errors.ts';
export { buildIndex, type Index } from './search-index.ts';
export { answerWithTrace, MAX_UNKNOWN_SHARE, type AnswerTrace, type Scored } from './answer.ts';
export { MODEL, RANKER, FEATURE_NAMES, RANK_FEATURES, probability } from './decide.ts';
export { foldQuotes } from './text.ts';
export { sourceInfoOf } from './cards.ts';
