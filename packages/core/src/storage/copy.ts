// Copying a whole state between a directory and a bucket (obs-migrate --to): every committed epoch
// still kept, every object they name, every history segment, the experiment locks and the
// committed events, the pointer last; then the copy is read back and verified. The target must
// hold no state: a copy never merges into or overwrites one.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ExitCode, ObsError } from "../errors.js";
import { readEvents } from "../events/log.js";
import type { ObsEvent } from "../events/schema.js";
import { atomicWriteFile, ensureDir } from "../state/atomic-write.js";
import { readVerified } from "../state/objects.js";
import { listManifestIds, loadEpoch, readCurrentEpoch } from "../state/read-epoch.js";
import type { Manifest } from "../state/schemas.js";
import { requireState } from "../state/state-errors.js";
import { openRemoteState, useStateLocation } from "./attach.js";
import { parseStateLocation } from "./location.js";
import {
  COMMIT_EVENTS,
  EVENTS_PREFIX,
  manifestObjects,
  POINTER_KEY,
  pointerMeta,
} from "./remote-state.js";

export interface CopyReport {
  from: string;
  to: string;
  /** The epoch the copy's pointer names. */
  epoch_id: string;
  manifest_hash: string;
  epochs: number;
  objects: number;
  segments: number;
  locks: number;
  events: number;
}

/** Where the bytes come from and go: a state directory's files by their relative names. */
interface Target {
  exists(): Promise<boolean>;
  write(rel: string, bytes: Buffer): Promise<void>;
  /** The pointer, written last. */
  /** Writes the pointer; `routing` is the routing index it reaches (a bucket's pointer names it
   * in its metadata, as a writer's does). */
  commit(bytes: Buffer, routing: string | null | undefined): Promise<void>;
  /** Reads the copy back as a local state directory. */
  readBack(): Promise<{ dir: string; done: () => Promise<void> }>;
}

