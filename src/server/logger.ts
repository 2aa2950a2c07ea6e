/**
 * The server's logger: pino JSON lines, the same redaction as the adapters' `createLogger`,
 * plus a scrub of message strings. Slack's Web API client logs whole request bodies at debug
 * level through the adapter's Bolt logger (`http request body: {"channel":…,"user":"U…"}`),
 * and chat.postEphemeral carries a raw user id; those strings never reach pino as fields, so
 * path-based redaction cannot see them. The scrub runs only for lines that are written.
 */
import { pino, type Logger } from 'pino';

const SCRUBS: [RegExp, string][] = [
  // Slack bot, user and app-level tokens, wherever they appear in a message.
  [/\bxox[abposr]-[A-Za-z0-9-]+/g, '[redacted]'],
  [/\bxapp-[A-Za-z0-9-]+/g, '[redacted]'],
  // Raw user ids in JSON-ish request and response bodies.
  [/("(?:user|user_id|userId)"\s*:\s*")[^"]*(")/g, '$1[redacted]$2'],
  [/(\\"(?:user|user_id|userId)\\"\s*:\s*\\")[^"\\]*(\\")/g, '$1[redacted]$2'],
];

/** Masks tokens and user ids in a message string. */
export function scrub(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SCRUBS) out = out.replace(pattern, replacement);
  return out;
}

export function createServerLogger(options: { level: string; destination: NodeJS.WritableStream }): Logger {
  return pino(
    {
      name: 'briefbot',
      level: options.level,
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
    options.destination as pino.DestinationStream,
  );
}
