// A reader refreshing in a loop while obs-poll commits, again and again, never sees a mixed
// epoch: every answer's models are exactly the models listed by that epoch's own snapshots
// (each poll changes the listing, so a registry from one epoch next to a manifest from another
// would show), and the epochs it sees only move forward.
import { loadEpoch } from "@observatory/core";
import type { ScenarioSpec } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { RoutingOracle } from "../src/index.js";
import { rig } from "./fixture.js";

const POLLS = 8;
const mistralModel = (id: string) => ({
  id,
  object: "model",
  created: 1_756_684_800,
  owned_by: "acme",
  capabilities: { completion_chat: true, function_calling: true },
  max_context_length: 32_768,
});

// From poll 2 on, every poll adds a model; from poll 4 one of the originals is gone.
const SCENARIO: ScenarioSpec = {
  seed: 11,
  catalogs: {
    mistral: {
      add: Array.from({ length: POLLS - 1 }, (_, i) => ({
        fromPoll: i + 2,
        models: [mistralModel(`acme-${i + 2}`)],
      })),
      remove: [{ fromPoll: 4, ids: ["open-mistral-nemo"] }],
    },
  },
};

describe("a reader while obs-poll commits", () => {
  it("sees only whole epochs, in order", async () => {
    const r = await rig(SCENARIO, ["mistral", "anthropic"]);
    expect((await r.poll()).code).toBe(0);
    const oracle = await RoutingOracle.open(r.stateDir);

    let polling = true;
    const writer = (async () => {
      for (let i = 2; i <= POLLS; i++) {
        r.advance();
        const p = await r.poll();
        expect(p.code, p.stderr).toBe(0);
      }
      polling = false;
    })();

    const seen: string[] = [];
    const problems: string[] = [];
    let refreshes = 0;
    while (polling || refreshes === 0) {
      await oracle.refresh();
      refreshes++;
      const answer = oracle.list();
      const id = answer.epoch.id;
      if (seen.at(-1) !== id) {
        if (seen.length > 0 && id < seen.at(-1)!)
          problems.push(`went back from ${seen.at(-1)} to ${id}`);
        seen.push(id);
        // The epoch as core's verifying reader sees it; it may be pruned by now, which is fine.
        const loaded = await loadEpoch(r.stateDir, id, answer.epoch.manifestHash);
        if (loaded.ok) {
          const listed = answer.models.map((m) => m.model.key).sort();
          const fromSnapshots = Object.entries(loaded.epoch.snapshots)
            .flatMap(([p, s]) => (s?.models ?? []).map((m) => `${p}/${m.id}`))
            .sort();
          if (JSON.stringify(listed) !== JSON.stringify(fromSnapshots))
            problems.push(`epoch ${id}: the oracle's models differ from its snapshots`);
        }
      }
      // A short sleep, not setImmediate: a reader spinning on a busy 2-core machine starved the
      // polls it was reading (the test timed out in CI with other work running).
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await writer;
    await oracle.refresh();

    expect(problems).toEqual([]);
    // The reader kept up: it saw most of the commits, not just the first and the last.
    expect(seen.length).toBeGreaterThanOrEqual(POLLS - 2);
    expect(oracle.epoch.id).toBe(seen.at(-1));
    const models = oracle.list().models.map((m) => m.model.key);
    expect(models).toContain(`mistral/acme-${POLLS}`);
    expect(models).not.toContain("mistral/open-mistral-nemo");
    expect(refreshes).toBeGreaterThan(POLLS * 10);
  });
});
