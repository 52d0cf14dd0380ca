// The sentinel-key sweep: with a recognisable key per provider, no error path (401, 403, 429,
// 500, timeout, HTML, malformed or truncated JSON, wrong shape, oversize, dropped connection)
// lets it into an outcome, a message or a log line. The fixture server echoes the presented key
// in every error body it can, so only the adapters' redaction stands between it and the user.
import type { Fault, FixtureProvider } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { PROVIDER_NAMES, type ProviderName } from "../src/index.js";
import { harness } from "./helpers.js";

const KEYED = PROVIDER_NAMES.filter((p): p is Exclude<ProviderName, "ollama"> => p !== "ollama");
// Deliberately not shaped like any provider's key, so generic patterns cannot be what saves us.
const sentinel = (p: string) => `SENTINEL-${p}-4f9c2e7d1a8b`;
const KEYS = Object.fromEntries(KEYED.map((p) => [p, sentinel(p)])) as Partial<
  Record<FixtureProvider, string>
>;

const MODEL: Record<(typeof KEYED)[number], string> = {
  openai: "gpt-4o",
  anthropic: "claude-opus-4-6",
  google: "gemini-2.0-flash",
  xai: "grok-3",
  mistral: "mistral-small-latest",
  deepseek: "deepseek-chat",
  openrouter: "openrouter/polaris-alpha",
  venice: "llama-3.2-3b",
  volink: "volink-chat-small",
  zhipu: "glm-4.5",
  moonshot: "moonshot-v1-8k",
};

const FAULTS: Array<[string, Fault]> = [
  ["401", { type: "status", status: 401 }],
  ["403", { type: "status", status: 403 }],
  ["429", { type: "status", status: 429, retryAfterSeconds: 1 }],
  ["500", { type: "status", status: 500 }],
  ["timeout", { type: "hang" }],
  ["HTML", { type: "html", status: 502 }],
  ["malformed JSON", { type: "malformed" }],
  ["truncated JSON", { type: "truncated" }],
  ["wrong shape", { type: "wrong_shape" }],
  ["oversize", { type: "oversize", bytes: 2 * 1024 * 1024 }],
  ["dropped connection", { type: "reset" }],
];

function assertNoSentinel(what: unknown) {
  const text = JSON.stringify(what);
  for (const p of KEYED) expect(text).not.toContain(sentinel(p));
  // Nor a fragment long enough to be useful.
  expect(text).not.toContain("4f9c2e7d1a8b");
}

describe("sentinel keys", () => {
  it.each(FAULTS)("never leak on %s, from listing, canary or benchmark", async (_, fault) => {
    const h = await harness({ keys: KEYS, scenario: { faults: [{ fault }] } });
    const outcomes = await Promise.all(
      KEYED.map(async (name) => {
        const p = h.provider(name, {
          listTimeoutMs: 200,
          callTimeoutMs: 200,
          maxListBytes: 1024 * 1024,
          maxCallBytes: 1024 * 1024,
        });
        return [
          await p.listModels(),
          await p.canary(MODEL[name]),
          await p.complete(MODEL[name], "2+2=?"),
        ];
      }),
    );
    for (const o of outcomes.flat()) expect(o.ok).toBe(false);
    assertNoSentinel(outcomes);
    assertNoSentinel(outcomes.flat().map((o) => (o.ok ? "" : o.error.message)));
    expect(h.logs.length).toBeGreaterThan(0);
    assertNoSentinel(h.logs);
  });

  it("is scrubbed even from successful data that echoes it", async () => {
    const h = await harness({
      keys: KEYS,
      scenario: {
        answers: [
          { provider: "openai", prompt: 1, surfaces: [`4 (your key is ${sentinel("openai")})`] },
        ],
        catalogs: {
          openai: { patch: [{ fromPoll: 1, id: "gpt-4o", set: { owned_by: sentinel("openai") } }] },
        },
      },
    });
    const p = h.provider("openai");
    const listed = await p.listModels();
    const answered = await p.complete("gpt-4o", "2+2=?");
    expect(answered.ok && answered.value.text).toBe("4 (your key is [REDACTED])");
    assertNoSentinel([listed, answered]);
  });

  it("travels only in the provider's auth header: never in a URL or a body", async () => {
    const h = await harness({ keys: KEYS });
    await Promise.all(
      KEYED.map(async (name) => {
        const p = h.provider(name);
        await p.listModels();
        await p.complete(MODEL[name], "2+2=?");
      }),
    );
    const calls = h.server.scenario.calls();
    expect(calls.length).toBeGreaterThanOrEqual(KEYED.length * 2);
    for (const call of calls) {
      const key = sentinel(call.provider);
      expect(call.url).not.toContain(key);
      expect(call.body ?? "").not.toContain(key);
      const header =
        call.provider === "anthropic"
          ? call.headers["x-api-key"]
          : call.provider === "google"
            ? call.headers["x-goog-api-key"]
            : call.headers.authorization;
      expect(header, `${call.provider} ${call.route}`).toBe(
        call.provider === "anthropic" || call.provider === "google" ? key : `Bearer ${key}`,
      );
      expect(call.status).toBe(200);
    }
  });
});
