// Real OpenRouter data through the whole pipeline: the three recorded model lists (2024-09-21,
// 2025-11-07, 2026-08-22; byte-for-byte copies of shared/data/openrouter) polled in date order
// through the fixture server, then obs-history and obs-diff checked against the files themselves.
// The expected changes are computed here from the raw JSON with helpers of this file, never with
// core's canonicalizer or history code: a test that derived its expectations with the code under
// test would agree with any bug in it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { OPENROUTER_SNAPSHOTS, recordedDir } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { ackedEpoch, ofType } from "../../src/_support/process.js";
import { world } from "../../src/_support/world.js";

type Value = string | number;
type Entry = { id: string; context_length?: unknown; pricing?: unknown };
/** [epoch index, field, old, new], as obs-history should print them. */
type Row = [number, string, Value | null, Value | null];

/** A list exactly as the provider sent it. */
function readList(name: string): Map<string, Entry> {
  const text = readFileSync(join(recordedDir(), `${name}.json`), "utf8");
  const { data } = JSON.parse(text) as { data: Entry[] };
  return new Map(data.map((m) => [m.id, m]));
}

/**
 * An exact decimal as an integer and a power of ten, or null for anything else. Compared by
 * cross-multiplying, so "0.0000030", "3e-6" and "0.000003" are one value and nothing is rounded.
 */
function decimal(v: Value): { units: bigint; scale: number } | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(String(v).trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const [, sign = "", int = "", frac = "", exp = "0"] = m;
  return { units: BigInt(`${sign}0${int}${frac}`), scale: frac.length - Number(exp) };
}

function sameValue(a: Value, b: Value): boolean {
  const x = decimal(a);
  const y = decimal(b);
  if (x === null || y === null) return a === b;
  const s = Math.max(x.scale, y.scale);
  return x.units * 10n ** BigInt(s - x.scale) === y.units * 10n ** BigInt(s - y.scale);
}

const isZero = (v: Value) => decimal(v)?.units === 0n;

/**
 * The fields this test follows, as reported: every price under `pricing` at its dotted path
 * (OpenRouter's `overrides` array included, as `pricing.overrides.0.prompt`), zero prices left
 * out, and `context_length`. The tool defines equality on canonical values
 * (docs/state-contract.md): a zero price bills like an unreported one (OpenRouter stopped sending
 * its "0" entries between 2025-11 and 2026-08, on nearly every model) and a re-spelled number is
 * the same number. Comparing raw strings would expect dozens of changes that are none.
 */
