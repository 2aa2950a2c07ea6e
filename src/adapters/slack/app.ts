/**
 * The Slack adapter: Slack events in, core requests out, rendered replies back to Slack.
 * It holds no question-answering logic; `bot.handle` decides every word.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  App,
  HTTPReceiver,
  ErrorCode,
  type AuthorizeResult,
  type BlockAction,
  type ButtonAction,
  type RespondFn,
  webApi,
} from '@slack/bolt';
import type { Bot, BotRequest, Reply, Turn } from '../../core/index.ts';
import { hashUser, type FeedbackLog } from '../shared/feedback.ts';
import type { Logger } from '../shared/logger.ts';
import { boltLogger } from './bolt-logger.ts';
import { checkSlackConfig, SlackConfigError } from './config.ts';
import { createDedupe } from './dedupe.ts';
import { messagesToTurns, replyTo, type SlackHistoryMessage } from './history.ts';
import { slackToPlain } from './mrkdwn.ts';
import {
  ACTION_FEEDBACK_DOWN,
  ACTION_FEEDBACK_UP,
  ACTION_SHARE,
  ACTION_SUGGEST_PATTERN,
  decodeFeedback,
  decodeShare,
  type SharePayload,
} from './payload.ts';
import { renderReply, type SlackMessage } from './render.ts';
import type { ArticleAdder } from '../shared/articles.ts';
import { addHowTo, addSharedFile, isAddCommand, removeArgument, tooManyFiles } from './add.ts';
import { MAX_FILES_PER_MESSAGE, sharedFiles, trustedOrigins, type SharedFile } from './files.ts';

type WebClient = webApi.WebClient;

/** What a person sees when the core fails; the detail goes to the log only. */
export const APOLOGY = "Sorry, I couldn't answer that just now. Please try again in a moment.";
const NOT_IN_CHANNEL = 'I can only share into channels I am a member of. Invite me with /invite, then press Share again.';
const THANKS = 'Thanks for the feedback.';
/** How old (seconds) an edited question with no answer may be and still be answered, at the end of the conversation. */
const EDIT_WINDOW_SECONDS = 10 * 60;

export interface SlackAdapterOptions {
  bot: Bot;
  /** Bot token, `xoxb-…` (SLACK_BOT_TOKEN). */
  token: string;
  /** HTTP mode: SLACK_SIGNING_SECRET. */
  signingSecret?: string | undefined;
  /** Socket Mode when set: SLACK_APP_TOKEN, `xapp-…`. */
  appToken?: string | undefined;
  /** Web API base (SLACK_API_URL), for tests against a fake. */
  apiUrl?: string | undefined;
  feedbackLog: FeedbackLog;
  logger: Logger;
  /** The bot's ids, when known; otherwise one auth.test call finds them. */
  botId?: string | undefined;
  botUserId?: string | undefined;
  /** The slash command's name, as in the app manifest. */
  slashCommand?: string;
  /** How many event ids to remember for redelivery checks. */
  dedupeCapacity?: number;
  /** Adds articles from files shared with the bot (BRIEFBOT_CHAT_ADD); without it, files are ignored. */
  articles?: ArticleAdder | undefined;
  /** How long downloading one shared file may take; default 15 s. */
  fileTimeoutMs?: number;
}

export interface SlackAdapter {
  readonly mode: 'socket' | 'http';
  /** The Bolt app, for anything this module does not wrap. */
  readonly app: App;
  /**
   * HTTP mode: the handler for `POST /slack/events`, for a server someone else owns. It reads
   * the raw body itself (for the signature check), so mount it before any body parser. A
   * request to any other path gets 404. Null in Socket Mode.
   */
  readonly requestListener: RequestListener | null;
  /**
   * Checks the bot token (auth.test) and learns the bot's ids. Call before mounting
   * `requestListener`; `start` calls it too. Throws `SlackConfigError` for a rejected token.
   */
  ready(): Promise<{ botId: string; botUserId: string }>;
  /**
   * Standalone use: Socket Mode connects; HTTP mode listens on `port` (0 picks a free one) and
   * returns the port it listens on.
   */
  start(port?: number, host?: string): Promise<{ port: number | null }>;
  /** Disconnects (Socket Mode) or closes the standalone server (HTTP mode). */
  stop(): Promise<void>;
}

interface Identity {
  botId: string;
  botUserId: string;
}

