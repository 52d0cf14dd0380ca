// obs-report as a user runs it: the built bin on a real state directory writes one page and
// says where, as a REPORT_WRITTEN record on a pipe; bad points and models are the usual errors.
import { execFile } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ReportWrittenRecordSchema } from "../src/index.js";
import { buildState, EVIL, WEEK } from "./state.js";
import { tempDir } from "./temp.js";

const BIN = fileURLToPath(new URL("../bin/obs-report.js", import.meta.url));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1" },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe("obs-report", () => {
  it("writes one self-contained page and prints REPORT_WRITTEN", async () => {
    const dir = await tempDir();
    const state = join(dir, "state");
    const ids = await buildState(state, WEEK);
    const out = join(dir, "report.html");
    const r = await run(["--state-dir", state, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const record = ReportWrittenRecordSchema.parse(JSON.parse(r.stdout));
    expect(record).toMatchObject({ path: out, from: ids[0], to: ids[3], models: 3 });
    expect(record.bytes).toBe((await stat(out)).size);
    expect(r.stderr).toContain(`wrote ${out}`);
    const html = await readFile(out, "utf8");
    expect(html).toContain("uPlot");
    expect(html).not.toContain(EVIL);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
  });

  it("narrows to a range, providers and models", async () => {
    const dir = await tempDir();
    const state = join(dir, "state");
    const ids = await buildState(state, WEEK);
    const out = join(dir, "r.html");
    const r = await run([
      "--state-dir",
      state,
      "--out",
      out,
      "--since",
      "2026-11-02T12:00",
      "--until",
      ids[2]!,
      "--models",
      "gpt-4o",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ from: ids[1], to: ids[2], models: 1, changes: 1 });
  });

  it("says what is wrong with a point or a model", async () => {
    const dir = await tempDir();
    const state = join(dir, "state");
    await buildState(state, WEEK);
    const bad = await run([
      "--state-dir",
      state,
      "--since",
      "yesterdayish",
      "--out",
      join(dir, "x.html"),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--since");
    const missing = await run([
      "--state-dir",
      state,
      "--models",
      "nope/none",
      "--out",
      join(dir, "x.html"),
    ]);
    expect(missing.code).toBe(6);
    expect(missing.stderr).toContain('no model "nope/none"');
  });
});
