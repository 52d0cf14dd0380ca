// The state contract on a real S3 server (radosgw): a writer commits through its mirror, a reader
// on another "host" (its own cache) sees exactly the committed epochs, and two writers racing for
// the pointer end with one commit and one clear loss.

import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  cleanupS3,
  faultProxy,
  freshBucket,
  HOW_TO_START,
  hostEnv,
  NO_S3,
} from "@observatory/test-fixtures/s3";
import { afterAll, describe, expect, it } from "vitest";
import { isObsError } from "../src/errors.js";
import { readEvents } from "../src/events/log.js";
import { readHistory } from "../src/history/store.js";
import { loadEpoch, readCurrentEpoch } from "../src/state/read-epoch.js";
import { openRemoteState } from "../src/storage/attach.js";
import { pruneRemote } from "../src/storage/remote-retention.js";
import { snapshot, writer } from "./helpers.js";

afterAll(cleanupS3);

async function host(location: string, endpoint?: string) {
  const env = await hostEnv();
  if (endpoint) env["AWS_ENDPOINT_URL"] = endpoint;
  const remote = await openRemoteState(location, { env: { ...env, AWS_MAX_ATTEMPTS: "3" } });
  await remote.pull();
  return remote;
}

async function commitOn(
  remote: Awaited<ReturnType<typeof host>>,
  models: Array<{ id: string; context_length?: number }>,
  retainEpochs?: number,
) {
  const w = await writer(remote.stateDir, retainEpochs ? { retainEpochs } : {});
  try {
    return await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: { openrouter: { snapshot: snapshot("openrouter", models) } },
      events: models.map((m) => ({
        type: "MODEL_ADDED" as const,
        severity: "INFO" as const,
        provider: "openrouter",
        model_id: m.id,
        fingerprint: `fp-${m.id}-${m.context_length ?? 0}`,
      })),
    });
  } finally {
    await w.close();
  }
}

