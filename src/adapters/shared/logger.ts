/**
 * briefbot's one logger: pino JSON lines with secrets redacted by field path, and tokens and
 * raw user ids scrubbed out of message strings. The scrub matters because Slack's Web API
 * client logs whole request bodies at debug level through Bolt's logger
 * (`http request body: {"channel":…,"user":"U…"}`): those arrive as strings, which path-based
 * redaction cannot see. It runs only for lines that are written.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

const SCRUBS: [RegExp, string][] = [
  // Slack bot, user and app-level tokens, wherever they appear in a message.
  [/\bxox[abposr]-[A-Za-z0-9-]+/g, '[redacted]'],
  [/\bxapp-[A-Za-z0-9-]+/g, '[redacted]'],
  // Raw user ids in JSON-ish request and response bodies.
  [/("(?:user|user_id|userId)"\s*:\s*")[^"]*(")/g, '$1[redacted]$2'],
  [/(\\"(?:user|user_id|userId)\\"\s*:\s*\\")[^"\\]*(\\")/g, '$1[redacted]$2'],
  // Discord user mentions ("Shared by <@123…>") in logged message bodies.
  [/<@!?\d{5,}>/g, '<@[redacted]>'],
];

/** Masks tokens and user ids in a message string. */
export function scrub(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SCRUBS) out = out.replace(pattern, replacement);
  return out;
}

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      name: 'briefbot',
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: {
        paths: ['token', '*.token', 'signingSecret', '*.signingSecret', 'appToken', '*.appToken', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
    },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}

/** A logger that writes nothing, for tests and quiet runs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
