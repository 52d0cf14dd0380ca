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

// Real key shapes, deterministic filler: the random part is what must never leak.
function filler(n: number, alphabet: string, seed: number): string {
  let x = seed;
  let out = "";
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += alphabet[(x >>> 8) % alphabet.length];
  }
  return out;
}
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const URLSAFE = `${ALNUM}_-`;

/** One configured key per keyed provider, shaped like the real thing. */
const KEY_SHAPES: Array<[string, string]> = [
  ["openai", `sk-proj-${filler(48, URLSAFE, 1)}`],
  ["anthropic", `sk-ant-api03-${filler(93, URLSAFE, 2)}AA`],
  ["google", `AIza${filler(35, URLSAFE, 3)}`],
  ["xai", `xai-${filler(80, ALNUM, 4)}`],
  ["mistral", filler(32, ALNUM, 5)],
  ["deepseek", `sk-${filler(32, HEX, 6)}`],
  ["openrouter", `sk-or-v1-${filler(64, HEX, 7)}`],
  ["venice", filler(43, URLSAFE, 8)],
  ["volink", `sk-${filler(48, ALNUM, 9)}`],
  ["zhipu", `${filler(32, HEX, 10)}.${filler(16, ALNUM, 11)}`],
  ["moonshot", `sk-${filler(48, ALNUM, 12)}`],
  ["groq-shaped", `gsk_${filler(52, ALNUM, 13)}`],
];

/** Every 12-character run of the key: none may survive redaction. */
function leaks(text: string, key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 12 <= key.length; i++) {
    const w = key.slice(i, i + 12);
    if (text.includes(w)) out.push(w);
  }
  return out;
}

describe("redaction of key fragments", () => {
  it.each(KEY_SHAPES)("%s: a head-truncated echo is redacted", (_, key) => {
    for (const cut of [1, 5, 13, key.length - 12]) {
      const text = `invalid key: ...${key.slice(cut)} (check your settings)`;
      expect(leaks(redact(text, [key]), key), `cut ${cut}`).toEqual([]);
    }
  });

  it.each(KEY_SHAPES)("%s: a tail-truncated echo and an elision are redacted", (_, key) => {
    const head = `Incorrect API key provided: ${key.slice(0, 20)}`;
    const elided = `key ${key.slice(0, 16)}...${key.slice(-4)} was revoked`;
    expect(leaks(redact(head, [key]), key)).toEqual([]);
    expect(leaks(redact(elided, [key]), key)).toEqual([]);
    expect(redact(elided, [key])).toContain("was revoked");
  });

  it.each(KEY_SHAPES)("%s: a key split across fields is redacted", (_, key) => {
    const half = Math.floor(key.length / 2);
    const text = JSON.stringify({ a: key.slice(0, half), b: key.slice(half) });
    expect(leaks(redact(text, [key]), key)).toEqual([]);
  });

  it("leaves runs shorter than 12 characters, and ordinary text, alone", () => {
    const key = `sk-proj-${filler(48, URLSAFE, 1)}`;
    const short = key.slice(20, 31);
    expect(redact(`id ${short} ok`, [key])).toBe(`id ${short} ok`);
    expect(redact("model gpt-4o returned HTTP 503", [key])).toBe("model gpt-4o returned HTTP 503");
  });

  it("stays linear: a 1 MB body full of near-misses with a 100-character key", () => {
    const key = filler(100, ALNUM, 21);
    const parts: string[] = [];
    for (let i = 0, size = 0; size < 1_000_000; i++) {
      const part = `${key.slice(i % 80, (i % 80) + 11)} ${key.slice(i % 60, (i % 60) + 14)} `;
      parts.push(part);
      size += part.length;
    }
    const body = parts.join("");
    const started = performance.now();
    const out = redact(body, [key]);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(leaks(out, key)).toEqual([]);
  });
});
