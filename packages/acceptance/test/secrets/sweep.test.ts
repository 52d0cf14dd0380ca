// The secrets sweep: every row of invocations.ts runs with sentinel provider keys and a sentinel
// webhook token (in Discord, Slack, generic, query-string and userinfo hook URLs), then stdout,
// stderr, every file of every state directory (events, objects, quarantine, locks, cooldowns)
// and every webhook body are searched for the sentinels and for any 8-character piece of them.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readEvents } from "@observatory/core";
import {
  type CallRecord,
  FIXTURE_PROVIDER_INFO,
  FIXTURE_PROVIDERS,
  type FixtureProvider,
} from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { tempRoot } from "../../src/_support/cleanup.js";
import { copyState } from "../../src/_support/copy-state.js";
import { listFiles } from "../../src/_support/files.js";
import { inLanes } from "../../src/_support/lanes.js";
import { crashSigns, type Ended } from "../../src/_support/process.js";
import { receiver } from "../../src/_support/receiver.js";
import { leaksIn, makeSentinels } from "../../src/_support/sentinels.js";
import { type World, world } from "../../src/_support/world.js";
import { INVOCATIONS, type Invocation, ON_CORRUPT, type SweepContext } from "./invocations.js";

const KEYED = FIXTURE_PROVIDERS.filter((p) => FIXTURE_PROVIDER_INFO[p].keyEnv);
const DEFAULT_SCENARIO = { seed: 51 };

interface Output {
  where: string;
  text: string;
}

