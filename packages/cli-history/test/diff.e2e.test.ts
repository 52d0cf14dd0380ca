// obs-diff as a user sees it: added, removed and changed models between two points, epochs
// retention pruned included, filtered by provider and field, as a table or NDJSON records.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffCommand } from "../src/diff/execute.js";
import { PRINTED_RECORDS } from "../src/index.js";
import { buildState, dropHistoryFromCurrent, run, tempDir, WEEK } from "./state.js";

const NOW = new Date("2026-11-06T00:00:00Z");

async function week(): Promise<{ dir: string; ids: string[] }> {
  const dir = join(await tempDir(), "state");
  // Retention keeps two epochs: the first three are answered from the history alone.
  const ids = await buildState(dir, WEEK, { retainEpochs: 2 });
  return { dir, ids };
}

function validate(records: Array<Record<string, unknown>>): void {
  for (const rec of records) {
    const schema = PRINTED_RECORDS[rec["type"] as keyof typeof PRINTED_RECORDS];
    expect(schema, String(rec["type"])).toBeDefined();
    expect(schema.safeParse(rec).success, JSON.stringify(rec)).toBe(true);
  }
}

describe("obs-diff", () => {
  it("from a pruned epoch to now: added, removed and changed models, field by field", async () => {
    const { dir, ids } = await week();
    const r = await run("obs-diff", dir, [ids[0]!]);
    expect(r.code, r.stderr).toBe(0);
    validate(r.records);
    // One entry per model, sorted by model, then the summary; prices as reported.
    expect(r.records).toEqual([
      {
        type: "DIFF_ENTRY",
        version: 1,
        model: "mistral/evil\u001b[31m-red",
        change: "added",
        changes: [{ field: "context_length", old: null, new: 32000 }],
      },
      {
        type: "DIFF_ENTRY",
        version: 1,
        model: "openai/gpt-4o",
        change: "changed",
        changes: [
          { field: "context_length", old: 128000, new: 256000 },
          { field: "pricing.prompt", old: "0.0000025", new: "0.0000027" },
        ],
      },
      { type: "DIFF_ENTRY", version: 1, model: "openai/o1", change: "removed", changes: [] },
      expect.objectContaining({ type: "DIFF_SUMMARY" }),
    ]);
    expect(r.records[3]).toEqual({
      type: "DIFF_SUMMARY",
      version: 1,
      from: ids[0],
      to: ids[4],
      from_at: "2026-11-01T06:00:00.000Z",
      to_at: "2026-11-05T06:00:00.000Z",
      added: 1,
      removed: 1,
      changed: 1,
    });
  });

  it("two points as dates, @-N or ago; --provider and --field filter", async () => {
    const { dir, ids } = await week();
    const types = async (args: string[]) => {
      const r = await run("obs-diff", dir, args);
      expect(r.code, r.stderr).toBe(0);
      return r.records.map((x) => {
        const fields = ((x["changes"] ?? []) as Array<{ field: string }>).map((c) => c.field);
        return `${x["type"]}:${x["change"] ?? ""}:${x["model"] ?? ""}:${fields.join(",")}`;
      });
    };
    expect(await types(["2026-11-02", "2026-11-03T07:00Z"])).toEqual([
      "DIFF_ENTRY:changed:openai/gpt-4o:pricing.prompt",
      "DIFF_SUMMARY:::",
    ]);
    expect(await types(["@-4", "@-1", "--provider", "openai", "--field", "pricing"])).toEqual([
      "DIFF_ENTRY:changed:openai/gpt-4o:pricing.prompt",
      "DIFF_ENTRY:removed:openai/o1:",
      "DIFF_SUMMARY:::",
    ]);
    // An added model keeps the fields --field names, from null.
    expect(await types(["@-2", "@-1", "--field", "context_length"])).toEqual([
      "DIFF_ENTRY:added:mistral/evil\u001b[31m-red:context_length",
      "DIFF_ENTRY:changed:openai/gpt-4o:context_length",
      "DIFF_ENTRY:removed:openai/o1:",
      "DIFF_SUMMARY:::",
    ]);
    const same = await run("obs-diff", dir, [ids[4]!, "now"]);
    expect(same.records).toEqual([expect.objectContaining({ type: "DIFF_SUMMARY", changed: 0 })]);
  });

  it("on a terminal: a table, provider strings escaped", async () => {
    const { dir, ids } = await week();
    const out = await diffCommand(
      { stateDir: dir, from: ids[0]! },
      { stdoutIsTTY: true, now: NOW },
    );
    const text = out.stdout ?? "";
    expect(text).toMatch(/1 model added, 1 removed, 2 fields changed/);
    expect(text).not.toContain("\u001b[31m");
    expect(text).toContain("mistral/evil\\x1b[31m-red");
    expect(text.split("\n").find((l) => l.includes("pricing.prompt"))).toContain("+8%");
    expect(
      text.split("\n").find((l) => l.startsWith("│ changed") && l.includes("context_length")),
    ).toContain("+100%");
  });

  it("a point before the history, or not in it, is not found (6); a bad one is usage (2)", async () => {
    const { dir } = await week();
    const before = await run("obs-diff", dir, ["2026-10-01"]);
    expect(before.code).toBe(6);
    expect(before.stderr).toMatch(/before the history begins/);
    expect((await run("obs-diff", dir, ["@-9"])).code).toBe(6);
    expect((await run("obs-diff", dir, ["yesterday"])).code).toBe(2);
    expect((await run("obs-diff", dir, [])).code).toBe(2);
  });

  it("no history yet: says so and exits 0", async () => {
    const dir = join(await tempDir(), "state");
    await buildState(dir, WEEK.slice(0, 1));
    await dropHistoryFromCurrent(dir);
    const r = await run("obs-diff", dir, ["@-1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/no model history yet[\s\S]*next obs-poll/);
  });
});
