// --wait: a writing tool that finds another run holding the state directory skips with exit 4 by
// default, and with --wait[=SECONDS] queues behind it and runs once it is released.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { harness } from "./harness.js";

const MODELS = "openai/gpt-4o";
const CORE = fileURLToPath(new URL("../../core/dist/index.js", import.meta.url));

/**
 * Another process holding the state directory's lock until `release()` (or 60 s), then releasing
 * it. Released on demand, not after a fixed time: on a busy machine a bin can take longer to
 * start than any fixed hold.
 */
async function holdLock(stateDir: string): Promise<{ pid: number; release: () => Promise<void> }> {
  const script = `
    const { acquireInstanceLock } = await import(${JSON.stringify(CORE)});
    const r = await acquireInstanceLock(${JSON.stringify(stateDir)}, { tool: "other-run" });
    console.log(r.ok ? "held" : "locked");
    await new Promise((res) => {
      process.stdin.once("data", res);
      setTimeout(res, 60_000).unref();
    });
    if (r.ok) await r.lock.release();
    process.exit(0);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => (d.toString().includes("held") ? resolve() : reject()));
  });
  const exited = new Promise<void>((r) => child.on("exit", () => r()));
  return {
    pid: child.pid!,
    release: async () => {
      child.stdin.end("release\n");
      await exited;
    },
  };
}

describe("--wait", () => {
  it("without it obs-lock skips (exit 4, naming the holder); with it, it locks once the other run is done", async () => {
    const h = await harness({ seed: 5 }, ["openai"]);
    expect((await h.poll(MODELS)).code).toBe(0);

    const first = await holdLock(h.stateDir);
    const skipped = await h.run("obs-lock", ["exp-wait", "--models", MODELS]);
    await first.release();
    expect(skipped.code).toBe(4);
    expect(skipped.stderr).toContain(`other-run, pid ${first.pid}`);

    // --wait=SECONDS, and a bare --wait (as long as it takes).
    for (const [name, wait] of [
      ["exp-wait", "--wait=20"],
      ["exp-bare", "--wait"],
    ] as const) {
      const other = await holdLock(h.stateDir);
      const started = Date.now();
      const running = h.run("obs-lock", [name, "--models", MODELS, wait]);
      await new Promise((r) => setTimeout(r, 1_500));
      await other.release();
      const waited = await running;
      expect(waited.code, waited.stderr).toBe(0);
      expect(waited.stderr).toContain(`locked ${name} to epoch`);
      expect(Date.now() - started).toBeGreaterThan(1_500);
    }
  });

  it("a --wait that is not a number of seconds is a usage error, before anything is touched", async () => {
    const h = await harness({ seed: 5 }, ["openai"]);
    const argsOf = { "obs-lock": ["exp"], "obs-check": ["--all"], "obs-migrate": [] };
    for (const bin of ["obs-lock", "obs-check", "obs-migrate"] as const) {
      const args = [...argsOf[bin], "--wait=soon"];
      const r = await h.run(bin, args);
      expect(r.code, `${bin}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain('--wait takes a number of seconds, got "soon"');
    }
  });
});
