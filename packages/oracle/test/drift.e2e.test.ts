// The story end to end: obs-poll confirms a silent change, then obs-oracle routes
// around the drifted model and says why.
import { describe, expect, it } from "vitest";
import { rig } from "./fixture.js";

const SONNET = "anthropic/claude-sonnet-4-5-20250929";

describe("after a confirmed drift", () => {
  it("obs-oracle routes to another model and status says why", async () => {
    const r = await rig(
      {
        seed: 7,
        answers: [
          {
            provider: "anthropic",
            model: "claude-sonnet-4-5-20250929",
            prompt: 4,
            change: { fromPoll: 2, surfaces: ['{"name":"test","values":[1,2,3]}'] },
          },
        ],
      },
      ["anthropic"],
    );
    // No canaries: the other anthropic models stay unmeasured, so "most reliable" is certain.
    const args = ["--benchmark", "--no-canary", "--models", SONNET];
    expect((await r.poll(args)).code).toBe(0);
    const before = JSON.parse((await r.oracle(["route", "provider=anthropic"])).stdout);
    for (let poll = 2; poll <= 4; poll++) {
      r.advance();
      const p = await r.poll(args);
      expect(p.code, p.stderr).toBe(poll === 4 ? 1 : 0); // exit 1: drift confirmed at poll 4
    }
    expect(before.model.key).toBe(SONNET);

    // The other anthropic models were never called: too few calls to route on either.
    const route = await r.oracle(["route", "provider=anthropic"]);
    expect(route.code).toBe(1);
    const answer = JSON.parse(route.stdout);
    expect(answer.model).toBeNull();
    expect(answer.excluded.DRIFT).toBe(1);
    expect(answer.excluded.TOO_FEW_CALLS).toBeGreaterThan(0);
    const unmeasured = JSON.parse(
      (await r.oracle(["route", "provider=anthropic,calls>=0"])).stdout,
    );
    expect(unmeasured.model.key).not.toBe(SONNET);

    const status = JSON.parse((await r.oracle(["status", SONNET])).stdout);
    expect(status).toMatchObject({ healthy: false, reasons: [{ code: "DRIFT" }] });
    expect(status.reasons[0].message).toBe(
      `behaviour drift confirmed on probe json (HIGH) in epoch ${status.epoch.id}`,
    );
    expect((await r.oracle(["healthy", SONNET])).code).toBe(1);
    // Accepting drifts below CRITICAL (json is HIGH) routes to it again.
    const lenient = JSON.parse(
      (await r.oracle(["route", "provider=anthropic,drift>=CRITICAL"])).stdout,
    );
    expect(lenient.model.key).toBe(SONNET);
  });
});
