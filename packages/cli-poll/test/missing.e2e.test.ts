// A locked pair outside --models is BENCHMARK_MISSING once, not on every poll; again when it
// changes. The memory is in the committed epoch's poll state, shared by obs-poll and obs-bench.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readCurrentEpoch } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { harness, ofType } from "./harness.js";

describe("BENCHMARK_MISSING across polls", () => {
  it("is reported once per finding, and again only when it changes", async () => {
    const h = await harness(
      {
        seed: 3,
        faults: [
          {
            provider: "openai",
            route: "chat",
            model: "gpt-4.1",
            fromPoll: 7,
            fault: { type: "html", status: 502 },
          },
        ],
      },
      ["openai"],
    );
    expect((await h.run("obs-poll", ["--no-canary"])).code).toBe(0);
    expect((await h.run("obs-bench", ["--models", "openai/gpt-4o,openai/gpt-4.1"])).code).toBe(0);
    const epoch = (await readCurrentEpoch(h.stateDir)).epoch!;
    await mkdir(join(h.stateDir, "locks"), { recursive: true });
    await writeFile(
      join(h.stateDir, "locks", "paper.lock.json"),
      JSON.stringify({
        name: "paper",
        epoch_id: epoch.epochId,
        baselines: {
          "openai/gpt-4o": { echo: "ok" },
          "openai/gpt-4.1": { echo: "ok", arithmetic: "4" },
        },
      }),
    );
    const missing = async (bin: "obs-poll" | "obs-bench", args: string[]) => {
      h.server.scenario.advance();
      const r = await h.run(
        bin,
        bin === "obs-poll" ? ["--no-canary", "--benchmark", ...args] : args,
      );
      expect(r.code, r.stderr).toBe(0);
      return ofType(r, "BENCHMARK_MISSING").map(
        (e) => `${e["model_id"]}/${e["probe"]}: ${e["reason"]}`,
      );
    };
    const outside = [
      "gpt-4.1/arithmetic: not benchmarked in this run",
      "gpt-4.1/echo: not benchmarked in this run",
    ];
    const sorted = (xs: string[]) => [...xs].sort();

    // Poll 2: gpt-4.1 is locked but outside --models: reported.
    expect(sorted(await missing("obs-poll", ["--models", "openai/gpt-4o"]))).toEqual(outside);
    // Polls 3 and 4, obs-poll then obs-bench: still missing for the same reason: quiet.
    expect(await missing("obs-poll", ["--models", "openai/gpt-4o"])).toEqual([]);
    expect(await missing("obs-bench", ["--models", "openai/gpt-4o"])).toEqual([]);
    const state = (await readCurrentEpoch(h.stateDir)).epoch!;
    const pollState = (state.registry as { poll_state: Record<string, unknown> }).poll_state;
    expect(pollState["openai"]).toMatchObject({
      missing_reported: [
        {
          lock: "paper",
          model_id: "gpt-4.1",
          probe: "arithmetic",
          reason: "not benchmarked in this run",
        },
        {
          lock: "paper",
          model_id: "gpt-4.1",
          probe: "echo",
          reason: "not benchmarked in this run",
        },
      ],
    });
    // Poll 5: everything benchmarked: nothing missing, and the finding is over.
    expect(await missing("obs-poll", [])).toEqual([]);
    // Poll 6: outside --models again: a new finding, reported again.
    expect(sorted(await missing("obs-poll", ["--models", "openai/gpt-4o"]))).toEqual(outside);
    // Poll 7: benchmarked, but every call fails: the reason changed, reported.
    expect(sorted(await missing("obs-poll", []))).toEqual([
      "gpt-4.1/arithmetic: every call failed or was unreadable",
      "gpt-4.1/echo: every call failed or was unreadable",
    ]);
    // Poll 8: the same: quiet.
    expect(await missing("obs-poll", [])).toEqual([]);
  });
});
