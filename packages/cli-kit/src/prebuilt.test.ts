import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { printPrebuilt } from "./prebuilt.js";

describe("printPrebuilt: the bins' --help/--version fast path", () => {
  let dist: URL;
  let out: string[];
  const columns = Object.getOwnPropertyDescriptor(process.stdout, "columns");

  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), "prebuilt-"));
    mkdirSync(join(dir, "prebuilt"));
    writeFileSync(join(dir, "prebuilt", "obs-x.help.txt"), "obs-x [options]\n\nhelp text\n");
    writeFileSync(join(dir, "prebuilt", "obs-x.version.txt"), "1.2.3\n");
    dist = pathToFileURL(`${dir}/`);
    out = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    vi.stubEnv("OBS_NO_PREBUILT", "");
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    if (columns) Object.defineProperty(process.stdout, "columns", columns);
    else delete (process.stdout as { columns?: number }).columns;
  });

  it("prints the rendering for --help, -h and --version alone", () => {
    expect(printPrebuilt(dist, "obs-x", ["--help"])).toBe(true);
    expect(printPrebuilt(dist, "obs-x", ["-h"])).toBe(true);
    expect(printPrebuilt(dist, "obs-x", ["--version"])).toBe(true);
    expect(out).toEqual([
      "obs-x [options]\n\nhelp text\n",
      "obs-x [options]\n\nhelp text\n",
      "1.2.3\n",
    ]);
  });

  it("leaves every other command line to yargs, printing nothing", () => {
    for (const argv of [[], ["help"], ["--help", "x"], ["x", "--help"], ["--version=1"], ["-v"]])
      expect(printPrebuilt(dist, "obs-x", argv), argv.join(" ")).toBe(false);
    expect(out).toEqual([]);
  });

  it("falls back when the terminal is narrower than the rendering, it is missing, or it is off", () => {
    Object.defineProperty(process.stdout, "columns", { value: 80, configurable: true });
    expect(printPrebuilt(dist, "obs-x", ["--help"])).toBe(false);
    expect(printPrebuilt(dist, "obs-x", ["--version"])).toBe(true); // version does not wrap
    Object.defineProperty(process.stdout, "columns", { value: 120, configurable: true });
    expect(printPrebuilt(dist, "obs-x", ["--help"])).toBe(true);
    expect(printPrebuilt(dist, "obs-y", ["--help"])).toBe(false);
    vi.stubEnv("OBS_NO_PREBUILT", "1");
    expect(printPrebuilt(dist, "obs-x", ["--version"])).toBe(false);
    expect(out).toEqual(["1.2.3\n", "obs-x [options]\n\nhelp text\n"]);
  });
});
