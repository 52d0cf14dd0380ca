// The observatory on a bucket shared by several hosts, against a real S3 server (radosgw): each
// "host" is its own mirror cache; the bins run as users run them, with --state-dir s3://...
import { readFile } from "node:fs/promises";
import {
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { loadEpoch, openRemoteState, readCurrentEpoch } from "@observatory/core";
import {
  cleanupS3,
  faultProxy,
  freshBucket,
  HOW_TO_START,
  hostEnv,
  NO_S3,
} from "@observatory/test-fixtures/s3";
import { afterAll, describe, expect, it } from "vitest";
import { ackedEpoch } from "../../src/_support/process.js";
import { waitUntil } from "../../src/_support/wait.js";
import { world } from "../../src/_support/world.js";

afterAll(cleanupS3);

function admin(): S3Client {
  return new S3Client({
    endpoint: process.env["AWS_ENDPOINT_URL"],
    forcePathStyle: true,
    region: "us-east-1",
  });
}

/** A bucket policy that denies every write, to everyone (the owner included). */
async function denyWrites(bucket: string): Promise<void> {
  const policy = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:PutObject", "s3:DeleteObject"],
        Resource: [`arn:aws:s3:::${bucket}/*`],
      },
    ],
  };
  await admin().send(
    new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }),
  );
}

async function listKeys(bucket: string): Promise<string[]> {
  const r = await admin().send(new ListObjectsV2Command({ Bucket: bucket }));
  return (r.Contents ?? []).map((o) => o.Key ?? "");
}

const M = "openai/gpt-4o";

async function stopped(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat.slice(stat.lastIndexOf(")") + 2).startsWith("T");
}

