import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON lines on standard error (standard output belongs to the terminal chat and `--json`).
 * Secrets are redacted by path, wherever a caller puts them.
 */
export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      name: 'briefbot',
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: {
        paths: ['token', '*.token', 'signingSecret', '*.signingSecret', 'appToken', '*.appToken', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
    },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}

/** A logger that writes nothing, for tests and quiet runs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
