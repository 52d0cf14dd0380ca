// AC6: "Tier 4 drift and Tier 1 drift produce different severity levels. Operators can filter
// meaningfully."
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readEvents } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { ofType } from "../../src/_support/process.js";
import { receiver } from "../../src/_support/receiver.js";
import { world } from "../../src/_support/world.js";

describe("AC6", () => {
  it("AC6: a tier-1 drift is INFO and a tier-4 drift CRITICAL, so a HIGH-only hook gets just the tier-4 one", async () => {
    const w = await world({
      scenario: {
        seed: 6,
        answers: [
          // From poll 2, gpt-4o answers the tier-1 arithmetic and the tier-4 tool call otherwise.
          {
            provider: "openai",
            model: "gpt-4o",
            prompt: 1,
            change: { fromPoll: 2, surfaces: ["5"] },
          },
          {
            provider: "openai",
            model: "gpt-4o",
            prompt: 5,
            change: { fromPoll: 2, surfaces: ["get_weather('Tokyo', 'celsius')"] },
          },
        ],
      },
    });
    const hook = await receiver();
    const hooks = join(w.root, "hooks.json");
    await writeFile(
      hooks,
      JSON.stringify({
        webhooks: [
          { name: "pager", url: `${hook.url}/pager`, min_severity: "HIGH" },
          { name: "log", url: `${hook.url}/log`, min_severity: "INFO" },
        ],
      }),
    );
    expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);
    let drifted: Awaited<ReturnType<typeof w.run>> | undefined;
    for (let poll = 1; poll <= 4; poll++) {
      const r = await w.run("obs-bench", ["--models", "openai/gpt-4o", "--webhooks", hooks]);
      if (ofType(r, "BEHAVIOR_DRIFT").length > 0) drifted = r;
      w.server.scenario.advance();
    }
    expect(drifted?.code).toBe(1);
    const drifts = ofType(drifted!, "BEHAVIOR_DRIFT").map((e) => [
      e["probe"],
      e["tier"],
      e["severity"],
    ]);
    expect(drifts.sort()).toEqual([
      ["arithmetic", 1, "INFO"],
      ["tool_call", 4, "CRITICAL"],
    ]);

    // The log keeps the severities, so filtering the audit trail works too.
    const { events } = await readEvents(w.stateDir);
    const logged = events.filter((e) => e.type === "BEHAVIOR_DRIFT").map((e) => e.severity);
    expect(logged.sort()).toEqual(["CRITICAL", "INFO"]);

    // Operators filter by severity: the pager hook sees only the tool-call drift, unchanged.
    const driftsTo = (path: string) =>
      hook.deliveries
        .filter((d) => d.path === path && d.body["event_type"] === "BEHAVIOR_DRIFT")
        .map((d) => d.body["severity"]);
    expect(driftsTo("/pager")).toEqual(["CRITICAL"]);
    expect(driftsTo("/log").sort()).toEqual(["CRITICAL", "INFO"]);
  });
});
