// The v1 fleet tree, upgraded by the real obs-migrate: its locks are UNLOCKED_BEHAVIORAL; the one
// whose v1 hashes obs-migrate verified still has its structure checked (by name: v1 kept no
// fields), the one it could not verify is reported as unverifiable, never as violated.
import { copyV1Tree } from "@observatory/test-fixtures";
import { expect, it } from "vitest";
import { checkOf, harness } from "./harness.js";

it("migrated v1 locks: behaviour unlocked, structure checked where it can be verified", async () => {
  const h = await harness({ seed: 7 }, ["openai"]);
  await copyV1Tree("fleet", h.stateDir);
  const migrated = await h.run("obs-migrate");
  expect([0, 1]).toContain(migrated.code); // 1: the fleet's torn volink snapshot is quarantined

  const before = await h.run("obs-check", ["--all"]);
  expect(before.code).toBe(0);
  expect(checkOf(before, "prompt-ablation")).toMatchObject({
    status: "CLEAN",
    behavior: "UNLOCKED_BEHAVIORAL",
    structure: { status: "UNCHANGED", basis: "locked_epoch" },
  });
  expect(checkOf(before, "baseline-2025q2")).toMatchObject({
    status: "UNVERIFIED",
    behavior: "UNLOCKED_BEHAVIORAL",
    structure: { status: "UNVERIFIABLE" },
  });
  expect(before.stderr).toContain("--force --benchmark-before-lock");

  // The first v2 poll (OpenAI only; the rest is carried forward, not removed).
  await h.run("obs-poll", ["--no-canary"]);
  const after = await h.run("obs-check", ["--all"]);
  expect(after.code).toBe(1);
  const violations = checkOf(after, "prompt-ablation")["violations"] as Array<{
    kind: string;
    detail: string;
  }>;
  expect(violations).toContainEqual({ kind: "MODEL_ADDED", detail: "openai/gpt-5-mini added" });
  expect(violations).toContainEqual({
    kind: "MODEL_REMOVED",
    detail: "openai/gpt-4-0613 no longer listed",
  });
  // v1 kept hashes of raw payloads, not fields: never a METADATA_CHANGED flood across schemes.
  expect(violations.filter((v) => v.kind === "METADATA_CHANGED")).toEqual([]);
  expect(violations.every((v) => v.detail.startsWith("openai/"))).toBe(true);
  expect(checkOf(after, "baseline-2025q2")["status"]).toBe("UNVERIFIED");
});
