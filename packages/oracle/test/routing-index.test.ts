// The oracle reads an epoch's routing index when it has one, and the registry and benchmark
// store otherwise (epochs written before core derived the index); models' modalities come from
// the flags the index carries, or from the snapshots in an observatory.routing/1 index (written
// before it carried them). All three must give the same answers: the index is a summary, not a
// second opinion.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { canonicalJson, ROUTING_COLUMNS, sha256Hex } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { RoutingOracle } from "../src/index.js";
import { calls, commitEpoch, model, tempStateDir } from "./state.js";

const T0 = new Date("2026-06-01T00:00:00.000Z");

/** Rewrites the current epoch's manifest (and the pointer to it) with `edit`. */
async function rewriteManifest(
  dir: string,
  edit: (manifest: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<void> {
  const pointerPath = join(dir, "current_epoch.json");
  const pointer = JSON.parse(await readFile(pointerPath, "utf8"));
  const manifestPath = join(dir, "epochs", `${pointer.epoch_id}.json`);
  const bytes = canonicalJson(await edit(JSON.parse(await readFile(manifestPath, "utf8"))));
  await writeFile(manifestPath, bytes);
  await writeFile(pointerPath, JSON.stringify({ ...pointer, manifest_hash: sha256Hex(bytes) }));
}

/** Rewrites the current epoch as a writer from before the routing index would have. */
async function dropRoutingIndex(dir: string): Promise<void> {
  await rewriteManifest(dir, async ({ routing, ...manifest }) => {
    expect(routing).toMatch(/^[0-9a-f]{64}$/);
    return manifest;
  });
}

/** Rewrites the current epoch's index as observatory.routing/1 (rows, no flags) held it. */
async function routingIndexV1(dir: string): Promise<void> {
  await rewriteManifest(dir, async (manifest) => {
    const path = (hash: unknown) => join(dir, "objects", `${hash}.json`);
    const v2 = JSON.parse(await readFile(path(manifest["routing"]), "utf8"));
    expect(v2.schema).toBe("observatory.routing/2");
    const models = v2.models.model_id.map((_: string, i: number) =>
      ROUTING_COLUMNS.map((c) =>
        c === "provider" ? v2.providers[v2.models.provider[i]] : v2.models[c][i],
      ),
    );
    const v1 = canonicalJson({
      schema: "observatory.routing/1",
      columns: ROUTING_COLUMNS,
      models,
      probes: v2.probes,
    });
    await writeFile(path(sha256Hex(v1)), v1);
    return { ...manifest, routing: sha256Hex(v1) };
  });
}

async function answers(dir: string) {
  const o = await RoutingOracle.open(dir, { now: () => new Date(T0.getTime() + 60_000) });
  const keys = o.list().models.map((m) => m.model.key);
  const all = {
    route: o.route(),
    latency: o.route({ prefer: "latency", minReliability: 0.5 }),
    modalities: (["text", "image", "audio", "embedding", "any"] as const).map((modality) =>
      o.explain({ modality, minCalls: 0 }),
    ),
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

  it("gives the same modalities from the flags it carries as from the snapshots", async () => {
    const dir = await tempStateDir();
    const chat = ["input:text", "output:text"];
    await commitEpoch(dir, {
      at: T0,
      providers: {
        openrouter: [
          model("chat", { capabilities: chat }),
          model("vision-chat", { capabilities: [...chat, "input:image", "vision"] }),
          model("painter", { capabilities: ["input:text", "output:image"] }),
          model("music", { capabilities: ["input:text", "output:audio", "output:text"] }),
        ],
        gemini: [
          model("flash", { capabilities: ["method:generateContent", "tools"] }),
          model("embed", { capabilities: ["method:embedContent"] }),
          model("veo", { capabilities: ["method:predictLongRunning"] }),
        ],
        openai: [model("gpt-4o", { capabilities: ["tools"] }), model("bare")],
      },
      calls: [...calls("openrouter", "chat", 5, 300), ...calls("gemini", "flash", 5, 200)],
    });
    // Gemini's poll fails: its listing (and the flags in it) is carried forward.
    await commitEpoch(dir, {
      at: new Date(T0.getTime() + 1000),
      providers: {
        openrouter: [
          model("chat", { capabilities: chat }),
          model("painter", { capabilities: ["input:text", "output:image"] }),
          model("music", { capabilities: ["input:text", "output:audio", "output:text"] }),
        ],
        gemini: "503 from the listing",
        openai: [model("gpt-4o", { capabilities: ["tools"] }), model("bare")],
      },
      calls: calls("openai", "gpt-4o", 5, 100),
    });
    const fromFlags = await answers(dir);
    const modalityOf = (key: string) =>
      fromFlags.status.find((s: { key: string }) => s.key === key)?.model?.modalities;
    expect(modalityOf("gemini/veo")).toEqual({ input: ["text"], output: ["video"] });
    expect(modalityOf("openrouter/painter")).toEqual({ input: ["text"], output: ["image"] });
    expect(modalityOf("openai/bare")).toBeNull();
    expect(
      fromFlags.modalities.map((a: { model: { key: string } | null }) => a.model?.key),
    ).toEqual([
      "openai/gpt-4o",
      "openrouter/painter",
      "openrouter/music",
      "gemini/embed",
      "openai/gpt-4o",
    ]);
    await routingIndexV1(dir);
    expect(await answers(dir)).toEqual(fromFlags);
    await dropRoutingIndex(dir);
    expect(await answers(dir)).toEqual(fromFlags);
  });
});
