// obs-lock --benchmark-before-lock's benchmark: obs-bench as a child process, the Unix way. Its
// NDJSON (stdout) is read for the final RUN record, which names the epoch it committed; its
// stderr (summary, progress) goes straight to ours, so a terminal stays a terminal. SIGINT and
// SIGTERM are forwarded, so an interrupted lock still lets obs-bench commit what it finished.
import { spawn } from "node:child_process";
import {
  ExitCode,
  type ExitCodeValue,
  ObsError,
  type RunRecord,
  RunRecordSchema,
} from "@observatory/core";
import { findObsBench } from "./find-obs-bench.js";

export interface BenchRequest {
  stateDir: string;
  /** The resolved scope: null means every model or provider of the current epoch. */
  models: string[] | null;
  providers: string[] | null;
  probesFile?: string | undefined;
  webhooksFile?: string | undefined;
  /** Seconds allowed for one benchmark call. */
  timeoutSeconds?: number | undefined;
  /** obs-lock's --wait as given (true: as long as it takes; a number of seconds). */
  wait?: unknown;
  quiet?: boolean | undefined;
  /** Already aborted: obs-lock was interrupted before the benchmark began. */
  signal?: AbortSignal | undefined;
}

export interface BenchResult {
  /** The run's NDJSON, as printed. */
  stdout: string;
  /** The epoch it committed, as named by its RUN record. */
  epochId: string;
  manifestHash: string;
}

export function benchArgs(r: BenchRequest): string[] {
  const args = ["--state-dir", r.stateDir, "--json"];
  if (r.models) args.push("--models", r.models.join(","));
  if (r.providers) args.push("--providers", r.providers.join(","));
  if (r.probesFile !== undefined) args.push("--probes", r.probesFile);
  if (r.webhooksFile !== undefined) args.push("--webhooks", r.webhooksFile);
  if (r.timeoutSeconds !== undefined) args.push("--timeout", String(r.timeoutSeconds));
  if (r.wait === true || r.wait === "") args.push("--wait");
  else if (r.wait !== undefined && r.wait !== false) args.push(`--wait=${String(r.wait)}`);
  if (r.quiet) args.push("--quiet");
  return args;
}

/** Runs obs-bench; returns the epoch it committed, or throws why nothing may be locked. */
export async function runBench(r: BenchRequest): Promise<BenchResult> {
  const bench = findObsBench();
  if (r.signal?.aborted) throw interrupted(null);
  const ended = await spawnBench(bench.file, [...bench.prefix, ...benchArgs(r)], bench.from);
  return committedEpoch(ended);
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

function spawnBench(file: string, args: string[], from: string): Promise<Ended> {
  return new Promise((resolve, reject) => {
    // Its own process group: a Ctrl-C on the terminal reaches obs-lock only, which forwards it
    // once. Sent twice, obs-bench would take the second as "stop now" and commit nothing.
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "inherit"], detached: true });
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    const onInt = forward("SIGINT");
    const onTerm = forward("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
    const done = () => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
    };
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      stdout += d;
    });
    child.on("error", (e: NodeJS.ErrnoException) => {
      done();
      reject(
        new ObsError(
          "OBS_BENCH_NOT_RUNNABLE",
          `cannot run obs-bench (${file}): ${e.code ?? e.message}`,
          {
            hint:
              from === "OBS_BENCH_COMMAND"
                ? "OBS_BENCH_COMMAND must name obs-bench's bin script or an executable"
                : "reinstall @observatory/cli-poll, or run obs-bench and then obs-lock",
            exitCode: ExitCode.USAGE,
            cause: e,
          },
        ),
      );
    });
    child.on("close", (code, signal) => {
      done();
      resolve({ code, signal, stdout });
    });
  });
}

/** The last stdout line, when it is a RUN record. */
function lastRunRecord(stdout: string): RunRecord | null {
  const last = stdout.trimEnd().split("\n").at(-1) ?? "";
  try {
    const r = RunRecordSchema.safeParse(JSON.parse(last));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function committedEpoch(ended: Ended): BenchResult {
  const run = lastRunRecord(ended.stdout);
  if (run === null) {
    const how =
      ended.signal !== null ? `was killed by ${ended.signal}` : `exited with code ${ended.code}`;
    throw new ObsError(
      "BENCHMARK_FAILED",
      `the benchmark before the lock failed: obs-bench ${how} without a RUN record; nothing was locked`,
      {
        hint: "run obs-bench on its own to see why",
        exitCode: ended.signal !== null ? ExitCode.INTERRUPTED : ExitCode.INTERNAL,
      },
    );
  }
  const why = run.reason ? `: ${run.reason}` : "";
  if (run.status === "locked") {
    throw new ObsError("LOCKED", `benchmark skipped: ${run.reason ?? "state directory locked"}`, {
      hint: "try again when the running obs-poll or obs-bench has finished",
      exitCode: ExitCode.LOCKED,
    });
  }
  if (run.status === "interrupted") throw interrupted(run.epoch_id);
  // A confirmed drift (exit 1) is a measurement like any other: the epoch holds the moved
  // baseline, and that is what the lock must pin.
  const ok = ended.code === ExitCode.OK || ended.code === ExitCode.DRIFT;
  if (run.status === "committed" && ok && run.epoch_id !== null && run.manifest_hash !== null) {
    return { stdout: ended.stdout, epochId: run.epoch_id, manifestHash: run.manifest_hash };
  }
  if (ended.code === ExitCode.NOTHING_MEASURED) {
    throw new ObsError("NOTHING_MEASURED", `the benchmark before the lock measured nothing${why}`, {
      hint: "check the providers' keys (obs-poll --list-providers); nothing was locked",
      exitCode: ExitCode.NOTHING_MEASURED,
    });
  }
  throw new ObsError(
    "BENCHMARK_FAILED",
    `the benchmark before the lock failed (obs-bench: ${run.status}, exit ${ended.code ?? ended.signal})${why}; nothing was locked`,
    {
      hint: "fix what obs-bench reported above and lock again",
      exitCode: failureCode(ended.code),
    },
  );
}

/** obs-bench's own exit code when it is one of ours and says failure; else internal. */
function failureCode(code: number | null): ExitCodeValue {
  const known = Object.values(ExitCode) as number[];
  return code !== null && code > ExitCode.DRIFT && known.includes(code)
    ? (code as ExitCodeValue)
    : ExitCode.INTERNAL;
}

function interrupted(epochId: string | null): ObsError {
  return new ObsError(
    "INTERRUPTED",
    epochId === null
      ? "interrupted before a benchmark epoch was committed; nothing was locked"
      : `interrupted: the partial benchmark was committed as epoch ${epochId}; nothing was locked`,
    {
      hint: "run the lock again to benchmark every model in scope",
      exitCode: ExitCode.INTERRUPTED,
    },
  );
}
