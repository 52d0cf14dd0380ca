// JSON is a contract (issue #16 item 7): every record obs-lock and obs-check print carries `type`
// and `version` and parses with its schema in PRINTED_RECORDS (events with core's EventSchema,
// `version` equal to their `v`). `obs-lock export --json` prints the PROVENANCE record; it printed
// Markdown before.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EpochCommittedRecordSchema, EventSchema, RunRecordSchema } from "@observatory/core";
import { hostileModel } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { PRINTED_RECORDS } from "../src/index.js";
import { type BinResult, harness } from "./harness.js";

const GPT = "openai/gpt-4o";
/** Ours, and the benchmark run's that --benchmark-before-lock passes on. */
const SCHEMAS = {
  ...PRINTED_RECORDS,
  EPOCH_COMMITTED: EpochCommittedRecordSchema,
  RUN: RunRecordSchema,
} as const;

/** Every stdout line is a record with a type and a version, valid against its schema. */
function expectContract(r: BinResult, label: string): string[] {
  const lines = r.stdout.split("\n").filter((l) => l !== "");
  expect(r.records.length, `${label}: every stdout line is a record\n${r.stdout}`).toBe(
    lines.length,
  );
  for (const rec of r.records) {
    const type = rec["type"];
    expect(typeof type, label).toBe("string");
    expect(Number.isInteger(rec["version"]), `${label}: ${String(type)} has a version`).toBe(true);
    const schema = SCHEMAS[type as keyof typeof SCHEMAS];
    if (schema) {
      const parsed = schema.safeParse(rec);
      expect(parsed.success, `${label}: ${String(type)}: ${parsed.error?.message}`).toBe(true);
    } else {
      // An event: the stored event plus the version of its format.
      expect(EventSchema.safeParse(rec).success, `${label}: ${String(type)} is an event`).toBe(
        true,
      );
      expect(rec["version"], label).toBe(rec["v"]);
    }
  }
  return r.records.map((x) => String(x["type"]));
}

describe("printed records", () => {
  it("every record of every command parses with its schema", async () => {
    const h = await harness(
      {
        seed: 2,
        catalogs: { openai: { add: [{ fromPoll: 2, models: [hostileModel("gpt-new-1")] }] } },
      },
      ["openai"],
    );
    await h.poll(GPT);
    const created = await h.run("obs-lock", ["exp", "--providers", "openai"]);
    expect(created.code, created.stderr).toBe(0);
    expect(expectContract(created, "obs-lock exp")).toEqual(["LOCK_CREATED"]);
    // A v1 lockfile and a broken one beside it: --list reports all three kinds.
    const locks = join(h.stateDir, "locks");
    await mkdir(locks, { recursive: true });
    await writeFile(
      join(locks, "old.lock.json"),
      JSON.stringify({
        created_at: "2025-01-01T00:00:00Z",
        provider_registry_hash: "a".repeat(64),
        model_ids_hash: "b".repeat(64),
      }),
    );
    await writeFile(join(locks, "broken.lock.json"), "{");
    await h.poll(GPT);

    const list = await h.run("obs-lock", ["--list"]);
    expect(expectContract(list, "--list")).toEqual(["LOCK", "LOCK", "LOCK"]);
    expect(list.records.map((x) => x["format"])).toEqual(["invalid", "observatory.lock/2", "v1"]);
    for (const name of ["exp", "old"]) {
      const shown = await h.run("obs-lock", ["--show", name]);
      expect(expectContract(shown, `--show ${name}`)).toEqual(["LOCK_FILE"]);
    }

    const check = await h.run("obs-check", ["exp", "old"]);
    expect(check.code).toBe(1);
    const types = expectContract(check, "obs-check");
    expect(types).toContain("EXPERIMENT_DRIFT");
    expect(types.filter((t) => t === "LOCK_CHECK")).toHaveLength(2);

    for (const args of [["--json"], ["--format", "json"]]) {
      const exported = await h.run("obs-lock", ["export", "exp", ...args]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(expectContract(exported, `export ${args.join(" ")}`)).toEqual(["PROVENANCE"]);
      expect(exported.records[0]).toMatchObject({
        lock: { name: "exp" },
        current: { status: "VIOLATED" },
      });
    }
    // Markdown stays the default.
    const md = await h.run("obs-lock", ["export", "exp"]);
    expect(md.stdout).toMatch(/^## Provenance: experiment lock `exp`/);
  });

  it("--benchmark-before-lock: the benchmark's records and the lock's, all with type and version", async () => {
    const h = await harness({ seed: 2 }, ["openai"]);
    await h.run("obs-poll", ["--no-canary"]);
    const r = await h.run("obs-lock", ["exp", "--benchmark-before-lock", "--models", GPT]);
    expect(r.code, r.stderr).toBe(0);
    const types = expectContract(r, "--benchmark-before-lock");
    expect(types.at(-1)).toBe("LOCK_CREATED");
    expect(types).toContain("EPOCH_COMMITTED");
  });
});
