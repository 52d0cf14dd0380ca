// Start-up (issue #16 item 8): `--help` and `--version` load cli-kit (yargs bundled in), core's
// light errors entry and the bin's own entry module, nothing else: no zod, no HTTP client, no
// state code, no table library, none of the command modules. They used to load all of it.
// This is the path through yargs (OBS_NO_PREBUILT=1, as on a terminal under 100 columns); the
// prebuilt answers that load no parser at all are tested in acceptance's start-up suite.
import { loadedNamesIn, runProcess, TRACE_LOADS } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { type Bin, binPath } from "./harness.js";

const TRACE = TRACE_LOADS;

/** Packages and our own dist files a run loaded, e.g. "zod", "core/index.js", "cli-lock/obs-lock.js". */
async function loaded(bin: Bin, args: string[]): Promise<string[]> {
  const r = await runProcess(process.execPath, ["--import", TRACE, binPath(bin), ...args], {
    env: { OBS_NO_PREBUILT: "1" },
  });
  expect(r.code, r.stderr).toBe(0);
  return loadedNamesIn(r.stderr);
}

describe("start-up", () => {
  it.each([
    ["obs-lock", ["--help"]],
    ["obs-lock", ["--version"]],
    ["obs-lock", ["export", "--help"]],
    ["obs-check", ["--help"]],
    ["obs-check", ["--version"]],
  ] as Array<[Bin, string[]]>)(
    "%s %s loads only cli-kit, core's errors and its entry",
    async (bin, args) => {
      const names = await loaded(bin, args);
      expect(names).toContain("cli-kit/index.js");
      expect(names).toContain(`cli-lock/${bin}.js`);
      const heavy = names.filter(
        (n) =>
          !/^cli-kit\/(index|chunk-[^/]+)\.js$|^core\/(errors-entry|chunk-[^/]+)\.js$|^cli-lock\/(obs-lock|obs-check|prebuilt|chunk-[^/]+)\.js$/.test(
            n,
          ),
      );
      expect(heavy).toEqual([]);
      // The light core chunk is the errors code, not the state engine behind core's index.
      expect(names).not.toContain("core/index.js");
    },
  );

  it("a command loads what it needs after parsing: obs-check --all reaches core's state code", async () => {
    const r = await runProcess(process.execPath, [
      "--import",
      TRACE,
      binPath("obs-check"),
      "--all",
      "--state-dir",
      "/nonexistent/obs-state",
    ]);
    // No state there (exit 2), found by the state code the entry did not load.
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("core/dist/index.js");
  });
});
