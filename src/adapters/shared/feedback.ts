import { appendFile, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';

/** One line of the feedback log, the same for every platform. */
export interface FeedbackEntry {
  time: string;
  platform: 'slack' | 'discord' | 'terminal';
  verdict: 'up' | 'down';
  question: string;
  /** `articleId#sentenceId` of each citation, in rank order. */
  citations: string[];
  /** SHA-256 of the platform-scoped user id, so the log holds no raw ids. */
  user: string;
}

/** Hashes a user id for logs: never write a raw platform user id anywhere. */
export function hashUser(platform: string, id: string): string {
  return createHash('sha256').update(`${platform}:${id}`).digest('hex').slice(0, 16);
}

export interface FeedbackLog {
  record(entry: Omit<FeedbackEntry, 'time'>): Promise<void>;
}

/** Appends one JSON line per click to `file`, creating its folder when missing. */
export function createFeedbackLog(file: string, clock: () => Date = () => new Date()): FeedbackLog {
  let ready: Promise<unknown> | null = null;
  return {
    async record(entry) {
      ready ??= mkdir(dirname(file), { recursive: true });
      await ready;
      const line: FeedbackEntry = { time: clock().toISOString(), ...entry };
      await appendFile(file, JSON.stringify(line) + '\n', 'utf8');
    },
  };
}
