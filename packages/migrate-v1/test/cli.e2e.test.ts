// obs-migrate's command line (#16): examples that work, flags that do nothing are errors, --quiet
// and --verbose, every printed record parses with its schema, and a light start-up.
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { acquireInstanceLock } from "@observatory/core";
import { loadedNamesIn, TRACE_LOADS } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { PRINTED_RECORDS } from "../src/index.js";
import { finish, MIGRATE_BIN, migrate, run, start, tempState, treeHashes } from "./harness.js";

/** Each printed record parses with the schema of its `type`, with no field the schema lacks. */
function expectPrintedRecords(records: ReadonlyArray<Record<string, unknown>>): void {
  for (const r of records) {
    expect(r["version"], JSON.stringify(r)).toBe(1);
    const schema = PRINTED_RECORDS[r["type"] as keyof typeof PRINTED_RECORDS];
    expect(schema, `schema for ${String(r["type"])}`).toBeDefined();
    // zod drops keys it does not know: equality means the record has no undeclared field.
    expect(schema.parse(r)).toEqual(r);
  }
}

describe("obs-migrate --help", () => {
  it("ends with at least two examples, and they do what they say", async () => {
    const help = await run(MIGRATE_BIN, ["--help"]);
    expect(help.code).toBe(0);
    const text = help.stdout.trimEnd();
    const section = text.slice(text.lastIndexOf("\nExamples:\n") + "\nExamples:\n".length);
    expect(text).toContain("\nExamples:\n");
    const examples = section.split("\n").map((l) => l.trim().split(/\s{2,}/)[0]!);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const e of examples) expect(e).toMatch(/^obs-migrate --state-dir \.\/state( |$)/);

    // The dry-run example changes nothing; the plain one migrates.
    const [dry, plain] = examples;
    const { stateDir } = await tempState("seed-hybrid");
    const args = (example: string) => example.split(" ").slice(3);
    const before = await treeHashes(stateDir);
    const planned = await migrate(stateDir, args(dry!));
    expect(planned.code).toBe(0);
    expect(planned.records[0]).toMatchObject({ outcome: "dry_run" });
    expect(await treeHashes(stateDir)).toEqual(before);
    const done = await migrate(stateDir, args(plain!));
    expect(done.code).toBe(0);
    expect(done.records[0]).toMatchObject({ outcome: "migrated" });
  });
});

describe("obs-migrate flags", () => {
  it("--wait with --dry-run is a usage error: a dry run takes no lock, so --wait does nothing", async () => {
    const { stateDir } = await tempState("fleet");
    const before = await treeHashes(stateDir);
    for (const wait of ["--wait", "--wait=30"]) {
      const r = await migrate(stateDir, ["--dry-run", wait]);
      expect(r.code).toBe(2);
      expect(r.records).toEqual([]);
      expect(r.stderr).toBe(
        "obs-migrate: error: --wait does nothing with --dry-run\nhint: a dry run takes no lock, so it never waits; drop --wait (or --dry-run to migrate)\n",
      );
    }
    expect(await treeHashes(stateDir)).toEqual(before);
  });

  it("bad values and unknown flags are usage errors in the one error voice, nothing changed", async () => {
    const { stateDir } = await tempState("fleet");
    const before = await treeHashes(stateDir);
    const cases: Array<[string[], RegExp, RegExp]> = [
      [["--wait=abc"], /--wait takes a number of seconds, got "abc"/, /--wait=300/],
      [["--dry-rn"], /Unknown argument: --dry-rn$/m, /did you mean --dry-run\?/],
      [["--quiet", "--verbose"], /mutually exclusive/, /obs-migrate --help/],
    ];
    for (const [args, what, hint] of cases) {
      const r = await migrate(stateDir, args);
      expect(r.code, args.join(" ")).toBe(2);
      const [first, second] = r.stderr.trimEnd().split("\n");
      expect(first).toMatch(/^obs-migrate: error: /);
      expect(first).toMatch(what);
      expect(second).toMatch(/^hint: /);
      expect(second).toMatch(hint);
    }
    expect(await treeHashes(stateDir)).toEqual(before);
  });
});

