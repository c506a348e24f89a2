/**
 * A lazily started, memoised asynchronous value. Every caller shares one in-flight promise; a rejection is handed
 * to the callers that waited on it and then forgotten, so the next call starts again instead of failing forever.
 */
export function lazyOnce<T>(start: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (pending === undefined) {
      const attempt = start();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
    }
    return pending;
  };
}
