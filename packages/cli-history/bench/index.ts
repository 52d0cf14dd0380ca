// `pnpm bench` for obs-history, obs-diff and obs-events (issue 18): obs-history for one model
// over 10,000 epochs, obs-diff of two 10,000-model epochs, obs-events --since on a 1,000,000-line
// log against a 1,000-line one. "After start-up" is a whole process of the bin on the big state
// minus the same command on a one-epoch state (node's start-up and the bin's modules are the
// same on both; what is left is the work, cold as a user runs it), runs interleaved so load hits
// both alike. `node -e 0` and the command's work in-process (warm) are printed beside it.
// Prints each figure with its target; asserts nothing (the tests do that).
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Figure, recordFigures, verdict } from "../../../bench/record.ts";
import { diffCommand, eventsCommand, historyCommand } from "../src/index.js";
import { buildEventLog, buildLongHistory, buildWideDiff } from "./states.js";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const bin = (name: string) => join(import.meta.dirname, "..", "bin", `${name}.js`);
// PATH alone, as the root bench's start-up figures: NODE_OPTIONS and friends would load on both
// sides of every comparison.
const env: NodeJS.ProcessEnv = { PATH: process.env["PATH"] ?? "" };

function wall(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env });
  const took = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return took;
}

/** Medians of `runs` interleaved runs of the command on the big state, on the small one, and of
 * `node -e 0`; and the median of each big run minus the small run just before it (a difference
 * of two medians swings with the machine's load, and came out negative once). */
function processTimes(
  big: string[],
  small: string[],
  runs = 15,
): { big: number; small: number; node: number; diff: number } {
  wall(big); // the first runs warm the page cache
  wall(small);
  const b: number[] = [];
  const s: number[] = [];
  const n: number[] = [];
  for (let i = 0; i < runs; i++) {
    n.push(wall(["-e", "0"]));
    s.push(wall(small));
    b.push(wall(big));
  }
  return {
    big: median(b),
    small: median(s),
    node: median(n),
    diff: median(b.map((x, i) => x - s[i]!)),
  };
}

async function inProcess(f: () => Promise<unknown>, runs = 7): Promise<number> {
  await f();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return median(out);
}

interface Timed {
  /** The command's name, as the figures begin. */
  name: string;
  /** The headline figure's text before ", after start-up". */
  title: string;
  /** The small state, as the headline says it ("1 epoch"). */
  against: string;
  /** How the in-process figure is measured ("median of 7", with what it covers). */
  work: string;
  /** The two states, as the whole-process figure says them ("10,000 epochs; on 1"). */
  sizes: string;
  targetMs: number;
  /** The bin's arguments on a state directory. */
  args: (dir: string) => string[];
  big: string;
  small: string;
  /** The command in-process on the big state. */
  run: () => Promise<unknown>;
}

/** A command on a big state after start-up (its process minus the same on a small state), its
 * work in-process, and the processes themselves. */
async function afterStartUp(c: Timed): Promise<Figure[]> {
  const p = processTimes(c.args(c.big), c.args(c.small));
  const work = await inProcess(c.run);
  const diff = p.diff;
  return [
    {
      area: "history",
      figure: `${c.title}, after start-up (process - the same on ${c.against}, median of 15 pairs)`,
      value: `${ms(diff)} (ratio to target ${(diff / c.targetMs).toFixed(2)})`,
      target: `<= ${c.targetMs} ms`,
      result: verdict(diff <= c.targetMs),
    },
    {
      area: "history",
      figure: `  ${c.name}: the command's work in-process (${c.work})`,
      value: ms(work),
      target: "",
      result: "info",
    },
    {
      area: "history",
      figure: `  ${c.name}: whole process on ${c.sizes}; node -e 0`,
      value: `${ms(p.big)}; ${ms(p.small)}; ${ms(p.node)}`,
      target: "",
      result: "info",
    },
  ];
}

