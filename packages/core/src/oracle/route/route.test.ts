import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ModelProfile } from "../model/profile.js";
import { tableOf } from "../model/table.js";
import { type RouteQuery, resolveQuery } from "../options.js";
import { row } from "./_rows.js";
import { gatesFor } from "./gates.js";
import { best, pick as pickModel, tally } from "./select.js";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const pick = (rows: ReturnType<typeof row>[], q: RouteQuery = {}, minHealthy = 0.5) => {
  const rq = resolveQuery(q);
  const t = tableOf(rows);
  const g = gatesFor(rq, minHealthy);
  // Every way of picking must agree: a preference's first route scans the table, explain()
  // tallies it in table order, and later routes walk the order built on second use.
  const scanned = pickModel(t, rq, g, NOW);
  const i = scanned.index;
  const unordered = tally(t, rq, g, NOW, false);
  const { matching, excluded } = tally(t, rq, g, NOW);
  const walked = pickModel(t, rq, g, NOW);
  expect(walked.index).toBe(i);
  expect(best(t, rq, g, NOW)).toBe(i);
  // A miss counts its reasons on the way, scanning or walking, as the full pass does.
  for (const p of [scanned, walked]) expect(p.excluded).toEqual(i < 0 ? excluded : null);
  expect(unordered.best).toBe(i);
  expect(matching[0] ?? -1).toBe(i);
  expect(unordered.matching.length).toBe(matching.length);
  expect(unordered.excluded).toEqual(excluded);
  return { best: i < 0 ? null : t.profile(i), matched: matching.length, excluded };
};
const order = (rows: ReturnType<typeof row>[], q: RouteQuery) => {
  const rq = resolveQuery(q);
  const t = tableOf(rows);
  return tally(t, rq, gatesFor(rq, 0.5), NOW).matching.map((i) => t.keys[i]!);
};

describe("preferences and tie-breaks", () => {
  const rows = [
    row("a/fast", {
      reliability: 0.9,
      latencyP50Ms: 100,
      contextLength: 32_000,
      costClass: "high",
    }),
    row("b/steady", {
      reliability: 0.99,
      latencyP50Ms: 900,
      contextLength: 128_000,
      costClass: "mid",
    }),
    row("c/big", {
      reliability: 0.95,
      latencyP50Ms: 700,
      contextLength: 1_000_000,
      costClass: "premium",
    }),
    row("d/cheap", {
      reliability: 0.92,
      latencyP50Ms: 600,
      contextLength: 64_000,
      costClass: "free",
    }),
  ];
  it.each([
    ["reliability", "b/steady"],
    ["latency", "a/fast"],
    ["context", "c/big"],
    ["cost", "d/cheap"],
  ] as const)("prefer=%s picks %s", (prefer, key) => {
    expect(pick(rows, { prefer }).best?.key).toBe(key);
  });

  it.each([
    // equal reliability: lower latency wins, then lower cost, then larger context, then key
    [{ latencyP50Ms: 400 }, { latencyP50Ms: 500 }, "x/one"],
    [{ costClass: "low" as const }, { costClass: "mid" as const }, "x/one"],
    [{ contextLength: 200_000 }, { contextLength: 100_000 }, "x/one"],
    [{}, {}, "x/one"],
  ])("ties under prefer=reliability break on the next dimension (%j vs %j)", (p1, p2, key) => {
    const one = row("x/one", p1 as Partial<ModelProfile>);
    const two = row("x/two", p2 as Partial<ModelProfile>);
    expect(pick([two, one]).best?.key).toBe(key);
    expect(pick([one, two]).best?.key).toBe(key);
  });

  it("puts unknown values last whatever the preference", () => {
    const unknown = row("a/unknown", {
      reliability: null,
      latencyP50Ms: null,
      contextLength: null,
      costClass: null,
    });
    const known = row("z/known", {
      reliability: 0.6,
      latencyP50Ms: 5000,
      contextLength: 8000,
      costClass: "premium",
    });
    for (const prefer of ["reliability", "latency", "context", "cost"] as const)
      expect(pick([unknown, known], { prefer }).best?.key).toBe("z/known");
  });

  it("picks the same model whatever order the models come in", () => {
    const profiles = fc.array(
      fc.record({
        reliability: fc.option(fc.constantFrom(0.5, 0.8, 0.9, 1), { nil: null }),
        latencyP50Ms: fc.option(fc.constantFrom(100, 200, 300), { nil: null }),
        contextLength: fc.option(fc.constantFrom(8000, 128_000), { nil: null }),
        costClass: fc.option(fc.constantFrom("free", "mid", "premium" as const), { nil: null }),
      }),
      { minLength: 1, maxLength: 12 },
    );
    // Few distinct values, so ties are common and the tie-breaks do the work.
    const withOrder = profiles.chain((ps) =>
      fc.tuple(
        fc.constant(ps.map((p, i) => row(`p/m${i}`, p))),
        fc.shuffledSubarray([...ps.keys()], { minLength: ps.length, maxLength: ps.length }),
      ),
    );
    const prefer = fc.constantFrom("reliability", "latency", "context", "cost" as const);
    fc.assert(
      fc.property(withOrder, prefer, ([rows, perm], p) => {
        const shuffled = perm.map((i) => rows[i]!);
        expect(pick(shuffled, { prefer: p }).best?.key).toBe(pick(rows, { prefer: p }).best?.key);
        expect(order(shuffled, { prefer: p })).toEqual(order(rows, { prefer: p }));
      }),
    );
  });
});

