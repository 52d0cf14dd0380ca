// Terminal hygiene end to end (invariant 12): a provider lists a model whose id carries escape
// sequences, CR, a newline and a bidi override. obs-poll's human summary on stderr shows it
// escaped, on one line; its NDJSON on stdout keeps the exact id.
import {
  HOSTILE_ID as HOSTILE,
  hostileModel,
  rawTerminalPieces as raw,
  HOSTILE_ID_SHOWN as SHOWN,
} from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { harness, ofType } from "./harness.js";

describe("obs-poll: provider strings reach the terminal escaped", () => {
  it("a hostile model id is escaped in the summary and exact in NDJSON", async () => {
    const h = await harness(
      {
        seed: 1,
        catalogs: {
          openai: {
            add: [
              {
                fromPoll: 1,
                models: [hostileModel()],
              },
            ],
          },
        },
      },
      ["openai"],
    );
    const r = await h.run("obs-poll", ["--no-canary"], { NO_COLOR: "1" });
    expect(r.code).toBe(0);
    expect(raw(r.stderr)).toEqual([]);
    const line = r.stderr.split("\n").find((l) => l.includes("MODEL_ADDED") && l.includes("FAKE"));
    expect(line).toContain(SHOWN);
    // No forged line: the text after the newline stays on the model's own line.
    expect(r.stderr.split("\n").some((l) => l.startsWith("FAKE LINE") || l === "ok")).toBe(false);
    const added = ofType(r, "MODEL_ADDED").map((e) => e["model_id"]);
    expect(added).toContain(HOSTILE);
  });
});
