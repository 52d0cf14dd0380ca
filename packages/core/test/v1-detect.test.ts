import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectV1 } from "../src/state/v1-detect.js";
import { snapshot, tempStateDir, writer } from "./helpers.js";

describe("v1 detection", () => {
  it("finds v1 artifacts without a v2 pointer, including beside the v1 seed's own pointer", async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    expect(await detectV1(dir)).toEqual([]);
    await writeFile(join(dir, "openai_snapshot_latest.json"), "{}");
    await writeFile(join(dir, "benchmark_hashes.json"), "{}");
    expect(await detectV1(dir)).toEqual(["benchmark_hashes.json", "openai_snapshot_latest.json"]);
    await writeFile(
      join(dir, "current_epoch.json"),
      JSON.stringify({ epoch: "2026-02-27T00:00:00Z", manifest: "x" }),
    );
    expect(await detectV1(dir)).toEqual(["benchmark_hashes.json", "openai_snapshot_latest.json"]);
  });

  it("a v2 directory is not v1, and an unfinished migration keeps v2 tools off", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: { p: { snapshot: snapshot("p", [{ id: "a" }]) } },
      events: [],
    });
    await w.close();
    expect(await detectV1(dir)).toEqual([]);
    await writeFile(join(dir, "migrate-v1.journal.json"), JSON.stringify({ phase: "backed_up" }));
    expect(await detectV1(dir)).toEqual(["migrate-v1.journal.json (migration not finished)"]);
    await writeFile(join(dir, "migrate-v1.journal.json"), JSON.stringify({ phase: "complete" }));
    expect(await detectV1(dir)).toEqual([]);
  });
});
