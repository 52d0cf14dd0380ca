// End-to-end harness: the loopback scenario server in this process, the built bins as children.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type BinResult,
  type FixtureServer,
  fixtureEnv,
  runNodeScript,
  type ScenarioSpec,
  startFixtureServer,
} from "@observatory/test-fixtures";
import { afterEach } from "vitest";
import { PRINTED_RECORDS } from "../src/records.js";

export type { BinResult };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export interface Harness {
  server: FixtureServer;
  stateDir: string;
  env: Record<string, string>;
  run(
    bin: "obs-poll" | "obs-bench",
    args?: string[],
    extraEnv?: Record<string, string>,
  ): Promise<BinResult>;
}

export async function harness(
  scenario: ScenarioSpec,
  providers?: readonly string[],
): Promise<Harness> {
  const server = await startFixtureServer({ scenario });
  const root = await mkdtemp(join(tmpdir(), "obs-poll-e2e-"));
  cleanups.push(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });
  const stateDir = join(root, "state");
  const env = fixtureEnv(server, providers);
  return {
    server,
    stateDir,
    env,
    run: async (bin, args = [], extraEnv = {}) => {
      const r = await runNodeScript(
        fileURLToPath(new URL(`../bin/${bin}.js`, import.meta.url)),
        ["--state-dir", stateDir, ...args],
        {
          env: { ...env, ...extraEnv },
          cwd: root,
        },
      );
      checkContract(r, args);
      return r;
    },
  };
}

/**
 * Every run's real output against the printed-record contract: each record parses with its
 * schema in PRINTED_RECORDS (type and version included), and a run's stdout ends with exactly
 * one RUN record whose exit code is the process's. A record that drifts fails every test.
 */
export function checkContract(r: BinResult, args: readonly string[]): void {
  // Help and version text is for people: no records.
  if (args.some((a) => ["--help", "-h", "help", "--version"].includes(a))) return;
  const lines = r.stdout.split("\n").filter((l) => l !== "");
  if (lines.length !== r.records.length)
    throw new Error(`stdout has lines that are not JSON records:\n${r.stdout}`);
  for (const record of r.records) {
    const type = String(record["type"]);
    const schema = (
      PRINTED_RECORDS as Record<
        string,
        { safeParse(v: unknown): { success: boolean; error?: unknown } }
      >
    )[type];
    if (!schema) throw new Error(`printed record of unknown type ${type}`);
    const parsed = schema.safeParse(record);
    if (!parsed.success)
      throw new Error(`${type} record does not match its schema: ${String(parsed.error)}`);
  }
  if (args.includes("--list-providers") || r.records.length === 0) return;
  const runs = r.records.filter((x) => x["type"] === "RUN");
  if (runs.length !== 1 || r.records.at(-1)?.["type"] !== "RUN")
    throw new Error(`stdout must end with exactly one RUN record:\n${r.stdout}`);
  if (runs[0]!["exit_code"] !== r.code)
    throw new Error(`RUN says exit ${String(runs[0]!["exit_code"])}, the process exited ${r.code}`);
}

/** The run's RUN record (always the last one). */
export function runOf(r: BinResult): Record<string, unknown> {
  const last = r.records.at(-1);
  if (last?.["type"] !== "RUN") throw new Error("no RUN record");
  return last;
}

/** The run's EPOCH_COMMITTED record (just before the RUN record). */
export function committedOf(r: BinResult): Record<string, unknown> | undefined {
  return r.records.find((x) => x["type"] === "EPOCH_COMMITTED");
}

export function ofType(r: BinResult, type: string): Array<Record<string, unknown>> {
  return r.records.filter((x) => x["type"] === type);
}
