/**
 * Remembers the last few event ids this process has seen, so that an event Slack redelivers
 * is answered once. Bounded: the oldest id is forgotten first.
 *
 * This only covers one process. Across replicas nothing here is shared; there the adapter
 * relies on Slack's own retry headers (X-Slack-Retry-Num / X-Slack-Retry-Reason, or the
 * envelope's retry_attempt / retry_reason in Socket Mode): see `shouldSkipRetry` in app.ts.
 */
export interface Dedupe {
  /** True the first time an id is seen, false after. */
  first(id: string): boolean;
}

export function createDedupe(capacity = 1000): Dedupe {
  const seen = new Set<string>();
  return {
    first(id) {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > capacity) {
        // A Set iterates in insertion order, so the first value is the oldest.
        const oldest = seen.values().next();
        if (!oldest.done) seen.delete(oldest.value);
      }
      return true;
    },
  };
}
