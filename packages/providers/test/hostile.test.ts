// One hostile provider never takes the poll down: deep nesting, huge pages and numbers that do
// not fit a double are outcomes (records, warnings or typed failures), never a thrown error.
import { afterEach, describe, expect, it } from "vitest";
import { createProvider, type Provider } from "../src/index.js";
import { jsonBody, nested, rawServer } from "./raw-server.js";

const opened: Provider[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
});
function provider(name: string, env: Record<string, string>, extra = {}): Provider {
  const p = createProvider(name, { env, retry: { attempts: 1 }, listTimeoutMs: 20_000, ...extra });
  opened.push(p);
  return p;
}

describe("deeply nested listings", () => {
  it("keeps a model whose pricing nests 100,000 levels deep, cut at 32 with a marker", async () => {
    const deep = nested(100_000, "tier", '"0.000001"');
    const body = `{"object":"list","data":[{"id":"deep","pricing":{"prompt":"0.000002","x":${deep}}},{"id":"plain"}]}`;
    const srv = await rawServer(jsonBody(body));
    const out = await provider("openrouter", srv.env("openrouter", "/api/v1")).listModels();
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.models.map((m) => m.id)).toEqual(["deep", "plain"]);
    const pricing = out.value.models[0]?.pricing ?? {};
    expect(pricing.prompt).toBe("0.000002");
    const cut = Object.entries(pricing).find(([k]) => k.startsWith("x."));
    expect(cut?.[0].split(".")).toHaveLength(32);
    expect(cut?.[1]).toBe("[nested deeper than 32 levels]");
    expect(out.value.warnings).toContainEqual({
      code: "METADATA_TRUNCATED",
      model_id: "deep",
      message:
        'openrouter: model "deep": pricing nested deeper than 32 levels; the rest is replaced by a marker',
    });
  });

  it("keeps an Anthropic model whose capabilities nest 100,000 levels deep", async () => {
    const caps = `{"vision":{"supported":true},"deep":${nested(100_000, "n", '{"supported":true}')}}`;
    const body = `{"data":[{"id":"claude-x","type":"model","capabilities":${caps}}],"has_more":false}`;
    const srv = await rawServer(jsonBody(body));
    const out = await provider("anthropic", srv.env("anthropic", "/v1")).listModels();
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.models[0]?.id).toBe("claude-x");
    expect(out.value.models[0]?.capabilities).toContain("vision");
  });

  it("a body nested 1,000,000 levels at the top is a bad response for that provider, not a crash", async () => {
    const srv = await rawServer(
      jsonBody(`{"data":${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}`),
    );
    const out = await provider("openai", srv.env("openai", "/v1")).listModels();
    expect(out.ok ? "ok" : out.error.kind).toMatch(/^(ok|bad_response)$/);
    if (out.ok) expect(out.value.models).toEqual([]);
  });
});

describe("huge pages", () => {
  const page = (n: number) => {
    const items: string[] = [];
    for (let i = 0; i < n; i++) items.push(`{"id":"m-${i}","type":"model"}`);
    return `{"data":[${items.join(",")}],"has_more":false,"last_id":"m-${n - 1}"}`;
  };

  it("lists a 200,000-item page when the models budget allows it", async () => {
    const srv = await rawServer(jsonBody(page(200_000)));
    const p = provider("anthropic", srv.env("anthropic", "/v1"), { budgets: { models: 250_000 } });
    const out = await p.listModels();
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.models).toHaveLength(200_000);
    expect(out.value.models[199_999]?.id).toBe("m-199999");
  });

  it("refuses it as over budget with the default 100,000-model budget", async () => {
    const srv = await rawServer(jsonBody(page(200_000)));
    const out = await provider("anthropic", srv.env("anthropic", "/v1")).listModels();
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error).toMatchObject({ kind: "over_budget", budget: "models", limit: 100_000 });
    expect(out.error.message).toBe(
      "anthropic list models: over budget: more than 100000 models (raise OBS_BUDGET_MODELS or the budgets.models option)",
    );
  });
});
