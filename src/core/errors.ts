/** Stable codes for real failures. A decline is not an error: it is a normal `Reply`. */
export type ErrorCode =
  | 'EMPTY_TEXT'
  | 'BINARY_FILE'
  | 'FILE_NOT_FOUND'
  | 'BAD_CORPUS_FILE'
  | 'BAD_OPTION'
  | 'BAD_CONFIG'
  | 'CORPUS_NOT_FOUND'
  | 'ID_TAKEN';

/**
 * A failure with a stable code and a message that says what to do. Messages start with
 * "briefbot:" when printed, never with a stack trace.
 */
export class BriefbotError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BriefbotError';
    this.code = code;
  }
}
