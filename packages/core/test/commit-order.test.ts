import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEvents } from "../src/events/log.js";
import { tailEvents } from "../src/events/tail.js";
import { readCurrentEpoch } from "../src/state/read-epoch.js";
import type { CommitStep, EpochDraft } from "../src/state/writer.js";
import { snapshot, tempStateDir, writer } from "./helpers.js";

const draft = (ids: string[]): EpochDraft => ({
  fingerprintScheme: "semantic-v1",
  providers: {
    openai: {
      snapshot: snapshot(
        "openai",
        ids.map((id) => ({ id })),
      ),
    },
  },
  registry: { ids },
  events: ids.map((id) => ({
    type: "MODEL_ADDED",
    severity: "INFO",
    provider: "openai",
    model_id: id,
    fingerprint: id,
  })),
});

class Crash extends Error {}

describe("a crash at any commit step leaves the previous epoch authoritative", () => {
  for (const at of ["objects", "manifest", "events", "pointer"] as CommitStep[]) {
    it(`crash before ${at}`, async () => {
      const dir = await tempStateDir();
      const w0 = await writer(dir);
      const first = await w0.commit(draft(["a"]));
      await w0.close();

      let armed = true;
      const w1 = await writer(dir, {
        beforeStep: (s) => {
          if (armed && s === at) throw new Crash(s);
        },
      });
      await expect(w1.commit(draft(["a", "b"]))).rejects.toBeInstanceOf(Crash);
      await w1.close();

      const r = await readCurrentEpoch(dir);
      expect(r.problems).toEqual([]);
      expect(r.epoch?.epochId).toBe(first.epochId);
      expect(r.epoch?.registry).toEqual({ ids: ["a"] });
      // Readers that ask for committed events never see the crashed epoch's events.
      const committed = await readEvents(dir, { committedThrough: first.epochId });
      expect(committed.events.map((e) => e.type === "MODEL_ADDED" && e.model_id)).toEqual(["a"]);

      armed = false;
      const w2 = await writer(dir);
      const next = await w2.commit(draft(["a", "b"]));
      await w2.close();
      expect(next.manifest.parent?.epoch_id).toBe(first.epochId);
      const all = await readEvents(dir, { committedThrough: next.epochId });
      const aborted = all.events.filter((e) => e.type === "EPOCH_ABORTED");
      // The manifest exists from step "events" on, so the loss is recorded from there.
      expect(aborted.length).toBe(at === "events" || at === "pointer" ? 1 : 0);
      expect(
        all.events
          .filter((e) => e.type === "MODEL_ADDED")
          .map((e) => e.type === "MODEL_ADDED" && e.model_id),
      ).toEqual(["a", "a", "b"]);
      const newest = await tailEvents(dir, 10, { committedThrough: next.epochId });
      expect(
        newest.every((e) =>
          aborted.every((x) => x.type === "EPOCH_ABORTED" && e.epoch_id !== x.aborted_epoch_id),
        ),
      ).toBe(true);
    });
  }

  it("the aborted epoch is recorded once, however often the directory is reopened", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir, {
      beforeStep: (s) => {
        if (s === "pointer") throw new Crash();
      },
    });
    await expect(w.commit(draft(["a"]))).rejects.toBeInstanceOf(Crash);
    await w.close();
    for (let i = 0; i < 3; i++) await (await writer(dir)).close();
    const { events } = await readEvents(dir);
    expect(events.filter((e) => e.type === "EPOCH_ABORTED")).toHaveLength(1);
    expect((await readdir(join(dir, "epochs"))).some((n) => n.endsWith(".aborted.json"))).toBe(
      true,
    );
    expect((await readCurrentEpoch(dir)).epoch).toBeNull();
  });
});
