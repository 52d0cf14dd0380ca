import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { copyV1Tree } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { RoutingOracle } from "../src/index.js";
import { calls, commitEpoch, model, tempStateDir } from "./state.js";

const T0 = new Date("2026-06-01T00:00:00.000Z");
const later = (ms: number) => () => new Date(T0.getTime() + ms);

async function twoProviders(dir: string) {
  return commitEpoch(dir, {
    at: T0,
    providers: {
      openai: [
        model("gpt-4o", { context_length: 128_000 }),
        model("gpt-old", { deprecation_date: "2026-01-01" }),
      ],
      anthropic: [
        model("sonnet", { context_length: 200_000, pricing: { prompt: "0.000003" } }),
        model("haiku"),
      ],
    },
    calls: [...calls("openai", "gpt-4o", 9, 400, 1), ...calls("anthropic", "sonnet", 10, 900)],
    bench: [{ key: "anthropic/sonnet", probe: "json", verdict: "DRIFT" }],
  });
}

describe("RoutingOracle over a committed epoch", () => {
  it("routes around drift and deprecation, and every answer names its epoch", async () => {
    const dir = await tempStateDir();
    const epochId = await twoProviders(dir);
    const oracle = await RoutingOracle.open(dir, { now: later(5000) });
    const a = oracle.route();
    // sonnet (reliability 1.0) would win, but its json probe drifted in this epoch
    expect(a.model?.key).toBe("openai/gpt-4o");
    // haiku and gpt-old were never called: too few calls to route on.
    expect(oracle.candidates().excluded).toMatchObject({
      DRIFT: 1,
      DEPRECATED: 1,
      TOO_FEW_CALLS: 1,
    });
    expect(a.epoch).toMatchObject({ id: epochId, ageMs: 5000, stale: false, fellBack: false });
    expect(oracle.route({ excludeDrift: false }).model?.key).toBe("anthropic/sonnet");
    expect(oracle.route({ excludeDrift: "CRITICAL" }).model?.key).toBe("anthropic/sonnet");
    expect(oracle.candidates().models.map((m) => m.key)).toEqual(["openai/gpt-4o"]);
    expect(oracle.candidates({ minCalls: 0 }).models.map((m) => m.key)).toEqual([
      "openai/gpt-4o",
      "anthropic/haiku",
    ]);
  });

  it("keeps a drifted model out for the whole drift window, after later polls match its new answer", async () => {
    const dir = await tempStateDir();
    await twoProviders(dir);
    const DAY = 24 * 60 * 60 * 1000;
    // The next poll matches the moved baseline: the last verdict is MATCH, the drift stays on record.
    await commitEpoch(dir, {
      at: new Date(T0.getTime() + DAY),
      providers: {},
      bench: [{ key: "anthropic/sonnet", probe: "json", verdict: "MATCH" }],
    });
    const soon = await RoutingOracle.open(dir, { now: later(DAY + 1000), driftWindowMs: 7 * DAY });
    expect(soon.isHealthy("anthropic/sonnet")).toBe(false);
    expect(soon.status("anthropic/sonnet").reasons.map((r) => r.code)).toEqual(["DRIFT"]);
    await commitEpoch(dir, {
      at: new Date(T0.getTime() + 8 * DAY),
      providers: {},
      bench: [{ key: "anthropic/sonnet", probe: "json", verdict: "MATCH" }],
    });
    const weekLater = await RoutingOracle.open(dir, {
      now: later(8 * DAY + 1000),
      driftWindowMs: 7 * DAY,
    });
    expect(weekLater.isHealthy("anthropic/sonnet")).toBe(true);
  });

  it("says why a model is unhealthy, and agrees with isHealthy", async () => {
    const dir = await tempStateDir();
    const epochId = await twoProviders(dir);
    const oracle = await RoutingOracle.open(dir, { now: later(0) });
    const s = oracle.status("anthropic/sonnet");
    expect(s).toMatchObject({ found: true, healthy: false });
    expect(s.reasons).toEqual([
      {
        code: "DRIFT",
        message: `behaviour drift confirmed on probe json (HIGH) in epoch ${epochId}`,
      },
    ]);
    expect(oracle.isHealthy("anthropic/sonnet")).toBe(false);
    expect(oracle.isHealthy("openai/gpt-4o")).toBe(true);
    expect(oracle.status("openai/gpt-old").reasons[0]).toMatchObject({
      code: "DEPRECATED",
      message: "deprecated since 2026-01-01",
    });
    expect(oracle.status("anthropic/haiku").reasons).toEqual([
      {
        code: "TOO_FEW_CALLS",
        message: "no calls measured; routing needs at least 5 calls (obs-bench measures them)",
      },
    ]);
    const anyCount = await RoutingOracle.open(dir, { now: later(0), minCalls: 0 });
    expect(anyCount.isHealthy("anthropic/haiku")).toBe(true);
    expect(anyCount.status("anthropic/haiku").warnings.map((w) => w.code)).toEqual([
      "NOT_MEASURED",
    ]);
    const unknown = oracle.status("gpt-4o");
    expect(unknown).toMatchObject({ found: false, healthy: false, suggestions: ["openai/gpt-4o"] });
    expect(oracle.isHealthy("nobody/nothing")).toBe(false);
  });

  it("forgets a drift once it is older than the drift window before the epoch", async () => {
    const dir = await tempStateDir();
    await twoProviders(dir);
    await commitEpoch(dir, { at: new Date(T0.getTime() + 2 * 86_400_000), providers: {} });
    const narrow = await RoutingOracle.open(dir, { driftWindowMs: 86_400_000 });
    expect(narrow.isHealthy("anthropic/sonnet")).toBe(true);
    expect(narrow.status("anthropic/sonnet").warnings.map((w) => w.code)).toContain(
      "DRIFT_NOT_COUNTED",
    );
    const wide = await RoutingOracle.open(dir, { driftWindowMs: 3 * 86_400_000 });
    expect(wide.isHealthy("anthropic/sonnet")).toBe(false);
    // Infinity (obs-oracle --drift-window never): a drift counts however old it is. zod's
    // z.number() refuses Infinity, which once made "never" an error.
    const ever = await RoutingOracle.open(dir, { driftWindowMs: Number.POSITIVE_INFINITY });
    expect(ever.isHealthy("anthropic/sonnet")).toBe(false);
    await expect(RoutingOracle.open(dir, { driftWindowMs: Number.NaN })).rejects.toMatchObject({
      code: "OPTIONS_INVALID",
    });
  });

  it("keeps a failed provider's models routable, with a warning", async () => {
    const dir = await tempStateDir();
    await twoProviders(dir);
    await commitEpoch(dir, { providers: { openai: "HTTP 503" } });
    const oracle = await RoutingOracle.open(dir);
    expect(oracle.isHealthy("openai/gpt-4o")).toBe(true);
    expect(oracle.status("openai/gpt-4o").warnings[0]).toMatchObject({ code: "CARRIED_FORWARD" });
  });

  it("does not route to a model the newest listing dropped", async () => {
    const dir = await tempStateDir();
    await twoProviders(dir);
    const second = await commitEpoch(dir, { providers: { openai: [model("gpt-old")] } });
    const oracle = await RoutingOracle.open(dir);
    const s = oracle.status("openai/gpt-4o");
    expect(s.reasons[0]).toEqual({
      code: "NOT_LISTED",
      message: `not listed: openai's listing dropped it in epoch ${second}`,
    });
    expect(
      oracle.route({ provider: "openai", excludeDeprecated: false, minCalls: 0 }).model?.key,
    ).toBe("openai/gpt-old");
  });

  it("flags a stale epoch", async () => {
    const dir = await tempStateDir();
    await twoProviders(dir);
    const oracle = await RoutingOracle.open(dir, { now: later(25 * 3_600_000) });
    expect(oracle.route().epoch.stale).toBe(true);
    const lenient = await RoutingOracle.open(dir, {
      now: later(25 * 3_600_000),
      staleAfterMs: 48 * 3_600_000,
    });
    expect(lenient.route().epoch.stale).toBe(false);
  });

  it("lists every listed model with its health, and recommends one per role", async () => {
    const dir = await tempStateDir();
    await twoProviders(dir);
    const oracle = await RoutingOracle.open(dir);
    const l = oracle.list("context");
    expect(l.models.map((m) => [m.model.key, m.reason])).toEqual([
      ["anthropic/sonnet", "DRIFT"],
      ["openai/gpt-4o", null],
      ["anthropic/haiku", "TOO_FEW_CALLS"],
      ["openai/gpt-old", "DEPRECATED"],
    ]);
    const roles = Object.fromEntries(
      oracle.policy().roles.map((r) => [r.role, r.model?.key ?? null]),
    );
    expect(roles).toMatchObject({ precision_math: "openai/gpt-4o", long_context_synthesis: null });
  });

  it("reads models from the snapshots when the epoch has no registry", async () => {
    const dir = await tempStateDir();
    await commitEpoch(dir, { providers: { ollama: [model("llama3")] }, noRegistry: true });
    const oracle = await RoutingOracle.open(dir);
    expect(oracle.route().model).toBeNull();
    expect(oracle.route({ minCalls: 0 }).model).toMatchObject({
      key: "ollama/llama3",
      reliability: null,
      costClass: "mid",
    });
  });
});

