import { diffWorlds, type HistoryEntry, worldAt } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { changedWorlds } from "./worlds.js";

const E = (n: number) => `2026110${n}T000000.000Z-0000`;
const ENTRIES: HistoryEntry[] = [
  {
    e: E(1),
    b: true,
    c: [
      ["p/a", "listed", false, true],
      ["p/a", "pricing.prompt", null, "0.000001"],
      ["p/b", "listed", false, true],
      ["p/d", "listed", false, true],
      ["p/d", "context_length", null, 4000],
    ],
  },
  { e: E(2), c: [["p/a", "pricing.prompt", "0.000001", "0.000002"]] },
  { e: E(3) },
  {
    e: E(4),
    c: [
      ["p/b", "listed", true, false],
      ["p/c", "listed", false, true],
      ["p/c", "context_length", null, 8000],
    ],
  },
  // The history restarts (a head that could not be read): p/d is gone, p/a is back as it was.
  {
    e: E(5),
    b: true,
    c: [
      ["p/a", "listed", false, true],
      ["p/a", "pricing.prompt", null, "0.000001"],
      ["p/c", "listed", false, true],
      ["p/c", "context_length", null, 8000],
    ],
  },
  { e: E(6), c: [["p/c", "context_length", 8000, 16000]] },
];

describe("changedWorlds", () => {
  it("gives core's diff of worldAt at both points, whichever comes first, across a restart too", () => {
    for (let i = 1; i <= 6; i++)
      for (let j = 1; j <= 6; j++) {
        const expected = diffWorlds(worldAt(ENTRIES, E(i)), worldAt(ENTRIES, E(j)));
        expect(diffWorlds(...changedWorlds(ENTRIES, E(i), E(j))), `${i} -> ${j}`).toEqual(expected);
      }
  });

  it("holds only the models named between the points, the earlier side as it was", () => {
    const [a, b] = changedWorlds(ENTRIES, E(1), E(4));
    expect([...a.keys()].sort()).toEqual(["p/a", "p/b"]);
    expect([...b.keys()].sort()).toEqual(["p/a", "p/c"]);
    expect(a.get("p/a")?.get("pricing.prompt")).toBe("0.000001");
    expect(b.get("p/a")?.get("pricing.prompt")).toBe("0.000002");
  });

  it("agrees with core on a random history of 30 models, between any two of its 40 points", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const models = Array.from({ length: 30 }, (_, k) => `p/m${k}`);
    const listed = new Set<string>();
    const price = new Map<string, string>();
    const caps = new Map<string, Set<string>>();
    const entries: HistoryEntry[] = [];
    for (let n = 0; n < 40; n++) {
      const e = `20261${String(100 + n).padStart(3, "0")}T000000.000Z-0000`;
      const restart = n === 0 || rand() < 0.08;
      if (restart) {
        listed.clear();
        price.clear();
        caps.clear();
      }
      const c: NonNullable<HistoryEntry["c"]> = [];
      for (const m of models) {
        if (!restart && rand() > 0.2) continue;
        if (!listed.has(m)) {
          if (rand() < 0.7) {
            listed.add(m);
            c.push([m, "listed", false, true]);
          }
          continue;
        }
        const r = rand();
        if (r < 0.15) {
          listed.delete(m);
          price.delete(m);
          caps.delete(m);
          c.push([m, "listed", true, false]);
        } else if (r < 0.6) {
          const next = (rand() / 1000).toFixed(6);
          c.push([m, "pricing.prompt", price.get(m) ?? null, next]);
          price.set(m, next);
        } else {
          const flags = caps.get(m) ?? new Set<string>();
          const flag = ["tools", "vision", "audio"][Math.floor(rand() * 3)]!;
          if (flags.has(flag)) {
            flags.delete(flag);
            c.push([m, "capabilities", flag, null]);
          } else {
            flags.add(flag);
            c.push([m, "capabilities", null, flag]);
          }
          caps.set(m, flags);
        }
      }
      entries.push(restart ? { e, b: true, c } : c.length > 0 ? { e, c } : { e });
    }
    expect(entries.filter((x) => x.b).length).toBeGreaterThan(1);
    for (let i = 0; i < 40; i += 3)
      for (let j = 0; j < 40; j += 2) {
        const [a, b] = [entries[i]!.e, entries[j]!.e];
        expect(diffWorlds(...changedWorlds(entries, a, b)), `${i} -> ${j}`).toEqual(
          diffWorlds(worldAt(entries, a), worldAt(entries, b)),
        );
      }
  });
});
