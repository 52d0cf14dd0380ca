// JSON is a contract: every line any bin prints on stdout in JSON mode is a record with `type`
// and `version` that its published schema (docs/schemas/records/) accepts. The bins are run the
// way scripts run them, on one world, through every command that prints records.
import { copyV1Tree } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import type { Bin } from "../../src/_support/bins.js";
import { printedRecords } from "../../src/_support/printed-records.js";
import { world } from "../../src/_support/world.js";

const MODEL = "openai/gpt-4o";

/** Commands in the order they run (later ones need the state earlier ones made). */
const COMMANDS: Array<[Bin, ...string[]]> = [
  ["obs-poll", "--json", "--list-providers"],
  ["obs-poll", "--json", "--no-canary"],
  ["obs-poll", "--json", "--benchmark", "--models", MODEL],
  ["obs-bench", "--json", "--models", MODEL],
  ["obs-lock", "--json", "paper", "--models", MODEL],
  ["obs-lock", "--json", "--list"],
  ["obs-lock", "--json", "--show", "paper"],
  ["obs-lock", "export", "paper", "--json"],
  ["obs-check", "--json", "--all"],
  ["obs-oracle", "--json"],
  ["obs-oracle", "route", "--json"],
  ["obs-oracle", "list", "--json"],
  ["obs-oracle", "status", MODEL, "--json"],
  ["obs-oracle", "healthy", MODEL, "--json"],
  ["obs-oracle", "policy", "--json"],
  ["obs-dash", "--json"],
  ["obs-history", "--json", MODEL],
  ["obs-diff", "--json", "@-2"],
  ["obs-events", "--json"],
];

describe("printed records", () => {
  it("every line every bin prints is a typed, versioned record its schema accepts", {
    timeout: 240_000,
  }, async () => {
    const schemas = printedRecords();
    const w = await world({ scenario: { seed: 7 }, providers: ["openai", "mistral"] });
    const seen = new Set<string>();
    const check = (what: string, stdout: string) => {
      const lines = stdout.split("\n").filter((l) => l.trim() !== "");
      expect(lines.length, `${what} printed no record`).toBeGreaterThan(0);
      for (const line of lines) {
        const record = JSON.parse(line) as { type?: unknown; version?: unknown };
        expect(typeof record.type, `${what}: ${line.slice(0, 200)}`).toBe("string");
        expect(Number.isInteger(record.version), `${what}: ${line.slice(0, 200)}`).toBe(true);
        const known = schemas.get(record.type as string);
        expect(known, `${what}: no published schema for ${String(record.type)}`).toBeDefined();
        const parsed = known!.schema.safeParse(record);
        expect(parsed.success, `${what}: ${line.slice(0, 300)}\n${parsed.error?.message}`).toBe(
          true,
        );
        seen.add(record.type as string);
      }
    };
    for (const [bin, ...args] of COMMANDS) {
      const r = await w.run(bin, args);
      const what = `${bin} ${args.join(" ")}`;
      expect([0, 1], `${what}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
      check(what, r.stdout);
    }
    const migrated = `${w.root}/v1`;
    await copyV1Tree("fleet", migrated);
    for (const args of [["--dry-run", "--json"], ["--json"]]) {
      const r = await w.runIn(migrated, "obs-migrate", args);
      // 1: the fleet fixture holds a corrupt snapshot, quarantined (or, dry, to be).
      expect(r.code, r.stderr).toBe(1);
      check(`obs-migrate ${args.join(" ")}`, r.stdout);
    }
    // The run covered the records users script against most.
    for (const type of [
      "RUN",
      "EPOCH_COMMITTED",
      "LOCK_CHECK",
      "PROVENANCE",
      "ORACLE_ROUTE",
      "HISTORY_CHANGE",
      "DIFF_ENTRY",
      "DIFF_SUMMARY",
    ])
      expect([...seen]).toContain(type);
  });
});
