// Widths (issue #16 item 5): obs-check's report fits 100 columns when stderr is not a terminal
// (the terminal's width when it is), however long the model ids, values and reasons; --wide shows
// every column, unwrapped. The boxed tables it replaced were ~290 columns wide.
import { hostileModel } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { checkOf, harness } from "./harness.js";

const LONG = `gpt-4o-mini-${"extended-context-".repeat(4)}preview-2026-11-21`;
const LONGER = `${LONG}-with-a-second-very-long-suffix-for-the-added-model`;
// Colour escapes: ESC [ ... m.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const columns = (line: string) => [...line.replace(ANSI, "")].length;

describe("obs-check report width", () => {
  it("long model ids: every line fits 100 columns; --wide keeps the dropped column", async () => {
    const h = await harness(
      {
        seed: 4,
        catalogs: {
          openai: {
            add: [
              { fromPoll: 1, models: [hostileModel(LONG)] },
              { fromPoll: 2, models: [hostileModel(LONGER)] },
            ],
          },
        },
        // The long model's benchmark fails from poll 2: six MISSING rows with their reasons.
        faults: [
          {
            provider: "openai",
            route: "chat",
            model: LONG,
            fromPoll: 2,
            fault: { type: "status", status: 500 },
          },
        ],
      },
      ["openai"],
    );
    await h.poll(`openai/${LONG}`);
    const locked = await h.run("obs-lock", [
      "exp",
      "--providers",
      "openai",
      "--notes",
      "x".repeat(150),
    ]);
    expect(locked.code, locked.stderr).toBe(0);
    await h.poll(`openai/${LONG}`);

    const r = await h.run("obs-check", ["exp"], { FORCE_COLOR: "1", NO_COLOR: "" });
    expect(r.code, r.stderr).toBe(1);
    const rec = checkOf(r, "exp");
    expect(rec["counts"]).toMatchObject({ MISSING: 6 });
    expect(rec["violations"]).toContainEqual({
      kind: "MODEL_ADDED",
      detail: `openai/${LONGER} added`,
    });
    const lines = r.stderr.trimEnd().split("\n");
    const wide = lines.filter((l) => columns(l) > 100);
    expect(wide, r.stderr).toEqual([]);
    // Colour survives, and nothing is lost: the ids are all there, wrapped.
    expect(r.stderr).toMatch(ANSI);
    const flat = r.stderr.replace(ANSI, "").replace(/\s+/g, "");
    expect(flat).toContain(`openai/${LONGER}`);
    expect(flat).toContain(`openai/${LONG}`);
    // The low-value column (an epoch id per row) is what went.
    expect(r.stderr).toContain("detail");
    expect(r.stderr).not.toContain("observed in");

    const all = await h.run("obs-check", ["exp", "--wide"]);
    expect(all.code).toBe(1);
    expect(all.stderr).toContain("observed in");
    expect(all.stderr).toContain(`openai/${LONG}`);
    expect(all.stderr.split("\n").some((l) => columns(l) > 100)).toBe(true);

    // obs-lock's list and show fit too.
    for (const args of [
      ["--list", "--verbose"],
      ["--show", "exp", "--verbose"],
    ]) {
      const shown = await h.run("obs-lock", args);
      expect(shown.code).toBe(0);
      expect(
        shown.stderr.split("\n").filter((l) => columns(l) > 100),
        shown.stderr,
      ).toEqual([]);
      expect(shown.stderr.replace(/\s+/g, "")).toContain(`openai/${LONG}`);
    }
  });
});
