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
  return startCommand(process.execPath, [binPath(bin), ...args], options);
}

export function startCommand(cmd: string, args: string[], options: SpawnOptions = {}): Running {
  const child = spawn(cmd, args, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...options.env },
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

/** The epoch a run acknowledged as committed: its last record, when that is EPOCH_COMMITTED. */
export function ackedEpoch(r: BinResult): { epochId: string; manifestHash: string } | null {
  const last = r.records.at(-1);
  if (last?.["type"] !== "EPOCH_COMMITTED") return null;
  return { epochId: String(last["epoch_id"]), manifestHash: String(last["manifest_hash"]) };
}
