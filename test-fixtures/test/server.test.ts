// The loopback server over real HTTP (global fetch is fine here: this is the server's side).
import { afterEach, describe, expect, it } from "vitest";
import {
  FIXTURE_PROVIDER_INFO,
  FIXTURE_PROVIDERS,
  type FixtureServer,
  type ScenarioSpec,
  startFixtureServer,
} from "../src/index.js";

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(scenario: ScenarioSpec = {}) {
  server = await startFixtureServer({ scenario });
  return server;
}

function authHeaders(
  s: FixtureServer,
  provider: (typeof FIXTURE_PROVIDERS)[number],
): Record<string, string> {
  const key = s.env()[FIXTURE_PROVIDER_INFO[provider].keyEnv ?? ""] ?? "";
  switch (FIXTURE_PROVIDER_INFO[provider].auth) {
    case "bearer":
      return { authorization: `Bearer ${key}` };
    case "x-api-key":
      return { "x-api-key": key, "anthropic-version": "2023-06-01" };
    case "x-goog-api-key":
      return { "x-goog-api-key": key };
    case "none":
      return {};
  }
}

function listPath(provider: (typeof FIXTURE_PROVIDERS)[number]) {
  return provider === "ollama" ? "/api/tags" : "/models";
}

describe("path convention", () => {
  it("mounts every provider under /<provider> + its real path and hands out the env to reach it", async () => {
    const s = await start();
    const env = s.env();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.OBS_OPENAI_BASE_URL).toBe(`${s.url}/openai/v1`);
    expect(env.OBS_OLLAMA_BASE_URL).toBe(`${s.url}/ollama`);
    expect(env.OBS_ZHIPU_BASE_URL).toBe(`${s.url}/zhipu/api/paas/v4`);
    expect(env.OBS_DEEPSEEK_BASE_URL).toBe(`${s.url}/deepseek`);
    for (const p of FIXTURE_PROVIDERS) {
      const info = FIXTURE_PROVIDER_INFO[p];
      expect(env[info.baseUrlEnv]).toBe(s.baseUrl(p));
      if (info.keyEnv) expect(env[info.keyEnv]).toBeTruthy();
      const res = await fetch(`${s.baseUrl(p)}${listPath(p)}`, { headers: authHeaders(s, p) });
      expect(res.status, p).toBe(200);
      const body = (await res.json()) as { data?: unknown[]; models?: unknown[] };
      expect((body.data ?? body.models ?? []).length, p).toBeGreaterThan(0);
    }
  });

  it("serves an OpenRouter-sized real list", async () => {
    const s = await start();
    const res = await fetch(`${s.baseUrl("openrouter")}/models`, {
      headers: authHeaders(s, "openrouter"),
    });
    const body = (await res.json()) as { data: Array<{ pricing: { prompt: string } }> };
    expect(body.data.length).toBeGreaterThanOrEqual(300);
    expect(typeof body.data[0]?.pricing.prompt).toBe("string");
  });
});

describe("authentication as each provider does it", () => {
  it("rejects missing and wrong keys with the provider's own status and shape", async () => {
    const s = await start();
    const post = (p: "openai" | "anthropic" | "google", headers: Record<string, string>) =>
      fetch(`${s.baseUrl(p)}/models`, { headers });
    expect((await post("openai", {})).status).toBe(401);
    expect((await post("anthropic", { "x-api-key": "wrong" })).status).toBe(401);
    const google = await post("google", { "x-goog-api-key": "wrong" });
    expect(google.status).toBe(400);
    expect(JSON.stringify(await google.json())).toContain("API_KEY_INVALID");
    expect((await post("google", {})).status).toBe(403);
  });

  it("records the headers each call carried", async () => {
    const s = await start();
    await fetch(`${s.baseUrl("google")}/models`, { headers: authHeaders(s, "google") });
    const [call] = s.scenario.calls({ provider: "google" });
    expect(call?.headers["x-goog-api-key"]).toBe(s.env().GOOGLE_API_KEY);
    expect(call?.url).toBe("/google/v1beta/models");
  });
});