describe("secrets sweep", () => {
  it(`${INVOCATIONS.length + ON_CORRUPT.length} tool runs, every error path: no sentinel in output, state, events or webhooks`, {
    timeout: 300_000,
  }, async () => {
    const s = makeSentinels();
    const providers = FIXTURE_PROVIDERS.filter((p) => p !== "ollama") as FixtureProvider[];
    const tracks = {
      main: await world({ scenario: DEFAULT_SCENARIO, providers, keys: s.keys }),
      aside: await world({ scenario: DEFAULT_SCENARIO, providers, keys: s.keys }),
    };
    const rx = await receiver((path) => (path.startsWith("/fail") ? 500 : 204));
    const host = new URL(rx.url).host;
    const root = tracks.main.root;
    const hooks = join(root, "hooks.json");
    await writeFile(
      hooks,
      JSON.stringify({
        cooldown_seconds: 0,
        webhooks: [
          {
            name: "discord",
            type: "discord",
            url: `${rx.url}/ok/api/webhooks/1234567890/${s.hookToken}`,
          },
          {
            name: "slack",
            type: "slack",
            url: `${rx.url}/fail/services/T0000/B0000/${s.hookToken}`,
          },
          { name: "query", url: `${rx.url}/ok/generic?token=${s.hookToken}` },
          { name: "userinfo", url: `http://hook:${s.hookToken}@${host}/ok/userinfo` },
          { name: "refused", url: `http://127.0.0.1:9/refused/${s.hookToken}` },
        ],
      }),
    );
    const badHooks = join(root, "bad-hooks.json");
    await writeFile(
      badHooks,
      JSON.stringify({
        webhooks: [{ url: `ftp://hooks.example/${s.hookToken}`, min_severity: "LOUD" }],
      }),
    );
    const aside = join(await tempRoot("obs-acceptance-aside-"), "dirs");
    const outputs: Output[] = [];
    const calls: CallRecord[] = [];
    const dirs = new Set<string>([tracks.main.stateDir]);
    const failures: string[] = [];

    const runRow = async (row: Invocation) => {
      const w: World = tracks[row.track === "aside" ? "aside" : "main"];
      const c: SweepContext = { w, s, hooks, badHooks, aside };
      if (row.track !== "after") {
        calls.push(...w.server.scenario.calls());
        w.server.scenario.set(row.scenario ?? DEFAULT_SCENARIO);
      }
      const dir = (await row.setup?.(c)) ?? w.stateDir;
      dirs.add(dir);
      const args = typeof row.args === "function" ? row.args(c) : row.args;
      const options = { env: row.env?.(c) ?? {}, ...(row.cwd ? { cwd: row.cwd(c) } : {}) };
      const r: Ended = row.pipeTo
        ? await w.pipe([row.bin, ...args], row.pipeTo(c), options)
        : await w.runIn(dir, row.bin, args, options);
      outputs.push(
        { where: `${row.name}: stdout`, text: r.stdout },
        { where: `${row.name}: stderr`, text: r.stderr },
      );
      const signs = crashSigns(r);
      if (signs.length > 0) failures.push(`${row.name}: ${signs.join(", ")}\n${r.stderr}`);
      if (!row.exits.includes(r.code ?? -1))
        failures.push(
          `${row.name}: exit ${r.code}, expected ${row.exits.join(" or ")}\n${r.stderr}`,
        );
    };
    await Promise.all(
      (["main", "aside"] as const).map(async (track) => {
        for (const row of INVOCATIONS.filter((r) => r.track === track)) await runRow(row);
      }),
    );
    calls.push(...tracks.main.server.scenario.calls(), ...tracks.aside.server.scenario.calls());

    // Then the readers of the finished main state, and, alongside, the readers and the
    // recovering writer on a corrupted copy of it.
    const corrupt = await copyState(tracks.main.stateDir);
    dirs.add(corrupt);
    const pointer = JSON.parse(await readFile(join(corrupt, "current_epoch.json"), "utf8"));
    await writeFile(join(corrupt, "epochs", `${pointer.epoch_id}.json`), "garbage");
    const onCorrupt = async () => {
      for (const row of ON_CORRUPT) {
        const r = await tracks.main.runIn(corrupt, row.bin, row.args);
        outputs.push(
          { where: `${row.name}: stdout`, text: r.stdout },
          { where: `${row.name}: stderr`, text: r.stderr },
        );
        if (crashSigns(r).length > 0 || !row.exits.includes(r.code ?? -1))
          failures.push(`${row.name}: exit ${r.code} ${crashSigns(r).join(", ")}\n${r.stderr}`);
      }
    };
    const readers = INVOCATIONS.filter((r) => r.track === "after");
    await inLanes([onCorrupt, ...readers.map((row) => () => runRow(row))], 2, (job) => job());
    expect(failures).toEqual([]);

    // The sweep is not vacuous: every sentinel key was presented to its provider, error bodies
    // echoing keys were served, and the hooks were called at their token URLs.
    for (const p of KEYED) {
      const presented = calls.some((call) =>
        Object.values(call.headers).some((h) => h.includes(s.keys[p]!)),
      );
      expect(presented, `${p} never saw its sentinel key`).toBe(true);
    }
    expect(calls.filter((call) => call.fault !== undefined).length).toBeGreaterThan(20);
    expect(rx.deliveries.some((d) => d.path.includes(s.hookToken))).toBe(true);
    const events = [
      ...(await readEvents(tracks.main.stateDir)).events,
      ...(await readEvents(tracks.aside.stateDir)).events,
      ...(await readEvents(corrupt)).events,
    ];
    for (const type of ["WEBHOOK_FAILED", "POLL_ERROR", "BENCHMARK_FAILURE", "STATE_CORRUPT"])
      expect(
        events.some((e) => e.type === type),
        type,
      ).toBe(true);

    // The scanner finds the sentinels where the user put them: the hook config and the .env.
    expect(leaksIn(await readFile(hooks, "utf8"), s.needles)[0]).toBe(s.hookToken);
    const dotenv = await readFile(join(aside, ".env"), "utf8");
    for (const key of Object.values(s.keys)) expect(leaksIn(dotenv, s.needles)).toContain(key);

    // And no sentinel, nor any piece of one, anywhere the tools write.
    const places: Output[] = [...outputs];
    for (const dir of dirs) {
      for (const f of await listFiles(dir)) {
        places.push({ where: `${dir}/${f}`, text: await readFile(join(dir, f), "latin1") });
      }
    }
    for (const d of rx.deliveries)
      places.push({ where: `webhook body to ${d.path.split("/")[1]}`, text: d.raw });
    const leaks = places.flatMap((p) => {
      const found = leaksIn(p.text, s.needles);
      return found.length > 0 ? [`${p.where}: ${found[0]}`] : [];
    });
    expect(places.length).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
  });
});
