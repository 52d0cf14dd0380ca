// migrate -> obs-poll against the loopback fixture server: the first v2 poll rebaselines with
// exactly one MIGRATION_REBASELINE and no METADATA_CHANGED flood, while real additions and
// removals (against the v1 snapshots) still show; the second poll is quiet.
import { join } from "node:path";
import { RegistrySchema, readCurrentEpoch } from "@observatory/core";
import {
  defaultSource,
  entryId,
  type FixtureProvider,
  FLEET_PROVIDERS,
  loadRecorded,
  startFixtureServer,
  v1TreeDir,
} from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { migrate, ofType, onCleanup, POLL_BIN, readJson, run, tempState } from "./harness.js";

async function pollEnv(): Promise<Record<string, string>> {
  const server = await startFixtureServer({ scenario: { seed: 7 } });
  onCleanup(() => server.close());
  const env: Record<string, string> = { OBS_OLLAMA_BASE_URL: "http://127.0.0.1:9" };
  for (const [k, v] of Object.entries(server.env())) {
    const p = k
      .replace(/^OBS_/, "")
      .replace(/_(BASE_URL|API_KEY)$/, "")
      .toLowerCase();
    if ((FLEET_PROVIDERS as readonly string[]).includes(p)) env[k] = v;
  }
  return env;
}

/** What the poll must find, computed from the v1 snapshots and the listings the server serves. */
async function expected() {
  const added: string[] = [];
  const removed: string[] = [];
  let listed = 0;
  for (const p of FLEET_PROVIDERS) {
    const v1 = await readJson<{ models: Record<string, string> }>(
      join(v1TreeDir("fleet"), `${p}_snapshot_latest.json`),
    );
    const doc = loadRecorded<Record<string, unknown>>(defaultSource(p as FixtureProvider));
    const list = (doc["data"] ?? doc["models"]) as Array<Record<string, unknown>>;
    const now = new Set(list.map((e) => entryId(p as FixtureProvider, e)));
    const before = new Set(Object.keys(v1.models));
    listed += now.size;
    for (const id of now) if (!before.has(id)) added.push(`${p}/${id}`);
    for (const id of before) if (!now.has(id)) removed.push(`${p}/${id}`);
  }
  return { added: added.sort(), removed: removed.sort(), listed };
}

const keys = (records: Array<Record<string, unknown>>) =>
  records.map((e) => `${e["provider"]}/${e["model_id"]}`).sort();

describe("migrate -> obs-poll", () => {
  it("obs-poll refuses the v1 directory until it is migrated", async () => {
    const { stateDir } = await tempState("fleet");
    const r = await run(POLL_BIN, ["--state-dir", stateDir, "--json"], await pollEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("obs-migrate");
  });

  it("one MIGRATION_REBASELINE, no METADATA_CHANGED, real additions and removals", async () => {
    const { stateDir } = await tempState("fleet");
    expect((await migrate(stateDir)).code).toBe(1);
    const env = await pollEnv();
    const want = await expected();
    // Sanity: the fixture tree really differs from today's listings in both directions.
    expect(want.added).toContain("openai/gpt-5-mini");
    expect(want.removed).toContain("openai/gpt-4-0613");

    const first = await run(POLL_BIN, ["--state-dir", stateDir, "--json"], env);
    expect(first.code).toBe(0);
    // Events only: obs-poll's NDJSON also holds its EPOCH_COMMITTED and closing RUN records.
    const events = first.records.filter((r) => "v" in r);
    const rebaseline = ofType(events, "MIGRATION_REBASELINE");
    expect(rebaseline).toHaveLength(1);
    expect(rebaseline[0]).toMatchObject({
      count: want.listed,
      from_scheme: "v1-raw",
      to_scheme: "semantic-v1",
    });
    expect(ofType(events, "METADATA_CHANGED")).toHaveLength(0);
    expect(keys(ofType(events, "MODEL_ADDED"))).toEqual(want.added);
    expect(keys(ofType(events, "MODEL_REMOVED"))).toEqual(want.removed);
    // Canaries are capped per provider per poll (20 by default); the rest are owed to later polls.
    const canaried = keys(ofType(events, "CANARY_RESULT"));
    const perProvider = (list: string[]) => {
      const n = new Map<string, number>();
      for (const k of list) n.set(k.split("/")[0]!, (n.get(k.split("/")[0]!) ?? 0) + 1);
      return n;
    };
    expect(want.added).toEqual(expect.arrayContaining(canaried));
    for (const [provider, added] of perProvider(want.added))
      expect(perProvider(canaried).get(provider), provider).toBe(Math.min(added, 20));
    const counts: Record<string, number> = {};
    for (const e of events) counts[e["type"] as string] = (counts[e["type"] as string] ?? 0) + 1;
    // The figures for the report: printed so a run shows them.
    console.info(`first poll after migration: ${JSON.stringify(counts)} (listed ${want.listed})`);
    expect(Object.keys(counts).sort()).toEqual([
      "CANARY_RESULT",
      "MIGRATION_REBASELINE",
      "MODEL_ADDED",
      "MODEL_REMOVED",
    ]);

    // The canary history v1 measured is still there, extended rather than replaced.
    const epoch = (await readCurrentEpoch(stateDir)).epoch!;
    const registry = RegistrySchema.parse(epoch.registry);
    expect(registry.models["openai/gpt-4o"]!.history).toHaveLength(5);
    expect(registry.models["openai/gpt-4-0613"]).toMatchObject({
      present: false,
      removed_in: epoch.epochId,
    });

    const second = await run(POLL_BIN, ["--state-dir", stateDir, "--json"], env);
    expect(second.code).toBe(0);
    // Nothing changed: the second poll only runs canaries the first one owed (the next 20).
    const quiet = second.records.filter((r) => "v" in r);
    const owed = want.added.filter((k) => !canaried.includes(k));
    expect(quiet.every((r) => r["type"] === "CANARY_RESULT")).toBe(true);
    expect(owed).toEqual(expect.arrayContaining(keys(quiet)));
    expect(quiet.length).toBe(Math.min(owed.length, 20));
  });

  it("the first v2 benchmark sets baselines for NEEDS_REBASELINE pairs without drift", async () => {
    const { stateDir } = await tempState("fleet");
    await migrate(stateDir);
    const env = await pollEnv();
    const r = await run(
      POLL_BIN,
      [
        "--state-dir",
        stateDir,
        "--json",
        "--no-canary",
        "--benchmark",
        "--models",
        "openai/gpt-4o",
      ],
      env,
    );
    expect(r.code).toBe(0);
    expect(ofType(r.records, "BEHAVIOR_DRIFT")).toEqual([]);
    const results = ofType(r.records, "BENCHMARK_RESULT");
    expect(results).toHaveLength(6);
    expect(results.every((x) => x["verdict"] === "BASELINE")).toBe(true);
  });
});
