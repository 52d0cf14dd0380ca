// AC11: "All state file writes use atomic write with fsync + directory sync. No partial writes
// survive crashes."
//
// Every writing tool runs once with the trace preload, doing the writes it exists for (a poll
// with benchmarks and webhook cooldowns, a benchmark, a lock, a violated check, a v1 migration),
// and each write is checked against the protocol. Then obs-lock and obs-poll are killed between
// writing a file and publishing it: nothing partial is ever visible, and the next run is clean.
import { writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { copyV1Tree } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { copyState } from "../../src/_support/copy-state.js";
import { listFiles } from "../../src/_support/files.js";
import { ageInstanceLock } from "../../src/_support/instance-lock.js";
import { ofType } from "../../src/_support/process.js";
import { receiver } from "../../src/_support/receiver.js";
import { fsSteps, readTrace, traceEnv } from "../../src/_support/trace.js";
import { checkState } from "../../src/_support/verify-state.js";
import { type World, world } from "../../src/_support/world.js";
import { checkWriteProtocol } from "../../src/_support/write-protocol.js";

const M = "openai/gpt-4.1-mini";

/** The step number at which a traced run of `args` renames a temp file onto `target`. */
async function stepPublishing(
  w: World,
  bin: "obs-lock" | "obs-poll",
  args: string[],
  target: string,
) {
  const dir = await copyState(w.stateDir);
  const file = join(dir, "..", "probe.jsonl");
  expect((await w.runIn(dir, bin, args, { env: traceEnv({ file, root: dir }) })).code).toBe(0);
  const step = fsSteps(await readTrace(file)).find(
    (s) => s.op === "rename" && relative(dir, s.to!) === target,
  );
  if (!step) throw new Error(`${bin} never published ${target}`);
  return step.step!;
}

describe("AC11", () => {
  it("AC11: every state write is temp + fsync + rename + directory fsync (events: fsynced appends); a crash never leaves a partial file", {
    timeout: 120_000,
  }, async () => {
    const w = await world({
      scenario: {
        seed: 11,
        catalogs: { openai: { remove: [{ fromPoll: 2, ids: ["gpt-4.1-mini"] }] } },
      },
    });
    const hook = await receiver();
    const hooks = join(w.root, "hooks.json");
    await writeFile(hooks, JSON.stringify({ webhooks: [{ url: `${hook.url}/h` }] }));
    const file = join(w.root, "trace.jsonl");
    const env = traceEnv({ file, root: w.stateDir });

    const runs = [
      await w.run("obs-poll", ["--benchmark", "--models", M, "--webhooks", hooks], { env }),
      await w.run("obs-bench", ["--models", M], { env }),
      await w.run("obs-lock", ["exp", "--models", M], { env }),
    ];
    w.server.scenario.advance();
    runs.push(await w.run("obs-poll", ["--no-canary", "--webhooks", hooks], { env }));
    // The locked model is gone: the check is violated and logs EXPERIMENT_DRIFT.
    const check = await w.run("obs-check", ["exp"], { env });
    expect(check.code).toBe(1);
    expect(ofType(check, "EXPERIMENT_DRIFT")).toHaveLength(1);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);

    // obs-migrate writes into its own directory: trace that one too.
    const v1 = join(w.root, "v1");
    await copyV1Tree("fleet", v1);
    const v1Trace = join(w.root, "v1-trace.jsonl");
    const migrated = await w.runIn(v1, "obs-migrate", [], {
      env: traceEnv({ file: v1Trace, root: v1 }),
    });
    expect(migrated.code).toBe(1); // it quarantined v1's torn snapshot

    for (const [label, trace, dir] of [
      ["obs-poll, obs-bench, obs-lock, obs-check", await readTrace(file), w.stateDir],
      ["obs-migrate", await readTrace(v1Trace), v1],
    ] as const) {
      const report = checkWriteProtocol(trace);
      expect(report.violations, label).toEqual([]);
      const published = report.atomic.map((p) => relative(dir, p));
      if (dir === w.stateDir) {
        expect(published).toContain("current_epoch.json");
        expect(published).toContain("locks/exp.lock.json");
        expect(published.filter((p) => p.startsWith("objects/")).length).toBeGreaterThanOrEqual(4);
        expect(published.filter((p) => p.startsWith("epochs/"))).toHaveLength(3);
        expect(report.appends).toBeGreaterThanOrEqual(4); // three commits' events and the check's
      } else {
        expect(published).toContain("current_epoch.json");
        expect(published).toContain("migrate-v1.journal.json");
        expect(published.filter((p) => p.startsWith("locks/"))).toHaveLength(2);
      }
      // Every file the tools left is one the protocol published, one it appended to, or one
      // that was moved whole (quarantine, retired v1 files, the backup).
      const touched = new Set([
        ...report.atomic.map((p) => relative(dir, p)),
        ...report.moves.map((m) => relative(dir, m.split(" -> ")[1]!)),
      ]);
      const unexplained = (await listFiles(dir)).filter(
        (f) =>
          f !== "events.jsonl" &&
          !touched.has(f) &&
          ![...touched].some((t) => f.startsWith(`${t}/`)),
      );
      expect(unexplained, label).toEqual([]);
    }

    // Killed after writing and syncing a temp file, before publishing it.
    const lockStep = await stepPublishing(
      w,
      "obs-lock",
      ["exp2", "--models", "openai/gpt-4o", "--benchmark-before-lock"],
      "locks/exp2.lock.json",
    );
    const pointerStep = await stepPublishing(w, "obs-poll", ["--no-canary"], "current_epoch.json");
    for (const [bin, args, step, target] of [
      [
        "obs-lock",
        ["exp2", "--models", "openai/gpt-4o", "--benchmark-before-lock"],
        lockStep,
        "locks/exp2.lock.json",
      ],
      ["obs-poll", ["--no-canary"], pointerStep, "current_epoch.json"],
    ] as const) {
      const dir = await copyState(w.stateDir);
      const before = await checkState(dir);
      const killed = await w.runIn(dir, bin, [...args], {
        env: traceEnv({ file: join(dir, "..", "k.jsonl"), root: dir, killBefore: step }),
      });
      expect(killed.signal).toBe("SIGKILL");
      const after = await checkState(dir);
      expect(after.problems, bin).toEqual([]);
      // The complete temp file is there, unpublished; readers see the old world.
      expect(after.tempFiles.length, bin).toBeGreaterThan(0);
      if (target === "current_epoch.json") expect(after.epochId).toBe(before.epochId);
      else expect(await listFiles(join(dir, "locks"))).not.toContain("exp2.lock.json");
      const list = await w.runIn(dir, "obs-lock", ["--list"]);
      expect(ofType(list, "LOCK").map((l) => l["name"])).toEqual(["exp"]);
      await ageInstanceLock(dir);
      const again = await w.runIn(dir, bin, [...args]);
      expect(again.code, again.stderr).toBe(0);
      const healed = await checkState(dir);
      expect(healed.problems).toEqual([]);
      // Recovery clears the commit's own temp files (root, epochs/, objects/).
      expect(
        healed.tempFiles.filter((f) => !f.startsWith("locks/")),
        bin,
      ).toEqual([]);
    }
  });
});
