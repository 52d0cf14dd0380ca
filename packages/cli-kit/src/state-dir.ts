// Where the state directory is: --state-dir, then OBS_STATE_DIR, then WATCHER_STATE_DIR (v1),
// then ./state.
import { resolve } from "node:path";

export function resolveStateDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const dir = flag ?? env["OBS_STATE_DIR"] ?? env["WATCHER_STATE_DIR"] ?? "./state";
  return resolve(dir);
}