describe.skipIf(NO_S3)(`the state on S3 (radosgw) ${NO_S3 ? `- ${HOW_TO_START}` : ""}`, () => {
  it("a commit on one host is what a reader on another host sees, with its events", async () => {
    const loc = `s3://${await freshBucket()}/team/prod`;
    const a = await host(loc);
    expect((await readCurrentEpoch(a.stateDir)).epoch).toBeNull();
    const first = await commitOn(a, [{ id: "m1", context_length: 1000 }]);

    const b = await host(loc);
    const read = await readCurrentEpoch(b.stateDir);
    expect(read.epoch?.epochId).toBe(first.epochId);
    expect(read.epoch?.manifestHash).toBe(first.manifestHash);
    expect(read.epoch?.snapshots["openrouter"]?.models.map((m) => m.id)).toEqual(["m1"]);

    const second = await commitOn(a, [{ id: "m1", context_length: 2000 }]);
    const pulled = await b.pull();
    expect(pulled.changed).toBe(true);
    expect((await readCurrentEpoch(b.stateDir)).epoch?.epochId).toBe(second.epochId);
    // Nothing new: one conditional GET answered 304.
    expect((await b.pull()).changed).toBe(false);
    const events = (await readEvents(b.stateDir)).events;
    expect(events.filter((e) => e.type === "MODEL_ADDED").map((e) => e.epoch_id)).toEqual([
      first.epochId,
      second.epochId,
    ]);
  });

  it("a mirror fetches an object when it is first read, and again when its copy is damaged", async () => {
    const loc = `s3://${await freshBucket()}/lazy`;
    const first = await commitOn(await host(loc), [{ id: "m1", context_length: 1000 }]);
    const b = await host(loc);
    const snap = first.manifest.providers["openrouter"]!.snapshot!;
    const path = join(b.stateDir, "objects", `${snap}.json`);
    expect(await readFile(path).catch(() => null)).toBeNull(); // pulled: the manifest only
    expect(
      (await readCurrentEpoch(b.stateDir)).epoch?.snapshots["openrouter"]?.models,
    ).toHaveLength(1);
    expect(await readFile(path, "utf8")).toContain('"m1"');
    await writeFile(path, "{}"); // a copy damaged in the mirror (a crash, a hand)
    const again = await readCurrentEpoch(b.stateDir);
    expect(again.problems).toEqual([]);
    expect(again.epoch?.manifestHash).toBe(first.manifestHash);
    expect(await readFile(path, "utf8")).toContain('"m1"');

    // Manifests are mirrored without fsync: one a crash took is fetched again by the next pull,
    // though the pointer did not move.
    const manifest = join(b.stateDir, "epochs", `${first.epochId}.json`);
    await writeFile(manifest, "");
    expect((await b.pull({ events: false, locks: false })).changed).toBe(false);
    expect((await readCurrentEpoch(b.stateDir)).epoch?.manifestHash).toBe(first.manifestHash);
    await rm(manifest);
    await b.pull();
    expect((await readCurrentEpoch(b.stateDir)).problems).toEqual([]);
  });

  it("two writers racing from the same epoch: exactly one commits, the other is told who won", async () => {
    const loc = `s3://${await freshBucket()}/race`;
    await commitOn(await host(loc), [{ id: "m0" }]);
    const a = await host(loc);
    const b = await host(loc);
    const results = await Promise.allSettled([
      commitOn(a, [{ id: "from-a" }]),
      commitOn(b, [{ id: "from-b" }]),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ epochId: string }>).value.epochId;
    const err = (lost[0] as PromiseRejectedResult).reason;
    expect(isObsError(err) && err.code).toBe("POINTER_MOVED");
    expect(err.exitCode).toBe(4);
    expect(err.message).toContain(`another writer committed ${winner}`);
    const reader = await host(loc);
    const read = await readCurrentEpoch(reader.stateDir);
    expect(read.epoch?.epochId).toBe(winner);
  });

  it("retention in the bucket keeps the newest epochs and locked ones, and objects only past a grace period", async () => {
    const loc = `s3://${await freshBucket()}/kept`;
    const a = await host(loc);
    const first = await commitOn(a, [{ id: "m", context_length: 1 }], 2);
    await a.store.put(
      "locks/exp.lock.json",
      Buffer.from(
        JSON.stringify({ name: "exp", epoch_id: first.epochId, manifest_hash: first.manifestHash }),
      ),
    );
    const ids = [first.epochId];
    for (let i = 2; i <= 5; i++)
      ids.push((await commitOn(a, [{ id: "m", context_length: i }], 2)).epochId);
    const manifests = (await a.store.list("epochs/")).map((o) => o.key);
    // The newest two and the locked first one; the others are gone from the bucket.
    expect(manifests).toEqual([ids[0], ids[3], ids[4]].map((id) => `epochs/${id}.json`));
    // Unreferenced snapshots stay for the grace period...
    const objects = (await a.store.list("objects/")).length;
    const current = (await readCurrentEpoch(a.stateDir)).epoch!.manifest;
    expect((await pruneRemote(a.store, a.stateDir, current, 2, new Date())).removedObjects).toBe(0);
    // ...and go after it, while everything a kept epoch names stays readable.
    const later = new Date(Date.now() + 2 * 60 * 60 * 1000);
    const swept = await pruneRemote(a.store, a.stateDir, current, 2, later);
    expect(swept.removedObjects).toBeGreaterThan(0);
    expect((await a.store.list("objects/")).length).toBe(objects - swept.removedObjects);
    const reader = await host(loc);
    const read = await readCurrentEpoch(reader.stateDir);
    expect(read.problems).toEqual([]);
    expect(read.epoch?.epochId).toBe(ids[4]);
    expect((await loadEpoch(reader.stateDir, ids[0]!, first.manifestHash)).ok).toBe(true);
    // The events of pruned epochs stay: the model history proves those epochs committed.
    const added = (await readEvents(reader.stateDir)).events.filter(
      (e) => e.type === "MODEL_ADDED",
    );
    expect(added.map((e) => e.epoch_id)).toEqual(ids);
  });

  it("an unchanged poll PUTs its manifest and the pointer, nothing else", async () => {
    const proxy = await faultProxy();
    try {
      const loc = `s3://${await freshBucket()}/quiet`;
      await commitOn(await host(loc), [{ id: "m", context_length: 1 }]);
      const again = await host(loc, proxy.url);
      const w = await writer(again.stateDir);
      let second: Awaited<ReturnType<typeof w.commit>>;
      try {
        second = await w.commit({
          fingerprintScheme: "semantic-v1",
          providers: {
            openrouter: { snapshot: snapshot("openrouter", [{ id: "m", context_length: 1 }]) },
          },
          events: [],
        });
      } finally {
        await w.close();
      }
      const puts = proxy.seen
        .filter((l) => l.startsWith("PUT "))
        .map((l) => l.replace(/^PUT \/[^/]+\/quiet\/([^?]*).*$/, "$1"));
      expect(puts).toEqual([`epochs/${second.epochId}.json`, "current_epoch.json"]);
      expect(second.manifest.history_quiet).toEqual([second.epochId]);
      // Another host reads that epoch, and its history names it.
      const reader = await host(loc);
      const read = await readCurrentEpoch(reader.stateDir);
      expect(read.epoch?.epochId).toBe(second.epochId);
      const entries = (await readHistory(reader.stateDir, read.epoch!.manifest)).entries;
      expect(entries.at(-1)).toEqual({ e: second.epochId });
    } finally {
      await proxy.close();
    }
  });

  describe("a store that fails: retried where safe, never a half-committed epoch", () => {
    async function setUp() {
      const proxy = await faultProxy();
      const loc = `s3://${await freshBucket()}/faults`;
      const first = await commitOn(await host(loc), [{ id: "m", context_length: 1 }]);
      return { proxy, loc, first, writerHost: await host(loc, proxy.url) };
    }
    const pointerPut = { method: "PUT", path: /\/current_epoch\.json(\?|$)/ };

    it("503s on uploads and on the pointer are retried, and the commit lands", async () => {
      const { proxy, loc, writerHost } = await setUp();
      proxy.rules.push({ method: "PUT", path: /\/objects\//, fault: "503", times: 2 });
      proxy.rules.push({ ...pointerPut, fault: "503", times: 1 });
      const second = await commitOn(writerHost, [{ id: "m", context_length: 2 }]);
      expect(
        proxy.seen.filter((l) => l.startsWith("PUT") && l.includes("current_epoch")),
      ).toHaveLength(2);
      const read = await readCurrentEpoch((await host(loc)).stateDir);
      expect(read.epoch?.epochId).toBe(second.epochId);
      await proxy.close();
    });

    it("a pointer swap whose answer is lost (the store applied it) is known committed, not retried into a loss", async () => {
      const { proxy, loc, writerHost } = await setUp();
      proxy.rules.push({ ...pointerPut, fault: "drop-after-forward", times: 1 });
      const second = await commitOn(writerHost, [{ id: "m", context_length: 2 }]);
      const read = await readCurrentEpoch((await host(loc)).stateDir);
      expect(read.epoch?.epochId).toBe(second.epochId);
      await proxy.close();
    });

    it("a store that keeps failing the pointer swap: the run fails (exit 5), readers keep the old epoch", async () => {
      const { proxy, loc, first, writerHost } = await setUp();
      proxy.rules.push({ ...pointerPut, fault: "503" });
      proxy.rules.push({ ...pointerPut, method: "GET", fault: "drop-before-forward", times: 0 });
      const failed = await commitOn(writerHost, [{ id: "m", context_length: 2 }]).catch((e) => e);
      expect(isObsError(failed) && failed.code).toBe("S3_UNAVAILABLE");
      expect(failed.exitCode).toBe(5);
      expect(failed.hint).toContain("was not committed");
      const reader = await host(loc);
      const read = await readCurrentEpoch(reader.stateDir);
      expect(read.epoch?.epochId).toBe(first.epochId);
      expect(read.problems).toEqual([]);
      // The next run, with the store answering again, commits on top of the first epoch.
      proxy.rules.length = 0;
      const next = await commitOn(await host(loc, proxy.url), [{ id: "m", context_length: 3 }]);
      expect(next.manifest.parent?.epoch_id).toBe(first.epochId);
      await proxy.close();
    });
  });
});
