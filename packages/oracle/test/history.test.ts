// The world as it was: open() at a past epoch, and the model history's answers (history,
// valueAt, diff) reaching back past retention, as routing and research code sees them.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ObsError } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { RoutingOracle } from "../src/index.js";
import { DAY, DAYS, GPT, stateWithPast } from "./history-state.js";
import { commitEpoch, model } from "./state.js";

/** The ObsError a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<ObsError> {
  try {
    await p;
  } catch (e) {
    return e as ObsError;
  }
  throw new Error("expected a rejection");
}

describe("open() at a past epoch", () => {
  it("reads a retained epoch by id or by time, verified, and answers from it", async () => {
    const { dir, ids } = await stateWithPast();
    const now = await RoutingOracle.open(dir);
    expect(now.epoch.id).toBe(ids[4]);
    expect(now.pinned).toBe(false);

    const byId = await RoutingOracle.open(dir, { epoch: ids[3]!, minCalls: 0 });
    expect(byId.pinned).toBe(true);
    expect(byId.epoch).toMatchObject({ id: ids[3], fellBack: false, problems: [] });
    expect(byId.status(GPT).model?.contextLength).toBe(200_000);
    expect(byId.route({ provider: "openai", prefer: "context" }).model?.key).toBe(GPT);

    // The epoch current at a time: the last one committed at or before it.
    const at = (t: Date) => RoutingOracle.open(dir, { at: t }).then((o) => o.epoch.id);
    expect(await at(new Date(DAYS[3]!.getTime() + DAY / 2))).toBe(ids[3]);
    expect(await at(DAYS[4]!)).toBe(ids[4]);
    expect(await at(new Date("2030-01-01T00:00:00Z"))).toBe(ids[4]);
  });

  it("names the retained range and points to the history for an epoch retention pruned", async () => {
    const { dir, ids } = await stateWithPast();
    for (const options of [{ epoch: ids[1]! }, { at: new Date(DAYS[1]!.getTime() + 1000) }]) {
      const e = await failure(RoutingOracle.open(dir, options));
      expect(e.code).toBe("EPOCH_PRUNED");
      expect(e.exitCode).toBe(6);
      expect(e.message).toContain(
        `pruned by retention (${dir}: 2 epochs retained, ${ids[3]} .. ${ids[4]})`,
      );
      expect(e.hint).toContain("oracle.history(model)");
    }
  });

  it("opens an epoch an experiment lock kept, and counts it apart from the retained run", async () => {
    const { dir, ids } = await stateWithPast(true);
    const first = await RoutingOracle.open(dir, { epoch: ids[0]!, minCalls: 0 });
    expect(first.epoch.id).toBe(ids[0]);
    expect(first.status("openai/o1").found).toBe(true);
    // The epoch current an hour after it is the locked one; a day after, the one that followed.
    const hourLater = await RoutingOracle.open(dir, {
      at: new Date(DAYS[0]!.getTime() + 3_600_000),
    });
    expect(hourLater.epoch.id).toBe(ids[0]);
    expect((await RoutingOracle.open(dir, { at: DAYS[1]! }).catch((e) => e)).message).toContain(
      `(${dir}: 2 epochs retained, ${ids[3]} .. ${ids[4]}, and ${ids[0]} kept by experiment locks)`,
    );
  });

  it("refuses epochs never committed and malformed options, with what to give instead", async () => {
    const { dir, ids } = await stateWithPast();
    const cases: [Parameters<typeof RoutingOracle.open>[1], string, RegExp][] = [
      [
        { at: new Date("2026-10-01T00:00:00Z") },
        "EPOCH_NOT_FOUND",
        /no epoch was current at 2026-10-01T00:00:00.000Z: the state's first is/,
      ],
      [{ epoch: "20300101T000000.000Z-0000" }, "EPOCH_NOT_FOUND", /newer than the current epoch/],
      [{ epoch: `${ids[3]!.slice(0, -1)}9` }, "EPOCH_NOT_FOUND", /was never committed/],
      [{ epoch: "yesterday" }, "OPTIONS_INVALID", /epoch: expected an epoch id/],
      [{ at: new Date("soon") }, "OPTIONS_INVALID", /at: expected a valid Date/],
      [{ epoch: ids[4]!, at: DAYS[4]! }, "OPTIONS_INVALID", /epoch or at, not both/],
    ];
    for (const [options, code, message] of cases) {
      const e = await failure(RoutingOracle.open(dir, options));
      expect([e.code, e.message]).toEqual([code, expect.stringMatching(message)]);
    }
  });

  it("refuses an epoch that does not verify rather than answer from another", async () => {
    const { dir, ids } = await stateWithPast();
    // Epoch 4's manifest, edited: its hash is no longer the one epoch 5 names as its parent.
    const path = join(dir, "epochs", `${ids[3]}.json`);
    const manifest = JSON.parse(await readFile(path, "utf8"));
    await writeFile(path, JSON.stringify({ ...manifest, created_at: DAYS[2]!.toISOString() }));
    const e = await failure(RoutingOracle.open(dir, { epoch: ids[3]! }));
    expect(e.code).toBe("STATE_UNUSABLE");
    expect(e.message).toContain(`epochs/${ids[3]}.json: hash does not match`);
    // The current epoch is not affected.
    expect((await RoutingOracle.open(dir)).epoch.id).toBe(ids[4]);
  });

  it("stays at its epoch on refresh, while an oracle opened at the current one follows", async () => {
    const { dir, ids } = await stateWithPast();
    const pinned = await RoutingOracle.open(dir, { epoch: ids[3]! });
    const following = await RoutingOracle.open(dir);
    const sixth = await commitEpoch(dir, {
      providers: { openai: [model("gpt-5")], anthropic: [] },
      at: new Date(DAYS[4]!.getTime() + DAY),
      retain: 2,
    });
    // Retention has now pruned the pinned epoch's manifest: the oracle keeps its view.
    expect(await pinned.refresh()).toMatchObject({ changed: false, epoch: { id: ids[3] } });
    expect(pinned.status(GPT).found).toBe(true);
    expect(await following.refresh()).toMatchObject({ changed: true, epoch: { id: sixth } });
    expect(following.status(GPT).model?.listed).toBe(false);
    // Its history (never asked before the prune) is read from the current epoch's, cut at its
    // own epoch: the head it named went with it.
    const rows = await pinned.history(GPT);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.at(-1)!.epoch <= ids[3]!).toBe(true);
    expect((await following.history(GPT)).at(-1)!.epoch).toBe(sixth);
  });
});

describe("the model history", () => {
  it("lists one model's changes with the values as reported, back past retention", async () => {
    const { dir, ids } = await stateWithPast();
    const oracle = await RoutingOracle.open(dir);
    const rows = await oracle.history(GPT);
    expect(rows.map((r) => [r.epoch, r.field, r.old, r.new])).toEqual([
      [ids[0], "listed", false, true],
      [ids[0], "context_length", null, 128_000],
      [ids[0], "pricing.prompt", null, "0.0000025"],
      [ids[1], "pricing.prompt", "0.0000025", "0.000003"],
      [ids[3], "context_length", 128_000, 200_000],
    ]);
    expect(rows[3]).toEqual({
      epoch: ids[1],
      at: DAYS[1]!.toISOString(),
      field: "pricing.prompt",
      old: "0.0000025",
      new: "0.000003",
      relative: expect.closeTo(0.2, 10),
    });
    // A field or a prefix, and since (after it) / until (up to it) as epoch ids, Dates or spans.
    expect(await oracle.history(GPT, { field: "pricing." })).toHaveLength(2);
    const since = await oracle.history(GPT, { since: ids[0]! });
    expect(since.map((r) => r.epoch)).toEqual([ids[1], ids[3]]);
    const until = await oracle.history(GPT, { since: DAYS[0]!, until: DAYS[2]! });
    expect(until.map((r) => r.field)).toEqual(["pricing.prompt"]);
    expect(await oracle.history(GPT, { until: new Date("2026-01-01") })).toEqual([]);
    const o1 = await oracle.history("openai/o1", { field: "listed" });
    expect(o1.map((r) => [r.epoch, r.new])).toEqual([
      [ids[0], true],
      [ids[2], false],
    ]);
  });

  it("answers what a field was at a time, long after that epoch was pruned", async () => {
    const { dir } = await stateWithPast();
    const oracle = await RoutingOracle.open(dir);
    const noonOf = (i: number) => new Date(DAYS[i]!.getTime() + 60_000);
    expect(await oracle.valueAt(GPT, "pricing.prompt", noonOf(0))).toBe("0.0000025");
    expect(await oracle.valueAt(GPT, "pricing.prompt", noonOf(1))).toBe("0.000003");
    expect(await oracle.valueAt(GPT, "context_length", "2026-11-02")).toBe(128_000);
    expect(await oracle.valueAt(GPT, "context_length", "now")).toBe(200_000);
    // Listed without it: null. Not listed then: undefined, and "listed" says so.
    expect(await oracle.valueAt(GPT, "pricing.completion", noonOf(0))).toBeNull();
    expect(await oracle.valueAt("openai/o1", "pricing.prompt", noonOf(1))).toBe("0.000001");
    expect(await oracle.valueAt("openai/o1", "pricing.prompt", noonOf(2))).toBeUndefined();
    expect(await oracle.valueAt("openai/o1", "listed", noonOf(2))).toBe(false);
    expect(await oracle.valueAt("openai/gpt-5", "listed", noonOf(2))).toBe(true);
  });

  it("says so plainly for a time before it begins, a model it never saw and a point it cannot read", async () => {
    const { dir, ids } = await stateWithPast();
    const oracle = await RoutingOracle.open(dir);
    const before = await failure(oracle.valueAt(GPT, "pricing.prompt", new Date("2026-10-31")));
    expect([before.code, before.exitCode]).toEqual(["BEFORE_HISTORY", 6]);
    expect(before.message).toBe(
      `valueAt's at 2026-10-31T00:00:00.000Z is before the model history begins (${DAYS[0]!.toISOString()}, epoch ${ids[0]})`,
    );
    const unknown = await failure(oracle.valueAt("gpt-4o", "pricing.prompt", "now"));
    expect(unknown.code).toBe("UNKNOWN_MODEL");
    expect(unknown.message).toContain("did you mean openai/gpt-4o?");
    const point = await failure(oracle.history(GPT, { since: "last tuesday" }));
    expect([point.code, point.exitCode]).toEqual(["POINT_INVALID", 2]);
    expect(point.hint).toContain("an epoch id");
    const far = await failure(oracle.diff("@-9", "now"));
    expect([far.code, far.message]).toEqual([
      "POINT_INVALID",
      "diff's a @-9: the history holds 5 epochs",
    ]);
  });

  it("diffs two points given as epoch ids (pruned ones too), Dates or obs-diff's spans", async () => {
    const { dir, ids } = await stateWithPast();
    const oracle = await RoutingOracle.open(dir);
    const d = await oracle.diff(ids[0]!, "now");
    expect([d.from, d.to]).toEqual([ids[0], ids[4]]);
    expect(d.added).toEqual([
      { model: "openai/gpt-5", fields: { context_length: 128_000, "pricing.prompt": "0.000001" } },
    ]);
    expect(d.removed.map((r) => r.model)).toEqual(["openai/o1"]);
    expect(d.changed).toEqual([
      {
        model: GPT,
        field: "context_length",
        old: 128_000,
        new: 200_000,
        relative: expect.closeTo(200_000 / 128_000 - 1, 10),
      },
      {
        model: GPT,
        field: "pricing.prompt",
        old: "0.0000025",
        new: "0.000003",
        relative: expect.closeTo(0.2, 10),
      },
    ]);
    const same = await oracle.diff(DAYS[0]!, "@-4");
    expect(same).toEqual({ from: ids[0], to: ids[0], added: [], removed: [], changed: [] });
    expect((await oracle.diff("@-1")).changed).toEqual([]);
  });

  it("ends at the oracle's epoch when it is opened at a past one", async () => {
    const { dir, ids } = await stateWithPast();
    const pinned = await RoutingOracle.open(dir, { epoch: ids[3]! });
    expect((await pinned.history(GPT)).at(-1)?.epoch).toBe(ids[3]);
    expect((await pinned.diff("now")).from).toBe(ids[3]);
    const later = await failure(pinned.diff(ids[4]!));
    expect(later.message).toContain(`epoch ${ids[4]} is not in the history`);
  });

  it("says plainly that an epoch written before the history existed has none", async () => {
    const { dir, ids } = await stateWithPast();
    // The current epoch as a writer from before the history wrote it: no `history` field.
    const path = join(dir, "epochs", `${ids[4]}.json`);
    const { history: _, ...manifest } = JSON.parse(await readFile(path, "utf8"));
    const bytes = JSON.stringify(manifest);
    await writeFile(path, bytes);
    const pointer = JSON.parse(await readFile(join(dir, "current_epoch.json"), "utf8"));
    const hash = createHash("sha256").update(bytes).digest("hex");
    await writeFile(
      join(dir, "current_epoch.json"),
      JSON.stringify({ ...pointer, manifest_hash: hash }),
    );
    const oracle = await RoutingOracle.open(dir);
    expect(oracle.epoch).toMatchObject({ id: ids[4], fellBack: false });
    const e = await failure(oracle.history(GPT));
    expect([e.code, e.exitCode]).toEqual(["HISTORY_UNAVAILABLE", 5]);
    expect(e.message).toContain("written before core recorded one");
    // The epoch before it still names its history, which ends there.
    const pinned = await RoutingOracle.open(dir, { epoch: ids[3]! });
    expect(await pinned.valueAt(GPT, "context_length", "now")).toBe(200_000);
  });

  it("refuses to answer from a history that does not verify", async () => {
    const { dir, ids } = await stateWithPast();
    const manifest = JSON.parse(await readFile(join(dir, "epochs", `${ids[4]}.json`), "utf8"));
    await writeFile(join(dir, "objects", `${manifest.history}.json`), "{}");
    // Routing does not read the history: the oracle opens as before.
    const oracle = await RoutingOracle.open(dir);
    expect(oracle.status(GPT).found).toBe(true);
    const e = await failure(oracle.valueAt(GPT, "pricing.prompt", "now"));
    expect([e.code, e.exitCode]).toEqual(["HISTORY_UNAVAILABLE", 5]);
    expect(e.message).toContain(`objects/${manifest.history}.json`);
  });
});
