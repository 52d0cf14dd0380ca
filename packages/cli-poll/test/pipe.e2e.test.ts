// obs-poll's stdout into a reader that goes away early (`| head -1`, `| true`): the poll
// finishes and commits, exits with its own status, and prints no EPIPE stack trace.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCurrentEpoch } from "@observatory/core";
import { runProcess } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { harness } from "./harness.js";

const bin = fileURLToPath(new URL("../bin/obs-poll.js", import.meta.url));

describe("obs-poll into a pipe whose reader goes away", () => {
  it.each([
    ["head -1", 1],
    ["true", 0],
  ])(
    "obs-poll | %s: exits quietly with its own status and the epoch is committed",
    async (reader, lines) => {
      // OpenRouter's first listing is hundreds of MODEL_ADDED records: far more than a pipe
      // buffer holds, so the writes after the reader left fail with EPIPE.
      const h = await harness({ seed: 1 }, ["openrouter"]);
      const r = await runProcess(
        "bash",
        [
          "-c",
          `set -o pipefail; "${process.execPath}" "${bin}" --state-dir "${h.stateDir}" | ${reader}`,
        ],
        { env: h.env },
      );
      expect(r.stderr).not.toMatch(/EPIPE|\n\s+at |internal error/);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split("\n").filter((l) => l !== "")).toHaveLength(lines);
      // The summary still went to stderr, and the poll committed all it measured.
      expect(r.stderr).toMatch(/^obs-poll: committed epoch /m);
      const epoch = (await readCurrentEpoch(h.stateDir)).epoch;
      expect(epoch?.snapshots["openrouter"]?.models.length).toBeGreaterThan(100);
      const log = await readFile(join(h.stateDir, "events.jsonl"), "utf8");
      const added = log.split("\n").filter((l) => l.includes('"MODEL_ADDED"'));
      expect(added.length).toBe(epoch?.snapshots["openrouter"]?.models.length);
      // What the reader missed was more than a pipe buffer.
      expect(added.join("\n").length).toBeGreaterThan(64 * 1024);
    },
  );
});
