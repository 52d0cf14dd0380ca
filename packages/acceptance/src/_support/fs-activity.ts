// Waiting for a child to start changing the state directory: the moment a commit begins. Uses
// inotify through fs.watch; the watch is closed as soon as it fires or is abandoned.
import { watch } from "node:fs";

/** Resolves on the first change in any of `dirs` (which must exist), or when `abandon` fires. */
export function firstChange(dirs: readonly string[], abandon: Promise<unknown>): Promise<boolean> {
  return new Promise((resolve) => {
    const watchers = dirs.map((d) => watch(d, () => finish(true)));
    let done = false;
    function finish(changed: boolean) {
      if (done) return;
      done = true;
      for (const w of watchers) w.close();
      resolve(changed);
    }
    void abandon.then(() => finish(false));
  });
}
