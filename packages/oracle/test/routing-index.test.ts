// The oracle reads an epoch's routing index when it has one, and the registry and benchmark
// store otherwise (epochs written before core derived the index). Both must give the same
// answers: the index is a summary, not a second opinion.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { canonicalJson, sha256Hex } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { RoutingOracle } from "../src/index.js";
import { calls, commitEpoch, model, tempStateDir } from "./state.js";

const T0 = new Date("2026-06-01T00:00:00.000Z");

/** Rewrites the current epoch as a writer from before the routing index would have. */
async function dropRoutingIndex(dir: string): Promise<void> {
  const pointerPath = join(dir, "current_epoch.json");
  const pointer = JSON.parse(await readFile(pointerPath, "utf8"));
  const manifestPath = join(dir, "epochs", `${pointer.epoch_id}.json`);
  const { routing, ...manifest } = JSON.parse(await readFile(manifestPath, "utf8"));
  expect(routing).toMatch(/^[0-9a-f]{64}$/);
  const bytes = canonicalJson(manifest);
  await writeFile(manifestPath, bytes);
  await writeFile(pointerPath, JSON.stringify({ ...pointer, manifest_hash: sha256Hex(bytes) }));
}

async function answers(dir: string) {
  const o = await RoutingOracle.open(dir, { now: () => new Date(T0.getTime() + 60_000) });
  const keys = o.list().models.map((m) => m.model.key);
  const all = {
    route: o.route(),
    latency: o.route({ prefer: "latency", minReliability: 0.5 }),
    candidates: o.candidates({ prefer: "cost" }),
    lists: ["reliability", "latency", "context", "cost"].map((by) => o.list(by as "cost")),
    status: [...keys, "anthropic/sonnet", "openai/gone"].map((k) => o.status(k)),
    policy: o.policy(),
  };
  // Rewriting the manifest changes its hash, and only that.
  return JSON.parse(JSON.stringify(all).replaceAll(all.route.epoch.manifestHash, "<manifest>"));
}

describe("the routing index", () => {
  it("gives the same answers as the registry and benchmark store it summarizes", async () => {
    const dir = await tempStateDir();
    await commitEpoch(dir, {
      at: T0,
      providers: {
        openai: [
          model("gpt-4o"),
          model("gpt-old", { deprecation_date: "2026-01-01" }),
          model("gone"),
        ],
        anthropic: [
          model("sonnet", { context_length: 200_000, pricing: { prompt: "0.000003" } }),
          model("haiku", { capabilities: ["tools"] }),
        ],
      },
      calls: [...calls("openai", "gpt-4o", 9, 400, 1), ...calls("anthropic", "sonnet", 10, 900)],
      bench: [{ key: "anthropic/sonnet", probe: "json", verdict: "DRIFT" }],
    });
    await commitEpoch(dir, {
      at: new Date(T0.getTime() + 1000),
      providers: {
        openai: [model("gpt-4o"), model("gpt-old", { deprecation_date: "2026-01-01" })],
        anthropic: "503 from the listing",
      },
      calls: calls("anthropic", "haiku", 5, 250),
      bench: [
        { key: "anthropic/sonnet", probe: "json", verdict: "MATCH" },
        { key: "openai/gpt-4o", probe: "arith", verdict: "CANDIDATE", streak: 2 },
      ],
    });
    const fromIndex = await answers(dir);
    // The case under test: drift kept after a MATCH, a streak, a removal, a failed provider.
    expect(fromIndex.route.model?.key).toBe("anthropic/haiku");
    expect(
      fromIndex.status.find((s: { key: string }) => s.key === "anthropic/sonnet"),
    ).toMatchObject({
      healthy: false,
    });
    await dropRoutingIndex(dir);
    const fromRegistry = await answers(dir);
    expect(fromRegistry).toEqual(fromIndex);
  });
});
