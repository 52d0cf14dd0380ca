// AC10: "read_json() survives corrupted files without crashing. Corrupt files are renamed and
// logged." Three representative corruptions in turn (the fault suite plants one in every place):
// a manifest, an object, the pointer. Readers warn and read the last good epoch; the writer
// renames the file to *.corrupt.<stamp>, logs a WARN STATE_CORRUPT, and commits on top of the
// last good epoch.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readCurrentEpoch, readEvents } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { ackedEpoch, crashSigns, ofType } from "../../src/_support/process.js";
import { checkState } from "../../src/_support/verify-state.js";
import { type World, world } from "../../src/_support/world.js";

/** A poll that changes something, so the new epoch has objects of its own. */
async function changingPoll(w: World): Promise<{ epochId: string; parent: string | null }> {
  w.server.scenario.advance();
  const r = await w.run("obs-poll", ["--no-canary"]);
  expect(r.code, r.stderr).toBe(0);
  const e = (await readCurrentEpoch(w.stateDir)).epoch!;
  return { epochId: e.epochId, parent: e.manifest.parent?.epoch_id ?? null };
}

async function plantAndRecover(
  w: World,
  target: (epoch: Awaited<ReturnType<typeof changingPoll>>) => Promise<string>,
  bytes: (original: Buffer) => string,
) {
  const last = await changingPoll(w);
  const file = await target(last);
  const planted = bytes(await readFile(join(w.stateDir, file)));
  await writeFile(join(w.stateDir, file), planted);

  // Readers survive, say so, and read the last good epoch.
  const oracle = await w.run("obs-oracle", ["--json"]);
  expect(crashSigns(oracle)).toEqual([]);
  expect(oracle.code).toBe(0);
  expect(oracle.stderr).toContain("did not verify");
  expect(oracle.records[0]).toMatchObject({ epoch: { id: last.parent, fellBack: true } });
  const list = await w.run("obs-lock", ["--list"]);
  expect(crashSigns(list)).toEqual([]);

  // The writer quarantines and logs it, then commits on the last good epoch.
  const poll = await w.run("obs-poll", ["--no-canary"]);
  expect(crashSigns(poll)).toEqual([]);
  expect(poll.code, poll.stderr).toBe(0);
  const now = (await readCurrentEpoch(w.stateDir)).epoch!;
  expect(now.epochId).toBe(ackedEpoch(poll)!.epochId);
  expect(now.manifest.parent?.epoch_id).toBe(last.parent);
  // No flood: only the one model the lost epoch had seen arrive is (rightly) news again.
  expect(ofType(poll, "MODEL_ADDED").map((e) => e["model_id"])).toEqual([
    `gpt-extra-${w.server.scenario.poll}`,
  ]);
  const { events } = await readEvents(w.stateDir, { committedThrough: now.epochId });
  const logged = events.filter((e) => e.type === "STATE_CORRUPT" && e.file === file);
  expect(logged).toHaveLength(1);
  const event = logged[0]!;
  expect(event.severity).toBe("WARN");
  if (event.type !== "STATE_CORRUPT") throw new Error("unreachable");
  expect(event.quarantined_to).toMatch(new RegExp(`^${file.replace(/\./g, "\\.")}\\.corrupt\\.`));
  expect(await readFile(join(w.stateDir, event.quarantined_to!), "utf8")).toBe(planted);

  // And the next run is an ordinary one.
  const next = await w.run("obs-poll", ["--no-canary"]);
  expect(next.code).toBe(0);
  expect((await checkState(w.stateDir)).problems).toEqual([]);
}

describe("AC10", () => {
  it("AC10: a corrupt manifest, object or pointer is renamed *.corrupt.<stamp> and logged; no tool crashes", async () => {
    const w = await world({
      scenario: {
        seed: 10,
        // Each poll from 2 on lists one more model, so every epoch has a snapshot of its own.
        catalogs: {
          openai: {
            add: [2, 3, 4, 5, 6, 7, 8].map((n) => ({
              fromPoll: n,
              models: [{ id: `gpt-extra-${n}`, object: "model" }],
            })),
          },
        },
      },
    });
    expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);

    await plantAndRecover(
      w,
      async (e) => `epochs/${e.epochId}.json`,
      () => '{"schema":"observatory.manifest/1","epoch_id":',
    );
    await plantAndRecover(
      w,
      async (e) => {
        const m = (await readCurrentEpoch(w.stateDir)).epoch!;
        expect(m.epochId).toBe(e.epochId);
        return `objects/${m.manifest.providers["openai"]!.snapshot}.json`;
      },
      (original) => original.toString("utf8").slice(0, 200),
    );
    await plantAndRecover(
      w,
      async () => "current_epoch.json",
      () => "\u0000\u0000garbage",
    );
  });
});
