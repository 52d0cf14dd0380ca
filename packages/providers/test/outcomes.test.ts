// Every typed outcome, as a user of obs-poll would meet it, through the real undici path.
import { createServer } from "node:net";
import type { Fault, FaultRule, Route } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { createProvider, type Outcome, type ProviderErrorKind } from "../src/index.js";
import { harness } from "./helpers.js";

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function kindOf(out: Outcome<unknown>): ProviderErrorKind | "ok" {
  return out.ok ? "ok" : out.error.kind;
}

const CASES: Array<[string, Fault, ProviderErrorKind]> = [
  ["401", { type: "status", status: 401 }, "auth"],
  ["403", { type: "status", status: 403 }, "auth"],
  ["404", { type: "status", status: 404 }, "not_found"],
  ["429", { type: "status", status: 429, retryAfterSeconds: 2 }, "rate_limited"],
  ["500", { type: "status", status: 500 }, "server"],
  ["529 overloaded", { type: "status", status: 529 }, "server"],
  ["400", { type: "status", status: 400 }, "rejected"],
  ["a hang", { type: "hang" }, "timeout"],
  ["a dropped connection", { type: "reset" }, "network"],
  ["an HTML page", { type: "html" }, "bad_response"],
  ["an HTML 502", { type: "html", status: 502 }, "server"],
  ["truncated JSON", { type: "truncated" }, "bad_response"],
  ["malformed JSON", { type: "malformed" }, "bad_response"],
  ["the wrong shape", { type: "wrong_shape" }, "bad_response"],
  ["an oversize body", { type: "oversize", bytes: 3 * 1024 * 1024 }, "bad_response"],
];

const DIALECTS = [
  ["openai", "gpt-4o"],
  ["anthropic", "claude-opus-4-6"],
  ["google", "gemini-2.0-flash"],
  ["ollama", "llama3.2:latest"],
] as const;

describe.each(DIALECTS)("%s outcomes", (name, model) => {
  it.each(CASES)(
    "%s is reported as its kind, for listing and for a benchmark call",
    async (_, fault, kind) => {
      const rules: FaultRule[] = (["models", "chat"] as Route[]).map((route) => ({
        provider: name,
        route,
        fault,
      }));
      const h = await harness({ scenario: { faults: rules } });
      const p = h.provider(name, {
        listTimeoutMs: 300,
        callTimeoutMs: 300,
        maxListBytes: 1024 * 1024,
        maxCallBytes: 1024 * 1024,
        retry: { attempts: 1 },
      });
      const listed = await p.listModels();
      const called = await p.complete(model, "2+2=?");
      expect(kindOf(listed)).toBe(kind);
      expect(kindOf(called)).toBe(kind);
      if (!called.ok) {
        expect(called.error.provider).toBe(name);
        expect(called.error.message).toMatch(new RegExp(`^${name} `));
        if (fault.type === "status") expect(called.error.status).toBe(fault.status);
        if (kind === "rate_limited") expect(called.error.retryAfterMs).toBe(2000);
      }
    },
  );
});

describe("outcomes without a fault rule", () => {
  it("a model the provider does not serve is not_found", async () => {
    const h = await harness();
    for (const [name] of DIALECTS) {
      const out = await h.provider(name).complete("no-such-model", "2+2=?");
      expect(kindOf(out), name).toBe("not_found");
    }
  });

  it("a wrong key is auth, including Gemini's 400 API_KEY_INVALID", async () => {
    const h = await harness();
    for (const name of ["openai", "anthropic", "google", "openrouter"] as const) {
      const env = { ...h.server.env(), [`${name.toUpperCase()}_API_KEY`]: "wrong-key-1234" };
      const p = h.provider(name, { env });
      const out = await p.listModels();
      expect(kindOf(out), name).toBe("auth");
      expect(!out.ok && out.error.attempts).toBe(1);
    }
  });

  it("nothing listening is a network error, after the bounded retries", async () => {
    const port = await closedPort();
    const p = createProvider("ollama", {
      env: { OBS_OLLAMA_BASE_URL: `http://127.0.0.1:${port}` },
      sleep: async () => {},
    });
    const out = await p.listModels();
    await p.close();
    expect(kindOf(out)).toBe("network");
    expect(!out.ok && out.error.attempts).toBe(3);
  });
});

