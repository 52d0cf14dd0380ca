// obs-lock NAME: pin an experiment to a committed epoch. With --benchmark-before-lock it first
// benchmarks the models in scope and commits that epoch (through obs-bench's run), then locks
// exactly that epoch. The lock file is written under the instance lock, so retention (which
// runs under it too) always sees the lock before it could prune the epoch.

import { createRequire } from "node:module";
import type { RunReport } from "@observatory/cli-poll";
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
import type { ProviderOptions } from "@observatory/providers";
import { VERSION } from "../version.js";
import { buildLock } from "./build.js";
import { resolveScope } from "./scope.js";

// The benchmark epoch is written by obs-bench's run, so its manifest names obs-bench's version.
const pollVersion = (): string =>
  createRequire(import.meta.url)("@observatory/cli-poll/package.json").version;

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
  providerOptions?: ProviderOptions;
  signal?: AbortSignal;
  staleMs?: number;
  /** Queue behind a live holder of the instance lock for up to this long. */
  waitMs?: number;
  now?: () => Date;
  onProgress?: (done: number, total: number) => void;
}

export interface CreateReport {
  lock: Lock;
  path: string;
  warnings: string[];
  /** The benchmark run of --benchmark-before-lock, if any. */
  benchmark: RunReport | null;
}

export async function createLock(opts: CreateOptions): Promise<CreateReport> {
  const name = validateLockName(opts.name);
  // A v1 directory, or nothing to lock: said before anything is created (no ./state appears).
  await requireState(opts.stateDir);
  if (!opts.force) await refuseExisting(opts.stateDir, name);
  const flags = { models: opts.models, providers: opts.providers };

  let benchmark: RunReport | null = null;
  let benchmarked: LoadedEpoch | null = null;
  if (opts.benchmarkBeforeLock) {
    const current = (await readCurrentEpoch(opts.stateDir)).epoch;
    if (!current) throw noEpoch();
    // Bad names fail here, before a single benchmark call is spent.
    const { scope } = resolveScope(current.snapshots, flags);
    // The benchmark machinery (providers, HTTP) loads only on this path.
    const { runObservatory } = await import("@observatory/cli-poll");
    benchmark = await runObservatory({
      stateDir: opts.stateDir,
      tool: "obs-bench",
      version: pollVersion(),
      poll: false,
      benchmark: true,
      ...(scope.models ? { models: scope.models } : {}),
      ...(scope.providers ? { providers: scope.providers } : {}),
      ...(opts.probesFile ? { probesFile: opts.probesFile } : {}),
      ...(opts.webhooksFile ? { webhooksFile: opts.webhooksFile } : {}),
      providerOptions: opts.providerOptions ?? {},
      signal: opts.signal ?? new AbortController().signal,
      ...(opts.staleMs === undefined ? {} : { staleMs: opts.staleMs }),
      ...(opts.waitMs === undefined ? {} : { waitMs: opts.waitMs }),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
    benchmarked = await benchmarkedEpoch(opts.stateDir, benchmark);
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

async function benchmarkedEpoch(stateDir: string, r: RunReport): Promise<LoadedEpoch> {
  if (r.outcome === "locked") {
    throw new ObsError("LOCKED", `benchmark skipped: ${r.message ?? "state directory locked"}`, {
      hint: "try again when the running obs-poll or obs-bench has finished",
      exitCode: ExitCode.LOCKED,
    });
  }
  if (r.outcome === "nothing_configured" || !r.measured) {
    throw new ObsError(
      "NOTHING_MEASURED",
      `the benchmark before the lock measured nothing${r.message ? `: ${r.message}` : ""}`,
      {
        hint: "check the providers' keys (obs-poll --list-providers); nothing was locked",
        exitCode: ExitCode.NOTHING_MEASURED,
      },
    );
  }
  if (r.interrupted) {
    throw new ObsError(
      "INTERRUPTED",
      `interrupted: the partial benchmark was committed as epoch ${r.epochId}; nothing was locked`,
      {
        hint: "run the lock again to benchmark every model in scope",
        exitCode: ExitCode.INTERRUPTED,
      },
    );
  }
  const loaded = await loadEpoch(stateDir, r.epochId!, r.manifestHash!);
  if (!loaded.ok) {
    throw new ObsError(
      "STATE_UNREADABLE",
      `the benchmarked epoch ${r.epochId} does not verify: ${loaded.problems.map((p) => `${p.file} ${p.reason}`).join("; ")}`,
      { exitCode: ExitCode.STATE },
    );
  }
  return loaded.epoch;
}
