// Running a bin as a user would (node <bin>.js, only PATH, NO_COLOR and the test's env), either
// to completion or as a child the test can kill, and judging how it ended.
import { type ChildProcess, spawn } from "node:child_process";
import { type BinResult, ndjsonRecords } from "@observatory/test-fixtures";
import { type Bin, binPath } from "./bins.js";

export interface Ended extends BinResult {
  signal: NodeJS.Signals | null;
}

export interface Running {
  child: ChildProcess;
  /** Resolves once the process has exited and its output is closed. */
  ended: Promise<Ended>;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Text piped to stdin; stdin is /dev/null otherwise. */
  stdin?: string;
}

export function start(bin: Bin, args: string[], options: SpawnOptions = {}): Running {
  // obs-lock --benchmark-before-lock runs obs-bench as a child; name the built one, as the
  // umbrella bin does (a test may still override it).
  const env = { OBS_BENCH_COMMAND: binPath("obs-bench"), ...options.env };
  return startCommand(process.execPath, [binPath(bin), ...args], { ...options, env });
}

export function startCommand(cmd: string, args: string[], options: SpawnOptions = {}): Running {
  const child = spawn(cmd, args, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    // No user config file (~/.config/observatory/) reaches a test unless it sets XDG_CONFIG_HOME.
    env: {
      PATH: process.env["PATH"] ?? "",
      NO_COLOR: "1",
      XDG_CONFIG_HOME: "/nonexistent/observatory-tests",
      ...options.env,
    },
    stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const ended = new Promise<Ended>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({ code, signal, stdout, stderr, records: ndjsonRecords(stdout) }),
    );
  });
  return { child, ended };
}

export function run(bin: Bin, args: string[], options: SpawnOptions = {}): Promise<Ended> {
  return start(bin, args, options).ended;
}

/**
 * What would tell a user the tool crashed rather than failed cleanly: death by a signal, the
 * internal-error exit code, an "internal error" line, or a stack trace. Empty when it ended well.
 */
export function crashSigns(r: Ended): string[] {
  const signs: string[] = [];
  if (r.signal !== null) signs.push(`killed by ${r.signal}`);
  if (r.code === 70) signs.push("exit 70 (internal error)");
  if (/internal error/i.test(r.stderr)) signs.push("stderr says internal error");
  if (/^\s+at .+[(:]\d+/m.test(r.stderr)) signs.push("stderr has a stack trace");
  if (/unhandled/i.test(r.stderr)) signs.push("stderr mentions an unhandled error");
  return signs;
}

/** Records of one NDJSON type. */
export function ofType(r: BinResult, type: string): Array<Record<string, unknown>> {
  return r.records.filter((x) => x["type"] === type);
}

/**
 * The epoch a run acknowledged as committed: its last record is the RUN record, status
 * "committed", and the EPOCH_COMMITTED record just before it names the same epoch.
 */
export function ackedEpoch(r: BinResult): { epochId: string; manifestHash: string } | null {
  const run = r.records.at(-1);
  const committed = r.records.at(-2);
  if (run?.["type"] !== "RUN" || run["status"] !== "committed") return null;
  if (committed?.["type"] !== "EPOCH_COMMITTED") return null;
  if (committed["epoch_id"] !== run["epoch_id"]) return null;
  return {
    epochId: String(committed["epoch_id"]),
    manifestHash: String(committed["manifest_hash"]),
  };
}

/**
 * A run that committed nothing prints one record only: its RUN record, saying why (status) with
 * the process's exit code. Returns the status.
 */
export function nothingCommitted(r: BinResult): string {
  const lines = r.stdout.split("\n").filter((l) => l !== "");
  if (lines.length !== 1) throw new Error(`expected one RUN record, got:\n${r.stdout}`);
  const run = JSON.parse(lines[0]!) as Record<string, unknown>;
  if (run["type"] !== "RUN" || run["status"] === "committed" || run["exit_code"] !== r.code)
    throw new Error(`not a RUN record of a run that committed nothing: ${lines[0]}`);
  return String(run["status"]);
}
