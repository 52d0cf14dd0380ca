// `obs-poll | obs-check` (issue #16 item 2): obs-check checks exactly the epoch the run before the
// pipe committed, as its RUN record (or, from an older obs-poll, its EPOCH_COMMITTED record) says.
// A run that committed nothing, or printed nothing, fails with exit 3 and checks nothing; it is
// never a silent check of the epoch that was there before. Without a pipe (cron, CI: stdin at
// /dev/null or a terminal) obs-check does not read stdin and checks the current epoch.
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { openStateWriter, readCurrentEpoch } from "@observatory/core";
import { type BinResult, ndjsonRecords } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { binPath, checkOf, harness } from "./harness.js";

const GPT = "openai/gpt-4o";

/** A lock on epoch E1, then a later poll: E2 is current, so a check of E1 is visibly not "current". */
async function twoEpochs() {
  const h = await harness({ seed: 1 }, ["openai"]);
  await h.poll(GPT);
  const e1 = (await readCurrentEpoch(h.stateDir)).epoch!;
  expect((await h.run("obs-lock", ["exp", "--models", GPT])).code).toBe(0);
  await h.poll(GPT);
  const e2 = (await readCurrentEpoch(h.stateDir)).epoch!;
  expect(e2.epochId > e1.epochId).toBe(true);
  return { h, e1: { id: e1.epochId, hash: e1.manifestHash }, e2: { id: e2.epochId } };
}

const committed = (id: string, hash: string, version = true) =>
  JSON.stringify({
    type: "EPOCH_COMMITTED",
    ...(version ? { version: 1 } : {}),
    epoch_id: id,
    manifest_hash: hash,
    tool: "obs-poll",
    providers: { openai: "fresh" },
    events: 0,
  });
const run = (status: string, id: string | null, hash: string | null, reason: string | null) =>
  JSON.stringify({
    type: "RUN",
    version: 1,
    tool: "obs-poll",
    status,
    epoch_id: id,
    manifest_hash: hash,
    exit_code: status === "committed" ? 0 : 3,
    reason,
  });
const ndjson = (...lines: string[]) => `${lines.join("\n")}\n`;

const HINT =
  "hint: to check the current epoch anyway, run obs-check without the pipe (or with --no-stdin), or name an epoch with --epoch <id>\n";

