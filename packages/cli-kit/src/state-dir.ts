// Where the state is: --state-dir, then OBS_STATE_DIR, then WATCHER_STATE_DIR (v1), then ./state.
// A path is made absolute; an S3 location (s3://bucket/prefix) or a read-only mirror
// (https://host/path) is kept as written.
import { resolve } from "node:path";

const REMOTE = /^(s3|https?):\/\//i;

export function resolveStateDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const dir = flag ?? env["OBS_STATE_DIR"] ?? env["WATCHER_STATE_DIR"] ?? "./state";
  return REMOTE.test(dir) ? dir : resolve(dir);
}

/**
 * The local state directory a command works on: the path itself, or for an S3 location (or a
 * read-only HTTPS mirror) its local mirror, pulled up to the bucket's current epoch first
 * (writers publish back to the bucket through it). `follow` (obs-dash, obs-events --follow) keeps
 * pulling every `followMs` while the process runs, so a watcher sees new commits. The S3 client
 * is loaded only for an S3 location.
 */
export async function openStateDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  options: { follow?: boolean; followMs?: number } = {},
): Promise<string> {
  const dir = resolveStateDir(flag, env);
  if (!REMOTE.test(dir)) return dir;
  const { openRemoteState } = await import("@observatory/core");
  const remote = await openRemoteState(dir, { env });
  await remote.pull();
  if (options.follow) {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      // A store that does not answer for a while leaves the watcher on the epoch it has.
      remote
        .pull()
        .catch(() => undefined)
        .finally(() => {
          busy = false;
        });
    }, options.followMs ?? 2_000);
    timer.unref();
  }
  return remote.stateDir;
}