/** Where the replies to a message's shared files go, and whose request they answer. */
interface AddTarget {
  channel: string;
  threadTs: string | undefined;
  conversation: string;
  requestId: string;
  user: string | undefined;
}

/**
 * Builds the Slack adapter on Bolt: Socket Mode when `appToken` is set, otherwise HTTP mode
 * with Bolt's HTTPReceiver at `/slack/events`.
 *
 * @example
 * const slack = createSlackAdapter({ bot, token, signingSecret, feedbackLog, logger });
 * await slack.ready();
 * http.createServer((req, res) => req.url?.startsWith('/slack/events') ? slack.requestListener!(req, res) : other(req, res));
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const config = checkSlackConfig(options);
  const { bot, feedbackLog, articles } = options;
  const logger = options.logger.child({ adapter: 'slack' });
  const slashCommand = options.slashCommand ?? '/brief';
  const dedupe = createDedupe(options.dedupeCapacity);
  const boltLog = boltLogger(options.logger);
  const clientOptions: webApi.WebClientOptions = {
    logger: boltLog,
    // An answer minutes late is no answer: give up sooner than the client's default half hour.
    retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
  };

  let identity: Promise<Identity> | null =
    options.botId && options.botUserId ? Promise.resolve({ botId: options.botId, botUserId: options.botUserId }) : null;
  const lookupClient = new webApi.WebClient(config.token, clientOptions);
  function whoAmI(): Promise<Identity> {
    identity ??= lookupClient.auth
      .test()
      .then((result) => {
        if (!result.user_id || !result.bot_id) throw new Error('auth.test returned no bot ids');
        return { botId: result.bot_id, botUserId: result.user_id };
      })
      .catch((error: unknown) => {
        identity = null; // try again on the next event rather than caching a failure
        const detail = error instanceof Error ? error.message : String(error);
        throw new SlackConfigError('SLACK_BOT_TOKEN', `Slack did not accept SLACK_BOT_TOKEN (${detail}). Check the bot token (xoxb-…) in OAuth & Permissions and that the app is installed.`);
      });
    return identity;
  }
  // One cached auth.test instead of Bolt's own, which (without both ids) would run on every event.
  const authorize = async (): Promise<AuthorizeResult> => ({ botToken: config.token, ...(await whoAmI()) });

  let receiver: HTTPReceiver | null = null;
  let app: App;
  if (config.mode === 'socket') {
    app = new App({ socketMode: true, appToken: config.appToken, authorize, logger: boltLog, clientOptions });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret ?? '',
      endpoints: '/slack/events',
      logger: boltLog,
      // Answers go out through the Web API or response_url, never in the HTTP response.
      processBeforeResponse: false,
    });
    app = new App({ receiver, authorize, logger: boltLog, clientOptions });
  }

  /** The one try/catch around the core: log with the request id, apologise, keep running. */
  function ask(request: BotRequest): Reply | null {
    try {
      const reply = bot.handle(request);
      // No question text in the log: ids, kind and confidence are enough to follow a request.
      logger.info({ requestId: request.requestId, conversation: request.conversation, command: reply.command, kind: reply.kind, confidence: reply.confidence }, 'answered');
      return reply;
    } catch (error) {
      logger.error({ err: error, requestId: request.requestId, conversation: request.conversation }, 'the core failed to answer');
      return null;
    }
  }

  function message(reply: Reply | null, render: Parameters<typeof renderReply>[1] = {}): SlackMessage {
    return reply ? renderReply(reply, { slashCommand, canAdd: articles !== undefined, ...render }) : { text: APOLOGY, blocks: [] };
  }

  /** Slack's form of "nothing typed": bare `/brief`, or a mention with no question, shows help. */
  function requestFor(text: string): SharePayload {
    return text === '' ? { text: '', command: 'help' } : { text };
  }

  async function readHistory(client: WebClient, channel: string, ts: string, threadTs: string | undefined, dm: boolean, requestId: string): Promise<Turn[]> {
    const me = await whoAmI();
    try {
      let messages: SlackHistoryMessage[];
      if (threadTs !== undefined) {
        const result = await client.conversations.replies({ channel, ts: threadTs, limit: 100 });
        messages = (result.messages ?? []) as SlackHistoryMessage[];
      } else if (dm) {
        // A top-level direct message continues the recent conversation, within half an hour.
        const oldest = String(Math.max(0, Number(ts.split('.')[0]) - 30 * 60));
        const result = await client.conversations.history({ channel, latest: ts, oldest, limit: 10, inclusive: false });
        messages = (result.messages ?? []) as SlackHistoryMessage[];
      } else {
        return [];
      }
      return messagesToTurns(messages, { before: ts, botId: me.botId, botUserId: me.botUserId, onlyMentions: !dm });
    } catch (error) {
      // Without history the question is still answered, only without its context.
      logger.warn({ err: error, requestId, channel }, 'could not read the conversation history');
      return [];
    }
  }

  /**
   * A question edited in a direct message is answered again: the bot's reply to it is updated
   * in place (or, when there is none, the new answer is posted). Only a change of text counts;
   * Slack also sends message_changed for link previews.
   */
  async function answerEdit(client: WebClient, channel: string, edited: unknown, previous: unknown, requestId: string): Promise<void> {
    const now = edited as { user?: string; bot_id?: string; text?: string; ts?: string; thread_ts?: string; files?: unknown[] } | undefined;
    const before = previous as { text?: string } | undefined;
    const me = await whoAmI();
    if (!now?.ts || !now.user || now.bot_id !== undefined || now.user === me.botUserId || (now.files?.length ?? 0) > 0) return;
    if ((now.text ?? '') === (before?.text ?? '')) return;
    let replyTs: string | undefined;
    try {
      const later = now.thread_ts && now.thread_ts !== now.ts
        ? await client.conversations.replies({ channel, ts: now.thread_ts, limit: 100 })
        : await client.conversations.history({ channel, oldest: now.ts, limit: 20, inclusive: false });
      replyTs = replyTo((later.messages ?? []) as SlackHistoryMessage[], now.ts, me);
    } catch (error) {
      logger.warn({ err: error, requestId, channel }, 'could not find the answer to an edited question');
    }
    // An old question with no answer to update is being tidied, not asked again: an answer posted at
    // the end of the conversation would be about a message far above it.
    if (!replyTs && Date.now() / 1000 - Number(now.ts) > EDIT_WINDOW_SECONDS) {
      logger.debug({ requestId, channel }, 'edited question too old to answer anew');
      return;
    }
    const threadTs = now.thread_ts && now.thread_ts !== now.ts ? now.thread_ts : undefined;
    const history = await readHistory(client, channel, now.ts, threadTs, true, requestId);
    const request: BotRequest = {
      ...requestFor(slackToPlain(now.text ?? '', me.botUserId)),
      history,
      conversation: threadTs ? `${channel}:${threadTs}` : channel,
      requestId,
      user: hashUser('slack', now.user),
    };
    const reply = ask(request);
    if (replyTs) await client.chat.update({ channel, ts: replyTs, ...message(reply, { request }) });
    else await client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...message(reply, { request }) });
  }

  // The bot token goes only to Slack's file host, or to the Web API's origin (a fake in tests).
  const origins = trustedOrigins(config.apiUrl);

  /**
   * Adds the files of one message, one reply each, in the order shared. Only called when
   * `articles` is set; the message's text is not asked as a question.
   */
  async function addFiles(adder: ArticleAdder, client: WebClient, files: SharedFile[], target: AddTarget): Promise<void> {
    const { channel, threadTs, conversation, requestId, user } = target;
    const post = (reply: Reply) => client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...message(reply) });
    const fileInfo = async (id: string) => ((await client.files.info({ file: id })).file as Record<string, unknown> | undefined);
    for (const file of files.slice(0, MAX_FILES_PER_MESSAGE)) {
      const reply = await addSharedFile(file, { articles: adder, token: config.token, origins, timeoutMs: options.fileTimeoutMs, fileInfo, logger, requestId, user });
      logger.info({ requestId, conversation, command: 'add', kind: reply.kind, code: reply.code }, 'answered a shared file');
      await post(reply);
    }
    if (files.length > MAX_FILES_PER_MESSAGE) await post(tooManyFiles(files.length));
  }

  app.error(async (error) => {
    logger.error({ err: error, code: error.code }, 'unhandled error in a Slack listener');
  });

  // Redelivered events: Bolt has already acknowledged them; they go no further.
  app.use(async ({ body, context, next }) => {
    const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId !== undefined) {
      if (!dedupe.first(eventId)) {
        logger.info({ requestId: eventId, retryNum: context.retryNum }, 'skipping an event already handled here');
        return;
      }
      if (shouldSkipRetry(context.retryNum, context.retryReason)) {
        logger.info({ requestId: eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'skipping a retry of an event another delivery is answering');
        return;
      }
    }
    await next();
  });

  app.event('app_mention', async ({ event, body, client }) => {
    // In a direct message the message event answers; answering the mention too would double up.
    if (event.channel.startsWith('D')) return;
    const me = await whoAmI();
    const requestId = body.event_id;
    const threadTs = event.thread_ts ?? event.ts;
    const user = event.user ? hashUser('slack', event.user) : undefined;
    const files = articles ? sharedFiles(event.files) : [];
    if (articles && files.length > 0) {
      await addFiles(articles, client, files, { channel: event.channel, threadTs, conversation: `${event.channel}:${threadTs}`, requestId, user });
      return;
    }
    const history = event.thread_ts ? await readHistory(client, event.channel, event.ts, event.thread_ts, false, requestId) : [];
    const request: BotRequest = {
      ...requestFor(slackToPlain(event.text, me.botUserId)),
      history,
      conversation: `${event.channel}:${threadTs}`,
      requestId,
      ...(user ? { user } : {}),
    };
    const reply = ask(request);
    await client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, ...message(reply, { request }) });
  });

  app.message(async ({ message: event, body, client }) => {
    if (event.channel_type !== 'im') return;
    const requestId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : randomUUID();
    // With adding on, a direct message carrying files (usually subtype file_share) adds them.
    if (articles && (event.subtype === undefined || event.subtype === 'file_share')) {
      const files = sharedFiles(event.files);
      if (files.length > 0) {
        const me = await whoAmI();
        if (('bot_id' in event && event.bot_id !== undefined) || event.user === me.botUserId) return;
        const conversation = event.thread_ts ? `${event.channel}:${event.thread_ts}` : event.channel;
        await addFiles(articles, client, files, { channel: event.channel, threadTs: event.thread_ts, conversation, requestId, user: hashUser('slack', event.user) });
        return;
      }
    }
    if (event.subtype === 'message_changed') {
      await answerEdit(client, event.channel, event.message, event.previous_message, requestId);
      return;
    }
    if (event.subtype !== undefined) return;
    const me = await whoAmI();
    if (event.bot_id !== undefined || event.user === me.botUserId) return;
    const history = await readHistory(client, event.channel, event.ts, event.thread_ts, true, requestId);
    const request: BotRequest = {
      ...requestFor(slackToPlain(event.text ?? '', me.botUserId)),
      history,
      conversation: event.thread_ts ? `${event.channel}:${event.thread_ts}` : event.channel,
      requestId,
      user: hashUser('slack', event.user),
    };
    const reply = ask(request);
    await client.chat.postMessage({ channel: event.channel, ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}), ...message(reply, { request }) });
  });

  app.command(slashCommand, async ({ command, ack, respond }) => {
    await ack();
    const text = slackToPlain(command.text);
    // "add" is Slack's own (no core command): how to share a file, or that adding is off.
    if (isAddCommand(text)) {
      logger.info({ requestId: command.trigger_id, conversation: command.channel_id, command: 'add', enabled: articles !== undefined }, 'answered /brief add');
      await respond({ response_type: 'ephemeral', ...message(addHowTo(articles !== undefined)) });
      return;
    }
    // "remove TITLE" takes back an article this person added from chat.
    const removal = removeArgument(text);
    if (removal !== null) {
      const reply = articles ? await articles.remove({ article: removal, user: hashUser('slack', command.user_id), requestId: command.trigger_id }) : addHowTo(false);
      logger.info({ requestId: command.trigger_id, conversation: command.channel_id, command: 'remove', kind: reply.kind, code: reply.code }, 'answered /brief remove');
      await respond({ response_type: 'ephemeral', ...message(reply) });
      return;
    }
    const share: SharePayload = requestFor(text);
    const request: BotRequest = { ...share, user: hashUser('slack', command.user_id), conversation: command.channel_id, requestId: command.trigger_id };
    const reply = ask(request);
    await respond({ response_type: 'ephemeral', ...message(reply, { ephemeral: true, request: share }) });
  });

  app.action<BlockAction<ButtonAction>>(ACTION_SHARE, async ({ ack, action, body, client, respond }) => {
    await ack();
    const share = decodeShare(action.value);
    const channel = body.channel?.id;
    if (!share || !channel) return;
    const reply = ask({ ...share, user: hashUser('slack', body.user.id), conversation: channel, requestId: body.trigger_id });
    if (!reply) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: APOLOGY });
      return;
    }
    try {
      await client.chat.postMessage({ channel, ...message(reply, { request: share, showQuestion: true }) });
    } catch (error) {
      if (slackErrorCode(error) === 'not_in_channel' || slackErrorCode(error) === 'channel_not_found') {
        await respond({ response_type: 'ephemeral', replace_original: false, text: NOT_IN_CHANNEL });
        return;
      }
      throw error;
    }
    // The private copy has done its job once the answer is in the channel.
    await respond({ delete_original: true });
  });

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: new RegExp(`^(${ACTION_FEEDBACK_UP}|${ACTION_FEEDBACK_DOWN})$`) }, async ({ ack, action, body, client }) => {
    await ack();
    const feedback = decodeFeedback(action.value);
    if (!feedback) return;
    await feedbackLog.record({
      platform: 'slack',
      verdict: action.action_id === ACTION_FEEDBACK_UP ? 'up' : 'down',
      question: feedback.question,
      citations: feedback.citations,
      user: hashUser('slack', body.user.id),
    });
    const channel = body.channel?.id;
    if (!channel) return;
    try {
      const threadTs = typeof body.message?.thread_ts === 'string' ? body.message.thread_ts : undefined;
      await client.chat.postEphemeral({ channel, user: body.user.id, text: THANKS, ...(threadTs ? { thread_ts: threadTs } : {}) });
    } catch (error) {
      // The click is recorded; a missing thank-you is not worth an error.
      logger.debug({ err: error }, 'could not thank for feedback');
    }
  });

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTION_SUGGEST_PATTERN }, async ({ ack, action, body, client, respond }) => {
    await ack();
    const question = action.value ?? '';
    const channel = body.channel?.id;
    if (question === '' || !channel) return;
    const share: SharePayload = { text: question, command: 'ask' };
    const reply = ask({ ...share, user: hashUser('slack', body.user.id), conversation: channel, requestId: body.trigger_id });
    if (body.container['is_ephemeral'] === true) {
      await respondEphemeral(respond, message(reply, { ephemeral: true, request: share, showQuestion: true }));
      return;
    }
    // Answer where the declining message is: in its thread, or top level in a direct message.
    const threadTs = typeof body.message?.thread_ts === 'string' ? body.message.thread_ts : undefined;
    await client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...message(reply, { request: share, showQuestion: true }) });
  });

  const requestListener: RequestListener | null = receiver
    ? (req: IncomingMessage, res: ServerResponse) => {
        try {
          receiver.requestListener(req, res);
        } catch (error) {
          if (isDeferred(error)) {
            res.writeHead(404).end();
            return;
          }
          throw error;
        }
      }
    : null;

  let server: Server | null = null;
  let started = false;
  return {
    mode: config.mode,
    app,
    requestListener,
    ready: whoAmI,
    async start(port = 3000, host) {
      await whoAmI();
      if (config.mode === 'socket') {
        await app.start();
        started = true;
        return { port: null };
      }
      const listen = host === undefined ? port : { port, host };
      server = (await app.start(listen)) as Server;
      started = true;
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      if (!started) return;
      started = false;
      server = null;
      await app.stop();
    },
  };
}

/**
 * A retry whose reason is `http_timeout` means the first delivery reached a process that was
 * slow to acknowledge it, and that process is answering it. Across replicas the in-process
 * dedupe cannot see that delivery, so Slack's own retry headers are what this relies on. Other
 * retries (the first delivery failed to connect or got an error) are answered, unless this
 * process has already seen the event id.
 */
export function shouldSkipRetry(retryNum: number | undefined, retryReason: string | undefined): boolean {
  return retryNum !== undefined && retryNum > 0 && retryReason === 'http_timeout';
}

async function respondEphemeral(respond: RespondFn, body: SlackMessage): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, ...body });
}

function isDeferred(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === ErrorCode.HTTPReceiverDeferredRequestError;
}

function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'string' ? data.error : undefined;
}

