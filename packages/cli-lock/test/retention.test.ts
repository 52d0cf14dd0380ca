// A locked epoch outlives retention: the writer keeps the newest N epochs and every locked one,
// so a check a month later still compares with the locked epoch itself, field by field.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type BenchmarkStore,
  DEFAULT_DETECTOR_PARAMS,
  initialDetectorState,
  listManifestIds,
  loadEpoch,
  openStateWriter,
} from "@observatory/core";
import { afterEach, expect, it } from "vitest";
import { createLock, runCheck } from "../src/index.js";

let root = "";
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const SINCE = "20200101T000000.000Z-0000";

/** gpt-4o answers its baseline in every epoch (a baseline set long ago). */
function storeObservedIn(epochId: string): BenchmarkStore {
  const state = { ...initialDetectorState(), status: "ACTIVE" as const, baseline: "ok" };
  const e = {
    state,
    observed_in: epochId,
    last_verdict: "MATCH" as const,
    baseline_since: SINCE,
    drift: null,
  };
  return {
    schema: "observatory.benchmarks/1",
    params: DEFAULT_DETECTOR_PARAMS,
    models: { "openai/gpt-4o": { echo: e } },
  };
}

async function commitEpochs(stateDir: string, n: number): Promise<string[]> {
  const opened = await openStateWriter(stateDir, { tool: "test", version: "0", retainEpochs: 2 });
  if (!opened.ok) throw new Error("locked");
  const ids: string[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const id = await opened.writer.reserveEpochId();
      await opened.writer.commit({
        fingerprintScheme: "semantic-v1",
        providers: {
          openai: {
            snapshot: {
              schema: "observatory.snapshot/1",
              provider: "openai",
              fingerprint_scheme: "semantic-v1",
              models: [{ id: "gpt-4o", context_length: 128000 }],
            },
          },
        },
        benchmarks: storeObservedIn(id),
        events: [],
      });
      ids.push(id);
    }
  } finally {
    await opened.writer.close();
  }
  return ids;
}

it("retention never prunes a locked epoch", async () => {
  root = await mkdtemp(join(tmpdir(), "obs-lock-retention-"));
  const stateDir = join(root, "state");
  const [first] = await commitEpochs(stateDir, 2);
  const created = await createLock({ stateDir, name: "exp", models: ["openai/gpt-4o"] });
  const lockedId = created.lock.epoch_id;
  expect(lockedId).not.toBe(first);
  await commitEpochs(stateDir, 5);

  const kept = await listManifestIds(stateDir);
  expect(kept).toHaveLength(3); // the newest two and the locked one
  expect(kept).toContain(lockedId);
  expect(kept).not.toContain(first);
  expect((await loadEpoch(stateDir, lockedId, created.lock.manifest_hash)).ok).toBe(true);

  const report = await runCheck({ stateDir, names: ["exp"], all: false, report: false });
  expect(report.checks[0]).toMatchObject({
    status: "CLEAN",
    structure: { basis: "locked_epoch", status: "UNCHANGED" },
    counts: { MATCH: 1 },
  });
});