describe("obs-check reading a pipe", () => {
  it("checks the epoch the RUN record names (with or without its EPOCH_COMMITTED), or an older writer's EPOCH_COMMITTED", async () => {
    const { h, e1 } = await twoEpochs();
    const events = await readFile(join(h.stateDir, "events.jsonl"));
    const inputs = {
      both: ndjson(
        '{"v":2,"type":"MODEL_ADDED"}',
        committed(e1.id, e1.hash),
        run("committed", e1.id, e1.hash, null),
      ),
      run: ndjson(run("committed", e1.id, e1.hash, null)),
      legacy: ndjson(committed(e1.id, e1.hash, false)),
    };
    for (const [what, input] of Object.entries(inputs)) {
      const r = await h.feed("obs-check", ["exp"], input);
      expect({ what, code: r.code, stderr: r.stderr }).toMatchObject({ what, code: 0 });
      expect(checkOf(r, "exp")).toMatchObject({
        checked_epoch_id: e1.id,
        checked_from: "stdin",
        status: "CLEAN",
      });
      expect(r.stderr).toContain(`epoch ${e1.id} (named by obs-poll on stdin)`);
    }
    // A file given as stdin is read too, and a shell pipe (a FIFO) the same.
    await writeFile(join(h.root, "run.ndjson"), inputs.run);
    const fromFile = await h.sh(`obs-check --state-dir "$STATE" exp < run.ndjson`);
    expect(checkOf(fromFile, "exp")).toMatchObject({
      checked_epoch_id: e1.id,
      checked_from: "stdin",
    });
    const fromFifo = await h.sh(`cat run.ndjson | obs-check --state-dir "$STATE" exp`);
    expect(checkOf(fromFifo, "exp")).toMatchObject({
      checked_epoch_id: e1.id,
      checked_from: "stdin",
    });
    expect(await readFile(join(h.stateDir, "events.jsonl"))).toEqual(events);
  });

  it("a run that committed nothing: exit 3, the run's status and reason, nothing checked or logged", async () => {
    const { h } = await twoEpochs();
    const events = await readFile(join(h.stateDir, "events.jsonl"));
    for (const [status, reason] of [
      ["nothing_committed", "every provider failed"],
      ["locked", "another instance holds the state directory (obs-poll, pid 4242)"],
      ["lock_lost", "another writer took over the state directory's lock"],
      ["interrupted", "SIGINT"],
      ["failed", "EACCES: permission denied"],
    ] as const) {
      const r = await h.feed("obs-check", ["--all"], ndjson(run(status, null, null, reason)));
      expect({ status, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
        status,
        code: 3,
        stdout: "",
        stderr: `obs-check: error: the run before the pipe committed nothing (obs-poll: ${status}: ${reason}); nothing was checked\n${HINT}`,
      });
    }
    expect(await readFile(join(h.stateDir, "events.jsonl"))).toEqual(events);
  });

  it("an empty pipe (the run died before printing) is the same failure; so is a real obs-poll that skipped", async () => {
    const { h } = await twoEpochs();
    const empty = await h.sh(`true | obs-check --state-dir "$STATE" --all`);
    expect([empty.code, empty.stdout, empty.stderr]).toEqual([
      3,
      "",
      `obs-check: error: the run before the pipe committed nothing (it printed nothing on stdout); nothing was checked\n${HINT}`,
    ]);
    // A real obs-poll that skips because another run holds the state directory.
    const held = await openStateWriter(h.stateDir, { tool: "test", version: "0" });
    if (!held.ok) throw new Error("could not take the lock");
    let skipped: BinResult;
    try {
      skipped = await h.pipe(["obs-poll", "--no-canary"], ["obs-check", "--all"]);
    } finally {
      await held.writer.close();
    }
    expect(skipped.code).toBe(3);
    expect(skipped.stderr).toContain(
      "obs-check: error: the run before the pipe committed nothing (",
    );
    expect(skipped.records.filter((x) => x["type"] === "LOCK_CHECK")).toEqual([]);
  });

  it("--no-stdin ignores a pipe and checks the current epoch; disagreeing records are refused", async () => {
    const { h, e1, e2 } = await twoEpochs();
    const failed = ndjson(run("failed", null, null, "EIO"));
    const ignored = await h.feed("obs-check", ["exp", "--no-stdin"], failed);
    expect(ignored.code).toBe(0);
    expect(checkOf(ignored, "exp")).toMatchObject({
      checked_epoch_id: e2.id,
      checked_from: "current",
    });

    const mixed = ndjson(committed(e1.id, e1.hash), run("committed", e2.id, null, null));
    const r = await h.feed("obs-check", ["exp"], mixed);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `obs-check: error: stdin is not one run's output: its RUN record names epoch ${e2.id}, its EPOCH_COMMITTED record ${e1.id}`,
    );
  });
});

describe("obs-check without a pipe", () => {
  it("stdin at /dev/null (cron) or a terminal is not read: the current epoch is checked", async () => {
    const { h, e2 } = await twoEpochs();
    // The harness gives every bin /dev/null as stdin.
    const cron = await h.run("obs-check", ["exp"]);
    expect(cron.code, cron.stderr).toBe(0);
    expect(checkOf(cron, "exp")).toMatchObject({
      checked_epoch_id: e2.id,
      checked_from: "current",
    });

    // A terminal: script(1) runs the bin on a pseudo-terminal (stdin, stdout and stderr).
    const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
    const cmd = [process.execPath, binPath("obs-check"), "--state-dir", h.stateDir, "exp", "--json"]
      .map(q)
      .join(" ");
    const tty = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn("script", ["-qec", cmd, "/dev/null"], {
        env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", TERM: "dumb" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      child.on("error", reject);
      child.on("exit", (code) => resolve({ code, out }));
    });
    expect(tty.code, tty.out).toBe(0);
    const rec = ndjsonRecords(tty.out.replace(/\r/g, "")).find((x) => x["type"] === "LOCK_CHECK");
    expect(rec).toMatchObject({ checked_epoch_id: e2.id, checked_from: "current" });
  });
});