describe("routing needs evidence and the right modality", () => {
  // As the OpenRouter adapter records architecture.input_modalities / output_modalities.
  const lyria = model("google/lyria-3-pro-preview", {
    context_length: 1_048_576,
    pricing: { prompt: "0", completion: "0" },
    capabilities: ["input:image", "input:text", "output:audio", "output:text", "vision"],
  });
  const llama = model("meta-llama/llama-3.1-8b-instruct", {
    capabilities: ["input:text", "output:text", "tools"],
  });
  const painter = model("google/gemini-2.5-flash-image", {
    capabilities: ["input:image", "input:text", "output:image", "output:text", "vision"],
  });
  const ids = [lyria.id, llama.id, painter.id];

  it("does not route on one call, nor to a music model for text chat", async () => {
    const dir = await tempStateDir();
    const epochId = await commitEpoch(dir, {
      at: T0,
      providers: { openrouter: [lyria, llama, painter] },
      // One good canary call each: a reliability of 1.00 on almost no evidence.
      calls: ids.flatMap((id) => calls("openrouter", id, 1)),
    });
    const oracle = await RoutingOracle.open(dir, { now: later(0) });
    const none = oracle.route();
    expect(none.model).toBeNull();
    expect(none.excluded).toMatchObject({ TOO_FEW_CALLS: 3, MODALITY: 0 });
    expect(oracle.status(`openrouter/${lyria.id}`).reasons[0]?.message).toBe(
      "only 1 call measured; routing needs at least 5 calls (obs-bench measures them)",
    );
    // With the bar at one call, the free music model would win on cost; text chat excludes it.
    const one = oracle.route({ minCalls: 1, prefer: "cost" });
    expect(one.model?.key).toBe(`openrouter/${llama.id}`);
    expect(one.excluded).toBeNull();
    expect(oracle.candidates({ minCalls: 1 }).excluded.MODALITY).toBe(2);
    expect(oracle.route({ minCalls: 1, modality: "audio" }).model?.key).toBe(
      `openrouter/${lyria.id}`,
    );
    expect(oracle.route({ minCalls: 1, modality: "image" }).model?.key).toBe(
      `openrouter/${painter.id}`,
    );
    expect(oracle.status(`openrouter/${lyria.id}`).model?.modalities).toEqual({
      input: ["image", "text"],
      output: ["audio", "text"],
    });
    // Five calls later the chat model is routable on the defaults.
    await commitEpoch(dir, {
      at: T0,
      providers: { openrouter: [lyria, llama, painter] },
      calls: calls("openrouter", llama.id, 4),
    });
    const later5 = await RoutingOracle.open(dir, { now: later(0) });
    expect(later5.epoch.id).not.toBe(epochId);
    expect(later5.route().model?.key).toBe(`openrouter/${llama.id}`);
  });

  it("reads modalities from the snapshots when the epoch has no registry", async () => {
    const dir = await tempStateDir();
    await commitEpoch(dir, { providers: { openrouter: [lyria, llama] }, noRegistry: true });
    const oracle = await RoutingOracle.open(dir);
    expect(oracle.route({ minCalls: 0, prefer: "cost" }).model?.key).toBe(`openrouter/${llama.id}`);
    expect(oracle.route({ minCalls: 0, modality: "audio" }).model?.key).toBe(
      `openrouter/${lyria.id}`,
    );
  });
});