describe("retries", () => {
  it("listing waits out Retry-After and then succeeds", async () => {
    const h = await harness({
      scenario: {
        faults: [
          {
            provider: "xai",
            route: "models",
            times: 1,
            fault: { type: "status", status: 429, retryAfterSeconds: 3 },
          },
        ],
      },
    });
    const out = await h.provider("xai").listModels();
    expect(out.ok).toBe(true);
    expect(h.waits).toEqual([3000]);
    expect(h.server.scenario.calls({ provider: "xai" })).toHaveLength(2);
  });

  it("a benchmark call's failure is reported once, never retried", async () => {
    const h = await harness({
      scenario: {
        faults: [
          { provider: "openai", route: "chat", times: 1, fault: { type: "status", status: 503 } },
        ],
      },
    });
    const p = h.provider("openai");
    const out = await p.complete("gpt-4o", "2+2=?");
    expect(kindOf(out)).toBe("server");
    expect(h.server.scenario.calls({ provider: "openai", route: "chat" })).toHaveLength(1);
    expect(h.waits).toEqual([]);
  });

  it("a model that rejects a determinism knob is asked once more without knobs, and remembered", async () => {
    const h = await harness({
      scenario: {
        faults: [
          {
            provider: "openai",
            route: "chat",
            model: "gpt-5",
            times: 1,
            fault: {
              type: "status",
              status: 400,
              message: "Unsupported value: 'temperature' does not support 0 with this model.",
            },
          },
        ],
      },
    });
    const p = h.provider("openai");
    const first = await p.complete("gpt-5", "2+2=?");
    const second = await p.complete("gpt-5", "2+2=?");
    expect(first.ok && first.value.knobs).toEqual({});
    expect(second.ok && second.value.text).toBeTruthy();
    const bodies = h.server.scenario
      .calls({ provider: "openai", route: "chat" })
      .map((c) => JSON.parse(c.body ?? "{}"));
    expect(bodies).toHaveLength(3);
    expect(bodies[0]).toHaveProperty("temperature", 0);
    expect(bodies[1]).not.toHaveProperty("temperature");
    expect(bodies[2]).not.toHaveProperty("temperature");
  });
});

describe("concurrency", () => {
  it("caps concurrent calls per provider (Ollama serially by default)", async () => {
    const h = await harness({ scenario: { latencyMs: 60 } });
    const openai = h.provider("openai", { concurrency: 2 });
    const ollama = h.provider("ollama");
    const outs = await Promise.all([
      ...Array.from({ length: 6 }, () => openai.complete("gpt-4o", "2+2=?")),
      ...Array.from({ length: 3 }, () => ollama.complete("llama3.2:latest", "2+2=?")),
    ]);
    expect(outs.every((o) => o.ok)).toBe(true);
    expect(h.server.scenario.maxInFlight("openai")).toBe(2);
    expect(h.server.scenario.maxInFlight("ollama")).toBe(1);
  });

  it("after the signal aborts, queued calls are cancelled without a request; calls in flight finish", async () => {
    const h = await harness({ scenario: { latencyMs: 60 } });
    const abort = new AbortController();
    const p = h.provider("openai", { concurrency: 2, signal: abort.signal });
    const outs = Array.from({ length: 6 }, () => p.complete("gpt-4o", "2+2=?"));
    await new Promise((r) => setTimeout(r, 20)); // the first two are in flight
    abort.abort();
    const done = await Promise.all(outs);
    expect(done.map(kindOf)).toEqual(["ok", "ok", ...Array(4).fill("cancelled")]);
    expect(h.server.scenario.calls({ provider: "openai", route: "chat" })).toHaveLength(2);
    expect(kindOf(await p.canary("gpt-4o"))).toBe("cancelled");
  });
});
