// --quiet and --verbose (issue #16 item 6): --quiet leaves only errors on stderr and the data on
// stdout unchanged (for cron: the exit code says it); --verbose adds per-lock detail: every pinned
// pair in obs-check's report, every model and baseline in obs-lock's.
import { describe, expect, it } from "vitest";
import { harness } from "./harness.js";

const MODELS = "openai/gpt-4o,openai/gpt-4o-mini";

describe("--quiet and --verbose", () => {
  it("obs-lock and obs-check: quiet says nothing but the data; verbose says more", async () => {
    const h = await harness({ seed: 5 }, ["openai"]);
    await h.poll(MODELS);

    const quietLock = await h.run("obs-lock", ["exp", "--models", MODELS, "--quiet"]);
    expect([quietLock.code, quietLock.stderr]).toEqual([0, ""]);
    expect(quietLock.records.map((x) => x["type"])).toEqual(["LOCK_CREATED"]);
    const verboseLock = await h.run("obs-lock", ["exp2", "--models", MODELS, "--verbose"]);
    const normalLock = await h.run("obs-lock", ["exp3", "--models", MODELS]);
    expect(normalLock.stderr).toContain("locked exp3 to epoch");
    expect(normalLock.stderr).not.toContain("canonical baseline");
    expect(verboseLock.stderr).toContain("locked exp2 to epoch");
    expect(verboseLock.stderr).toContain("models:    openai/gpt-4o, openai/gpt-4o-mini");
    expect(verboseLock.stderr).toMatch(/\n {2}model +probe +canonical baseline\n/);
    expect(verboseLock.stderr).toMatch(/\n {2}openai\/gpt-4o-mini +arithmetic +4\n/);

    const list = await h.run("obs-lock", ["--list"]);
    const quietList = await h.run("obs-lock", ["--list", "-q"]);
    const verboseList = await h.run("obs-lock", ["--list", "--verbose"]);
    expect(list.stderr).toMatch(/^lock +epoch/);
    expect(list.stderr).not.toContain("models:");
    expect([quietList.code, quietList.stderr]).toEqual([0, ""]);
    expect(quietList.records).toEqual(list.records);
    expect(verboseList.stderr).toContain("  models: openai/gpt-4o, openai/gpt-4o-mini");
    expect(verboseList.stderr).toContain("lock exp: created ");

    await h.poll(MODELS);
    const normal = await h.run("obs-check", ["exp"]);
    const quiet = await h.run("obs-check", ["exp", "--quiet"]);
    const verbose = await h.run("obs-check", ["exp", "--verbose"]);
    for (const r of [normal, quiet, verbose]) expect(r.code, r.stderr).toBe(0);
    expect(quiet.stderr).toBe("");
    const strip = (r: typeof normal) =>
      r.records.map((x) => ({ ...x, pairs: undefined, ts: undefined }));
    expect(strip(quiet)).toEqual(strip(normal));
    // Normal: counts per model, and rows only for pairs that are not a plain MATCH (none here).
    expect(normal.stderr).toContain("behaviour: 12 MATCH, 0 VARIANT, 0 DRIFT, 0 MISSING");
    expect(normal.stderr).not.toMatch(/\barithmetic\b/);
    // Verbose: every pinned pair, MATCH included.
    const rows = verbose.stderr
      .split("\n")
      .filter((l) => /\bMATCH\b/.test(l) && /\bopenai\//.test(l));
    expect(rows.filter((l) => /\barithmetic\b/.test(l))).toHaveLength(2);
    expect(verbose.stderr).toMatch(/probe +status +locked +now/);

    // An error still reaches stderr under --quiet.
    const missing = await h.run("obs-check", ["nope", "--quiet"]);
    expect(missing.code).toBe(6);
    expect(missing.stderr).toBe(
      "obs-check: error: no such lock: nope\nhint: obs-lock --list shows the locks in this state directory\n",
    );
  });
});
