// The root `pnpm bench`: runs every package's bench (each prints its own tables and records its
// figures), then times each bin's start-up, and prints every figure the issues name in one
// table with the machine it was measured on. `--markdown` prints that table as Markdown too,
// for the README.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { type Figure, recordFigures, verdict } from "./record.ts";

const root = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "obs-bench-"));
const reportFile = join(dir, "figures.jsonl");

const turbo = spawnSync("pnpm", ["exec", "turbo", "run", "bench", "--concurrency=1"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, OBS_BENCH_REPORT: reportFile },
});
if (turbo.status !== 0) {
  console.error(`package benches failed (exit ${turbo.status})`);
  process.exit(turbo.status ?? 1);
}

process.env["OBS_BENCH_REPORT"] = reportFile;
recordFigures(startupFigures());

const figures: Figure[] = readFileSync(reportFile, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as Figure);
rmSync(dir, { recursive: true, force: true });

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${process.platform}`;
console.log(`\n== Every figure, one table (${machine})\n`);
console.log(textTable(figures));
if (process.argv.includes("--markdown")) console.log(`\n${markdownTable(figures)}`);
const failed = figures.filter((f) => f.result === "FAIL");
console.log(
  failed.length === 0
    ? `\nAll ${figures.filter((f) => f.result === "PASS").length} targets met.`
    : `\n${failed.length} target(s) not met: ${failed.map((f) => f.figure).join("; ")}`,
);

/**
 * Start-up of every bin: `--help` and `--version` against bare `node -e ""`, target 2x (both are
 * answered from the build's rendering), and, for information, `--help` rendered by yargs. Each run
 * of a bin is paired with a bare node run just before it, and the figure is the median of the
 * pairs' ratios, so a machine that gets busier halfway through moves both sides of a ratio.
 * Both run with PATH alone in the environment: NODE_OPTIONS or NODE_EXTRA_CA_CERTS (a CA bundle
 * loaded on every start, 85 ms on this machine) would add the same cost to both sides and make
 * every ratio look closer to 1 than node's own start-up warrants.
 */
function startupFigures(): Figure[] {
  const clean: NodeJS.ProcessEnv = { PATH: process.env["PATH"] ?? "" };
  const time = (args: string[], env: NodeJS.ProcessEnv = clean) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: "ignore", env });
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}`);
    return performance.now() - t;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const paired = (args: string[], env?: NodeJS.ProcessEnv) => {
    time(args, env); // the first run warms the page cache
    const ratios: number[] = [];
    const ms: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < 9; i++) {
      const b = time(["-e", ""], clean);
      const t = time(args, env);
      bare.push(b);
      ms.push(t);
      ratios.push(t / b);
    }
    return { ratio: median(ratios), ms: median(ms), bare: median(bare) };
  };
  const out: Figure[] = [];
  let bareAll: number[] = [];
  for (const [name, path] of bins()) {
    for (const flag of ["--help", "--version"]) {
      const r = paired([path, flag]);
      bareAll = [...bareAll, r.bare];
      out.push({
        area: "start-up",
        figure: `${name} ${flag} vs node -e ''`,
        value: `${r.ratio.toFixed(2)}x (${r.ms.toFixed(0)} ms)`,
        target: "<= 2x",
        result: verdict(r.ratio <= 2),
      });
    }
    // The same help rendered by yargs, as on a terminal narrower than 100 columns.
    const y = paired([path, "--help"], { ...clean, OBS_NO_PREBUILT: "1" });
    out.push({
      area: "start-up",
      figure: `${name} --help through yargs (narrow terminal)`,
      value: `${y.ratio.toFixed(2)}x (${y.ms.toFixed(0)} ms)`,
      target: "",
      result: "info",
    });
  }
  out.unshift({
    area: "start-up",
    figure: "node itself (node -e '')",
    value: `${median(bareAll).toFixed(0)} ms`,
    target: "",
    result: "info",
  });
  return out;
}

/** Every bin the workspace packages declare, by name. */
function bins(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const pkg of readdirSync(join(root, "packages")).sort()) {
    const dirPath = join(root, "packages", pkg);
    let manifest: { bin?: Record<string, string> };
    try {
      manifest = JSON.parse(readFileSync(join(dirPath, "package.json"), "utf8"));
    } catch {
      continue;
    }
    for (const [name, rel] of Object.entries(manifest.bin ?? {})) {
      out.push([name, join(dirPath, rel)]);
    }
  }
  return out;
}

function textTable(rows: readonly Figure[]): string {
  const cells = rows.map((f) => [f.area, f.figure, f.value, f.target, f.result]);
  const head = ["area", "figure", "measured", "target", "result"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

function markdownTable(rows: readonly Figure[]): string {
  const esc = (s: string) => s.replaceAll("|", "\\|");
  return [
    "| area | figure | measured | target | result |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      (f) =>
        `| ${esc(f.area)} | ${esc(f.figure)} | ${esc(f.value)} | ${esc(f.target)} | ${f.result} |`,
    ),
  ].join("\n");
}
