import { type HistoryEntry, worldAt } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { worldsAt } from "./worlds.js";

const E = (n: number) => `2026110${n}T000000.000Z-0000`;
const ENTRIES: HistoryEntry[] = [
  {
    e: E(1),
    b: true,
    c: [
      ["p/a", "listed", false, true],
      ["p/a", "pricing.prompt", null, "0.000001"],
      ["p/b", "listed", false, true],
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
];

describe("worldsAt", () => {
  it("is core's worldAt at both points, whichever comes first", () => {
    for (let i = 1; i <= 4; i++)
      for (let j = 1; j <= 4; j++) {
        const [a, b] = worldsAt(ENTRIES, E(i), E(j));
        expect([a, b], `${i} -> ${j}`).toEqual([worldAt(ENTRIES, E(i)), worldAt(ENTRIES, E(j))]);
      }
  });

  it("the earlier world is a copy: the later replay does not change it", () => {
    const [a] = worldsAt(ENTRIES, E(1), E(4));
    expect(a.get("p/a")?.get("pricing.prompt")).toBe("0.000001");
    expect(a.has("p/b")).toBe(true);
  });
});
