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
});
