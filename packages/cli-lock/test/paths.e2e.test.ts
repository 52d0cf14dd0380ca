// User-supplied names that become paths (issue #15 item 9): an epoch id given to obs-check and a
// lock name given to obs-lock or obs-check are checked against their patterns before any path
// is built, so no value can reach a file outside the state directory.
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { harness } from "./harness.js";

const GPT = "openai/gpt-4o";

/** A committed epoch and a lock on it, plus bait files just outside the state directory. */
async function lockedState() {
  const h = await harness({ seed: 1 }, ["openai"]);
  await h.poll(GPT);
  expect((await h.run("obs-lock", ["exp", "--models", GPT])).code).toBe(0);
  // Where `--epoch ../../x` resolves today (<state>/epochs/../../x.json) and a lock file a
  // traversing lock name would reach: neither may be read, renamed or created beside.
  await writeFile(join(h.root, "x.json"), "{}\n");
  await writeFile(join(h.root, "evil.lock.json"), "{}\n");
  return h;
}

async function outsideFiles(root: string): Promise<string[]> {
  return (await readdir(root)).filter((n) => n !== "state").sort();
}

// One state per test (each costs a poll and a lock); every bad value is tried against it.
describe("obs-check --epoch: an epoch id, never a path", () => {
  it("a path, a slash, an absolute path, or a word is a usage error (2); nothing outside is touched", async () => {
    const h = await lockedState();
    const before = await outsideFiles(h.root);
    for (const epoch of [
      "../../x",
      "../x",
      "epochs/20261121T052029.123Z-0000",
      "/tmp/x",
      "latest",
    ]) {
      const r = await h.run("obs-check", ["exp", "--epoch", epoch]);
      expect(r.code, `--epoch ${JSON.stringify(epoch)}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`error: --epoch ${JSON.stringify(epoch)} is not an epoch id`);
      expect(r.stderr).toMatch(/hint: .*\d{8}T\d{6}\.\d{3}Z-\d{4}/);
      expect(r.records).toEqual([]);
    }
    expect(await outsideFiles(h.root)).toEqual(before);
    expect(await readFile(join(h.root, "x.json"), "utf8")).toBe("{}\n");
    // A well-formed id is still checked.
    const current = JSON.parse(await readFile(join(h.stateDir, "current_epoch.json"), "utf8"));
    const ok = await h.run("obs-check", ["exp", "--epoch", current.epoch_id]);
    expect(ok.code).toBe(0);
    expect(ok.records.at(-1)).toMatchObject({ type: "LOCK_CHECK", lock: "exp" });
  });
});

describe("lock names: letters, digits, '.', '_' and '-', never a path", () => {
  it("obs-lock NAME, obs-lock --show NAME and obs-check NAME refuse a path (2); nothing is written", async () => {
    const h = await lockedState();
    const before = await outsideFiles(h.root);
    const locks = await readdir(join(h.stateDir, "locks"));
    for (const name of ["../evil", "a/b", "..", ".", "/tmp/evil", "a\\b", ""]) {
      const runs: Array<["obs-lock" | "obs-check", string[]]> = [
        ["obs-lock", [name, "--models", GPT]],
        ["obs-lock", ["--show", name]],
        ["obs-check", [name]],
      ];
      // An empty --show or obs-check name is "no value given": a usage error of its own.
      for (const [bin, args] of name === "" ? runs.slice(0, 1) : runs) {
        const r = await h.run(bin, args);
        expect(r.code, `${bin} ${JSON.stringify(args)}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toContain(`error: invalid lock name ${JSON.stringify(name)}`);
        expect(r.stderr).toContain("hint: lock names use letters, digits, '.', '_' and '-'");
      }
    }
    expect(await outsideFiles(h.root)).toEqual(before);
    expect(await readdir(join(h.stateDir, "locks"))).toEqual(locks);
    expect(await readFile(join(h.root, "evil.lock.json"), "utf8")).toBe("{}\n");
    expect(existsSync("/tmp/evil.lock.json")).toBe(false);
  });
});