// In memory where the machine has it: these figures are about reading, not the disk.
const base = await stat("/dev/shm").then(
  (st) => (st.isDirectory() ? "/dev/shm" : tmpdir()),
  () => tmpdir(),
);
const root = await mkdtemp(join(base, "obs-history-bench-"));
const figures: Figure[] = [];
// Each figure is printed as it is measured, and all of them in one table at the end.
const push = figures.push.bind(figures);
figures.push = (...fs: Figure[]) => {
  for (const f of fs)
    console.log(`${f.figure}: ${f.value}${f.target ? ` (${f.target}: ${f.result})` : ""}`);
  return push(...fs);
};
const io = { stdoutIsTTY: false, now: new Date() };
try {
  // obs-history: one model over 10,000 epochs.
  const long = join(root, "long");
  let t = performance.now();
  const { model } = await buildLongHistory(long, 10_000);
  const one = join(root, "one");
  await buildLongHistory(one, 1);
  console.log(`built 10,000 epochs of history in ${ms(performance.now() - t)}`);
  const h = await historyCommand({ stateDir: long, model }, io);
  const rows = (h.stdout ?? "").split("\n").filter((l) => l !== "").length;
  figures.push(
    ...(await afterStartUp({
      name: "obs-history",
      title: `obs-history, one model over 10,000 epochs (${rows} rows)`,
      against: "1 epoch",
      work: "read + verify + query, median of 7",
      sizes: "10,000 epochs; on 1",
      targetMs: 100,
      args: (dir) => [bin("obs-history"), model, "--json", "--state-dir", dir],
      big: long,
      small: one,
      run: () => historyCommand({ stateDir: long, model }, io),
    })),
  );

  // obs-diff: two 10,000-model epochs.
  const wide = join(root, "wide");
  t = performance.now();
  const { from, to } = await buildWideDiff(wide);
  const narrow = join(root, "narrow");
  await buildWideDiff(narrow, 1, 10);
  console.log(`built two 10,000-model epochs in ${ms(performance.now() - t)}`);
  const d = await diffCommand({ stateDir: wide, from, to }, io);
  const entries = (d.stdout ?? "").split("\n").filter((l) => l !== "").length - 1;
  figures.push(
    ...(await afterStartUp({
      name: "obs-diff",
      title: `obs-diff of two 10,000-model epochs (${entries} entries)`,
      against: "10 models",
      work: "median of 7",
      sizes: "10,000 models; on 10",
      targetMs: 300,
      args: (dir) => [bin("obs-diff"), from, to, "--json", "--state-dir", dir],
      big: wide,
      small: narrow,
      run: () => diffCommand({ stateDir: wide, from, to }, io),
    })),
  );

  // obs-events --since: the last 100 events of a 1,000-line and of a 1,000,000-line log.
  const small = join(root, "small");
  const large = join(root, "large");
  t = performance.now();
  const endSmall = await buildEventLog(small, 1_000);
  const endLarge = await buildEventLog(large, 1_000_000);
  const mb = ((await stat(join(large, "events.jsonl"))).size / 1e6).toFixed(0);
  console.log(`built event logs of 1,000 and 1,000,000 lines in ${ms(performance.now() - t)}`);
  const since = (end: Date) => new Date(end.getTime() - 99_000).toISOString();
  const args = (dir: string, end: Date) => [
    bin("obs-events"),
    "--since",
    since(end),
    "--json",
    "--state-dir",
    dir,
  ];
  const shown = async (dir: string, end: Date) => {
    const r = await eventsCommand({ stateDir: dir, since: since(end) }, io);
    return (r.stdout ?? "").split("\n").filter((l) => l !== "").length;
  };
  const counts = [await shown(small, endSmall), await shown(large, endLarge)];
  // Interleaved, so load hits both logs alike.
  wall(args(small, endSmall));
  wall(args(large, endLarge));
  const s: number[] = [];
  const l: number[] = [];
  for (let i = 0; i < 15; i++) {
    s.push(wall(args(small, endSmall)));
    l.push(wall(args(large, endLarge)));
  }
  const ratio = median(l) / median(s);
  const sWork = await inProcess(() =>
    eventsCommand({ stateDir: small, since: since(endSmall) }, io),
  );
  const lWork = await inProcess(() =>
    eventsCommand({ stateDir: large, since: since(endLarge) }, io),
  );
  figures.push(
    {
      area: "history",
      figure: `obs-events --since (the last ${counts[1]} events): 1,000,000-line log (${mb} MB) / 1,000-line log, whole processes (medians of 15)`,
      value: `${ratio.toFixed(2)}x (${ms(median(l))} / ${ms(median(s))})`,
      target: "<= 2x",
      result: verdict(ratio <= 2 && counts[0] === counts[1]),
    },
    {
      area: "history",
      figure: "  obs-events --since in-process: 1,000,000 lines / 1,000 lines",
      value: `${(lWork / sWork).toFixed(2)}x (${ms(lWork)} / ${ms(sWork)})`,
      target: "",
      result: "info",
    },
  );
} finally {
  await rm(root, { recursive: true, force: true });
}

recordFigures(figures);
console.log("\nobs-history, obs-diff, obs-events");
console.table(
  figures.map(({ figure, value, target, result }) => ({ figure, value, target, result })),
);
