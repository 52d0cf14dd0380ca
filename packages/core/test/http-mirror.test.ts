// A router reading a state through a read-only HTTPS mirror (any static host serving the state's
// files, as a CDN in front of the bucket would): it holds no credentials, refresh() costs one
// conditional GET when nothing changed, and a new commit is picked up whole.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { staticServer } from "@observatory/test-fixtures/s3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RoutingOracle } from "../src/oracle/oracle.js";
import { snapshot, tempStateDir, writer } from "./helpers.js";

let cache = "";
beforeEach(async () => {
  cache = await mkdtemp(join(tmpdir(), "obs-mirror-cache-"));
  process.env["OBS_CACHE_DIR"] = cache;
});
afterEach(async () => {
  delete process.env["OBS_CACHE_DIR"];
  await rm(cache, { recursive: true, force: true });
});

async function commit(stateDir: string, context: number) {
  const w = await writer(stateDir);
  try {
    return await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: {
        openrouter: { snapshot: snapshot("openrouter", [{ id: "a/m", context_length: context }]) },
      },
      events: [],
    });
  } finally {
    await w.close();
  }
}

describe("the oracle over a read-only HTTPS mirror", () => {
  it("opens the served epoch, refreshes with one conditional GET, and picks up a new commit", async () => {
    const stateDir = await tempStateDir();
    const first = await commit(stateDir, 1000);
    const server = await staticServer(join(stateDir, ".."));
    try {
      const oracle = await RoutingOracle.open(`${server.url}/state`);
      expect(oracle.epoch.id).toBe(first.epochId);
      expect(oracle.epoch.manifestHash).toBe(first.manifestHash);

      const before = server.requests.length;
      expect((await oracle.refresh()).changed).toBe(false);
      expect(server.requests.slice(before)).toEqual(["GET /state/current_epoch.json"]);

      const second = await commit(stateDir, 2000);
      const r = await oracle.refresh();
      expect(r.changed).toBe(true);
      expect(oracle.epoch.id).toBe(second.epochId);
      expect(r.problems).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("a mirror that serves a damaged object is refused, never read as a state", async () => {
    const stateDir = await tempStateDir();
    const first = await commit(stateDir, 1000);
    const { writeFile } = await import("node:fs/promises");
    const snap = first.manifest.providers["openrouter"]!.snapshot!;
    await writeFile(join(stateDir, "objects", `${snap}.json`), '{"tampered":true}');
    const server = await staticServer(join(stateDir, ".."));
    try {
      const err = await RoutingOracle.open(`${server.url}/state`).catch((e) => e);
      expect(err.code).toBe("STATE_UNUSABLE");
      expect(err.message).toContain(`objects/${snap}.json is unusable: hash mismatch`);
    } finally {
      await server.close();
    }
  });
});
