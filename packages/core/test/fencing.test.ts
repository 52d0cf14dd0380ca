// A writer paused past the lock's stale period (SIGSTOP here: a frozen VM, a sleeping laptop, a
// long GC pause) and then resumed must never destroy the commit of the writer that took over:
// its fence (the lock token re-read before every rename) and the pointer's compare-and-swap stop
// it, and a later writer's recovery still sees the winner's epoch as committed.
import { access, readFile, utimes } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEvents } from "../src/events/log.js";
import type { EventDraft } from "../src/events/schema.js";
import { readCurrentEpoch } from "../src/state/read-epoch.js";
import type { EpochDraft } from "../src/state/writer.js";
import { snapshot, tempStateDir, writer } from "./helpers.js";
import { spawnChild } from "./spawn-child.js";

const POINTS = ["locked", "objects", "manifest", "events", "pointer", "retention"] as const;

function draft(marker: string): EpochDraft {
  const added: EventDraft = {
    type: "MODEL_ADDED",
    severity: "INFO",
    provider: "openai",
    model_id: marker,
    fingerprint: "f".repeat(64),
  };
  return {
    fingerprintScheme: "semantic-v1",
    providers: { openai: { snapshot: snapshot("openai", [{ id: marker }]) } },
    registry: { marker },
    events: [added],
  };
}

async function isStopped(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat.slice(stat.lastIndexOf(")") + 2).startsWith("T");
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(POINTS)("a writer paused at '%s' past the stale period, then resumed", (point) => {
  it("leaves the commit of the writer that took over current, verified, with its events", {
    timeout: 30_000,
  }, async () => {
    const dir = await tempStateDir();
    const first = await writer(dir);
    const e0 = await first.commit(draft("first"));
    await first.close();

    const paused = spawnChild("commit-once.mjs", [dir, "paused"], { OBS_TEST_STOP_AT: point });
    await until("the writer to stop", () => isStopped(paused.proc.pid!));
    // It cannot refresh its lock while stopped; ageing the lock stands in for the stale period.
    const past = new Date(Date.now() - 60_000);
    await utimes(join(dir, "observatory.lock"), past, past);

    const winner = await writer(dir, { staleMs: 2000 });
    const won = await winner.commit(draft("winner"));
    await winner.close();

    paused.proc.kill("SIGCONT");
    const code = await paused.exited;
    if (point === "retention") {
      // It had committed before the pause; only its housekeeping was left, and it skipped it.
      expect(code).toBe(0);
      expect(won.manifest.parent?.epoch_id).toBe(paused.lines[1]?.split(" ")[1]);
    } else {
      expect(paused.lines).toContain("error LOCK_LOST");
      expect(code).toBe(4);
      expect(won.manifest.parent?.epoch_id).toBe(e0.epochId);
    }

    const read = await readCurrentEpoch(dir);
    expect(read.problems).toEqual([]);
    expect(read.fellBack).toBe(false);
    expect(read.epoch?.epochId).toBe(won.epochId);
    expect(read.epoch?.registry).toEqual({ marker: "winner" });
    await access(join(dir, "epochs", `${won.epochId}.json`));
    const committed = await readEvents(dir, { committedThrough: won.epochId });
    expect(
      committed.events.some(
        (e) => e.type === "MODEL_ADDED" && e.model_id === "winner" && e.epoch_id === won.epochId,
      ),
    ).toBe(true);

    // The next writer's recovery agrees: nothing of the winner is aborted or quarantined.
    const next = await writer(dir);
    expect(next.current?.epochId).toBe(won.epochId);
    expect(next.recovered.filter((e) => e.type === "STATE_CORRUPT")).toEqual([]);
    expect(
      next.recovered.filter(
        (e) => e.type === "EPOCH_ABORTED" && e.aborted_epoch_id === won.epochId,
      ),
    ).toEqual([]);
    await next.close();
    const after = await readEvents(dir, { committedThrough: won.epochId });
    expect(
      after.events.filter((e) => e.epoch_id === won.epochId && e.type === "MODEL_ADDED"),
    ).toHaveLength(1);
  });
});

describe("a writer paused while taking the lock (its lock directory made, not yet probed)", () => {
  // The lock directory appears (with our holder record) before proper-lockfile probes its mtime
  // precision by setting it. A writer stopped in between and resumed after a takeover must
  // neither touch the new holder's lock nor call a vanished one a broken state directory.
  it.each([
    ["after the winner finished", false],
    ["while the winner still holds the lock", true],
  ] as const)(
    "resumed %s: it says it lost the lock (exit 4) and the winner's commit stands",
    {
      timeout: 30_000,
    },
    async (_when, winnerHolds) => {
      const dir = await tempStateDir();
      const first = await writer(dir);
      const e0 = await first.commit(draft("first"));
      await first.close();

      const paused = spawnChild("commit-once.mjs", [dir, "paused"], {
        OBS_TEST_STOP_AT: "acquiring",
      });
      await until("the writer to stop", () => isStopped(paused.proc.pid!));
      const past = new Date(Date.now() - 60_000);
      await utimes(join(dir, "observatory.lock"), past, past);

      const winner = await writer(dir, { staleMs: 2000 });
      if (winnerHolds) {
        // Into the next second: a probe then sets an mtime unlike the winner's (in the same
        // second it would set the same one, and the harm would not show).
        await new Promise((r) => setTimeout(r, 1_100));
        paused.proc.kill("SIGCONT");
        expect(await paused.exited).toBe(4);
        expect(paused.lines).toContain("error LOCK_LOST");
        // Its probe did not touch the winner's lock: past the winner's next refresh (half the
        // stale period), which would find a foreign mtime, the winner still holds it and commits.
        await new Promise((r) => setTimeout(r, 1_500));
      }
      const won = await winner.commit(draft("winner"));
      await winner.close();
      if (!winnerHolds) {
        paused.proc.kill("SIGCONT");
        expect(await paused.exited).toBe(4);
        expect(paused.lines).toContain("error LOCK_LOST");
      }
      expect(won.manifest.parent?.epoch_id).toBe(e0.epochId);
      const read = await readCurrentEpoch(dir);
      expect(read.problems).toEqual([]);
      expect(read.epoch?.epochId).toBe(won.epochId);
      await access(join(dir, "epochs", `${won.epochId}.json`));
    },
  );
});

describe("the pointer flip is a compare-and-swap", () => {
  it("a writer whose parent is no longer current commits nothing and marks its own epoch aborted", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const e0 = await w.commit(draft("base"));
    // Something moved the pointer behind the writer's back (an older tool, a hand edit).
    const pointer = JSON.parse(await readFile(join(dir, "current_epoch.json"), "utf8"));
    const other = await writer(dir).catch((e: Error) => e);
    expect(other).toBeInstanceOf(Error); // held: it is ours
    w.expectedPointer = { epoch_id: "20200101T000000.000Z-0000", manifest_hash: "0".repeat(64) };
    const err = await w.commit(draft("loser")).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "POINTER_MOVED", exitCode: 4 });
    expect(JSON.parse(await readFile(join(dir, "current_epoch.json"), "utf8"))).toEqual(pointer);
    const read = await readCurrentEpoch(dir);
    expect(read.epoch?.epochId).toBe(e0.epochId);
    const events = await readEvents(dir, { committedThrough: e0.epochId });
    expect(events.events.some((e) => e.type === "MODEL_ADDED" && e.model_id === "loser")).toBe(
      false,
    );
    await w.close();
  });
});
