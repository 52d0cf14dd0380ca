// obs-history as a user sees it: one model's changes, oldest first, with relative changes, from
// a state whose early epochs retention pruned; suffixes, did-you-mean, CSV, NDJSON records that
// their schema accepts, and the exit codes.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { historyCommand, PRINTED_RECORDS } from "../src/index.js";
import {
  buildState,
  dropHistoryFromCurrent,
  gpt,
  run,
  sealEachEntry,
  tempDir,
  WEEK,
} from "./state.js";

async function week(retainEpochs = 2): Promise<{ dir: string; ids: string[] }> {
  const dir = join(await tempDir(), "state");
  const ids = await buildState(dir, WEEK, { retainEpochs });
  return { dir, ids };
}

describe("obs-history", () => {
  it("lists a model's changes oldest first, as NDJSON its schema accepts, epochs pruned or not", async () => {
    const { dir, ids } = await week(2);
    // Retention kept two epochs; the history still has all five.
    expect((await readdir(join(dir, "epochs"))).length).toBe(2);
    const r = await run("obs-history", dir, ["openai/gpt-4o"]);
    expect(r.code, r.stderr).toBe(0);
    const recs = r.records;
    for (const rec of recs)
      expect(PRINTED_RECORDS.HISTORY_CHANGE.safeParse(rec).success, JSON.stringify(rec)).toBe(true);
    const rows = recs.map((x) => [x["epoch"], x["field"], x["old"], x["new"]]);
    // Values as the provider reported them: prices stay decimal strings, context a number.
    expect(rows).toEqual([
      [ids[0], "listed", false, true],
      [ids[0], "context_length", null, 128000],
      [ids[0], "name", null, "GPT-4o"],
      [ids[0], "pricing.completion", null, "0.00001"],
      [ids[0], "pricing.prompt", null, "0.0000025"],
      [ids[2], "pricing.prompt", "0.0000025", "0.000003"],
      [ids[3], "context_length", 128000, 256000],
      [ids[4], "pricing.prompt", "0.000003", "0.0000027"],
    ]);
    // Exactly the contract's fields, in its order.
    expect(recs[5]).toEqual({
      type: "HISTORY_CHANGE",
      version: 1,
      model: "openai/gpt-4o",
      epoch: ids[2],
      at: "2026-11-03T06:00:00.000Z",
      field: "pricing.prompt",
      old: "0.0000025",
      new: "0.000003",
    });
    expect(Object.keys(recs[5]!)).toEqual([
      "type",
      "version",
      "model",
      "epoch",
      "at",
      "field",
      "old",
      "new",
    ]);
  });

  it("on a terminal: a table with when, field, old -> new and the relative change", async () => {
    const { dir, ids } = await week();
    const out = await historyCommand(
      { stateDir: dir, model: "gpt-4o", field: "pricing.prompt" },
      { stdoutIsTTY: true, now: new Date("2026-11-06T00:00:00Z") },
    );
    expect(out.exitCode).toBe(0);
    const text = out.stdout ?? "";
    expect(text).toContain("openai/gpt-4o: 3 changes");
    const line = text.split("\n").find((l) => l.includes(ids[2]!))!;
    expect(line).toContain("2026-11-03 06:00:00Z");
    expect(line).toMatch(/0\.0000025 .*0\.000003 .*\+20%/);
    expect(text.split("\n").find((l) => l.includes(ids[4]!))).toContain("-10%");
  });

  it("--field, --since and --until narrow the rows (since: after the point, until: up to it)", async () => {
    const { dir, ids } = await week();
    const fields = async (args: string[]) => {
      const r = await run("obs-history", dir, ["gpt-4o", ...args]);
      expect(r.code, r.stderr).toBe(0);
      return r.records.map((x) => `${x["epoch"] === ids[0] ? "e0" : x["epoch"]}:${x["field"]}`);
    };
    expect(await fields(["--field", "pricing", "--since", ids[0]!])).toEqual([
      `${ids[2]}:pricing.prompt`,
      `${ids[4]}:pricing.prompt`,
    ]);
    expect(await fields(["--since", "2026-11-03T12:00", "--until", "@-1"])).toEqual([
      `${ids[3]}:context_length`,
    ]);
    // A --since before the history began is the whole history.
    expect(await fields(["--field", "context_length", "--since", "2020-01-01"])).toEqual([
      "e0:context_length",
      `${ids[3]}:context_length`,
    ]);
  });

  it("--csv: a header and one row per change", async () => {
    const { dir, ids } = await week();
    const r = await run("obs-history", dir, ["gpt-4o", "--field", "pricing.prompt", "--csv"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("epoch,at,model,field,old,new,relative");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(
      new RegExp(
        `^${ids[2]},2026-11-03T06:00:00.000Z,openai/gpt-4o,pricing.prompt,0.0000025,0.000003,0.2$`,
      ),
    );
    expect(lines[1]).toBe(
      `${ids[0]},2026-11-01T06:00:00.000Z,openai/gpt-4o,pricing.prompt,,0.0000025,`,
    );
  });

  it("an ambiguous suffix lists the candidates (exit 2); an unknown model gets did-you-mean (exit 6)", async () => {
    const dir = join(await tempDir(), "state");
    await buildState(dir, [
      {
        at: "2026-11-01T00:00:00Z",
        providers: { openai: [gpt("1")], openrouter: [{ id: "openai/gpt-4o" }] },
      },
    ]);
    const amb = await run("obs-history", dir, ["gpt-4o"]);
    expect(amb.code).toBe(2);
    expect(amb.stderr).toContain("openai/gpt-4o, openrouter/openai/gpt-4o");
    const typo = await run("obs-history", dir, ["openai/gpt-4x"]);
    expect(typo.code).toBe(6);
    expect(typo.stderr).toMatch(/no model "openai\/gpt-4x"/);
    expect(typo.stderr).toMatch(/did you mean openai\/gpt-4o/);
    // "4o" is not a suffix after a "/": not found, not a silent pick.
    expect((await run("obs-history", dir, ["4o"])).code).toBe(6);
  });

  it("a model id with an escape sequence is shown escaped in the table, exact in NDJSON", async () => {
    const { dir } = await week();
    const out = await historyCommand(
      { stateDir: dir, model: "mistral/evil\u001b[31m-red" },
      { stdoutIsTTY: true, now: new Date() },
    );
    expect(out.stdout).not.toContain("\u001b[31m");
    expect(out.stdout).toContain("evil\\x1b[31m-red");
    const r = await run("obs-history", dir, ["evil\u001b[31m-red"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.records[0]!["model"]).toBe("mistral/evil\u001b[31m-red");
  });

  it("from sealed segments: the same rows, every epoch counted, and a damaged segment named whether the model is in it or not", async () => {
    const { dir, ids } = await week();
    const rows = async (model: string) => {
      const r = await run("obs-history", dir, [model]);
      expect(r.code, r.stderr).toBe(0);
      return { stderr: r.stderr, epochs: r.records.map((x) => x["epoch"]) };
    };
    const before = await rows("openai/gpt-4o");
    const segments = await sealEachEntry(dir);
    expect(segments).toHaveLength(ids.length - 1);
    expect(await rows("openai/gpt-4o")).toEqual(before);
    // The exact name and a suffix (which reads every name) agree.
    expect(await rows("gpt-4o")).toEqual(before);
    const none = await historyCommand(
      { stateDir: dir, model: "openai/gpt-4o", field: "max_output_tokens" },
      { stdoutIsTTY: true, now: new Date() },
    );
    expect(none.stdout).toBe("openai/gpt-4o: no changes in 5 epochs of history\n");

    // The epoch with gpt-4o's first price change, then one that changed nothing at all.
    for (const [i, missing] of [
      [2, [ids[2]]],
      [1, []],
    ] as const) {
      const path = join(dir, "history", `${segments[i]}.json`);
      const good = await readFile(path, "utf8");
      await writeFile(path, good.replace("2026", "2027"));
      const damaged = await rows("openai/gpt-4o");
      expect(damaged.stderr).toContain(`history/${segments[i]}.json`);
      expect(damaged.stderr).toMatch(
        /warning: part of the model history is missing.*hash mismatch/,
      );
      expect(damaged.epochs).toEqual(before.epochs.filter((e) => !missing.includes(e as never)));
      await writeFile(path, good);
    }
  });

  it("a state written before the history existed: says so, exit 0, nothing to show", async () => {
    const dir = join(await tempDir(), "state");
    await buildState(dir, WEEK.slice(0, 1));
    await dropHistoryFromCurrent(dir);
    const r = await run("obs-history", dir, ["gpt-4o"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/no model history yet/);
    expect(r.stderr).toMatch(/next obs-poll starts it/);
  });

  it("usage errors exit 2; no state exits 2; bad points say which forms work", async () => {
    const { dir } = await week();
    const bad = await run("obs-history", dir, ["gpt-4o", "--since", "last tuesday"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/@-N/);
    const both = await run("obs-history", dir, ["gpt-4o", "--csv", "--json"]);
    expect(both.code).toBe(2);
    const gone = await run("obs-history", dir, ["gpt-4o", "--until", "20200101T000000.000Z-0000"]);
    expect(gone.code).toBe(6);
    const none = await run("obs-history", join(dir, "..", "nope"), ["gpt-4o"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no state/);
  });
});
