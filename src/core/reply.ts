/**
 * The one platform-neutral answer value. Every adapter renders a `Reply`; none of them
 * decides what to say.
 */
export type ReplyKind = 'answer' | 'decline' | 'list' | 'help' | 'error';

/** The names of the commands every surface offers. */
export type CommandName = 'ask' | 'brief' | 'who' | 'quotes' | 'sources' | 'help';

export interface Citation {
  /** 1-based rank, as shown in "[1]". */
  n: number;
  articleId: string;
  articleTitle: string;
  /** Section heading, or null for the opening section ("lede" when rendered). */
  section: string | null;
  /** 1-based paragraph number over the whole article. */
  paragraph: number;
  /** Sentence id within the article (`s7`). */
  sentence: string;
  /** The cited sentence, character for character as in the article. */
  text: string;
  /** The part of `text` that answers the question, when known: offsets into `text`. */
  span: { start: number; end: number } | null;
  /** Who said it, when the sentence is (part of) a quote. */
  speaker: string | null;
  /** "according to …" phrase of the sentence, when it has one. */
  attribution: string | null;
  outlet: string;
  published: string;
  url: string;
  /** True when the sentence is shown as (part of) the answer, false for a supporting source. */
  primary: boolean;
}

/** A label and a value, for cards (`who`): "Roles" → "Russian President". */
export interface Fact {
  label: string;
  value: string;
}

/** One article as `sources` lists it. */
export interface SourceInfo {
  articleId: string;
  title: string;
  outlet: string;
  published: string;
  url: string;
  sentences: number;
}

/** One command as `help` lists it. */
export interface CommandHelp {
  name: CommandName;
  usage: string;
  description: string;
  example: string;
}

export interface Reply {
  kind: ReplyKind;
  /** The command that made this reply. */
  command: CommandName;
  /** The question as the core understood it (after follow-up resolution), when there was one. */
  question?: string;
  /**
   * One line of plain text that stands for the whole reply: the first answering sentence
   * for an answer, the decline message, a list's heading, the error message. Used as the
   * notification text on chat platforms.
   */
  lead: string;
  /** In rank order; for `list` replies, in list order. */
  citations: Citation[];
  /** Between 0 and 1: how sure the core is that the first citation answers the question. */
  confidence: number;
  /** Questions the corpus can answer, offered with a decline. */
  suggestions: string[];
  facts: Fact[];
  sources: SourceInfo[];
  commands: CommandHelp[];
  /** For an error: a stable code (`EMPTY_QUESTION`, `TOO_LONG`, `RATE_LIMITED`, `INTERNAL`). */
  code?: string;
}

/** An earlier message of the conversation, oldest first. */
export interface Turn {
  role: 'user' | 'bot';
  text: string;
}

/** One inbound request, whatever the platform. */
export interface BotRequest {
  /** What the user typed (for `ask`, the question; for the free-form entry, a whole command line). */
  text: string;
  /**
   * When the platform already knows the command (Discord's `/who`), its name; the `text`
   * is then the command's argument. Without it, `text` is parsed (`who Roe`, `brief`, …)
   * and anything else is a question.
   */
  command?: CommandName;
  /** Earlier turns of the same thread or conversation, oldest first. */
  history?: Turn[];
  /** An opaque, already hashed or platform-scoped user id, for limits and logs. */
  user?: string;
  /** Where the conversation happens (channel or thread key), for logs. */
  conversation?: string;
  requestId?: string;
}

/** Fills the parts of a reply a maker did not set. */
export function makeReply(partial: Pick<Reply, 'kind' | 'command' | 'lead'> & Partial<Reply>): Reply {
  return {
    citations: [],
    confidence: 0,
    suggestions: [],
    facts: [],
    sources: [],
    commands: [],
    ...partial,
  };
}
