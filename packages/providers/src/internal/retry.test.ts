import { describe, expect, it } from "vitest";
import { fail, type Outcome, ok, type ProviderErrorKind } from "../outcome.js";
import { backoffMs, DEFAULT_RETRY, withRetry } from "./retry.js";

const policy = { ...DEFAULT_RETRY, attempts: 3 };

function failing(kind: ProviderErrorKind, retryAfterMs?: number) {
  return fail<string>({
    kind,
    provider: "p",
    message: kind,
    ...(retryAfterMs ? { retryAfterMs } : {}),
  });
}

async function run(results: Outcome<string>[]) {
  const waits: number[] = [];
  let calls = 0;
  const out = await withRetry(
    policy,
    async (ms) => void waits.push(ms),
    async () => {
      const r = results[Math.min(calls, results.length - 1)]!;
      calls++;
      return r;
    },
  );
  return { out, waits, calls };
}

describe("withRetry", () => {
  it("retries transient failures and returns the first success", async () => {
    const { out, calls, waits } = await run([failing("server"), failing("timeout"), ok("done")]);
    expect(out).toEqual(ok("done"));
    expect(calls).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it("stops after the bounded number of attempts and says how many", async () => {
    const { out, calls } = await run([failing("network")]);
    expect(calls).toBe(3);
    expect(out.ok ? undefined : out.error.attempts).toBe(3);
  });

  it.each(["auth", "not_found", "bad_response", "rejected"] as const)(
    "does not retry %s",
    async (kind) => {
      const { calls } = await run([failing(kind), ok("never")]);
      expect(calls).toBe(1);
    },
  );

  it("waits exactly as long as Retry-After says, and gives up when it is too long", async () => {
    const short = await run([failing("rate_limited", 1_500), ok("done")]);
    expect(short.waits).toEqual([1_500]);
    const long = await run([failing("rate_limited", 10 * 60_000), ok("never")]);
    expect(long.calls).toBe(1);
    expect(long.out.ok ? 0 : long.out.error.retryAfterMs).toBe(600_000);
  });

  it("backs off exponentially within the cap", () => {
    expect(backoffMs(policy, 1, () => 1)).toBe(500);
    expect(backoffMs(policy, 2, () => 1)).toBe(1000);
    expect(backoffMs(policy, 10, () => 1)).toBe(8000);
    expect(backoffMs(policy, 1, () => 0)).toBe(250);
  });
});
