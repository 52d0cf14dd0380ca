// SIGKILL a committing writer at random moments, many times. After every kill a reader must find
// a committed epoch whose files all verify, no acknowledged commit may be lost, and the next
// commit must succeed.
import { utimes } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCurrentEpoch } from "../src/state/read-epoch.js";
import { snapshot, tempStateDir, writer } from "./helpers.js";
import { spawnChild } from "./spawn-child.js";

const KILLS = Number(process.env["OBS_CRASH_KILLS"] ?? 100);

describe("crash safety under SIGKILL", () => {
  it(`survives ${KILLS} kills at random moments`, { timeout: 600_000 }, async () => {
    const dir = await tempStateDir();
    let lastAcked: string | null = null;
    let lastPointer: string | null = null;
    let killedAsWriter = 0;
    for (let i = 0; i < KILLS; i++) {
      const child = spawnChild("commit-loop.mjs", [dir]);
      // A third of the kills land anywhere (start-up, recovery), the rest once the child writes.
      if (i % 3 === 1) await child.waitFor(/^opened$/);
      if (i % 3 === 2) await child.waitFor(/^committed /);
      await new Promise((r) => setTimeout(r, Math.random() * (i % 3 === 0 ? 150 : 40)));
      child.proc.kill("SIGKILL");
      await child.exited;
      const acked = child.lines.filter((l) => l.startsWith("committed ")).map((l) => l.slice(10));
      if (acked.length > 0) lastAcked = acked[acked.length - 1]!;
      if (child.lines.includes("opened")) killedAsWriter++;
      // The dead writer's lock is stale; age it instead of waiting out the stale period.
      const past = new Date(Date.now() - 60_000);
      await utimes(join(dir, "observatory.lock"), past, past).catch(() => undefined);

      const r = await readCurrentEpoch(dir);
      expect(r.problems).toEqual([]);
      if (lastAcked !== null) {
        expect(r.epoch).not.toBeNull();
        // Nothing acknowledged is lost: the committed epoch is at least the last acknowledged one.
        expect(r.epoch!.epochId >= lastAcked).toBe(true);
      }
      if (r.epoch && lastPointer !== null) expect(r.epoch.epochId >= lastPointer).toBe(true);

      const w = await writer(dir, { staleMs: 2000 });
      const c = await w.commit({
        fingerprintScheme: "semantic-v1",
        providers: { openai: { snapshot: snapshot("openai", [{ id: `after-${i}` }]) } },
        events: [],
      });
      await w.close();
      expect(c.manifest.parent?.epoch_id ?? null).toBe(r.epoch?.epochId ?? null);
      lastPointer = c.epochId;
      lastAcked = c.epochId;
    }
    expect(killedAsWriter).toBeGreaterThan(KILLS / 2);
    console.log(
      `crash test: ${KILLS} SIGKILLs, ${killedAsWriter} while holding the writer; all recovered`,
    );
    const final = await readCurrentEpoch(dir);
    expect(final.problems).toEqual([]);
    expect(final.epoch?.epochId).toBe(lastPointer);
  });
});
