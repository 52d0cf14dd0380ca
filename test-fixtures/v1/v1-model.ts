// The v1 data model, mirrored from the seed's Python for the fixture generator: ModelEvent lines,
// the capability registry's update rules, snapshot files and v1's lock hashing.
import { createHash } from "node:crypto";
import { PyFloat, stableJson } from "./pyjson.js";
import { type Entry, type Listing, v1Id } from "./worlds.js";

export const sha = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
export const fingerprint = (e: Entry) => sha(stableJson(e));
export const rawHash = (l: Listing) => sha(stableJson(l.doc));

/** Deterministic numbers for latencies and outcomes (mulberry32). */
export { rng } from "../src/rng.js";

/** A clock for one poll: Python's datetime.isoformat() with microseconds, moving forward. */
export function clock(day: string, hhmm: string, r: () => number): () => string {
  let us = 2_000_000 + Math.floor(r() * 500_000);
  return () => {
    us += 1_000 + Math.floor(r() * 40_000);
    const s = Math.floor(us / 1_000_000);
    const m = Math.floor(s / 60);
    const sec = String(s % 60).padStart(2, "0");
    const min = String(Number(hhmm.slice(3)) + m).padStart(2, "0");
    return `${day}T${hhmm.slice(0, 2)}:${min}:${sec}.${String(us % 1_000_000).padStart(6, "0")}+00:00`;
  };
}

export interface ModelEvent {
  timestamp: string;
  provider: string;
  model_id: string;
  event_type: string;
  callable?: boolean | null;
  canary_latency_ms?: number | null;
  notes?: string | null;
  raw_snapshot_hash?: string | null;
  details?: Record<string, unknown> | null;
}

/** ModelEvent.to_jsonl(): every field present, keys sorted, compact. */
export function eventLine(e: ModelEvent): string {
  return stableJson({
    callable: null,
    canary_latency_ms: null,
    notes: null,
    raw_snapshot_hash: null,
    details: null,
    ...e,
  });
}

interface Capability {
  model_id: string;
  provider: string;
  max_context_tokens?: number;
  latency_p50_ms?: number;
  latency_p95_ms?: number;
  reliability?: number;
  cost_class?: string;
  last_updated?: string;
  canary_history: Array<{ ok: boolean; latency_ms: number }>;
}

/** CapabilityRegistry with v1's own rules (per-thousand cost thresholds, p95 index included). */
export class Registry {
  readonly entries = new Map<string, Capability>();

  private get(provider: string, id: string): Capability {
    const key = `${provider}/${id}`;
    const cap = this.entries.get(key) ?? { model_id: id, provider, canary_history: [] };
    this.entries.set(key, cap);
    return cap;
  }

  metadata(provider: string, raw: Entry, ts: string): void {
    const cap = this.get(provider, v1Id(provider, raw));
    if (typeof raw["context_length"] === "number") cap.max_context_tokens = raw["context_length"];
    if (typeof raw["inputTokenLimit"] === "number") cap.max_context_tokens = raw["inputTokenLimit"];
    const pricing = raw["pricing"] as Record<string, unknown> | undefined;
    const prompt = Number(pricing?.["prompt"]);
    if (pricing && "prompt" in pricing && Number.isFinite(prompt)) {
      const k = prompt * 1000;
      cap.cost_class =
        k === 0 ? "free" : k < 0.5 ? "low" : k < 3 ? "mid" : k < 15 ? "high" : "premium";
    }
    cap.last_updated = ts;
  }

  canary(provider: string, id: string, ok: boolean, latency: number, ts: string): void {
    const cap = this.get(provider, id);
    cap.canary_history = [...cap.canary_history, { ok, latency_ms: latency }].slice(-20);
    const h = cap.canary_history;
    cap.reliability = Math.round((h.filter((x) => x.ok).length / h.length) * 10_000) / 10_000;
    const lat = h
      .filter((x) => x.ok)
      .map((x) => x.latency_ms)
      .sort((a, b) => a - b);
    if (lat.length > 0) {
      cap.latency_p50_ms = lat[Math.floor(lat.length / 2)]!;
      cap.latency_p95_ms = lat[Math.min(Math.floor((lat.length - 1) * 0.95), lat.length - 1)]!;
    }
    cap.last_updated = ts;
  }

  /** {key: ModelCapability.to_dict()}: None and [] fields left out, reliability a float. */
  toJson(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, cap] of this.entries) {
      const d: Record<string, unknown> = { ...cap };
      if (cap.reliability !== undefined) d["reliability"] = new PyFloat(cap.reliability);
      if (cap.canary_history.length === 0) delete d["canary_history"];
      out[key] = d;
    }
    return out;
  }
}

/** The Snapshot dataclass as write_epoch_snapshot() stored it. */
export function snapshotFile(l: Listing, ts: string): string {
  const models: Record<string, string> = {};
  for (const e of l.entries) models[v1Id(l.provider, e)] = fingerprint(e);
  return stableJson({ timestamp: ts, provider: l.provider, raw_hash: rawHash(l), models });
}

/** ExperimentInvariantManager._snapshot_hashes over snapshot files (null: unreadable, skipped). */
export function lockHashes(files: Array<{ name: string; json: Record<string, unknown> | null }>) {
  const reg: string[] = [];
  const ids: string[] = [];
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!f.json) continue;
    const p = String(f.json["provider"] ?? "");
    reg.push(`${p}:${String(f.json["raw_hash"] ?? "")}`);
    for (const id of Object.keys(f.json["models"] as object).sort()) ids.push(`${p}/${id}`);
  }
  return { registry: sha(reg.join("|")), modelIds: sha(ids.join("|")) };
}