describe("obs-migrate --quiet and --verbose", () => {
  it("--quiet: a clean run prints only the record on stdout, nothing on stderr", async () => {
    const { stateDir } = await tempState("seed-hybrid");
    const r = await migrate(stateDir, ["--quiet"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.records).toEqual([expect.objectContaining({ outcome: "migrated" })]);
    const normal = await migrate(stateDir);
    expect(normal.stderr).toContain("obs-migrate: already migrated");
  });

  it("--quiet: a run that exits non-zero still says why on stderr", async () => {
    const { stateDir } = await tempState("fleet");
    const r = await migrate(stateDir, ["-q"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("corrupt      volink_snapshot_latest.json");
  });

  it("--verbose: each step on stderr as it happens, before the summary", async () => {
    const { stateDir } = await tempState("fleet");
    const r = await migrate(stateDir, ["--verbose"]);
    expect(r.code).toBe(1);
    const steps = r.stderr
      .split("\n")
      .filter((l) => l.startsWith("obs-migrate: ") && !l.startsWith("obs-migrate: migrated"))
      .map((l) => l.slice("obs-migrate: ".length));
    const expected = [
      `${stateDir}: v1 state (`,
      "taking the instance lock",
      "backing up the directory to v1_backup_",
      /^backed up \d+ files to v1_backup_\S+\/$/,
      /^verifying v1_backup_\S+\/ against its hashes$/,
      /^planned epoch 0 from the backup: 7 providers, \d+ models, 2 locks$/,
      /^quarantined volink_snapshot_latest\.json -> volink_snapshot_latest\.json\.corrupt\.\S+ \(not valid JSON\)$/,
      "opening the state writer for epoch 0",
      "committing epoch 0 (objects, manifest, events, pointer)",
      /^committed epoch 0: \S+$/,
      "lock baseline-2025q2: written (locks/baseline-2025q2.lock.json)",
      "lock prompt-ablation: written (locks/prompt-ablation.lock.json)",
      /^retired \d+ v1 files \(copies in v1_backup_\S+\/\)$/,
      "journal: complete",
    ];
    expect(steps).toHaveLength(expected.length);
    expected.forEach((want, i) => {
      if (typeof want === "string") expect(steps[i]).toContain(want);
      else expect(steps[i]).toMatch(want);
    });
    // The summary comes after the steps.
    expect(r.stderr.indexOf("journal: complete")).toBeLessThan(
      r.stderr.indexOf("obs-migrate: migrated"),
    );
  });

  it("--verbose steps are written as they happen, not at the end", async () => {
    const { stateDir } = await tempState("fleet");
    // Stall after the commit: the steps up to it must already be on stderr.
    const child = start(MIGRATE_BIN, ["--state-dir", stateDir, "--verbose"], {
      OBS_MIGRATE_STALL_AT: "committed",
    });
    let stderr = "";
    await new Promise<void>((resolve) => {
      child.stderr?.on("data", (d) => {
        stderr += d;
        if (stderr.includes("stalled at committed")) resolve();
      });
    });
    child.kill("SIGKILL");
    await finish(child);
    expect(stderr).toMatch(
      /backed up \d+ files[\s\S]*committed epoch 0: \S+\n[\s\S]*stalled at committed/,
    );
    expect(stderr).not.toContain("journal: complete");
  });
});

describe("obs-migrate's records", () => {
  it("every record of every outcome has type and version and parses with its schema", async () => {
    const { stateDir } = await tempState("fleet");
    const seen = new Set<string>();
    const check = async (args: string[]) => {
      const r = await migrate(stateDir, args);
      expect(r.records).toHaveLength(1);
      expectPrintedRecords(r.records);
      seen.add(String(r.records[0]!["outcome"]));
    };
    await check(["--dry-run"]);
    const held = await acquireInstanceLock(stateDir);
    if (!held.ok) throw new Error("could not take the lock");
    await check([]).finally(() => held.lock.release());
    await check([]);
    await check([]);
    await rm(join(stateDir, "migrate-v1.journal.json"));
    await check([]);
    expect([...seen].sort()).toEqual(
      Object.keys({ already_migrated: 0, already_v2: 0, dry_run: 0, locked: 0, migrated: 0 }),
    );
  });
});

describe("obs-migrate start-up", () => {
  const trace = TRACE_LOADS;
  // --help and --version alone print the build's rendering; through yargs (as on a terminal under
  // 100 columns: OBS_NO_PREBUILT=1), or for `help`, they load cli-kit and nothing heavy.
  it("--help and --version alone load no argument parser at all", async () => {
    for (const arg of ["--help", "--version"]) {
      const r = await finishWith(["--import", trace, MIGRATE_BIN, arg]);
      expect(r.code).toBe(0);
      const loaded = loadedNamesIn(r.stderr);
      expect(loaded).toContain("migrate-v1/prebuilt.js");
      expect(loaded.filter((m) => /cli-kit|zod|core\/|obs-migrate/.test(m))).toEqual([]);
    }
  });

  it.each([["--help"], ["--version"], ["help"]])(
    "%s through yargs loads cli-kit and core's errors entry only: no zod, no core index",
    async (arg) => {
      const r = await finishWith(["--import", trace, MIGRATE_BIN, arg], { OBS_NO_PREBUILT: "1" });
      expect(r.code).toBe(0);
      const loaded = loadedNamesIn(r.stderr);
      expect(loaded).toContain("cli-kit/index.js");
      expect(loaded).toContain("core/errors-entry.js");
      expect(loaded.filter((m) => /zod|core\/index|proper-lockfile|execute/.test(m))).toEqual([]);
    },
  );

  it("a real run loads the migration after parsing", async () => {
    const { stateDir } = await tempState();
    const r = await finishWith(["--import", trace, MIGRATE_BIN, "--state-dir", stateDir]);
    expect(r.code).toBe(2);
    expect(loadedNamesIn(r.stderr).some((n) => n.startsWith("migrate-v1/execute-"))).toBe(true);
  });
});

function finishWith(nodeArgs: string[], env: Record<string, string> = {}) {
  return finish(
    spawn(process.execPath, nodeArgs, {
      env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}