export async function copyState(
  from: string,
  to: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CopyReport> {
  const source = await useStateLocation(from, { env });
  await requireState(source);
  const current = await readCurrentEpoch(source);
  if (current.epoch === null || current.problems.length > 0 || current.pointer === null) {
    throw new ObsError(
      "STATE_UNUSABLE",
      `${from} has no committed epoch that verifies${current.problems[0] ? ` (${current.problems[0].file}: ${current.problems[0].reason})` : ""}`,
      {
        hint: "a copy starts from a state every reader accepts; run obs-poll there first, or repair it",
        exitCode: ExitCode.STATE,
      },
    );
  }
  const target = await openTarget(to, env);
  if (await target.exists())
    throw new ObsError("USAGE", `${to} already holds a state; a copy never overwrites one`, {
      hint: "copy to an empty directory or an unused prefix of the bucket",
      exitCode: ExitCode.USAGE,
    });

  const report: CopyReport = {
    from,
    to,
    epoch_id: current.epoch.epochId,
    manifest_hash: current.epoch.manifestHash,
    epochs: 0,
    objects: 0,
    segments: 0,
    locks: 0,
    events: 0,
  };
  const copied = new Set<string>();
  /** Copies a file of the source; an object or segment through readVerified, which fetches it
   * when the source is a bucket's mirror that has not read it yet. */
  const copy = async (rel: string, hash?: string) => {
    if (copied.has(rel)) return;
    copied.add(rel);
    if (hash !== undefined) {
      const r = await readVerified(join(source, rel), hash);
      if (!r.ok) throw unusable(from, rel, r.reason);
    }
    await target.write(rel, await readFile(join(source, rel)));
  };
  // Every kept epoch no newer than the pointer's (older ones were committed: aborted manifests
  // are renamed aside), verified before it is copied; the history segments their heads list.
  const ids = (await listManifestIds(source)).filter((id) => id <= current.epoch!.epochId);
  const segments = new Set<string>();
  for (const id of ids.sort()) {
    const load = await loadEpoch(source, id, null);
    if (!load.ok) continue; // damaged: readers skip it too
    const m: Manifest = load.epoch.manifest;
    for (const h of manifestObjects(m)) await copy(`objects/${h}.json`, h);
    if (m.history) {
      const head = await readVerified(join(source, "objects", `${m.history}.json`), m.history);
      const refs = head.ok ? (head.value as { segments?: Array<{ hash: string }> }).segments : [];
      for (const ref of refs ?? []) segments.add(ref.hash);
    }
    report.epochs++;
  }
  report.objects = copied.size;
  for (const hash of [...segments].sort()) {
    await copy(`history/${hash}.json`, hash);
    report.segments++;
  }
  for (const name of (await readdir(join(source, "locks")).catch(() => [] as string[])).sort()) {
    if (!name.endsWith(".json") || name.startsWith(".")) continue;
    await copy(`locks/${name}`);
    report.locks++;
  }
  const events = (await readEvents(source, { committedThrough: current.epoch.epochId })).events;
  report.events = events.length;
  await writeEvents(target, to, events);
  for (const id of ids.sort()) await copy(`epochs/${id}.json`);
  await target.commit(await readFile(join(source, POINTER_KEY)), current.epoch.manifest.routing);

  // Read back: the same epoch, verified, with the same events.
  const back = await target.readBack();
  try {
    const read = await readCurrentEpoch(back.dir);
    const evs = (await readEvents(back.dir, { committedThrough: current.epoch.epochId })).events;
    if (
      read.epoch?.manifestHash !== current.epoch.manifestHash ||
      read.problems.length > 0 ||
      evs.length !== events.length
    )
      throw new ObsError("STATE_UNUSABLE", `the copy at ${to} does not read back as ${from}`, {
        hint: `it reads as ${read.epoch?.epochId ?? "no epoch"}${read.problems[0] ? ` (${read.problems[0].file}: ${read.problems[0].reason})` : ""} with ${evs.length} of ${events.length} events; remove it and copy again`,
        exitCode: ExitCode.STATE,
      });
  } finally {
    await back.done();
  }
  return report;
}

function unusable(from: string, rel: string, reason: string): ObsError {
  return new ObsError(
    "STATE_UNUSABLE",
    `${from}: ${rel} is ${reason}; nothing was committed to the target`,
    {
      hint: "a copy needs every file the kept epochs name; repair the source first",
      exitCode: ExitCode.STATE,
    },
  );
}

async function writeEvents(target: Target, to: string, events: ObsEvent[]): Promise<void> {
  if (parseStateLocation(to).kind === "local") {
    const lines = Buffer.from(events.map((e) => `${JSON.stringify(e)}\n`).join(""));
    if (lines.length > 0) await target.write("events.jsonl", lines);
    return;
  }
  // A bucket has one object per epoch's events.
  const byEpoch = new Map<string, ObsEvent[]>();
  for (const e of events) {
    const k = e.epoch_id ?? "none";
    byEpoch.set(k, [...(byEpoch.get(k) ?? []), e]);
  }
  for (const [epoch, list] of byEpoch)
    await target.write(
      `${EVENTS_PREFIX}${epoch}/${COMMIT_EVENTS}`,
      Buffer.from(list.map((e) => `${JSON.stringify(e)}\n`).join("")),
    );
}

async function openTarget(to: string, env: NodeJS.ProcessEnv): Promise<Target> {
  const loc = parseStateLocation(to);
  if (loc.kind === "local") {
    const dir = resolve(loc.dir);
    return {
      exists: async () => (await readdir(dir).catch(() => [] as string[])).length > 0,
      write: async (rel, bytes) => {
        await ensureDir(join(dir, rel, ".."));
        await atomicWriteFile(join(dir, rel), bytes);
      },
      commit: (bytes) => atomicWriteFile(join(dir, POINTER_KEY), bytes),
      readBack: async () => ({ dir, done: async () => undefined }),
    };
  }
  const remote = await openRemoteState(to, { env });
  const store = remote.store;
  return {
    exists: async () =>
      (await store.get(POINTER_KEY)) !== null || (await store.list("epochs/")).length > 0,
    write: async (rel, bytes) => {
      const made = await store.create(rel, bytes);
      if (made.created) return;
      const there = await store.get(rel);
      if (there === null || Buffer.compare(there.body, bytes) !== 0) await store.put(rel, bytes);
    },
    commit: async (bytes, routing) => {
      const r = await store.replace(POINTER_KEY, bytes, null, pointerMeta(routing));
      if (!r.ok)
        throw new ObsError(
          "USAGE",
          `${to} gained a state while the copy ran; nothing was replaced`,
          {
            exitCode: ExitCode.USAGE,
          },
        );
    },
    readBack: async () => {
      // A mirror of its own, so the read goes to the bucket and not to a cache.
      const cache = await mkdtemp(join(tmpdir(), "obs-copy-check-"));
      const check = await openRemoteState(to, { env: { ...env, OBS_CACHE_DIR: cache } });
      await check.pull();
      return { dir: check.stateDir, done: () => rm(cache, { recursive: true, force: true }) };
    },
  };
}
