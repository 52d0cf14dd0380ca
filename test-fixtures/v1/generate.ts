// Regenerates the v1 state trees in this folder from the recorded listings:
//   npx tsx test-fixtures/v1/generate.ts
// The trees are committed; this script documents exactly how they were made (see README.md).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { indented, indentedSorted, stableJson } from "./pyjson.js";
import { writeSeedHybrid } from "./seed-hybrid.js";
import {
  clock,
  eventLine,
  fingerprint,
  lockHashes,
  type ModelEvent,
  Registry,
  rawHash,
  rng,
  sha,
  snapshotFile,
} from "./v1-model.js";
import { earlyWorld, finalWorld, type Listing, v1Id } from "./worlds.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const r = rng(20250914);

const CHAT_FAIL =
  'chat_fail:{"error":{"code":"model_not_supported","message":"This model does not support chat completions","type":"invalid_request_error"}}';
const OVERLOADED =
  'chat_fail:{"error":{"message":"Overloaded","type":"overloaded_error"},"type":"error"}';
const BASE_LATENCY: Record<string, number> = {
  openai: 420,
  anthropic: 610,
  google: 380,
  xai: 540,
  mistral: 330,
  deepseek: 900,
  openrouter: 760,
  volink: 450,
};

/** One canary call as v1's canary_call() reported it. */
function canary(provider: string, id: string): { ok: boolean; latency: number; notes: string } {
  const latency = Math.round((BASE_LATENCY[provider] ?? 500) * (0.6 + r() * 1.4));
  if (/embed|image/.test(id))
    return { ok: false, latency: Math.round(latency / 3), notes: CHAT_FAIL };
  if (r() < 0.07) return { ok: false, latency: latency * 3, notes: OVERLOADED };
  return { ok: true, latency, notes: "chat_ok" };
}

export function writeFleet(root: string): void {
  const events: ModelEvent[] = [];
  const registry = new Registry();
  const canaryAll = (l: Listing, ids: string[], now: () => string, hash: string) => {
    for (const id of ids) {
      const c = canary(l.provider, id);
      const ts = now();
      registry.canary(l.provider, id, c.ok, c.latency, ts);
      events.push({
        timestamp: ts,
        provider: l.provider,
        model_id: id,
        event_type: "CANARY_RESULT",
        callable: c.ok,
        canary_latency_ms: c.latency,
        notes: c.notes,
        raw_snapshot_hash: hash,
      });
    }
  };
  const added = (l: Listing, ids: string[], now: () => string) => {
    const hash = rawHash(l);
    for (const e of l.entries.filter((x) => ids.includes(v1Id(l.provider, x)))) {
      events.push({
        timestamp: now(),
        provider: l.provider,
        model_id: v1Id(l.provider, e),
        event_type: "MODEL_ADDED",
        raw_snapshot_hash: hash,
        details: { fingerprint: fingerprint(e) },
      });
    }
    canaryAll(l, ids, now, hash);
  };
  const metadata = (world: Listing[], now: () => string) => {
    for (const l of world) for (const e of l.entries) registry.metadata(l.provider, e, now());
  };

  // Poll 1, 2025-06-01: every model is new.
  const early = earlyWorld();
  let now = clock("2025-06-01", "06:00", r);
  for (const l of early)
    added(
      l,
      l.entries.map((e) => v1Id(l.provider, e)),
      now,
    );
  metadata(early, now);

  // Four weekly polls with --canary-changed while OpenAI's owned_by flapped: v1 hashed the raw
  // entry, so each flap was a METADATA_CHANGED flood, and every changed model got a canary.
  const openai = early.find((l) => l.provider === "openai")!;
  for (const [i, day] of ["2025-06-08", "2025-06-15", "2025-06-22", "2025-06-29"].entries()) {
    now = clock(day, "06:00", r);
    const from = i % 2 === 0 ? undefined : "openai-internal";
    const to = i % 2 === 0 ? "openai-internal" : undefined;
    const flip = (e: Record<string, unknown>, o: string | undefined) =>
      o ? { ...e, owned_by: o } : e;
    for (const e of openai.entries) {
      events.push({
        timestamp: now(),
        provider: "openai",
        model_id: v1Id("openai", e),
        event_type: "METADATA_CHANGED",
        raw_snapshot_hash: rawHash(openai),
        details: {
          prev_fingerprint: fingerprint(flip(e, from)),
          new_fingerprint: fingerprint(flip(e, to)),
        },
      });
    }
    canaryAll(
      openai,
      openai.entries.map((e) => v1Id("openai", e)),
      now,
      rawHash(openai),
    );
  }

  // 2025-07-02: an OpenRouter field appeared on 40 models: 40 METADATA_CHANGED lines, no news.
  now = clock("2025-07-02", "06:00", r);
  const or = early.find((l) => l.provider === "openrouter")!;
  for (const e of or.entries.slice(0, 40)) {
    events.push({
      timestamp: now(),
      provider: "openrouter",
      model_id: v1Id("openrouter", e),
      event_type: "METADATA_CHANGED",
      raw_snapshot_hash: rawHash(or),
      details: {
        prev_fingerprint: fingerprint(e),
        new_fingerprint: fingerprint({ ...e, per_request_limits: null }),
      },
    });
  }
  now = clock("2025-07-19", "06:00", r);
  events.push({
    timestamp: now(),
    provider: "google",
    model_id: "__POLL_ERROR__",
    event_type: "POLL_ERROR",
    notes: "HTTPError: 503 Server Error: Service Unavailable",
  });

  // 2025-08-05: gpt-5 and Claude Opus 4.1 appear; 2025-09-01: gpt-4-0314 is gone.
  const final = finalWorld();
  const at = (p: string) => final.find((l) => l.provider === p)!;
  now = clock("2025-08-05", "06:00", r);
  added(at("openai"), ["gpt-5"], now);
  added(at("anthropic"), ["claude-opus-4-1-20250805"], now);
  now = clock("2025-09-01", "06:00", r);
  events.push({
    timestamp: now(),
    provider: "openai",
    model_id: "gpt-4-0314",
    event_type: "MODEL_REMOVED",
    raw_snapshot_hash: rawHash(at("openai")),
    details: {
      prev_fingerprint: fingerprint(openai.entries.find((e) => e["id"] === "gpt-4-0314")!),
    },
  });

  // The last v1 poll, 2025-09-14: Claude Sonnet 4.5 appears; every snapshot is rewritten.
  now = clock("2025-09-14", "06:00", r);
  added(at("anthropic"), ["claude-sonnet-4-5-20250929"], now);
  metadata(final, now);
  const snapTs = now();

  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, "experiment_locks"), { recursive: true });
  const files: Array<{ name: string; json: Record<string, unknown> | null }> = [];
  for (const l of final) {
    const text = snapshotFile(l, snapTs);
    writeFileSync(join(root, `${l.provider}_snapshot_latest.json`), text);
    files.push({ name: `${l.provider}_snapshot_latest.json`, json: JSON.parse(text) });
  }
  // 2025-08-30: the disk filled while v1 rewrote volink's snapshot in place: a torn file that v1
  // silently skipped from then on (read_json returned None), and volink left the config.
  const volink = early.find((l) => l.provider === "volink")!;
  const whole = snapshotFile(volink, "2025-08-30T06:00:04.118342+00:00");
  writeFileSync(
    join(root, "volink_snapshot_latest.json"),
    whole.slice(0, Math.floor(whole.length * 0.4)),
  );
  files.push({ name: "volink_snapshot_latest.json", json: null });

  writeFileSync(join(root, "events.jsonl"), events.map((e) => `${eventLine(e)}\n`).join(""));
  writeFileSync(join(root, "capability_registry.json"), indentedSorted(registry.toJson()));
  writeFileSync(join(root, "benchmark_hashes.json"), indentedSorted(benchmarkHashes()));

  // Two v1 locks: one taken after the last poll (verifiable from the snapshots), one from June,
  // whose world is gone (unverifiable). v1 hashed snapshot files, never an epoch.
  const earlyFiles = early.map((l) => ({
    name: `${l.provider}_snapshot_latest.json`,
    json: JSON.parse(snapshotFile(l, "x")),
  }));
  const june = lockHashes(earlyFiles);
  const sept = lockHashes(files);
  const bench = benchmarkHashes();
  writeFileSync(
    join(root, "experiment_locks", "baseline-2025q2.lock.json"),
    indented({
      experiment_id: "baseline-2025q2",
      created_at: "2025-06-03T14:22:51.604117+00:00",
      provider_registry_hash: june.registry,
      model_ids_hash: june.modelIds,
      canary_benchmark_hash: sha("Return exactly: OK"),
      benchmark_response_hashes: { "openai/gpt-4o": bench["openai/gpt-4o"] },
      notes: "Q2 baseline for the routing eval",
    }),
  );
  writeFileSync(
    join(root, "experiment_locks", "prompt-ablation.lock.json"),
    indented({
      experiment_id: "prompt-ablation",
      created_at: "2025-09-14T07:12:44.518203+00:00",
      provider_registry_hash: sept.registry,
      model_ids_hash: sept.modelIds,
      canary_benchmark_hash: sha("Return exactly: OK"),
      benchmark_response_hashes: {
        "openai/gpt-4o": bench["openai/gpt-4o"],
        "anthropic/claude-3-5-haiku-20241022": bench["anthropic/claude-3-5-haiku-20241022"],
      },
      notes: "Prompt ablation, run 3 (gpt-4o vs claude-3-5-haiku)",
    }),
  );
}

