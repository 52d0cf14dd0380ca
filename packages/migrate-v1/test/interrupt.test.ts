// SIGINT/SIGTERM stop a run at the next step boundary with exit 130; a re-run finishes it.
import { readCurrentEpoch } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { migrate } from "../src/run/migrate.js";
import { tempState } from "./harness.js";

describe("an interrupted migration", () => {
  it("stops with INTERRUPTED (130) after the backup, and a re-run completes it", async () => {
    const { stateDir } = await tempState("fleet");
    const controller = new AbortController();
    const err = await migrate({
      stateDir,
      version: "test",
      signal: controller.signal,
      checkpoint: (at) => {
        if (at === "prepared") controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "INTERRUPTED", exitCode: 130 });
    expect((await readCurrentEpoch(stateDir)).epoch).toBeNull();
    const done = await migrate({ stateDir, version: "test" });
    expect(done).toMatchObject({ outcome: "migrated", resumed: true });
    expect((await readCurrentEpoch(stateDir)).epoch?.epochId).toBe(done.epoch?.epoch_id);
  });
});
