// obs-dash on a state it cannot show as it is: an empty or missing directory, a damaged
// pointer, manifest or object, a v1 directory. Always a clear message naming the problem and a
// hint, the documented exit code, never a stack trace; a damaged newest epoch falls back to the
// last good one and says so.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { layout, readPointer } from "@observatory/core";
import { copyV1Tree } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { run } from "./bins.js";
import { copyOfState, tempDir } from "./dirs.js";

/** No "    at file:line" lines: a user never sees a stack. */
const noStack = (s: string) => expect(s).not.toMatch(/^\s+at /m);

async function pointer(dir: string) {
  const p = await readPointer(dir);
  if (p.kind !== "ok") throw new Error("no pointer");
  return p.pointer;
}

describe("obs-dash on a state it cannot show as it is", () => {
  it("an empty state directory: no state yet, run obs-poll (exit 2, as in every bin)", async () => {
    const dir = join(await tempDir(), "state");
    await mkdir(dir);
    const r = await run("obs-dash", ["--state-dir", dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`obs-dash: error: no state at ${dir} (no epoch committed yet)`);
    expect(r.stderr).toContain(`hint: run obs-poll --state-dir ${dir} to commit the first epoch`);
    noStack(r.stderr);
  });

  it("a state directory that does not exist says so", async () => {
    const dir = join(await tempDir(), "nowhere");
    const r = await run("obs-dash", ["--state-dir", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no state at ${dir} (the directory does not exist)`);
  });

  it("a garbage pointer and no epoch: names the file (exit 5)", async () => {
    const dir = join(await tempDir(), "state");
    await mkdir(dir);
    await writeFile(join(dir, "current_epoch.json"), "{ garbage");
    const r = await run("obs-dash", ["--state-dir", dir]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("error: no readable epoch");
    expect(r.stderr).toContain("current_epoch.json: not valid JSON");
    expect(r.stderr).toMatch(/hint: the next obs-poll or obs-bench quarantines bad files/);
    noStack(r.stderr);
  });

  it("a damaged object in the newest epoch: the last good epoch, flagged FALLBACK", async () => {
    const dir = await copyOfState();
    const p = await pointer(dir);
    const manifest = JSON.parse(await readFile(layout.manifestPath(dir, p.epoch_id), "utf8"));
    await writeFile(layout.objectPath(dir, manifest.registry), "{ torn");
    const r = await run("obs-dash", ["--state-dir", dir, "--panel", "providers"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("[FALLBACK]");
    expect(r.stdout).toContain(
      `warning: the pointer's epoch ${p.epoch_id} did not verify (objects/${manifest.registry}.json: hash mismatch); showing the last good epoch`,
    );
    const header = r.stdout.split("\n")[1];
    expect(header).toMatch(new RegExp(`^epoch ${manifest.parent.epoch_id}, .* \\[FALLBACK\\]`));
    // The routing oracle needs only the routing index, which is intact: it reads the newer
    // epoch, so its health verdicts are left out rather than mixed into this one.
    expect(r.stdout).toContain(
      `warning: health not shown: the routing oracle reads epoch ${p.epoch_id}, this view epoch ${manifest.parent.epoch_id}`,
    );
  });

  it("a garbage pointer over good epochs: an epoch known to be committed is shown", async () => {
    const dir = await copyOfState();
    await writeFile(join(dir, "current_epoch.json"), "[]");
    const r = await run("obs-dash", ["--state-dir", dir, "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.epoch.fell_back).toBe(true);
    expect(doc.epoch.problems).toEqual([
      { file: "current_epoch.json", reason: "does not match the pointer schema" },
    ]);
  });

  it("every manifest damaged: no readable epoch, each file named (exit 5)", async () => {
    const dir = await copyOfState();
    const epochs = layout.epochsDir(dir);
    for (const f of await readdir(epochs)) await writeFile(join(epochs, f), "not json");
    const r = await run("obs-dash", ["--state-dir", dir]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      /error: no readable epoch in .*: epochs\/\d{8}T[^:]+\.json: hash does not match the pointer/,
    );
    expect(r.stderr).toMatch(/\(and \d+ more\)/);
    noStack(r.stderr);
  });

  it("a v1 state directory: run obs-migrate (exit 2)", async () => {
    const dir = join(await tempDir(), "v1");
    await copyV1Tree("fleet", dir);
    const r = await run("obs-dash", ["--state-dir", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is a v1 state directory");
    expect(r.stderr).toContain(`hint: upgrade it first: obs-migrate --state-dir ${dir}`);
  });
});
