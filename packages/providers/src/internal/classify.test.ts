import { describe, expect, it } from "vitest";
import { kindForStatus, providerMessage, retryAfterMs } from "./classify.js";

describe("kindForStatus", () => {
  it.each([
    [401, "auth"],
    [403, "auth"],
    [404, "not_found"],
    [408, "timeout"],
    [429, "rate_limited"],
    [500, "server"],
    [503, "server"],
    [529, "server"],
    [400, "rejected"],
    [422, "rejected"],
  ])("HTTP %i is %s", (status, kind) => {
    expect(kindForStatus(status, undefined)).toBe(kind);
  });

  it("treats Gemini's 400 API_KEY_INVALID as an auth failure", () => {
    const body = { error: { code: 400, details: [{ reason: "API_KEY_INVALID" }] } };
    expect(kindForStatus(400, body)).toBe("auth");
  });
});

describe("retryAfterMs", () => {
  it("reads delta-seconds, HTTP dates and retry-after-ms", () => {
    expect(retryAfterMs({ "retry-after": "7" })).toBe(7000);
    expect(retryAfterMs({ "retry-after": "0.5" })).toBe(500);
    expect(retryAfterMs({ "retry-after-ms": "250", "retry-after": "7" })).toBe(250);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }, now)).toBe(30_000);
    expect(retryAfterMs({})).toBeUndefined();
    expect(retryAfterMs({ "retry-after": "soon" })).toBeUndefined();
  });
});

describe("providerMessage", () => {
  it("finds the message in each provider's error shape", () => {
    expect(providerMessage({ error: { message: "openai says" } })).toBe("openai says");
    expect(
      providerMessage({ type: "error", error: { type: "x", message: "anthropic says" } }),
    ).toBe("anthropic says");
    expect(providerMessage({ error: "ollama says" })).toBe("ollama says");
    expect(providerMessage({ detail: "venice says" })).toBe("venice says");
    expect(providerMessage({ nothing: true })).toBeUndefined();
  });

  it("keeps it to one short line", () => {
    const long = providerMessage({ message: `a\n${"b".repeat(500)}` });
    expect(long).not.toContain("\n");
    expect(long!.length).toBeLessThanOrEqual(201);
  });
});
