// `pnpm bench` for obs-report (issue 19): a report of 1,000 models over 10,000 epochs must be
// <= 3 MB and written in <= 3 s, and the page interactive in <= 1 s in the browser. Generation
// is the handler the bin calls, state read included (median of 5 in-process runs, and the built
// bin as a whole process once); interactive is the time from navigation start to the page script
// finishing (charts drawn, picker and table filled) and the frame it changed being laid out and
// painted, in headless Chromium, median of 5 loads.
// Prints each figure with its target; asserts nothing (the tests do that).
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { type Figure, recordFigures, verdict } from "../../../bench/record.ts";
import { reportCommand } from "../src/index.js";
import { findChromium } from "../test/browser.js";
import { buildBenchState } from "./state.js";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const MODELS = 1_000;
const EPOCHS = 10_000;

const dir = await mkdtemp(join(tmpdir(), "obs-report-bench-"));
try {
  const state = join(dir, "state");
  const t0 = performance.now();
  await buildBenchState(state, EPOCHS);
  console.log(
    `state: ${MODELS} models x ${EPOCHS} epochs built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const out = join(dir, "report.html");
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await reportCommand(
      { stateDir: state, out },
      { stdoutIsTTY: false, now: new Date() },
    );
    times.push(performance.now() - t);
    bytes = JSON.parse(r.stdout ?? "{}").bytes;
  }
  const gen = median(times);

  const bin = join(import.meta.dirname, "..", "bin", "obs-report.js");
  const t = performance.now();
  const p = spawnSync(process.execPath, [bin, "--state-dir", state, "--out", out], {
    env: { PATH: process.env["PATH"] ?? "" },
    encoding: "utf8",
  });
  const whole = performance.now() - t;
  if (p.status !== 0) throw new Error(`obs-report exited ${p.status}: ${p.stderr}`);

  const figures: Figure[] = [
    {
      area: "obs-report",
      figure: `page size, ${MODELS} models x ${EPOCHS} epochs`,
      value: `${(bytes / 1e6).toFixed(2)} MB`,
      target: "<= 3 MB",
      result: verdict(bytes <= 3e6),
    },
    {
      area: "obs-report",
      figure: "report generated (state read, built, rendered, written; in-process median)",
      value: `${gen.toFixed(0)} ms`,
      target: "<= 3000 ms",
      result: verdict(gen <= 3000),
    },
    {
      area: "obs-report",
      figure: "obs-report as a whole process (start-up included)",
      value: `${whole.toFixed(0)} ms`,
      target: "",
      result: "info",
    },
  ];

  const executablePath = findChromium();
  if (executablePath === null) {
    console.log("no Chromium: time to interactive not measured (apt-get install -y chromium)");
  } else {
    const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
    try {
      const ready: number[] = [];
      for (let i = 0; i < 5; i++) {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        await page.goto(pathToFileURL(out).href);
        await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
        ready.push(Number(await page.getAttribute("body", "data-ready-ms")));
        await page.close();
      }
      const tti = median(ready);
      figures.push({
        area: "obs-report",
        figure:
          "page interactive in headless Chromium (navigation start to the first frame after the script, median)",
        value: `${tti} ms`,
        target: "<= 1000 ms",
        result: verdict(tti <= 1000),
      });
    } finally {
      await browser.close();
    }
  }
  // Shared machines: the load says how far the figures are from an idle machine's.
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} (1, 5, 15 min)`,
  );
  for (const f of figures)
    console.log(`${f.figure}: ${f.value}${f.target ? ` (target ${f.target}: ${f.result})` : ""}`);
  recordFigures(figures);
} finally {
  await rm(dir, { recursive: true, force: true });
}
