// The fault suite's corruption sweep: a corrupt file planted in every place a state directory
// (or its config) has, one place at a time, on copies of one prepared state. Readers and
// writers never crash; the next writer quarantines and falls back, or tolerates, and commits;
// or it refuses with a clear error naming the file, and succeeds once that file is fixed, as
// corrupt-places.ts says for each place.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readCurrentEpoch, readEvents } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { copyState } from "../../src/_support/copy-state.js";
import { inLanes } from "../../src/_support/lanes.js";
import { crashSigns, nothingCommitted } from "../../src/_support/process.js";
import { receiver } from "../../src/_support/receiver.js";
import { checkState } from "../../src/_support/verify-state.js";
import { type World, world } from "../../src/_support/world.js";
import { PLACES, type Place, type Prepared, removePlanted, resolveFile } from "./corrupt-places.js";

const M = "openai/gpt-4o";
const WRITE = ["--no-canary", "--benchmark", "--models", M];

/** E1 a poll; E2 a benchmark, locked; E3 a poll with a new model, benchmarks and a webhook, so
 * each of its objects (snapshot, registry, store, cooldowns) is its own. */
async function prepare(w: World): Promise<Prepared> {
  const hook = await receiver();
  await writeFile(
    join(w.stateDir, "..", "hooks.tmpl"),
    JSON.stringify({ webhooks: [{ url: `${hook.url}/h`, min_severity: "INFO" }] }),
  );
  expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);
  await writeFile(
    join(w.stateDir, "webhooks.json"),
    await readFile(join(w.stateDir, "..", "hooks.tmpl")),
  );
  expect((await w.run("obs-bench", ["--models", M])).code).toBe(0);
  expect((await w.run("obs-lock", ["exp", "--models", M])).code).toBe(0);
  const locked = (await readCurrentEpoch(w.stateDir)).epoch!;
  w.server.scenario.advance();
  expect((await w.run("obs-poll", WRITE)).code).toBe(0);
  const current = (await readCurrentEpoch(w.stateDir)).epoch!;
  const m = current.manifest;
  const objects = {
    snapshot: m.providers["openai"]!.snapshot!,
    registry: m.registry!,
    benchmarks: m.benchmarks!,
    cooldowns: m.cooldowns!,
    history: m.history!,
  };
  const before = JSON.stringify(locked.manifest);
  for (const hash of Object.values(objects)) expect(before).not.toContain(hash);
  expect(hook.deliveries.length).toBeGreaterThan(0);
  return { locked: locked.epochId, current: current.epochId, objects };
}

async function survive(w: World, base: string, p: Prepared, place: Place): Promise<void> {
  const dir = await copyState(base);
  await place.plant(dir, p);
  const readers = place.readers ?? [
    { bin: "obs-oracle", args: ["--json"], exit: 0 },
    { bin: "obs-dash", args: ["--json"], exit: 0 },
    // The history and the event log are read past the damage too.
    { bin: "obs-history", args: ["--json", M], exit: 0 },
    { bin: "obs-diff", args: ["--json", "@-1"], exit: 0 },
    { bin: "obs-events", args: ["--json"], exit: 0 },
  ];
  for (const r of readers) {
    const out = await w.runIn(dir, r.bin, r.args);
    expect(crashSigns(out), `${r.bin}: ${out.stderr}`).toEqual([]);
    expect(out.code, `${r.bin}: ${out.stderr}`).toBe(r.exit);
    if (r.mentions) expect(out.stdout + out.stderr, r.bin).toContain(r.mentions);
  }

  const e = place.expect;
  const write = await w.runIn(dir, "obs-poll", WRITE);
  expect(crashSigns(write), write.stderr).toEqual([]);
  if (e.kind === "refused") {
    expect(write.code).toBe(e.exit);
    expect(write.stderr).toContain(e.mentions);
    expect(nothingCommitted(write)).not.toBe("committed");
    expect((await checkState(dir)).epochId).toBe(p.current);
    await removePlanted(dir, e.remove);
  } else {
    expect(write.code, write.stderr).toBe(0);
    const now = (await readCurrentEpoch(dir)).epoch!;
    const fallback = e.fallback === "locked" ? p.locked : p.current;
    expect(now.manifest.parent?.epoch_id).toBe(fallback);
    if (e.kind === "quarantine") {
      const file = resolveFile(e.file, p);
      const { events } = await readEvents(dir, { committedThrough: now.epochId });
      const logged = events.filter((x) => x.type === "STATE_CORRUPT" && x.file === file);
      expect(logged.map((x) => x.severity)).toEqual(["WARN"]);
      const to = logged[0]!.type === "STATE_CORRUPT" ? logged[0]!.quarantined_to : null;
      if (e.missing) expect(to).toBeNull();
      else expect(to).toMatch(/\.corrupt\.[0-9TZ.]+$/);
    }
  }

  // Once the operator has fixed what the tools refused, the next run is an ordinary one.
  if (e.kind === "refused") {
    const next = await w.runIn(dir, "obs-poll", WRITE);
    expect(crashSigns(next)).toEqual([]);
    expect(next.code, next.stderr).toBe(0);
  }
  const healed = await checkState(dir);
  expect(healed.problems.filter((x) => !place.leaves || !x.startsWith(place.leaves))).toEqual([]);
  expect(healed.tempFiles.filter((f) => !f.startsWith("locks/"))).toEqual([]);
}

describe("fault suite: corrupt files", () => {
  it(`a corrupt file in each of ${PLACES.length} places: no crash, the design's response, and the next run succeeds`, {
    timeout: 300_000,
  }, async () => {
    const w = await world({
      scenario: {
        seed: 21,
        catalogs: {
          openai: { add: [{ fromPoll: 2, models: [{ id: "gpt-late", object: "model" }] }] },
        },
      },
      providers: ["openai", "mistral"],
    });
    const p = await prepare(w);
    const failures = await inLanes(PLACES, 2, async (place) => {
      try {
        await survive(w, w.stateDir, p, place);
        return null;
      } catch (e) {
        return `${place.name}: ${(e as Error).message}`;
      }
    });
    expect(failures.filter((f) => f !== null)).toEqual([]);
  });
});