describe("health gates", () => {
  it.each([
    ["not listed", row("p/m", { listed: false }), {}, "NOT_LISTED"],
    ["expired", row("p/m", { expirationDate: "2026-05-01" }), {}, "EXPIRED"],
    ["deprecated", row("p/m", { deprecationDate: "2026-05-31T23:59:59Z" }), {}, "DEPRECATED"],
    ["an unreadable deprecation date", row("p/m", { deprecationDate: "soon" }), {}, "DEPRECATED"],
    ["recent INFO drift", row("p/m", {}, 0), {}, "DRIFT"],
    ["recent HIGH drift with drift>=HIGH", row("p/m", {}, 4), { excludeDrift: "HIGH" }, "DRIFT"],
    ["reliability below the floor", row("p/m", { reliability: 0.4 }), {}, "LOW_RELIABILITY"],
    // One good canary is a reliability of 1.00 that says almost nothing.
    ["1.00 from one call", row("p/m", { reliability: 1, calls: 1 }), {}, "TOO_FEW_CALLS"],
    ["4 calls (default minimum 5)", row("p/m", { calls: 4 }), {}, "TOO_FEW_CALLS"],
    ["no calls", row("p/m", { reliability: null, calls: 0 }), {}, "TOO_FEW_CALLS"],
    ["9 calls with minCalls 10", row("p/m", { calls: 9 }), { minCalls: 10 }, "TOO_FEW_CALLS"],
  ] as const)("excludes a model with %s", (_name, r, q, code) => {
    const s = pick([r], q);
    expect(s.best).toBeNull();
    expect(s.excluded[code]).toBe(1);
  });

  it.each([
    ["a future deprecation", row("p/m", { deprecationDate: "2026-07-01" }), {}],
    [
      "a deprecation, with deprecated=include",
      row("p/m", { deprecationDate: "2020-01-01" }),
      { excludeDeprecated: false },
    ],
    [
      "an expiry, with expired=include",
      row("p/m", { expirationDate: "2020-01-01" }),
      { excludeExpired: false },
    ],
    ["INFO drift with drift>=HIGH", row("p/m", {}, 0), { excludeDrift: "HIGH" }],
    ["CRITICAL drift with drift=include", row("p/m", {}, 5), { excludeDrift: false }],
    [
      "no measured reliability, with minCalls 0",
      row("p/m", { reliability: null, calls: 0 }),
      {
        minCalls: 0,
      },
    ],
    ["exactly 5 calls", row("p/m", { calls: 5 }), {}],
    ["1 call, with minCalls 1", row("p/m", { calls: 1 }), { minCalls: 1 }],
  ] as const)("keeps a model with %s", (_name, r, q) => {
    expect(pick([r], q).best?.key).toBe("p/m");
  });

  it("uses the configured reliability floor; 0 disables it", () => {
    const r = row("p/m", { reliability: 0.3 });
    expect(pick([r], {}, 0.5).best).toBeNull();
    expect(pick([r], {}, 0).best?.key).toBe("p/m");
  });
});

