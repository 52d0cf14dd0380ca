// Where a corrupt file can be found in (or next to) a state directory, how to plant it, and what
// the design says must happen: quarantine and fall back, tolerate, or refuse with a clear error
// until the operator fixes the file. The state the plants start from is built in corrupt.test.ts.
import { appendFile, mkdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface Prepared {
  /** The epoch with the lock on it, and the epoch after it whose objects are all its own. */
  locked: string;
  current: string;
  objects: {
    snapshot: string;
    registry: string;
    benchmarks: string;
    cooldowns: string;
    history: string;
  };
}

export type Expectation =
  /** Renamed *.corrupt.<stamp> (or logged missing), STATE_CORRUPT, committed on `fallback`. */
  | { kind: "quarantine"; file: string; fallback: "locked" | "current"; missing?: boolean }
  /** Read around; the writer commits on the current epoch. */
  | { kind: "tolerated"; fallback: "current" }
  /** A clear error with this exit code naming the file; fixed by removing it. */
  | { kind: "refused"; exit: number; mentions: string; remove: string };

/** A reader run on the planted state and how it must end (besides never crashing). */
export interface ReaderExpectation {
  bin:
    | "obs-oracle"
    | "obs-dash"
    | "obs-check"
    | "obs-lock"
    | "obs-migrate"
    | "obs-history"
    | "obs-diff"
    | "obs-events";
  args: string[];
  exit: number;
  mentions?: string;
}

export interface Place {
  name: string;
  plant(dir: string, p: Prepared): Promise<void>;
  expect: Expectation;
  /** Readers to run on the planted state; obs-oracle (exit 0) when not given. */
  readers?: ReaderExpectation[];
  /** A file the tools leave for the operator to fix (they never rewrite it). */
  leaves?: string;
}

const garbage = "\u0000\u00ff{ this is not JSON";
const truncate = async (path: string) => {
  const text = await readFile(path, "utf8");
  await writeFile(path, text.slice(0, Math.floor(text.length / 2)));
};
const object = (hash: string) => `objects/${hash}.json`;

export const PLACES: Place[] = [
  {
    name: "pointer: not JSON",
    plant: (d) => writeFile(join(d, "current_epoch.json"), garbage),
    // Without a readable pointer only epochs a later manifest names as parent are proven.
    expect: { kind: "quarantine", file: "current_epoch.json", fallback: "locked" },
  },
  {
    name: "pointer: names an epoch that does not exist",
    plant: (d) =>
      writeFile(
        join(d, "current_epoch.json"),
        JSON.stringify({
          schema: "observatory.pointer/1",
          epoch_id: "20991231T000000.000Z-0000",
          manifest_hash: "0".repeat(64),
          updated_at: new Date().toISOString(),
        }),
      ),
    expect: {
      kind: "quarantine",
      file: "epochs/20991231T000000.000Z-0000.json",
      fallback: "current",
      missing: true,
    },
  },
  {
    name: "manifest: truncated",
    plant: (d, p) => truncate(join(d, "epochs", `${p.current}.json`)),
    expect: { kind: "quarantine", file: "epochs/<current>.json", fallback: "locked" },
  },
  {
    name: "snapshot object: one byte changed",
    plant: async (d, p) => {
      const path = join(d, object(p.objects.snapshot));
      const bytes = await readFile(path);
      bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1;
      await writeFile(path, bytes);
    },
    expect: { kind: "quarantine", file: "objects/<snapshot>", fallback: "locked" },
  },
  {
    name: "registry object: garbage",
    plant: (d, p) => writeFile(join(d, object(p.objects.registry)), garbage),
    expect: { kind: "quarantine", file: "objects/<registry>", fallback: "locked" },
  },
  {
    name: "benchmark store object: truncated",
    plant: (d, p) => truncate(join(d, object(p.objects.benchmarks))),
    expect: { kind: "quarantine", file: "objects/<benchmarks>", fallback: "locked" },
  },
  {
    name: "webhook cooldown object: valid JSON, wrong bytes",
    plant: (d, p) => writeFile(join(d, object(p.objects.cooldowns)), "null"),
    expect: { kind: "quarantine", file: "objects/<cooldowns>", fallback: "locked" },
  },
  {
    name: "model history head: garbage",
    plant: (d, p) => writeFile(join(d, object(p.objects.history)), garbage),
    // The epoch still reads (the history is not part of it); the history's readers say it is
    // damaged; the next commit moves the head aside and restarts the history from the current
    // epoch, with a STATE_CORRUPT naming it.
    expect: { kind: "quarantine", file: "objects/<history>", fallback: "current" },
    readers: [
      { bin: "obs-oracle", args: ["--json"], exit: 0 },
      { bin: "obs-history", args: ["--json", "openai/gpt-4o"], exit: 5, mentions: "history" },
      { bin: "obs-diff", args: ["--json", "@-1"], exit: 5, mentions: "history" },
      { bin: "obs-events", args: ["--json"], exit: 0 },
    ],
  },
  {
    name: "events.jsonl: a garbage line, a foreign event and a torn last line",
    plant: (d) =>
      appendFile(
        join(d, "events.jsonl"),
        `${garbage}\n{"v":2,"type":"NOT_IN_THE_TAXONOMY"}\n{"v":2,"type":"MODEL_ADDED","epo`,
      ),
    expect: { kind: "tolerated", fallback: "current" },
  },
  {
    name: "rotated event log: garbage",
    plant: (d) => writeFile(join(d, "events.20200101T000000.000Z.jsonl"), `${garbage}\n`),
    expect: { kind: "tolerated", fallback: "current" },
  },
  {
    name: "stray temp files of a killed writer, half written",
    plant: async (d) => {
      await writeFile(join(d, ".current_epoch.json.99999.0badc0de.tmp"), '{"schema":"obs');
      await writeFile(join(d, "objects", `.${"a".repeat(64)}.json.99999.0badc0de.tmp`), "{");
      await writeFile(join(d, "epochs", ".20991231T000000.000Z-0000.json.99999.0badc0de.tmp"), "");
    },
    expect: { kind: "tolerated", fallback: "current" },
  },
  {
    name: "a garbage manifest newer than the pointer",
    plant: (d, p) => writeFile(join(d, "epochs", `${p.current.slice(0, -4)}0001.json`), garbage),
    expect: { kind: "tolerated", fallback: "current" },
  },
  {
    name: "an aborted manifest: garbage",
    plant: (d, p) =>
      writeFile(join(d, "epochs", `${p.locked.slice(0, -4)}0001.aborted.json`), garbage),
    expect: { kind: "tolerated", fallback: "current" },
  },
  {
    name: "a quarantined file from an earlier recovery",
    plant: (d) =>
      writeFile(join(d, "objects", `${"b".repeat(64)}.json.corrupt.20200101T000000.000Z`), garbage),
    expect: { kind: "tolerated", fallback: "current" },
  },
  {
    name: "instance lock: left by a process that died long ago",
    plant: async (d) => {
      const lock = join(d, "observatory.lock");
      await mkdir(lock, { recursive: true });
      const past = new Date(Date.now() - 3_600_000);
      await utimes(lock, past, past);
    },
    expect: { kind: "tolerated", fallback: "current" },
  },
  {
    name: "experiment lock file: garbage",
    plant: (d) => writeFile(join(d, "locks", "exp.lock.json"), garbage),
    // The writer carries on (retention prunes nothing while a lock is unreadable); obs-check
    // reports the lock INVALID and exits 5 until it is fixed.
    expect: { kind: "tolerated", fallback: "current" },
    readers: [
      { bin: "obs-check", args: ["--all"], exit: 5, mentions: "not valid JSON" },
      { bin: "obs-lock", args: ["--list"], exit: 0, mentions: "not valid JSON" },
    ],
    leaves: "locks/exp.lock.json",
  },
  {
    // Notifications are not the state: a broken config is reported (a WARN event and a note on
    // stderr) and the run goes on, so a cron job does not lose its poll to it.
    name: "webhook config: not JSON",
    plant: (d) => writeFile(join(d, "webhooks.json"), garbage),
    expect: { kind: "tolerated", fallback: "current" },
    readers: [{ bin: "obs-check", args: ["--all"], exit: 0, mentions: "webhooks.json" }],
  },
  {
    name: "migration journal: garbage",
    plant: (d) => writeFile(join(d, "migrate-v1.journal.json"), garbage),
    expect: {
      kind: "refused",
      exit: 2,
      mentions: "migrate-v1.journal.json",
      remove: "migrate-v1.journal.json",
    },
    readers: [
      { bin: "obs-migrate", args: [], exit: 5, mentions: "migrate-v1.journal.json" },
      // An unfinished migration is a v1 directory to every tool but obs-migrate (#16: one voice).
      { bin: "obs-oracle", args: ["--json"], exit: 2, mentions: "migrate-v1.journal.json" },
    ],
  },
];

/** The file a quarantine expectation names, with the prepared state's ids filled in. */
export function resolveFile(file: string, p: Prepared): string {
  return file
    .replace("<current>", p.current)
    .replace("<snapshot>", `${p.objects.snapshot}.json`)
    .replace("<registry>", `${p.objects.registry}.json`)
    .replace("<benchmarks>", `${p.objects.benchmarks}.json`)
    .replace("<cooldowns>", `${p.objects.cooldowns}.json`)
    .replace("<history>", `${p.objects.history}.json`);
}

export async function removePlanted(dir: string, file: string): Promise<void> {
  await rm(join(dir, file), { force: true });
}
