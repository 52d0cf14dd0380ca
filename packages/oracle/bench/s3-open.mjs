// The timed part of the S3 open() figure (bench/s3.ts), on plain node and the built package, as
// a router runs it: under tsx every dynamic import() the open makes (the S3 client, the mirror
// code) goes through tsx's loader thread, which added ~9 ms to each cold open here.
//   node --expose-gc bench/s3-open.mjs <state dir> <s3://bucket/prefix> <cache root>
// Prints {"localMs": [...], "coldMs": [...]}: 11 pairs, one open of each, every cold open from
// an empty mirror cache and each open on a collected heap, as a router's first open is
// (otherwise the garbage of the opens before lands in whichever open fills the heap).
import { join } from "node:path";
import { RoutingOracle } from "@observatory/oracle";

const [local, loc, root] = process.argv.slice(2);
if (!local || !loc || !root)
  throw new Error("usage: s3-open.mjs <state dir> <s3 location> <cache root>");
const collect = globalThis.gc ?? (() => undefined);
const time = async (f) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
for (let i = 0; i < 4; i++) {
  await RoutingOracle.open(local);
  process.env.OBS_CACHE_DIR = join(root, `warm-${i}`);
  await RoutingOracle.open(loc);
}
const localMs = [];
const coldMs = [];
for (let i = 0; i < 11; i++) {
  collect();
  localMs.push(await time(() => RoutingOracle.open(local)));
  process.env.OBS_CACHE_DIR = join(root, `cold-${i}`);
  collect();
  coldMs.push(await time(() => RoutingOracle.open(loc)));
}
process.stdout.write(`${JSON.stringify({ localMs, coldMs })}\n`);
