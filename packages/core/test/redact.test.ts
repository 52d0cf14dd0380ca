import { describe, expect, it } from "vitest";
import { describeError, ExitCode, ObsError } from "../src/errors.js";
import { maskKey, maskUrl, redact } from "../src/redact.js";

const SENTINEL = "sk-SENTINEL-0123456789abcdefSECRET";

describe("redaction", () => {
  it.each([
    [`request failed with key ${SENTINEL}`],
    [`GET https://api.example.com/v1/models?key=${SENTINEL}&x=1`],
    [`Authorization: Bearer ${SENTINEL}`],
    [`{"x-api-key":"${SENTINEL}"}`],
    [`https://user:${SENTINEL}@hooks.example.com/path`],
    [`encoded ${encodeURIComponent(`${SENTINEL}/+`)}`],
  ])("strips a known secret from %s", (text) => {
    const out = redact(text, [SENTINEL, `${SENTINEL}/+`]);
    expect(out).not.toContain("SENTINEL");
    expect(out).toContain("[REDACTED]");
  });

  it("strips key shapes and URL credentials it was not told about", () => {
    const out = redact(
      "key sk-proj-abcdefghijklmnopqrstuv and AIzaSyA1234567890123456789012345678901 at https://bob:hunter2@host/x",
    );
    expect(out).not.toMatch(/abcdefghijklmnop|AIzaSy|hunter2/);
  });

  it("leaves ordinary text alone", () => {
    expect(redact("model gpt-4o returned HTTP 503 after 120 ms", ["ab"])).toBe(
      "model gpt-4o returned HTTP 503 after 120 ms",
    );
  });

  it("masks keys to their last 4 characters and URLs to their host", () => {
    expect(maskKey(SENTINEL)).toBe("****CRET");
    expect(maskKey(undefined)).toBe("(not set)");
    expect(maskUrl("https://discord.com/api/webhooks/123/TOKEN")).toBe("https://discord.com/…");
  });

  it("ObsError never carries a secret in message or hint", () => {
    const e = new ObsError("AUTH", `rejected ${SENTINEL}`, {
      hint: `check ${SENTINEL}`,
      secrets: [SENTINEL],
      exitCode: ExitCode.USAGE,
    });
    expect(`${e.message} ${e.hint}`).not.toContain("SENTINEL");
    expect(describeError(new Error(`boom ${SENTINEL}`), [SENTINEL])).not.toContain("SENTINEL");
  });
});
