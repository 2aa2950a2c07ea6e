import type { CommandHelp, CommandName } from './reply.ts';
import conversation from './lexicon/conversation.json' with { type: 'json' };

/** Where the choices for a command's argument come from, for autocomplete. */
export type ArgumentSource = 'entities' | 'speakers';

export interface CommandSpec extends CommandHelp {
  /** The command's one argument, when it takes one. */
  argument?: {
    name: string;
    description: string;
    required: boolean;
    autocomplete?: ArgumentSource;
  };
}

/**
 * The command set, listed once: the terminal's help, Slack's `/brief` parser and Discord's
 * slash-command definitions are all generated from it.
 */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'ask',
    usage: 'ask QUESTION',
    description: 'Answer a question with sentences quoted from the articles, each cited.',
    example: 'ask What did the minister announce?',
    argument: { name: 'question', description: 'Your question about the articles', required: true },
  },
  {
    name: 'brief',
    usage: 'brief',
    description: "The main facts: the ledes of the ten newest articles, then key sentences of their sections.",
    example: 'brief',
  },
  {
    name: 'who',
    usage: 'who NAME',
    description: 'A card for a person, place or organisation: roles, mentions, where it is introduced.',
    example: 'who Roe',
    argument: { name: 'name', description: 'A person, place or organisation', required: true, autocomplete: 'entities' },
  },
  {
    name: 'quotes',
    usage: 'quotes [SPEAKER]',
    description: 'Quotes from the articles with their speakers, all or by one speaker.',
    example: 'quotes Roe',
    argument: { name: 'speaker', description: 'Only quotes by this speaker', required: false, autocomplete: 'speakers' },
  },
  {
    name: 'sources',
    usage: 'sources',
    description: 'The articles briefbot knows, with outlet, date and link.',
    example: 'sources',
  },
  {
    name: 'help',
    usage: 'help',
    description: 'What briefbot can do.',
    example: 'help',
  },
];

const NAMES = new Set<string>(COMMANDS.map((c) => c.name));
/** Words that name a command too ("summary" is `brief`). */
const SYNONYMS = new Map<string, CommandName>([
  ['summary', 'brief'],
  ['summarise', 'brief'],
  ['summarize', 'brief'],
  ['source', 'sources'],
  ['quote', 'quotes'],
]);

export function isCommandName(word: string): word is CommandName {
  return NAMES.has(word);
}

/**
 * Splits a free-form line into a command and its argument: `who Roe` → who/"Roe",
 * `brief` → brief/"", anything else → ask/the whole line. A leading slash is allowed.
 * A word that names a command only counts as one when the rest of the line fits it, so
 * "who is the envoy?" stays a question.
 */
export function parseCommandLine(line: string): { command: CommandName; argument: string } {
  const trimmed = line.trim().replace(/^\//, '');
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (!match) return { command: 'ask', argument: '' };
  const word = (match[1] ?? '').toLowerCase();
  const rest = (match[2] ?? '').trim();
  // A Map, not an object: a user's word such as "__proto__" must not find Object.prototype.
  const name = isCommandName(word) ? word : SYNONYMS.get(word);
  if (!name) return { command: 'ask', argument: trimmed };
  switch (name) {
    case 'brief':
    case 'sources':
    case 'help':
      return rest === '' ? { command: name, argument: '' } : { command: 'ask', argument: trimmed };
    case 'who':
      // "who Roe" is a card; "who is Roe?" or "who said …?" is a question.
      if (/\?\s*$/.test(rest) || /^(is|are|was|were|did|does|do|has|have|had|will|would|can|could|said|says|leads?|won|made|wants?)\b/i.test(rest)) {
        return { command: 'ask', argument: trimmed };
      }
      return { command: 'who', argument: rest };
    case 'quotes':
      return /\?\s*$/.test(rest) ? { command: 'ask', argument: trimmed } : { command: 'quotes', argument: rest.replace(/^(by|from)\s+/i, '') };
    case 'ask':
      return { command: 'ask', argument: rest };
  }
}

/** What a whole message is when it is not a question about the articles. */
export type SmallTalk = 'overview' | 'next' | 'changes' | 'sources' | 'greeting' | 'thanks';

const TALK = new Map<string, SmallTalk>([
  ...conversation.overview.map((p): [string, SmallTalk] => [p, 'overview']),
  ...conversation.next.map((p): [string, SmallTalk] => [p, 'next']),
  ...conversation.changes.map((p): [string, SmallTalk] => [p, 'changes']),
  ...conversation.sources.map((p): [string, SmallTalk] => [p, 'sources']),
  ...conversation.greetings.map((p): [string, SmallTalk] => [p, 'greeting']),
  ...conversation.thanks.map((p): [string, SmallTalk] => [p, 'thanks']),
]);

/**
 * Reads a whole message as small talk: "What happened?" or "tl;dr" asks for an overview, "what
 * happens next?" for what the articles say lies ahead, "what changed since yesterday?" for the newest report of a story, "where is this from?" for the articles;
 * "hi" (or a message of only punctuation or emoji) is a greeting, "thanks!" thanks. Null for
 * anything else, which is a question: "What happened in the capital?" matches no whole phrase.
 */
export function smallTalkOf(message: string): SmallTalk | null {
  if (message.trim() === '') return null;
  // Words only ("tl;dr" keeps its semicolon): lower case, no punctuation or emoji.
  const words = message
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}';]+/gu, ' ')
    .replace(/(?:^|\s);+|;+(?:\s|$)/g, ' ')
    .trim();
  if (words === '') return 'greeting';
  // "hey briefbot", "tl;dr please", "so what happened".
  const withoutAddress = words.replace(/\s+(?:please|briefbot|bot)$/, '');
  for (const form of [words, withoutAddress, withoutAddress.replace(/^(?:so|ok so|okay so|hey|please)\s+/, '')]) {
    const talk = TALK.get(form);
    if (talk) return talk;
  }
  return null;
}