export const PROMPTS = [
  "Return exactly: OK",
  "2+2=?",
  "Complete this sequence: 1, 1, 2, 3, 5, __",
  "A box contains 3 red balls and 2 blue balls. You draw 2 without replacement. What is P(both red)? Reply with ONLY the fraction, nothing else.",
  'Output exactly this JSON, no explanation: {"name":"test","values":[1,2,3],"nested":{"ok":true}}',
  'You have a function: get_weather(city: str, units: str). Call it for Tokyo in celsius. Reply ONLY with the function call in this format: get_weather(city="Tokyo", units="celsius")',
];
const ANSWERS = [
  "OK",
  "4",
  "8",
  "3/10",
  '{"name":"test","nested":{"ok":true},"values":[1,2,3]}',
  'get_weather(city="Tokyo",units="celsius")',
];

/** BenchmarkStore.data: "provider/model" -> sha256(prompt)[:16] -> sha256(canonical answer). */
function benchmarkHashes(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const models = [
    "openai/gpt-4o",
    "openai/gpt-4o-mini",
    "anthropic/claude-3-5-haiku-20241022",
    "google/gemini-2.5-flash",
    "deepseek/deepseek-chat",
    "mistral/mistral-small-latest",
  ];
  for (const key of models) {
    out[key] = {};
    for (const [i, p] of PROMPTS.entries())
      out[key][sha(p).slice(0, 16)] = sha(
        key.includes("deepseek") && i === 0 ? "OK." : ANSWERS[i]!,
      );
  }
  // A prompt from an older v1 prompt set: no v2 probe corresponds to it.
  out["mistral/mistral-small-latest"]![sha("Say hello").slice(0, 16)] = sha("Hello");
  return out;
}

writeFleet(join(HERE, "fleet"));
writeSeedHybrid(join(HERE, "seed-hybrid"), { stableJson, indented, indentedSorted });
