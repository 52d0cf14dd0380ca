// AC8: "A missing benchmark is reported as BENCHMARK_MISSING, not silently ignored."
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readCurrentEpoch, readEvents } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { ofType } from "../../src/_support/process.js";
import { receiver } from "../../src/_support/receiver.js";
import { world } from "../../src/_support/world.js";

const MODELS = "openai/gpt-4o,openai/gpt-4o-mini";

describe("AC8", () => {
  it("AC8: a locked baseline that gets no observation is BENCHMARK_MISSING (WARN) in the poll, the log, the check and the hooks", async () => {
    const w = await world({
      scenario: {
        seed: 8,
        // From poll 2 every benchmark call to gpt-4o-mini fails.
        faults: [
          {
            provider: "openai",
            route: "chat",
            model: "gpt-4o-mini",
            fromPoll: 2,
            fault: { type: "status", status: 500 },
          },
        ],
      },
    });
    const hook = await receiver();
    const hooks = join(w.root, "hooks.json");
    await writeFile(
      hooks,
      JSON.stringify({ webhooks: [{ url: `${hook.url}/warn`, min_severity: "WARN" }] }),
    );
    expect((await w.run("obs-poll", ["--no-canary", "--benchmark", "--models", MODELS])).code).toBe(
      0,
    );
    expect((await w.run("obs-lock", ["exp", "--models", MODELS])).code).toBe(0);
    w.server.scenario.advance();

    const poll = await w.run("obs-poll", [
      "--no-canary",
      "--benchmark",
      "--models",
      MODELS,
      "--webhooks",
      hooks,
    ]);
    // Failed calls are no data: not a drift, not an error of the run.
    expect(poll.code).toBe(0);
    expect(ofType(poll, "BEHAVIOR_DRIFT")).toEqual([]);
    expect(ofType(poll, "BENCHMARK_FAILURE").map((e) => e["model_id"])).toEqual(
      Array(6).fill("gpt-4o-mini"),
    );
    const missing = ofType(poll, "BENCHMARK_MISSING");
    expect(
      missing.map((e) => [e["model_id"], e["probe"], e["lock"], e["severity"]]).sort(),
    ).toEqual(
      ["arithmetic", "echo", "fraction", "json", "sequence", "tool_call"].map((p) => [
        "gpt-4o-mini",
        p,
        "exp",
        "WARN",
      ]),
    );
    expect(poll.stderr).toContain("no observation for lock exp");
    // Committed to the audit log and sent to the WARN hook.
    const epoch = (await readCurrentEpoch(w.stateDir)).epoch!.epochId;
    const { events } = await readEvents(w.stateDir, { committedThrough: epoch });
    expect(events.filter((e) => e.type === "BENCHMARK_MISSING")).toHaveLength(6);
    expect(hook.deliveries.some((d) => d.body["event_type"] === "BENCHMARK_MISSING")).toBe(true);

    // The check says so too: the six pairs are MISSING, with a warning, and the others MATCH.
    const check = await w.run("obs-check", ["exp"]);
    expect(check.code).toBe(0);
    const pairs = ofType(check, "LOCK_CHECK")[0]!["pairs"] as Array<Record<string, unknown>>;
    const status = (model: string) =>
      pairs.filter((p) => p["model"] === model).map((p) => p["status"]);
    expect(status("openai/gpt-4o-mini")).toEqual(Array(6).fill("MISSING"));
    expect(status("openai/gpt-4o")).toEqual(Array(6).fill("MATCH"));
    expect(check.stderr).toMatch(
      /6 locked baselines without a current observation \(BENCHMARK_MISSING\)/,
    );
  });
});
