// Runs CPU work on the next turn of the event loop, after the requests already started have
// gone out: a run's first moments are spent waiting on the network, and work done then is off
// the critical path. The promise is marked handled at once, so a failure surfaces where it is
// awaited, not as an unhandled rejection in between.
export function whenIdle<T>(work: () => T): Promise<T> {
  const p = new Promise<T>((resolve, reject) => {
    setTimeout(() => {
      try {
        resolve(work());
      } catch (e) {
        reject(e);
      }
    }, 0);
  });
  p.catch(() => undefined);
  return p;
}
