// Help that can be trusted (issue #16 item 6): every help page of obs-lock and obs-check (each
// subcommand's too) has at least two examples, and every example works: each is run here, as
// written, in a bash with pipefail, against a state directory with a poll in it.
import { describe, expect, it } from "vitest";
import { harness } from "./harness.js";

/** The commands of a help page's "Examples:" section (descriptions and wrapped lines dropped). */
function examples(help: string): string[] {
  // The section runs to the next blank line (or the end of the page).
  const section = help.split("\n\n").find((block) => block.startsWith("Examples:\n")) ?? "";
  return section
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("obs-"))
    .map((l) => l.split(/\s{2,}/)[0]!);
}

describe("help examples", () => {
  it("each page has two or more examples of its own tool, and each one runs (exit 0)", async () => {
    const h = await harness({ seed: 6 }, ["openai"]);
    await h.poll("openai/gpt-4o");
    // In this order: the lock the later examples name is created by the first.
    const pages = [
      ["obs-lock", "--help"],
      ["obs-lock", "export", "--help"],
      ["obs-check", "--help"],
    ] as const;
    for (const [bin, ...args] of pages) {
      const help = await h.run(bin, [...args]);
      expect(help.code).toBe(0);
      const list = examples(help.stdout);
      expect(
        list.filter((e) => e.startsWith(`${bin} `)).length,
        help.stdout,
      ).toBeGreaterThanOrEqual(2);
      for (const example of list) {
        const r = await h.sh(example);
        expect({ example, code: r.code, stderr: r.stderr }).toMatchObject({ example, code: 0 });
      }
    }
  });
});
