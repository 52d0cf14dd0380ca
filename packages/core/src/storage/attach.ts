// Turning a state location into a local state directory every tool can use: a path stays a path;
// s3://bucket/prefix is pulled into its mirror (remote-state.ts), registered so that writers
// publish to the bucket, and the mirror's directory is returned.
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { parseStateLocation } from "./location.js";
import { registerMirror, registerRemote, remoteFor } from "./registry.js";
import { RemoteState } from "./remote-state.js";

export interface UseStateOptions {
  env?: NodeJS.ProcessEnv;
}

const opened = new Map<string, RemoteState>();

/** A local directory for the state at `location`, its mirror pulled up to date if remote. */
export async function useStateLocation(
  location: string,
  options: UseStateOptions = {},
): Promise<string> {
  const loc = parseStateLocation(location);
  if (loc.kind === "local") return resolve(loc.dir);
  const remote = await openRemoteState(location, options);
  await remote.pull();
  return remote.stateDir;
}

/** The remote state at an s3:// location (one per location per process), not yet pulled. */
export async function openRemoteState(
  location: string,
  options: UseStateOptions = {},
): Promise<RemoteState> {
  const loc = parseStateLocation(location);
  if (loc.kind === "local") throw new Error(`not a remote location: ${location}`);
  const env = options.env ?? process.env;
  if (loc.kind === "http") {
    const url = new URL(loc.url);
    const root = mirrorRoot("http", url.host, url.pathname, env);
    const have = opened.get(root);
    if (have) return have;
    const { HttpStore } = await import("./http-store.js");
    const remote = new RemoteState(new HttpStore(loc.url), root);
    opened.set(root, remote);
    registerMirror(
      remote.stateDir,
      (rel, hash) => remote.fetchObject(rel, hash),
      (rel, hash) => remote.takePrefetched(rel, hash),
    );
    return remote;
  }
  const endpoint = env["AWS_ENDPOINT_URL_S3"] ?? env["AWS_ENDPOINT_URL"];
  const root = mirrorRoot("s3", endpointHost(endpoint), `${loc.bucket}/${loc.prefix}`, env);
  const have = opened.get(root);
  if (have) return have;
  const { openS3Store } = await import("./s3-store.js");
  const store = await openS3Store({ bucket: loc.bucket, prefix: loc.prefix, env });
  const remote = new RemoteState(store, root);
  opened.set(root, remote);
  registerRemote(remote.stateDir, remote);
  registerMirror(
    remote.stateDir,
    (rel, hash) => remote.fetchObject(rel, hash),
    (rel, hash) => remote.takePrefetched(rel, hash),
  );
  return remote;
}

/** Where a remote state's mirror lives: OBS_CACHE_DIR, else $XDG_CACHE_HOME/observatory, else
 * ~/.cache/observatory; then s3/<endpoint host>/<bucket>/<prefix> or http/<host>/<path>. */
export function mirrorRoot(
  kind: "s3" | "http",
  host: string,
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const base =
    env["OBS_CACHE_DIR"] ?? join(env["XDG_CACHE_HOME"] ?? join(homedir(), ".cache"), "observatory");
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");
  const parts = path.split("/").filter((p) => p !== "" && p !== "." && p !== "..");
  return resolve(base, kind, safe(host), ...parts.map(safe), "_mirror");
}

function endpointHost(endpoint: string | undefined): string {
  if (!endpoint) return "aws";
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

export { remoteFor };
