// Which local state directories are mirrors of a remote state, so that the state writer and the
// lock writer publish what they write there. Filled by useStateLocation (attach.ts).
import type { ObsEvent } from "../events/schema.js";
import type { PruneReport } from "../state/retention.js";
import type { Manifest } from "../state/schemas.js";

export interface RemotePublisher {
  readonly label: string;
  publishCommit(args: {
    manifest: Manifest;
    manifestBytes: string | Uint8Array;
    events: readonly ObsEvent[];
    pointerBytes: Uint8Array;
  }): Promise<void>;
  publishEvents(events: readonly ObsEvent[]): Promise<void>;
  publishLock(relPath: string, bytes: Uint8Array): Promise<void>;
  prune(current: Manifest, keep: number): Promise<PruneReport>;
}

const remotes = new Map<string, RemotePublisher>();

export function registerRemote(stateDir: string, remote: RemotePublisher): void {
  remotes.set(stateDir, remote);
}

/** The remote a local state directory mirrors, if it is a mirror. */
export function remoteFor(stateDir: string): RemotePublisher | undefined {
  return remotes.get(stateDir);
}
