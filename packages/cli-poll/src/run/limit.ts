// A small concurrency limiter that checks for shutdown when a task is about to start, not when
// it is queued: after SIGINT no new call begins, while calls in flight finish.
export type Limiter = <T>(task: () => Promise<T>) => Promise<T | Skipped>;

export const SKIPPED = Symbol("skipped");
export type Skipped = typeof SKIPPED;

export function limiter(concurrency: number, signal?: AbortSignal): Limiter {
  let active = 0;
  const queue: Array<() => void> = [];
  const next = () => {
    if (active >= concurrency) return;
    const start = queue.shift();
    if (start) start();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T | Skipped>((resolve, reject) => {
      queue.push(() => {
        if (signal?.aborted) {
          resolve(SKIPPED);
          next();
          return;
        }
        active++;
        task()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}
