// One voice on state (issue #16 item 6): a missing state directory and a v1 one read the same in
// obs-lock and obs-check as in every tool: `<tool>: error: no state at <dir> (...)` or `<dir> is
// a v1 state directory`, a hint, exit 2, and nothing created or changed. `obs-lock --list` used
// to say "no locks" and exit 0; `obs-lock NAME` used to create ./state on the way to failing.
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyV1Tree, runProcess } from "@observatory/test-fixtures";
import { afterEach, describe, expect, it } from "vitest";
import { type Bin, binPath } from "./harness.js";

const READERS: Array<[Bin, ...string[]]> = [
  ["obs-lock", "paper-1"],
  ["obs-lock", "paper-1", "--benchmark-before-lock", "--models", "openai/gpt-4o"],
  ["obs-lock", "--list"],
  ["obs-lock", "--show", "paper-1"],
  ["obs-lock", "export", "paper-1"],
  ["obs-check", "--all"],
  ["obs-check", "paper-1"],
];

/** [label, bin, ...args]: the label names the case in the test title. */
const CASES = READERS.map(([bin, ...args]) => [[bin, ...args].join(" "), bin, args] as const);

const dirs: string[] = [];
afterEach(async () => {
  const { rm } = await import("node:fs/promises");
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function emptyDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "obs-lock-state-"));
  dirs.push(d);
  return d;
}
/** A configured provider, so nothing fails for want of a key before the state is looked at. */
const env = {
  OPENAI_API_KEY: "sk-test-0000000000000000000000",
  OBS_OPENAI_BASE_URL: "http://127.0.0.1:9",
};
const run = (bin: Bin, args: string[], cwd: string) =>
  runProcess(process.execPath, [binPath(bin), ...args], { cwd, env });

describe("no state, or v1 state: the same error in every command, exit 2, nothing written", () => {
  it.each(CASES)(
    "%s in an empty directory: no state at ./state, and ./state is not created",
    async (_, bin, args) => {
      const cwd = await emptyDir();
      const r = await run(bin, args, cwd);
      expect(r.code, r.stderr).toBe(2);
      const [what, hint] = r.stderr.split("\n");
      expect(what).toBe(
        `${bin}: error: no state at ${join(cwd, "state")} (the directory does not exist)`,
      );
      expect(hint).toMatch(/^hint: run obs-poll --state-dir .* to commit the first epoch/);
      expect(r.stdout).toBe("");
      expect(await readdir(cwd)).toEqual([]);
    },
  );

  it.each(CASES)(
    "%s on an existing directory with no epoch: no state, nothing created in it",
    async (_, bin, args) => {
      const stateDir = await emptyDir();
      const r = await run(bin, ["--state-dir", stateDir, ...args], stateDir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${bin}: error: no state at ${stateDir} (no epoch committed yet)`);
      expect(await readdir(stateDir)).toEqual([]);
    },
  );

  it.each(CASES)("%s on a v1 directory: run obs-migrate, nothing changed", async (_, bin, args) => {
    const stateDir = join(await emptyDir(), "state");
    await copyV1Tree("fleet", stateDir);
    const before = await readdir(stateDir, { recursive: true });
    const r = await run(bin, ["--state-dir", stateDir, ...args], stateDir);
    expect(r.code, r.stderr).toBe(2);
    const [what, hint] = r.stderr.split("\n");
    expect(what).toMatch(new RegExp(`^${bin}: error: .* is a v1 state directory \\(found `));
    expect(hint).toBe(`hint: upgrade it first: obs-migrate --state-dir ${stateDir}`);
    expect(await readdir(stateDir, { recursive: true })).toEqual(before);
  });
});
