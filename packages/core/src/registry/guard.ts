// A fast check that a value is a Registry, agreeing with RegistrySchema (registry.test.ts holds
// the two together with a property test). Readers on a run's critical path use it for the
// previous epoch's registry: that object is hash-verified, so what is left to check is its
// shape, and zod's parse, which copies all 1,000 entries and their call windows, cost obs-poll
// 15-40 ms between the last answer and the commit. On false, parse with the schema for the error.
import { COST_CLASSES } from "./cost-classes.js";
import type { Registry, RegistryEntry } from "./schema.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const strOrNull = (v: unknown) => v === null || typeof v === "string";
const intOrNull = (v: unknown) => v === null || Number.isSafeInteger(v);
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const COSTS: ReadonlySet<unknown> = new Set(COST_CLASSES);
const OUTCOMES: ReadonlySet<unknown> = new Set(["ok", "error", "rate_limited"]);
const IDENTITY_FIELDS = ["resolved_model", "model_version", "system_fingerprint", "digest"];

function isObservation(o: unknown): boolean {
  if (!isObj(o)) return false;
  const l = o["latency_ms"];
  return (
    typeof o["epoch_id"] === "string" &&
    OUTCOMES.has(o["outcome"]) &&
    (l === null || (num(l) && l >= 0))
  );
}

function isIdentity(v: unknown): boolean {
  if (v === null) return true;
  if (!isObj(v)) return false;
  for (const f of IDENTITY_FIELDS) if (v[f] !== undefined && typeof v[f] !== "string") return false;
  return true;
}

export function isRegistryEntry(e: unknown): e is RegistryEntry {
  if (!isObj(e)) return false;
  const r = e["reliability"];
  const h = e["history"];
  if (!Array.isArray(h)) return false;
  for (let i = 0; i < h.length; i++) if (!isObservation(h[i])) return false;
  return (
    typeof e["provider"] === "string" &&
    typeof e["model_id"] === "string" &&
    typeof e["present"] === "boolean" &&
    strOrNull(e["removed_in"]) &&
    intOrNull(e["context_length"]) &&
    intOrNull(e["max_output_tokens"]) &&
    (e["cost_class"] === null || COSTS.has(e["cost_class"])) &&
    (e["supports_tools"] === null || typeof e["supports_tools"] === "boolean") &&
    strOrNull(e["deprecation_date"]) &&
    strOrNull(e["expiration_date"]) &&
    (r === null || (num(r) && r >= 0 && r <= 1)) &&
    (e["latency_p50_ms"] === null || num(e["latency_p50_ms"])) &&
    (e["latency_p95_ms"] === null || num(e["latency_p95_ms"])) &&
    isIdentity(e["identity"])
  );
}

export function isRegistry(v: unknown): v is Registry {
  if (!isObj(v) || v["schema"] !== "observatory.registry/1") return false;
  const w = v["window"];
  if (!Number.isSafeInteger(w) || (w as number) <= 0 || !isObj(v["models"])) return false;
  const models = v["models"];
  for (const k in models) if (!isRegistryEntry(models[k])) return false;
  const ps = v["poll_state"];
  if (ps === undefined) return true;
  if (!isObj(ps)) return false;
  for (const k in ps) if (!isPollState(ps[k])) return false;
  return true;
}

function isPollState(s: unknown): boolean {
  if (!isObj(s)) return false;
  const n = s["suspect_polls"];
  const owed = s["canaries_owed"];
  if (!Number.isSafeInteger(n) || (n as number) < 0 || !Array.isArray(owed)) return false;
  for (const o of owed)
    if (
      !isObj(o) ||
      typeof o["model_id"] !== "string" ||
      (o["reason"] !== "new" && o["reason"] !== "changed")
    )
      return false;
  return true;
}
