import { describe, expect, it } from "vitest";
import { ndjson, painted, table } from "./output.js";

const HOSTILE = "gpt\u001b]0;pwned\u0007\u001b[2J\rFAKE LINE\nok\u202e";
const SHOWN = "gpt\\x1b]0;pwned\\x07\\x1b[2J\\rFAKE LINE\\nok\\u202e";
/** The hostile id's raw pieces: none may reach a terminal. */
const raw = (s: string) =>
  ["\u0007", "\r", "\u202e", "\u001b]", "\u001b[2J"].filter((x) => s.includes(x));

describe("table: human output is sanitised (invariant 12)", () => {
  it("escapes a hostile cell: no control bytes, no extra row, columns measured on what is shown", () => {
    const out = table(
      ["model", "n"],
      [
        [HOSTILE, 1],
        ["gpt-4o", 22],
      ],
    );
    expect(raw(out)).toEqual([]);
    expect(out).toContain(SHOWN);
    const lines = out.split("\n");
    // top rule, head, rule, row, rule, row, bottom rule: nothing forged in between.
    expect(lines).toHaveLength(7);
    const sgr = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
    const widths = new Set(lines.map((l) => l.replace(sgr, "").length));
    expect(widths.size).toBe(1);
  });

  it("keeps the tool's own colours on painted cells, and escapes the data inside them", () => {
    const red = (s: string) => `\u001b[31m${s}\u001b[39m`;
    const out = table(["status"], [[painted(red, `bad ${HOSTILE}`)]]);
    expect(out).toContain(`\u001b[31mbad ${SHOWN}\u001b[39m`);
  });

  it("escapes colour codes hidden in plain data instead of obeying them", () => {
    expect(table(["x"], [["\u001b[31mred"]])).toContain("\\x1b[31mred");
  });

  it("NDJSON keeps the exact value", () => {
    expect(JSON.parse(ndjson({ id: HOSTILE })).id).toBe(HOSTILE);
  });
});