function fields(m: Entry): Map<string, Value> {
  const out = new Map<string, Value>();
  const walk = (v: unknown, path: string[]): void => {
    if (typeof v === "string" || typeof v === "number") {
      if (path.length > 0 && !isZero(v)) out.set(`pricing.${path.join(".")}`, v);
    } else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(m.pricing, []);
  // Only `context_length`: the adapter reads `top_provider.context_length` only when
  // `context_length` is missing (checked below never to happen in these files).
  if (typeof m.context_length === "number") out.set("context_length", m.context_length);
  return out;
}

/** The changes from `a` to `b` (undefined: not listed), each side as the provider reported it. */
function changes(a: Entry | undefined, b: Entry): Array<[string, Value | null, Value | null]> {
  const before = a === undefined ? new Map<string, Value>() : fields(a);
  const after = fields(b);
  const out: Array<[string, Value | null, Value | null]> = [];
  for (const field of new Set([...before.keys(), ...after.keys()])) {
    const x = before.get(field) ?? null;
    const y = after.get(field) ?? null;
    if (x === null || y === null || !sameValue(x, y)) out.push([field, x, y]);
  }
  return out;
}

const byEpochThenField = (p: Row, q: Row) =>
  p[0] - q[0] || (p[1] < q[1] ? -1 : p[1] > q[1] ? 1 : 0);

/**
 * Models in all three lists. Most move prices or context: deepseek-chat both, gpt-4o drops its
 * image price for good, wizardlm-2 loses one token of context (65536 -> 65535), openrouter/auto
 * has "-1" (variable) prices; cohere/command-r-08-2024 only loses its zero entries, which must
 * show no change after the first epoch.
 */
const FOLLOWED = [
  "deepseek/deepseek-chat",
  "openai/gpt-4o",
  "microsoft/wizardlm-2-8x22b",
  "sao10k/l3.1-euryale-70b",
  "anthropic/claude-3-haiku",
  "openrouter/auto",
  "mistralai/mistral-nemo",
  "qwen/qwen-2.5-72b-instruct",
  "cohere/command-r-08-2024",
];

describe("real OpenRouter lists", () => {
  it("obs-history shows exactly the real price and context changes, obs-diff first..last exactly the real added and removed ids", async () => {
    const lists = OPENROUTER_SNAPSHOTS.map(readList);
    const [first, , last] = lists as [Map<string, Entry>, Map<string, Entry>, Map<string, Entry>];
    // The known adapter gap (context from top_provider only as a fallback) cannot bite here.
    for (const list of lists)
      for (const m of list.values()) expect(typeof m.context_length, m.id).toBe("number");

    const w = await world({
      scenario: {
        catalogs: {
          openrouter: {
            source: OPENROUTER_SNAPSHOTS[0],
            timeline: [
              { fromPoll: 2, source: OPENROUTER_SNAPSHOTS[1] },
              { fromPoll: 3, source: OPENROUTER_SNAPSHOTS[2] },
            ],
          },
        },
      },
      providers: ["openrouter"],
    });
    const epochs: string[] = [];
    const windows: Array<[number, number]> = [];
    for (const [i, name] of OPENROUTER_SNAPSHOTS.entries()) {
      if (i > 0) w.server.scenario.advance();
      const t0 = Date.now();
      const r = await w.run("obs-poll", ["--no-canary"]);
      windows.push([t0, Date.now()]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      const acked = ackedEpoch(r);
      expect(acked, name).not.toBeNull();
      epochs.push(acked!.epochId);
    }

    // obs-history, one followed model at a time.
    const histories = await Promise.all(
      FOLLOWED.map((id) => w.run("obs-history", [`openrouter/${id}`, "--json"])),
    );
    for (const [k, id] of FOLLOWED.entries()) {
      for (const list of lists) expect(list.has(id), id).toBe(true);
      const expected: Row[] = [];
      for (const [i, list] of lists.entries())
        for (const [field, x, y] of changes(lists[i - 1]?.get(id), list.get(id)!))
          expected.push([i, field, x, y]);
      // Each followed model (cohere aside) really changes after the first epoch.
      if (id !== "cohere/command-r-08-2024")
        expect(
          expected.some((e) => e[0] > 0),
          id,
        ).toBe(true);

      const r = histories[k]!;
      expect(r.code, `${id}: ${r.stderr}`).toBe(0);
      const recs = ofType(r, "HISTORY_CHANGE");
      expect(recs.length, `${id}: ${r.stdout}`).toBe(r.records.length);
      for (const rec of recs) {
        expect(rec, id).toMatchObject({ version: 1, model: `openrouter/${id}` });
        expect(epochs, `${id}: ${JSON.stringify(rec)}`).toContain(rec["epoch"]);
      }
      // Oldest first, and each row's time is its poll's.
      const at = recs.map((rec) => epochs.indexOf(String(rec["epoch"])));
      expect(at, id).toEqual([...at].sort((p, q) => p - q));
      for (const [j, rec] of recs.entries()) {
        const t = Date.parse(String(rec["at"]));
        const [t0, t1] = windows[at[j]!]!;
        expect(t >= t0 && t <= t1, `${id}: at ${rec["at"]} outside its poll`).toBe(true);
      }
      // Listed once, from the first epoch on; never removed.
      expect(
        recs.filter((rec) => rec["field"] === "listed").map((rec) => [rec["epoch"], rec["new"]]),
        id,
      ).toEqual([[epochs[0], true]]);
      const actual: Row[] = recs
        .filter((rec) => rec["field"] === "context_length" || /^pricing\./.test(`${rec["field"]}`))
        .map((rec) => [
          epochs.indexOf(String(rec["epoch"])),
          String(rec["field"]),
          rec["old"] as Value | null,
          rec["new"] as Value | null,
        ]);
      expect(actual.sort(byEpochThenField), id).toEqual(expected.sort(byEpochThenField));
    }

    // One model spelled out, so a reader sees the figures the derivation above produces.
    const deepseek = histories[0]!.records.filter(
      (x) => x["epoch"] !== epochs[0] && /^(pricing\.|context_length$)/.test(`${x["field"]}`),
    );
    expect(deepseek.map((x) => [x["field"], x["old"], x["new"]]).sort()).toEqual(
      [
        ["context_length", 128000, 163840],
        ["pricing.completion", "0.00000028", "0.00000085"],
        ["pricing.completion", "0.00000085", "0.0000010287"],
        ["pricing.prompt", "0.00000014", "0.0000003"],
        ["pricing.prompt", "0.0000003", "0.0000002574"],
      ].sort(),
    );

    // obs-diff between the first and the last epoch.
    const diff = await w.run("obs-diff", [epochs[0]!, epochs[2]!, "--json"]);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.records.at(-1)?.["type"], diff.stdout).toBe("DIFF_SUMMARY");
    const entries = ofType(diff, "DIFF_ENTRY");
    expect(entries.length, diff.stdout).toBe(diff.records.length - 1);
    const ids = (change: string) =>
      entries
        .filter((e) => e["change"] === change)
        .map((e) => String(e["model"]))
        .sort();
    const prefixed = (xs: Iterable<string>) => [...xs].map((id) => `openrouter/${id}`).sort();
    expect(ids("added")).toEqual(prefixed([...last.keys()].filter((id) => !first.has(id))));
    expect(ids("removed")).toEqual(prefixed([...first.keys()].filter((id) => !last.has(id))));
    expect(diff.records.at(-1)).toMatchObject({
      from: epochs[0],
      to: epochs[2],
      added: ids("added").length,
      removed: ids("removed").length,
    });
    // Every model listed at both points shows exactly its net price and context changes.
    for (const [id, now] of last) {
      const was = first.get(id);
      if (was === undefined) continue;
      const entry = entries.find((e) => e["model"] === `openrouter/${id}`);
      const got = ((entry?.["changes"] ?? []) as Array<Record<string, unknown>>)
        .filter((c) => c["field"] === "context_length" || /^pricing\./.test(`${c["field"]}`))
        .map((c) => [c["field"], c["old"], c["new"]]);
      const want = changes(was, now);
      if (want.length > 0) expect(entry?.["change"], id).toBe("changed");
      expect(got.sort(), id).toEqual(want.sort());
    }
  });
});
