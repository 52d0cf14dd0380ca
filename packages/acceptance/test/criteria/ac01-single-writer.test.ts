// AC1: "No shared mutable state crosses thread boundaries. Workers produce immutable PollResult
// objects. Main thread is the only writer to all state files, registries, and stores."
//
// What can be seen from outside the process: every file-system step into the state directory,
// traced inside the real bins (fs-trace.mjs), comes from the writer's main thread, and only after
// the per-provider workers, running concurrently, have all returned. Readers started alongside
// write nothing. The immutability of the workers' results is a property of the code (readonly
// types, workers that return values); its observable consequence is what this test checks.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles } from "../../src/_support/files.js";
import { fsSteps, readTrace, type TraceEntry, traceEnv } from "../../src/_support/trace.js";
import { world } from "../../src/_support/world.js";

/** Most requests open at once to different providers. */
function maxProvidersInFlight(trace: readonly TraceEntry[]): number {
  const open = new Map<number, string>();
  let max = 0;
  for (const e of trace) {
    const provider = e.url?.split("/")[3] ?? "";
    if (e.op === "http-start") open.set(e.id!, provider);
    if (e.op === "http-end" || e.op === "http-error") open.delete(e.id!);
    max = Math.max(max, new Set(open.values()).size);
  }
  return max;
}

describe("AC1", () => {
  it("AC1: workers only read and return results; the one writer's main thread makes every state write, after they finish", async () => {
    const w = await world({
      scenario: {
        seed: 1,
        latencyMs: 40,
        catalogs: {
          openai: { add: [{ fromPoll: 2, models: [{ id: "gpt-new", object: "model" }] }] },
        },
      },
      providers: ["openai", "mistral", "anthropic"],
    });
    expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);
    w.server.scenario.advance();
    const before = new Set(await listFiles(w.stateDir));

    const file = join(w.root, "trace.jsonl");
    const env = traceEnv({ file, root: w.stateDir });
    const writer = w.start(
      "obs-poll",
      ["--benchmark", "--models", "openai/gpt-4o,mistral/mistral-large-latest"],
      { env },
    );
    const readers = [
      w.start("obs-oracle", ["list"], { env }),
      w.start("obs-oracle", ["status", "openai/gpt-4o"], { env }),
      w.start("obs-lock", ["--list"], { env }),
    ];
    const done = await writer.ended;
    expect(done.code, done.stderr).toBe(0);
    for (const r of readers) expect((await r.ended).code).toBe(0);
    const trace = await readTrace(file);

    // One writer process, one thread: readers traced alongside it made no step in the state dir.
    const steps = fsSteps(trace);
    expect(steps.length).toBeGreaterThan(10);
    expect(new Set(steps.map((s) => s.pid))).toEqual(new Set([writer.child.pid]));
    expect(trace.every((e) => e.tid === 0)).toBe(true);

    // The workers ran concurrently (requests to several providers were open at once)...
    const mine = trace.filter((e) => e.pid === writer.child.pid);
    expect(maxProvidersInFlight(mine)).toBeGreaterThanOrEqual(2);
    // ...and wrote nothing: apart from the instance lock, every state write comes after the last
    // provider answer, and no request starts once writing has begun.
    // The lock directory, its holder record and the temp directory it is made in.
    const isLock = (e: TraceEntry) => e.path?.includes("observatory.lock") ?? false;
    const firstWrite = mine.findIndex(
      (e) => e.step !== undefined && !isLock(e) && e.path !== w.stateDir,
    );
    const lastAnswer = mine.findLastIndex((e) => e.op === "http-end" || e.op === "http-error");
    const lastStart = mine.findLastIndex((e) => e.op === "http-start");
    expect(firstWrite).toBeGreaterThan(lastAnswer);
    expect(firstWrite).toBeGreaterThan(lastStart);
    // Three listings, a canary for the new model and twelve benchmark calls at least.
    expect(mine.filter((e) => e.op === "http-end").length).toBeGreaterThanOrEqual(3 + 1 + 12);

    // The trace saw every write: each file the run added is one it renamed into place or appended.
    const landed = new Set(
      steps.flatMap((s) =>
        s.op === "rename"
          ? [s.to!]
          : s.op === "open" && s.flags?.includes("APPEND")
            ? [s.path!]
            : [],
      ),
    );
    const added = (await listFiles(w.stateDir)).filter((f) => !before.has(f));
    expect(added.length).toBeGreaterThan(0);
    for (const f of added) expect(landed, f).toContain(join(w.stateDir, f));
  });
});
