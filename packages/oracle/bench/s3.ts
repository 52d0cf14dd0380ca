// The state on S3 (issue 20), against the S3 test server (scripts/s3-rgw.sh; `pnpm bench` skips
// this with a note when no AWS_ENDPOINT_URL is set): open() of a 10,000-model epoch from a cold
// mirror cache against open() of the same state in a directory, refresh() with nothing committed
// against one small GET, and the PUTs an unchanged poll makes.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { copyState, openRemoteState, openStateWriter, readCurrentEpoch } from "@observatory/core";
import { faultProxy } from "@observatory/test-fixtures/s3";
import { type Figure, recordFigures } from "../../../bench/record.ts";
import { RoutingOracle } from "../src/index.js";
import { buildState, type StateShape } from "./build-state.js";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x < 1 ? x.toFixed(3) : x.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

async function time(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

export async function runS3Bench(shape: StateShape): Promise<void> {
  const endpoint = process.env["AWS_ENDPOINT_URL"];
  if (!endpoint) {
    console.log(
      '\n== S3 (issue 20): skipped, no S3 server; eval "$(bash scripts/s3-rgw.sh start /tmp/obs-rgw)" first',
    );
    return;
  }
  const root = await mkdtemp(join(tmpdir(), "obs-s3-bench-"));
  try {
    const local = join(root, "state");
    await buildState(local, shape);
    const bucket = `obs-bench-${Date.now().toString(36)}`;
    const client = new S3Client({ endpoint, forcePathStyle: true, region: "us-east-1" });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    const loc = `s3://${bucket}/bench`;
    await copyState(local, loc, { ...process.env, OBS_CACHE_DIR: join(root, "copy-cache") });

    // open(): the directory against the bucket from an empty mirror cache, in pairs, on plain
    // node and the built package (bench/s3-open.mjs says why).
    const timed = spawnSync(
      process.execPath,
      ["--expose-gc", join(import.meta.dirname, "s3-open.mjs"), local, loc, root],
      { encoding: "utf8", env: { ...process.env, OBS_CACHE_DIR: undefined } },
    );
    if (timed.status !== 0)
      throw new Error(`bench/s3-open.mjs exited ${timed.status}: ${timed.stderr}`);
    const { localMs, coldMs } = JSON.parse(timed.stdout) as {
      localMs: number[];
      coldMs: number[];
    };
    // refresh() with nothing committed, against one GET of the (small) pointer object.
    process.env["OBS_CACHE_DIR"] = join(root, "cold-0");
    const oracle = await RoutingOracle.open(loc);
    const refreshMs: number[] = [];
    const getMs: number[] = [];
    for (let i = 0; i < 25; i++) {
      getMs.push(
        await time(async () => {
          const r = await client.send(
            new GetObjectCommand({ Bucket: bucket, Key: "bench/current_epoch.json" }),
          );
          await r.Body!.transformToString();
        }),
      );
      refreshMs.push(await time(() => oracle.refresh()));
    }

    // An unchanged poll: the same snapshots again, through a proxy that counts the PUTs.
    const proxy = await faultProxy(endpoint);
    const env = {
      ...process.env,
      AWS_ENDPOINT_URL: proxy.url,
      OBS_CACHE_DIR: join(root, "poller"),
    };
    const remote = await openRemoteState(loc, { env });
    await remote.pull();
    const current = (await readCurrentEpoch(remote.stateDir)).epoch!;
    const opened = await openStateWriter(remote.stateDir, { tool: "bench", version: "0" });
    if (!opened.ok) throw new Error(opened.message);
    const before = proxy.seen.length;
    try {
      await opened.writer.commit({
        fingerprintScheme: current.manifest.fingerprint_scheme,
        providers: Object.fromEntries(
          Object.entries(current.snapshots).map(([p, s]) => [p, { snapshot: s! }]),
        ),
        events: [],
      });
    } finally {
      await opened.writer.close();
      await proxy.close();
    }
    const puts = proxy.seen.slice(before).filter((l) => l.startsWith("PUT "));
    const kinds = puts.map((l) =>
      l.includes("current_epoch")
        ? "pointer"
        : l.includes("/epochs/")
          ? "manifest"
          : l.includes("/objects/")
            ? "object"
            : l.includes("/events/")
              ? "events"
              : "other",
    );
    const objects = kinds.filter((k) => k === "object").length;

    const models = shape.providers * shape.perProvider;
    const ratioOpen = median(coldMs) / median(localMs);
    const ratioRefresh = median(refreshMs) / median(getMs);
    const figures: Figure[] = [
      {
        area: "s3",
        figure: `open() of a ${models.toLocaleString("en-US")}-model epoch from a cold mirror vs the directory (medians of 11: ${ms(median(coldMs))} vs ${ms(median(localMs))})`,
        value: `${ratioOpen.toFixed(2)}x`,
        target: "<= 3x",
        result: verdict(ratioOpen <= 3),
      },
      {
        area: "s3",
        figure: `refresh() with nothing committed vs one small GET (medians: ${ms(median(refreshMs))} vs ${ms(median(getMs))})`,
        value: `${ratioRefresh.toFixed(2)}x`,
        target: "<= 2x",
        result: verdict(ratioRefresh <= 2),
      },
      {
        area: "s3",
        figure: `PUTs of an unchanged poll (${kinds.join(", ")})`,
        value: `${puts.length} (${objects} object${objects === 1 ? "" : "s"} besides manifest and pointer)`,
        target: "manifest + pointer",
        result: verdict(puts.length === 2),
      },
    ];
    console.log("\n== S3 (issue 20), against the S3 server on loopback");
    for (const f of figures)
      console.log(`${f.result.padEnd(5)} ${f.figure}: ${f.value} (target ${f.target})`);
    recordFigures(figures);
  } finally {
    delete process.env["OBS_CACHE_DIR"];
    await rm(root, { recursive: true, force: true });
  }
}

// Alone: `pnpm exec tsx bench/s3.ts`; bench/index.ts runs it so, in a process of its own, with
// the shape of its first state.
if (process.argv[1]?.endsWith("s3.ts")) {
  await runS3Bench({ providers: 10, perProvider: 1000, history: 1, benchmarkedShare: 0.05 });
}
