// obs-lock NAME: pin an experiment to a committed epoch. With --benchmark-before-lock it first
// runs obs-bench on the models in scope (a child process: tools talk through the state
// directory) and then locks exactly the epoch that run committed. The lock file is written
// under the instance lock, so retention (which runs under it too) always sees the lock before it
// could prune the epoch.

import {
  BenchmarkStoreSchema,
  ExitCode,
  type LoadedEpoch,
  type Lock,
  loadEpoch,
  ObsError,
  openStateWriter,
  readCurrentEpoch,
  readLockFile,
  requireState,
  validateLockName,
  writeLockFile,
} from "@observatory/core";
import { VERSION } from "../version.js";
import { buildLock } from "./build.js";
import { runBench } from "./run-bench.js";
import { resolveScope } from "./scope.js";

export interface CreateOptions {
  stateDir: string;
  name: string;
  notes?: string;
  /** Replace an existing lock of this name (e.g. to re-lock a migrated v1 lock). */
  force?: boolean;
  models?: string[] | undefined;
  providers?: string[] | undefined;
  /** Accept baselines measured before the locked epoch if not older than this. */
  maxAgeMs?: number | null;
  benchmarkBeforeLock?: boolean;
  probesFile?: string | undefined;
  webhooksFile?: string | undefined;
  /** With benchmarkBeforeLock: seconds allowed for one benchmark call (obs-bench --timeout). */
  timeoutSeconds?: number | undefined;
  /** --wait as given, passed on to obs-bench. */
  wait?: unknown;
  /** Pass --quiet to obs-bench. */
  quiet?: boolean;
  /** Aborted: obs-lock was interrupted (no benchmark starts). */
  signal?: AbortSignal;
  staleMs?: number;
  /** Queue behind a live holder of the instance lock for up to this long. */
  waitMs?: number;
  now?: () => Date;
}

export interface CreateReport {
  lock: Lock;
  path: string;
  warnings: string[];
  /** The NDJSON obs-bench printed for --benchmark-before-lock, if it ran. */
  benchmark: string | null;
}

export async function createLock(opts: CreateOptions): Promise<CreateReport> {
  const name = validateLockName(opts.name);
  // A v1 directory, or nothing to lock: said before anything is created (no ./state appears).
  await requireState(opts.stateDir);
  if (!opts.force) await refuseExisting(opts.stateDir, name);
  const flags = { models: opts.models, providers: opts.providers };

  let benchmark: string | null = null;
  let benchmarked: LoadedEpoch | null = null;
  if (opts.benchmarkBeforeLock) {
    const current = (await readCurrentEpoch(opts.stateDir)).epoch;
    if (!current) throw noEpoch();
    // Bad names fail here, before a single benchmark call is spent.
    const { scope } = resolveScope(current.snapshots, flags);
    const run = await runBench({
      stateDir: opts.stateDir,
      models: scope.models,
      providers: scope.providers,
      probesFile: opts.probesFile,
      webhooksFile: opts.webhooksFile,
      timeoutSeconds: opts.timeoutSeconds,
      wait: opts.wait,
      quiet: opts.quiet,
      signal: opts.signal,
    });
    benchmark = run.stdout;
    benchmarked = await benchmarkedEpoch(opts.stateDir, run.epochId, run.manifestHash);
  }

  const opened = await openStateWriter(opts.stateDir, {
    tool: "obs-lock",
    version: VERSION,
    ...(opts.staleMs === undefined ? {} : { staleMs: opts.staleMs }),
    ...(opts.waitMs === undefined ? {} : { waitMs: opts.waitMs }),
  });
  if (!opened.ok) {
    throw new ObsError("LOCKED", `another instance holds the state directory: ${opened.message}`, {
      hint: benchmarked
        ? `epoch ${benchmarked.epochId} was benchmarked and committed; lock it later with --max-age`
        : "try again when the running obs-poll or obs-bench has finished",
      exitCode: ExitCode.LOCKED,
    });
  }
  const writer = opened.writer;
  try {
    const epoch = benchmarked ?? writer.current;
    if (!epoch) throw noEpoch();
    if (!opts.force) await refuseExisting(opts.stateDir, name);
    const parsed = epoch.benchmarks ? BenchmarkStoreSchema.safeParse(epoch.benchmarks) : null;
    const built = buildLock({
      name,
      notes: opts.notes ?? "",
      now: (opts.now ?? (() => new Date()))(),
      epochId: epoch.epochId,
      manifestHash: epoch.manifestHash,
      snapshots: epoch.snapshots,
      store: parsed?.success ? parsed.data : null,
      flags,
      maxAgeMs: opts.maxAgeMs ?? null,
    });
    const path = await writeLockFile(opts.stateDir, built.lock);
    return { lock: built.lock, path, warnings: built.warnings, benchmark };
  } finally {
    await writer.close();
  }
}

async function refuseExisting(stateDir: string, name: string): Promise<void> {
  if ((await readLockFile(stateDir, name)) === null) return;
  throw new ObsError("LOCK_EXISTS", `lock ${name} already exists`, {
    hint: `obs-lock --show ${name} shows it; re-lock with --force (the old lock is replaced)`,
    exitCode: ExitCode.USAGE,
  });
}

function noEpoch(): ObsError {
  return new ObsError("NO_EPOCH", "the state directory holds no committed epoch", {
    hint: "run obs-poll first (and obs-bench, or lock with --benchmark-before-lock)",
    exitCode: ExitCode.STATE,
  });
}

/** The epoch obs-bench's RUN record named, verified against its manifest hash. */
async function benchmarkedEpoch(
  stateDir: string,
  epochId: string,
  manifestHash: string,
): Promise<LoadedEpoch> {
  const loaded = await loadEpoch(stateDir, epochId, manifestHash);
  if (!loaded.ok) {
    throw new ObsError(
      "STATE_UNREADABLE",
      `the benchmarked epoch ${epochId} does not verify: ${loaded.problems.map((p) => `${p.file} ${p.reason}`).join("; ")}`,
      { exitCode: ExitCode.STATE },
    );
  }
  return loaded.epoch;
}