describe("pagination", () => {
  it("pages Anthropic's list with limit/after_id until has_more is false", async () => {
    const s = await start({ catalogs: { anthropic: { maxPageSize: 3 } } });
    const ids: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const q = after ? `?limit=100&after_id=${after}` : "?limit=100";
      const res = await fetch(`${s.baseUrl("anthropic")}/models${q}`, {
        headers: authHeaders(s, "anthropic"),
      });
      const page = (await res.json()) as {
        data: Array<{ id: string }>;
        has_more: boolean;
        last_id: string;
      };
      expect(page.data.length).toBeLessThanOrEqual(3);
      ids.push(...page.data.map((m) => m.id));
      if (!page.has_more) break;
      after = page.last_id;
    }
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
  });

  it("pages Gemini's list with pageSize/pageToken until there is no nextPageToken", async () => {
    const s = await start();
    const names: string[] = [];
    let token: string | undefined;
    do {
      const q = `?pageSize=3${token ? `&pageToken=${token}` : ""}`;
      const res = await fetch(`${s.baseUrl("google")}/models${q}`, {
        headers: authHeaders(s, "google"),
      });
      const page = (await res.json()) as {
        models: Array<{ name: string }>;
        nextPageToken?: string;
      };
      names.push(...page.models.map((m) => m.name));
      token = page.nextPageToken;
    } while (token);
    expect(names).toHaveLength(8);
  });
});

describe("chat routes", () => {
  it("answer the benchmark prompts with scripted surface forms and a 404 for unknown models", async () => {
    const s = await start({ answers: [{ prompt: 1, surfaces: ["4"] }] });
    const chat = (model: string) =>
      fetch(`${s.baseUrl("mistral")}/chat/completions`, {
        method: "POST",
        headers: { ...authHeaders(s, "mistral"), "content-type": "application/json" },
        body: JSON.stringify({ model, messages: [{ role: "user", content: "2+2=?" }] }),
      });
    const ok = (await (await chat("mistral-small-latest")).json()) as {
      choices: Array<{ message: { content: string } }>;
    };
    expect(ok.choices[0]?.message.content).toBe("4");
    expect((await chat("no-such-model")).status).toBe(404);
  });

  it("streams Ollama chat as NDJSON unless stream is false", async () => {
    const s = await start();
    const chat = (stream?: boolean) =>
      fetch(`${s.baseUrl("ollama")}/api/chat`, {
        method: "POST",
        body: JSON.stringify({
          model: "llama3.2:latest",
          messages: [{ role: "user", content: "Return exactly: OK" }],
          ...(stream === undefined ? {} : { stream }),
        }),
      });
    expect((await (await chat()).text()).trim().split("\n")).toHaveLength(2);
    const single = (await (await chat(false)).json()) as {
      message: { content: string };
      done: boolean;
    };
    expect(single.done).toBe(true);
    expect(single.message.content).toMatch(/ok/i);
  });
});

describe("scenario over the wire", () => {
  it("re-spells unchanged metadata from the scripted poll", async () => {
    const s = await start({
      catalogs: {
        openrouter: { respell: { fromPoll: 2, floats: true } },
        volink: { respell: { fromPoll: 2, unicode: "NFD" } },
      },
    });
    const get = async (p: "openrouter" | "volink") =>
      (await fetch(`${s.baseUrl(p)}/models`, { headers: authHeaders(s, p) })).text();
    const [or1, vl1] = [await get("openrouter"), await get("volink")];
    s.scenario.advance();
    const [or2, vl2] = [await get("openrouter"), await get("volink")];
    expect(or2).not.toBe(or1);
    expect(or1).not.toMatch(/"prompt":"\d(\.\d+)?e-\d\d"/);
    expect(or2).toMatch(/"prompt":"\d(\.\d+)?e-\d\d"/);
    expect(vl2).not.toBe(vl1);
    expect(vl2.normalize("NFC")).toBe(vl1);
  });

  it("delays answers by the scripted latency and counts concurrent requests", async () => {
    const s = await start({ latencyMs: 150 });
    const t0 = performance.now();
    await Promise.all([1, 2, 3].map(() => fetch(`${s.baseUrl("ollama")}/api/tags`)));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(s.scenario.maxInFlight("ollama")).toBe(3);
  });
});

