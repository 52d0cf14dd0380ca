import { painted } from "@observatory/cli-kit";
import { describe, expect, it } from "vitest";
import { chunks, fitTable, paragraph, width } from "./layout.js";

// Colour escapes: ESC [ ... m.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const visible = (s: string) => width(s.replace(ANSI, ""));

describe("chunks", () => {
  it("breaks at a space before it breaks inside a word, and never loses a character", () => {
    const text = "re-lock to pin behaviour: obs-lock exp --force --benchmark-before-lock";
    const pieces = chunks(text, 30);
    expect(pieces.every((p) => width(p) <= 30)).toBe(true);
    // Whole words only: no flag is split at its hyphens.
    const words = new Set(text.split(" "));
    expect(pieces.flatMap((p) => p.split(" ")).every((w) => words.has(w))).toBe(true);
    expect(pieces.join(" ")).toBe(text);
  });

  it("keeps a command to copy on one line when it fits on one", () => {
    const text =
      "UNLOCKED_BEHAVIORAL: this lock holds no canonical baselines; re-lock to pin behaviour: obs-lock blind --force --benchmark-before-lock";
    const pieces = chunks(text, 80);
    expect(pieces.every((p) => width(p) <= 80)).toBe(true);
    expect(pieces.some((p) => p.includes("obs-lock blind --force --benchmark-before-lock"))).toBe(
      true,
    );
    expect(pieces.join(" ")).toBe(text);
  });

  it("cuts a long id without spaces at a '/' or '-', else at the width", () => {
    const id = `openai/${"extended-context-".repeat(4)}preview`;
    const pieces = chunks(id, 20);
    expect(pieces.every((p) => width(p) <= 20)).toBe(true);
    expect(pieces.join("")).toBe(id);
    expect(pieces[0]).toBe("openai/extended-");
    expect(chunks("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });
});

describe("fitTable", () => {
  const columns = [
    { head: "model", min: 10 },
    { head: "status" },
    { head: "observed in", drop: 1 },
    { head: "detail", min: 10 },
  ];
  const rows = [
    [
      `openai/${"very-long-model-id-".repeat(4)}x`,
      painted((s) => `\u001b[31m${s}\u001b[39m`, "DRIFT"),
      "20261121T052029.123Z-0000",
      "confirmed drift: 4 -> 5 (since 20261121T052029.123Z-0000, three polls in a row)",
    ],
  ];

  it("drops the low-value column, then wraps, to fit the width", () => {
    const lines = fitTable(columns, rows, 60);
    expect(lines.every((l) => visible(l) <= 60)).toBe(true);
    expect(lines[0]).not.toContain("observed in");
    expect(lines.join("\n")).toContain("DRIFT");
    // Colour paints the text, never the padding, and is not counted as width.
    expect(lines[1]).toContain("\u001b[31mDRIFT\u001b[39m   ");
  });

  it("keeps every column at its natural width when the width is unlimited (--wide)", () => {
    const lines = fitTable(columns, rows, null);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("observed in");
    expect(visible(lines[1]!)).toBeGreaterThan(150);
  });

  it("sanitises cells before measuring them", () => {
    const [, row] = fitTable([{ head: "model" }], [["gpt\u001b[2Jx"]], 80);
    expect(row).toBe("gpt\\x1b[2Jx");
  });
});

describe("paragraph", () => {
  it("continues under the text, not under the label", () => {
    const lines = paragraph("  ", "warning:", (s) => s, "word ".repeat(30).trim(), 40);
    expect(lines.every((l) => width(l) <= 40)).toBe(true);
    expect(lines[0]!.startsWith("  warning: word")).toBe(true);
    expect(lines[1]!.startsWith(" ".repeat(11))).toBe(true);
  });
});