describe.skipIf(NO_S3)(`a state shared through S3 ${NO_S3 ? `- ${HOW_TO_START}` : ""}`, () => {
  it("poll on one host; oracle, lock, check, history and events on others", async () => {
    const w = await world({
      scenario: {
        seed: 20,
        catalogs: { openai: { remove: [{ fromPoll: 2, ids: ["gpt-4.1-mini"] }] } },
      },
    });
    const loc = `s3://${await freshBucket()}/team/prod`;
    const [a, b, c] = [await hostEnv(), await hostEnv(), await hostEnv()];
    const secret = a["AWS_SECRET_ACCESS_KEY"]!;

    const polled = await w.runIn(loc, "obs-poll", ["--no-canary", "--benchmark", "--models", M], {
      env: a,
    });
    expect(polled.code, polled.stderr).toBe(0);
    const first = ackedEpoch(polled)!;
    expect(first).not.toBeNull();

    const status = await w.runIn(loc, "obs-oracle", ["status", M, "--json"], { env: b });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(first.epochId);

    const locked = await w.runIn(loc, "obs-lock", ["exp", "--models", M], { env: c });
    expect(locked.code, locked.stderr).toBe(0);

    // The world moves on, polled from another host, on top of the first host's epoch.
    w.server.scenario.advance();
    const again = await w.runIn(loc, "obs-poll", ["--no-canary"], { env: b });
    expect(again.code, again.stderr).toBe(0);
    const second = ackedEpoch(again)!;
    expect(second.epochId > first.epochId).toBe(true);

    // The lock made on host c is checked on host a, against the epoch host b committed.
    const check = await w.runIn(loc, "obs-check", ["exp", "--json"], { env: a });
    expect([0, 1], check.stderr).toContain(check.code);
    expect(check.stdout).toContain('"exp"');
    expect(check.stdout).toContain(first.epochId);

    const history = await w.runIn(loc, "obs-history", ["openai/gpt-4.1-mini", "--json"], {
      env: c,
    });
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toContain(second.epochId);

    const events = await w.runIn(loc, "obs-events", ["--json"], { env: c });
    expect(events.code, events.stderr).toBe(0);
    const removed = events.records.filter((r) => r["type"] === "MODEL_REMOVED");
    expect(removed.map((r) => [r["epoch_id"], r["model_id"]])).toEqual([
      [second.epochId, "gpt-4.1-mini"],
    ]);
    // Each committed event once, whichever hosts pulled it.
    const keys = events.records.map((r) => JSON.stringify(r));
    expect(new Set(keys).size).toBe(keys.length);

    const dash = await w.runIn(loc, "obs-dash", ["--json"], { env: b });
    expect(dash.code, dash.stderr).toBe(0);
    expect(dash.stdout).toContain(second.epochId);
    const report = await w.runIn(loc, "obs-report", ["--out", `${w.root}/report.html`], { env: a });
    expect(report.code, report.stderr).toBe(0);
    expect(await readFile(`${w.root}/report.html`, "utf8")).toContain("gpt-4o");

    for (const r of [polled, status, locked, again, check, history, events, dash, report])
      expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it("two pollers on two hosts racing for 20 rounds: one commits each round, the other says who won", {
    timeout: 400_000,
  }, async () => {
    const w = await world({ scenario: { seed: 21 } });
    const loc = `s3://${await freshBucket()}/race`;
    const hosts = [await hostEnv(), await hostEnv()];
    expect((await w.runIn(loc, "obs-poll", ["--no-canary"], { env: hosts[0] })).code).toBe(0);
    const winners: string[] = [];
    for (let round = 0; round < 20; round++) {
      w.server.scenario.advance();
      // Both stop right before publishing, having built on the same epoch; then both go on.
      const runs = hosts.map((env) =>
        w.startIn(loc, "obs-poll", ["--no-canary"], {
          env: { ...env, OBS_TEST_STOP_AT: "pointer" },
        }),
      );
      for (const r of runs) {
        // A poller that ends before its stop point has failed: say how.
        const early = await Promise.race([
          r.ended,
          waitUntil(() => stopped(r.child.pid!), "a poller to stop", { timeoutMs: 60_000 }),
        ]);
        if (early) expect.fail(`a poller ended before publishing: ${early.stderr}`);
      }
      for (const r of runs) r.child.kill("SIGCONT");
      const ended = await Promise.all(runs.map((r) => r.ended));
      const won = ended.filter((e) => e.code === 0);
      const lost = ended.filter((e) => e.code !== 0);
      expect(won, ended.map((e) => e.stderr).join("\n")).toHaveLength(1);
      expect(lost[0]!.code, lost[0]!.stderr).toBe(4);
      const winner = ackedEpoch(won[0]!)!.epochId;
      expect(lost[0]!.stderr).toContain(`another writer committed ${winner}`);
      expect(ackedEpoch(lost[0]!)).toBeNull();
      winners.push(winner);
    }
    // The rounds' winners are the bucket's chain of committed epochs, in order, the last one
    // current; no loser is on it.
    const remote = await openRemoteState(loc, { env: await hostEnv() });
    await remote.pull();
    const chain: string[] = [];
    let at = (await readCurrentEpoch(remote.stateDir)).epoch;
    while (at !== null) {
      chain.unshift(at.epochId);
      const parent = at.manifest.parent;
      at =
        parent === null
          ? null
          : await loadEpoch(remote.stateDir, parent.epoch_id, parent.manifest_hash).then((l) =>
              l.ok ? l.epoch : null,
            );
    }
    // (Retention keeps the newest 10 in the bucket.)
    expect(chain.slice(-10)).toEqual(winners.slice(-10));
  });

  it("a router's cold start GETs the pointer, its manifest and the routing index, nothing else; a full pull later fetches the rest", async () => {
    const w = await world({
      scenario: {
        seed: 23,
        catalogs: { openai: { remove: [{ fromPoll: 2, ids: ["gpt-4.1-mini"] }] } },
      },
    });
    const loc = `s3://${await freshBucket()}/router`;
    const a = await hostEnv();
    const first = ackedEpoch(await w.runIn(loc, "obs-poll", ["--no-canary"], { env: a }))!;
    w.server.scenario.advance();
    const second = ackedEpoch(await w.runIn(loc, "obs-poll", ["--no-canary"], { env: a }))!;
    expect(second.epochId > first.epochId).toBe(true);

    const proxy = await faultProxy();
    try {
      const router = { ...(await hostEnv()), AWS_ENDPOINT_URL: proxy.url };
      const listed = await w.runIn(loc, "obs-oracle", ["list", "--json"], { env: router });
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toContain(second.epochId);
      expect(listed.stdout).toContain("gpt-4o");
      const gets = proxy.seen.filter((l) => l.startsWith("GET "));
      // The pointer first; then its manifest and, named in the pointer's metadata, the index.
      const keys = gets.map((l) => l.replace(/^GET \/[^/]+\/router\/([^?]*).*$/, "$1"));
      expect(keys[0]).toBe("current_epoch.json");
      const head = await admin().send(
        new HeadObjectCommand({ Bucket: loc.split("/")[2], Key: "router/current_epoch.json" }),
      );
      expect(keys.slice(1).sort()).toEqual([
        `epochs/${second.epochId}.json`,
        `objects/${head.Metadata?.["routing"]}.json`,
      ]);

      // A tool that reads more, on the same host, fetches the older epoch and its events then.
      const events = await w.runIn(loc, "obs-events", ["--json"], { env: router });
      expect(events.code, events.stderr).toBe(0);
      expect(proxy.seen.some((l) => l.includes(`/epochs/${first.epochId}.json`))).toBe(true);
      const removed = events.records.filter((r) => r["type"] === "MODEL_REMOVED");
      expect(removed.map((r) => [r["model_id"], r["epoch_id"]])).toEqual([
        ["gpt-4.1-mini", second.epochId],
      ]);
    } finally {
      await proxy.close();
    }
  });

  it("a writer killed between its uploads and the pointer swap: readers keep the old epoch, the next run commits", async () => {
    const w = await world({ scenario: { seed: 22 } });
    const loc = `s3://${await freshBucket()}/killed`;
    const [a, b, c] = [await hostEnv(), await hostEnv(), await hostEnv()];
    const first = ackedEpoch(await w.runIn(loc, "obs-poll", ["--no-canary"], { env: a }))!;
    expect(first).not.toBeNull();

    w.server.scenario.set({
      seed: 22,
      catalogs: {
        openai: { add: [{ fromPoll: 0, models: [{ id: "gpt-killed", object: "model" }] }] },
      },
    });
    const doomed = w.startIn(loc, "obs-poll", ["--no-canary"], {
      env: { ...a, OBS_TEST_STOP_AT: "publish" },
    });
    const early = await Promise.race([
      doomed.ended,
      waitUntil(() => stopped(doomed.child.pid!), "the poller to stop", { timeoutMs: 60_000 }),
    ]);
    if (early) expect.fail(`the poller ended before its pointer swap: ${early.stderr}`);
    doomed.child.kill("SIGKILL");
    await doomed.ended;

    // Its objects, manifest and events are in the bucket; nothing reaches them.
    const seen = await w.runIn(loc, "obs-oracle", ["list", "--json"], { env: b });
    expect(seen.code, seen.stderr).toBe(0);
    expect(seen.stdout).toContain(first.epochId);
    expect(seen.stdout).not.toContain("gpt-killed");
    const none = await w.runIn(loc, "obs-events", ["--json"], { env: b });
    expect(none.stdout).not.toContain("gpt-killed");

    // The next run, on the killed writer's own host, commits on top of the first epoch.
    const next = await w.runIn(loc, "obs-poll", ["--no-canary"], { env: a });
    expect(next.code, next.stderr).toBe(0);
    const second = ackedEpoch(next)!;
    const events = await w.runIn(loc, "obs-events", ["--json"], { env: c });
    const added = events.records.filter(
      (r) => r["type"] === "MODEL_ADDED" && r["model_id"] === "gpt-killed",
    );
    // Added once, by the epoch that committed; the killed run's copy of it is never shown.
    expect(
      added.map((r) => r["epoch_id"]),
      `${next.stderr}\n${events.stdout}`,
    ).toEqual([second.epochId]);
  });

  it("a missing bucket, refused credentials or a denied permission: a clear error naming the bucket and the permission (exit 2), nothing written, no secret", async () => {
    const w = await world({ scenario: { seed: 23 } });
    const a = await hostEnv();
    const missing = await w.runIn("s3://obs-no-such-bucket-x1/p", "obs-poll", ["--no-canary"], {
      env: a,
    });
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr).toContain("the bucket obs-no-such-bucket-x1 does not exist");

    const bucket = await freshBucket();
    const wrong = { ...a, AWS_SECRET_ACCESS_KEY: "not-the-secret-0123456789abcdef" };
    const refused = await w.runIn(`s3://${bucket}/p`, "obs-oracle", ["list"], { env: wrong });
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/refused the credentials/);
    expect(refused.stdout + refused.stderr).not.toContain("not-the-secret-0123456789abcdef");
    expect(refused.stdout + refused.stderr).not.toContain(a["AWS_SECRET_ACCESS_KEY"]!);

    // A bucket whose policy denies writes: the permission is named, and nothing is written.
    const readOnly = await freshBucket();
    await denyWrites(readOnly);
    const denied = await w.runIn(`s3://${readOnly}/p`, "obs-poll", ["--no-canary"], { env: a });
    expect(denied.code, denied.stderr).toBe(2);
    expect(denied.stderr).toContain("needs the permission s3:PutObject");
    expect(denied.stderr).toContain(readOnly);
    expect(await listKeys(readOnly)).toEqual([]);

    // obs-migrate upgrades directories; a bucket is pointed to --to.
    const migrate = await w.runIn(`s3://${bucket}/p`, "obs-migrate", [], { env: a });
    expect(migrate.code).toBe(2);
    expect(migrate.stderr).toContain("--to");
  });

  it("obs-migrate --to copies a state directory into a bucket and back, verified", async () => {
    const w = await world({ scenario: { seed: 24 } });
    expect((await w.run("obs-poll", ["--no-canary", "--benchmark", "--models", M])).code).toBe(0);
    expect((await w.run("obs-lock", ["exp", "--models", M])).code).toBe(0);
    w.server.scenario.advance();
    const local = ackedEpoch(await w.run("obs-poll", ["--no-canary"]))!;
    const loc = `s3://${await freshBucket()}/copied`;
    const a = await hostEnv();

    const before = await w.run("obs-events", ["--json"]);
    const up = await w.run("obs-migrate", ["--to", loc, "--json"], { env: a });
    expect(up.code, up.stderr).toBe(0);
    const record = up.records.find((r) => r["type"] === "STATE_COPIED")!;
    expect(record).toMatchObject({
      epoch_id: local.epochId,
      manifest_hash: local.manifestHash,
      locks: 1,
    });
    // A second copy onto it is refused: a copy never overwrites a state.
    const again = await w.run("obs-migrate", ["--to", loc], { env: a });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already holds a state");

    // The bucket serves every tool, and its lock checks as it did at home.
    const check = await w.runIn(loc, "obs-check", ["exp", "--json"], { env: await hostEnv() });
    expect([0, 1], check.stderr).toContain(check.code);
    const home = await w.run("obs-check", ["exp", "--json"]);
    expect(check.code).toBe(home.code);

    const back = `${w.root}/back`;
    const down = await w.runIn(loc, "obs-migrate", ["--to", back, "--json"], {
      env: await hostEnv(),
    });
    expect(down.code, down.stderr).toBe(0);
    // Every event copied, in order; after them, what the check on the bucket logged there.
    const events = await w.runIn(back, "obs-events", ["--json"]);
    const key = (r: Record<string, unknown>) => JSON.stringify(r);
    const copied = events.records.slice(0, before.records.length);
    expect(copied.map(key).join("\n")).toEqual(before.records.map(key).join("\n"));
    expect(events.records.slice(before.records.length).map((r) => r["type"])).toEqual(
      check.records.filter((r) => r["type"] !== "LOCK_CHECK").map((r) => r["type"]),
    );
  });
});