describe("fault injection", () => {
  const tags = (s: FixtureServer, init: RequestInit = {}) =>
    fetch(`${s.baseUrl("ollama")}/api/tags`, init);

  it("answers with statuses, Retry-After, HTML, truncated, malformed and wrong-shape bodies", async () => {
    const faults: ScenarioSpec["faults"] = [
      { times: 1, fault: { type: "status", status: 429, retryAfterSeconds: 7 } },
      { times: 1, fault: { type: "html", status: 502 } },
      { times: 1, fault: { type: "truncated" } },
      { times: 1, fault: { type: "malformed" } },
      { times: 1, fault: { type: "wrong_shape" } },
    ];
    const s = await start({ faults });
    const r429 = await tags(s);
    expect(r429.status).toBe(429);
    expect(r429.headers.get("retry-after")).toBe("7");
    const html = await tags(s);
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toContain("text/html");
    await html.text();
    await expect(tags(s).then((r) => r.json())).rejects.toThrow();
    await expect(tags(s).then((r) => r.json())).rejects.toThrow();
    const wrong = (await (await tags(s)).json()) as { models: unknown };
    expect(Array.isArray(wrong.models)).toBe(false);
    expect((await tags(s)).status).toBe(200);
    expect(s.scenario.calls().map((c) => c.fault)).toEqual([
      "status",
      "html",
      "truncated",
      "malformed",
      "wrong_shape",
      undefined,
    ]);
  });

  it("hangs until the client gives up, drops connections, and streams oversize bodies", async () => {
    const s = await start({
      faults: [
        { times: 1, fault: { type: "hang" } },
        { times: 1, fault: { type: "reset" } },
        { times: 1, fault: { type: "oversize", bytes: 4 * 1024 * 1024 } },
      ],
    });
    await expect(tags(s, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    await expect(tags(s)).rejects.toThrow();
    const big = await tags(s);
    expect((await big.arrayBuffer()).byteLength).toBeGreaterThan(4 * 1024 * 1024);
  });

  it("reset() starts the scenario over with an empty call log", async () => {
    const s = await start({ faults: [{ times: 1, fault: { type: "status", status: 500 } }] });
    expect((await tags(s)).status).toBe(500);
    s.scenario.advance();
    s.scenario.reset();
    expect(s.scenario.poll).toBe(1);
    expect(s.scenario.calls()).toHaveLength(0);
    expect((await tags(s)).status).toBe(500);
  });
});

describe("the demo scenario", () => {
  it("is plain JSON data", async () => {
    const { DEMO_SCENARIO } = await import("../src/index.js");
    expect(JSON.parse(JSON.stringify(DEMO_SCENARIO))).toEqual(DEMO_SCENARIO);
  });

  it("serves every provider's listing at poll 1 and moves OpenRouter to the later real list at poll 4", async () => {
    const { DEMO_SCENARIO } = await import("../src/index.js");
    const s = await start(DEMO_SCENARIO);
    for (const p of FIXTURE_PROVIDERS) {
      const res = await fetch(`${s.baseUrl(p)}${listPath(p)}`, { headers: authHeaders(s, p) });
      expect(res.status, p).toBe(200);
      await res.arrayBuffer();
    }
    s.scenario.advance(3);
    const res = await fetch(`${s.baseUrl("openrouter")}/models`, {
      headers: authHeaders(s, "openrouter"),
    });
    expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(421);
  });
});