describe("filters", () => {
  const m = row("anthropic/m", {
    contextLength: 200_000,
    reliability: 0.9,
    costClass: "mid",
    latencyP50Ms: 800,
    supportsTools: false,
  });
  it.each([
    [{ minContext: 200_000 }, true],
    [{ minContext: 200_001 }, false],
    [{ minReliability: 0.9 }, true],
    [{ minReliability: 0.91 }, false],
    [{ maxCost: "mid" as const }, true],
    [{ maxCost: "low" as const }, false],
    [{ maxLatencyMs: 800 }, true],
    [{ maxLatencyMs: 799 }, false],
    [{ provider: "anthropic" }, true],
    [{ provider: "openai" }, false],
    [{ requireTools: true }, false],
  ])("%j matches: %s", (q, matches) => {
    const s = pick([m], q);
    expect(s.best !== null).toBe(matches);
    expect(s.excluded.FILTERED).toBe(matches ? 0 : 1);
  });

  it("never matches a bound with an unknown value", () => {
    const unknown = row("p/m", {
      contextLength: null,
      reliability: null,
      costClass: null,
      latencyP50Ms: null,
    });
    for (const q of [
      { minContext: 1 },
      { minReliability: 0 },
      { maxCost: "premium" as const },
      { maxLatencyMs: 1e9 },
    ])
      expect(pick([unknown], q).best).toBeNull();
  });

  it("counts why each model was left out", () => {
    const s = pick(
      [
        row("p/ok"),
        row("p/gone", { listed: false }),
        row("p/drifted", {}, 3),
        row("p/small", { contextLength: 1000 }),
      ],
      { minContext: 100_000 },
    );
    expect(s.matched).toBe(1);
    expect(s.excluded).toEqual({
      NOT_LISTED: 1,
      EXPIRED: 0,
      DEPRECATED: 0,
      DRIFT: 1,
      TOO_FEW_CALLS: 0,
      LOW_RELIABILITY: 0,
      MODALITY: 0,
      FILTERED: 1,
    });
  });

  it("refuses a query with a wrong value or an unknown option", () => {
    expect(() => resolveQuery({ prefer: "speed" } as unknown as RouteQuery)).toThrow(/prefer/);
    expect(() => resolveQuery({ min_context: 5 } as unknown as RouteQuery)).toThrow(/min_context/);
    expect(() => resolveQuery({ minReliability: 2 })).toThrowError(
      expect.objectContaining({ code: "OPTIONS_INVALID" }),
    );
  });
});

describe("modality", () => {
  const io = (input: string[], output: string[]) => ({ modalities: { input, output } });
  const chat = row("a/chat", io(["image", "text"], ["text"]));
  const music = row("b/music", { ...io(["image", "text"], ["audio", "text"]), costClass: "free" });
  const painter = row("c/painter", io(["image", "text"], ["image", "text"]));
  const embedder = row("d/embed", io(["text"], ["embedding"]));
  const unknown = row("e/unknown", { modalities: null });
  const listenOnly = row("f/transcribe", io(["audio"], ["text"]));
  const all = [chat, music, painter, embedder, unknown, listenOnly];
  const keys = (q: RouteQuery) => order(all, q);

  it("routes text chat by default: text in, only text out, or a listing that says nothing", () => {
    expect(keys({ prefer: "cost" })).toEqual(["a/chat", "e/unknown"]);
    // The free music model would win on cost; it is left out, and counted as such.
    expect(pick(all, { prefer: "cost" }).excluded.MODALITY).toBe(4);
  });

  it.each([
    ["image", ["c/painter"]],
    ["audio", ["b/music"]],
    ["embedding", ["d/embed"]],
    ["video", []],
    ["any", ["a/chat", "b/music", "c/painter", "d/embed", "e/unknown", "f/transcribe"]],
  ] as const)("modality=%s routes only %j", (modality, expected) => {
    expect(keys({ modality }).sort()).toEqual([...expected]);
  });

  it("refuses a modality it does not know", () => {
    expect(() => resolveQuery({ modality: "smell" } as unknown as RouteQuery)).toThrowError(
      expect.objectContaining({ code: "OPTIONS_INVALID" }),
    );
  });
});
