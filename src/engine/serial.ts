/**
 * Runs asynchronous jobs one after another. An ONNX Runtime session is driven by one thread; queuing keeps two
 * requests of the same isolate from entering the same session at once.
 */
export function createSerialQueue(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const result = tail.then(job, job);
    tail = result.catch(() => undefined);
    return result;
  };
}
