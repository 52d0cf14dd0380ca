// AC4: "Registry drift is computed from semantic primitives, not raw payloads. Model list
// reordering does not trigger alerts. Float representation and Unicode normalization
// differences do not trigger alerts."
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readCurrentEpoch } from "@observatory/core";
import type { FixtureProvider } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { ofType } from "../../src/_support/process.js";
import { receiver } from "../../src/_support/receiver.js";
import { type World, world } from "../../src/_support/world.js";

/** The listing body a provider serves at the current poll, as bytes on the wire. */
async function served(w: World, provider: FixtureProvider): Promise<string> {
  const key = w.env[`${provider.toUpperCase()}_API_KEY`];
  const res = await fetch(`${w.server.baseUrl(provider)}/models`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return res.text();
}

describe("AC4", () => {
  it("AC4: reordered lists, re-spelled floats and NFD names raise no event and no alert; a real price move does", async () => {
    const noise = { reorder: { fromPoll: 2 }, respell: { fromPoll: 2, floats: true } } as const;
    const w = await world({
      scenario: {
        seed: 4,
        catalogs: {
          // 340 real OpenRouter models: new order, exponent-spelled prices, every poll from 2.
          openrouter: {
            ...noise,
            patch: [{ fromPoll: 4, id: "openai/gpt-4o", set: { pricing: { prompt: "0.000002" } } }],
          },
          // Decimal strings re-spelled and every name in NFD from poll 2.
          volink: { ...noise, respell: { ...noise.respell, unicode: "NFD" } },
        },
      },
      providers: ["openrouter", "volink"],
    });
    const wire1 = { openrouter: await served(w, "openrouter"), volink: await served(w, "volink") };
    expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);
    const first = (await readCurrentEpoch(w.stateDir)).epoch!;

    // Alerts: every event, INFO and up, goes to the hook from now on.
    const hook = await receiver();
    const hooks = join(w.root, "hooks.json");
    await writeFile(hooks, JSON.stringify({ webhooks: [{ url: `${hook.url}/all` }] }));

    for (const poll of [2, 3]) {
      w.server.scenario.advance();
      // The wire really differs: another order, exponent prices, decomposed accents.
      const or = await served(w, "openrouter");
      const vl = await served(w, "volink");
      expect(or).not.toBe(wire1.openrouter);
      expect(or).toMatch(/"prompt":"\d(\.\d+)?e-\d+"/);
      expect(vl).not.toBe(wire1.volink);
      expect(vl.normalize("NFC")).not.toBe(vl);
      const r = await w.run("obs-poll", ["--no-canary", "--webhooks", hooks]);
      expect(r.code, `poll ${poll}`).toBe(0);
      expect(
        r.records.map((e) => e["type"]),
        `poll ${poll}`,
      ).toEqual(["EPOCH_COMMITTED", "RUN"]);
      const epoch = (await readCurrentEpoch(w.stateDir)).epoch!;
      // Semantically identical snapshots are the same stored object.
      for (const p of ["openrouter", "volink"])
        expect(epoch.manifest.providers[p]?.snapshot).toBe(first.manifest.providers[p]?.snapshot);
    }
    expect(hook.deliveries).toEqual([]);

    // A real change still speaks, with a field-level diff, and reaches the hook.
    w.server.scenario.advance();
    const moved = await w.run("obs-poll", ["--no-canary", "--webhooks", hooks]);
    expect(ofType(moved, "METADATA_CHANGED")).toEqual([
      expect.objectContaining({
        provider: "openrouter",
        model_id: "openai/gpt-4o",
        changes: [{ path: "pricing.prompt", before: "0.0000025", after: "0.000002" }],
      }),
    ]);
    expect(moved.records.map((e) => e["type"])).toEqual([
      "METADATA_CHANGED",
      "EPOCH_COMMITTED",
      "RUN",
    ]);
    expect(hook.deliveries.map((d) => d.body["event_type"])).toEqual(["METADATA_CHANGED"]);
  });
});