describe("reading state", () => {
  it("says there is no state (exit code 2) where nothing was polled, creating nothing", async () => {
    const dir = await tempStateDir();
    await expect(RoutingOracle.open(dir)).rejects.toMatchObject({
      code: "NO_STATE",
      exitCode: 2,
      message: expect.stringContaining(`no state at ${dir}`),
    });
    await expect(readdir(dir)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses a v1 state directory with the obs-migrate hint (exit code 2)", async () => {
    const dir = await tempStateDir();
    await copyV1Tree("fleet", dir);
    await expect(RoutingOracle.open(dir)).rejects.toMatchObject({
      code: "STATE_V1",
      exitCode: 2,
      hint: `upgrade it first: obs-migrate --state-dir ${dir}`,
    });
  });

  it("fails with exit code 5 when the state has no readable epoch", async () => {
    const dir = await tempStateDir();
    await twoProviders(dir);
    // Every manifest gone: the pointer names an epoch nothing can be read of.
    await rm(join(dir, "epochs"), { recursive: true });
    await expect(RoutingOracle.open(dir)).rejects.toMatchObject({
      code: "STATE_UNUSABLE",
      exitCode: 5,
    });
  });

  it("never reads the event log", async () => {
    const dir = await tempStateDir();
    await twoProviders(dir);
    // A directory where the log should be: any attempt to read it would fail.
    await rm(join(dir, "events.jsonl"), { force: true });
    await mkdir(join(dir, "events.jsonl"));
    const oracle = await RoutingOracle.open(dir);
    expect(oracle.route().model?.key).toBe("openai/gpt-4o");
  });

  it("falls back to the last good epoch when the newest routing index is corrupt", async () => {
    const dir = await tempStateDir();
    const first = await twoProviders(dir);
    await commitEpoch(dir, {
      providers: { openai: [model("gpt-4o")] },
      calls: calls("openai", "gpt-4o", 1),
    });
    const objects = await readdir(join(dir, "objects"));
    const { readFile } = await import("node:fs/promises");
    const pointer = JSON.parse(await readFile(join(dir, "current_epoch.json"), "utf8"));
    const manifest = JSON.parse(
      await readFile(join(dir, "epochs", `${pointer.epoch_id}.json`), "utf8"),
    );
    expect(objects).toContain(`${manifest.routing}.json`);
    await writeFile(join(dir, "objects", `${manifest.routing}.json`), "{}");
    const oracle = await RoutingOracle.open(dir);
    expect(oracle.epoch).toMatchObject({ id: first, fellBack: true });
    expect(oracle.epoch.problems[0]?.reason).toBe("hash mismatch");
  });

  it("refresh() is one pointer read while nothing moved, and swaps in a new epoch whole", async () => {
    const dir = await tempStateDir();
    const first = await twoProviders(dir);
    const oracle = await RoutingOracle.open(dir);
    // With the objects gone, anything but a pointer read would fail.
    await rename(join(dir, "objects"), join(dir, "objects.away"));
    expect(await oracle.refresh()).toMatchObject({ changed: false, epoch: { id: first } });
    await rename(join(dir, "objects.away"), join(dir, "objects"));
    const second = await commitEpoch(dir, { providers: { anthropic: [model("sonnet")] } });
    const r = await oracle.refresh();
    expect(r).toMatchObject({ changed: true, epoch: { id: second } });
    expect(oracle.route().epoch.id).toBe(second);
  });

  it("keeps the current epoch when a newer one cannot be read", async () => {
    const dir = await tempStateDir();
    const first = await twoProviders(dir);
    const oracle = await RoutingOracle.open(dir);
    await rm(dir, { recursive: true });
    const r = await oracle.refresh();
    expect(r.changed).toBe(false);
    expect(r.problems[0]?.reason).toMatch(/no committed epoch/);
    expect(oracle.route().epoch.id).toBe(first);
  });
});
