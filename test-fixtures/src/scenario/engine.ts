// The scenario engine: holds the poll number, answers "what does this provider say now?" for the
// handlers, and records every call. Advanced between polls by a test or the demo.
import { setMaxListeners } from "node:events";
import { DEFAULT_SURFACES, promptIndex, UNKNOWN_PROMPT_ANSWER } from "../prompts.js";
import { FIXTURE_PROVIDERS, type FixtureProvider } from "../providers.js";
import { buildCatalog, type Catalog } from "./catalog.js";
import { pick, unit } from "./rng.js";
import {
  type AnswerRule,
  type Fault,
  type IdentityRule,
  inPolls,
  type Route,
  type ScenarioSpec,
} from "./spec.js";

/** One request the server saw. Headers are recorded as sent, keys included, so tests can prove
 * that keys travel in headers and nowhere else. */
export interface CallRecord {
  seq: number;
  poll: number;
  provider: FixtureProvider;
  route: Route;
  method: string;
  /** Path and query as requested. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  model?: string;
  prompt?: string;
  /** Response status; 0 while pending or when the connection was dropped. */
  status: number;
  fault?: Fault["type"];
}

export interface ServingIdentityAnswer {
  resolvedModel?: string;
  systemFingerprint?: string;
  modelVersion?: string;
}

export class ScenarioEngine {
  #spec: ScenarioSpec;
  #poll = 1;
  #seq = 0;
  #calls: CallRecord[] = [];
  #counters = new Map<string, number>();
  #catalogs = new Map<string, Catalog>();
  #inFlight = new Map<FixtureProvider, number>();
  #maxInFlight = new Map<FixtureProvider, number>();
  #closing = new AbortController();
  readonly keys: Readonly<Record<FixtureProvider, string | undefined>>;

  constructor(spec: ScenarioSpec = {}, keys: Partial<Record<FixtureProvider, string>> = {}) {
    // Every request waiting out its latency listens on the closing signal; dozens in flight are
    // normal for a server, not a leak.
    setMaxListeners(0, this.#closing.signal);
    this.#spec = structuredClone(spec);
    this.keys = Object.fromEntries(FIXTURE_PROVIDERS.map((p) => [p, keys[p]])) as Record<
      FixtureProvider,
      string | undefined
    >;
  }

  /** The current poll, from 1. */
  get poll(): number {
    return this.#poll;
  }

  /** A copy of the scenario as data. */
  get spec(): ScenarioSpec {
    return structuredClone(this.#spec);
  }

  get seed(): number {
    return this.#spec.seed ?? 0;
  }

  /** Moves to the next poll (or `n` polls on). */
  advance(n = 1): number {
    this.#poll += n;
    return this.#poll;
  }

  /** Replaces the scenario and starts again from poll 1 with an empty call log. */
  set(spec: ScenarioSpec): void {
    this.#spec = structuredClone(spec);
    this.reset();
  }

  /** Back to poll 1: counters, call log and concurrency marks cleared; the scenario kept. */
  reset(): void {
    this.#poll = 1;
    this.#counters.clear();
    this.#catalogs.clear();
    this.#maxInFlight.clear();
    this.clearCalls();
  }

  calls(filter: { provider?: FixtureProvider; route?: Route } = {}): readonly CallRecord[] {
    return this.#calls.filter(
      (c) =>
        (!filter.provider || c.provider === filter.provider) &&
        (!filter.route || c.route === filter.route),
    );
  }

  clearCalls(): void {
    this.#calls = [];
  }

  /** Most requests to a provider the server was answering at once since the last reset. */
  maxInFlight(provider: FixtureProvider): number {
    return this.#maxInFlight.get(provider) ?? 0;
  }

  /** Aborted when the server closes, so hanging handlers let go. */
  get closing(): AbortSignal {
    return this.#closing.signal;
  }

  close(): void {
    this.#closing.abort();
  }

  // ---- used by the handlers -------------------------------------------------------------

  begin(call: Omit<CallRecord, "seq" | "poll" | "status">): CallRecord {
    const record: CallRecord = { ...call, seq: ++this.#seq, poll: this.#poll, status: 0 };
    this.#calls.push(record);
    const n = (this.#inFlight.get(call.provider) ?? 0) + 1;
    this.#inFlight.set(call.provider, n);
    this.#maxInFlight.set(call.provider, Math.max(n, this.maxInFlight(call.provider)));
    return record;
  }

  end(record: CallRecord): void {
    this.#inFlight.set(record.provider, (this.#inFlight.get(record.provider) ?? 1) - 1);
  }

  latencyFor(provider: FixtureProvider): number {
    return this.#spec.providerLatencyMs?.[provider] ?? this.#spec.latencyMs ?? 0;
  }

  catalog(provider: FixtureProvider): Catalog {
    const key = `${provider}|${this.#poll}`;
    let c = this.#catalogs.get(key);
    if (!c) {
      c = buildCatalog(provider, this.#spec.catalogs?.[provider], this.#poll, this.seed);
      this.#catalogs.set(key, c);
    }
    return c;
  }

  respell(provider: FixtureProvider): { floats: boolean; unicode?: "NFC" | "NFD" } | undefined {
    const r = this.#spec.catalogs?.[provider]?.respell;
    if (!r || this.#poll < (r.fromPoll ?? 1)) return undefined;
    return { floats: r.floats ?? false, ...(r.unicode ? { unicode: r.unicode } : {}) };
  }

  maxPageSize(provider: FixtureProvider): number | undefined {
    return this.#spec.catalogs?.[provider]?.maxPageSize;
  }

  /** The fault to inject for this request, if any. Counts `times` and draws `probability`. */
  fault(provider: FixtureProvider, route: Route, model: string | undefined): Fault | undefined {
    const rules = this.#spec.faults ?? [];
    for (const [i, rule] of rules.entries()) {
      if (rule.provider && rule.provider !== provider) continue;
      if (rule.route && rule.route !== route) continue;
      if (rule.model && rule.model !== model) continue;
      if (!inPolls(rule, this.#poll)) continue;
      const hits = this.#count(`fault|${i}`);
      if (rule.times !== undefined && hits > rule.times) continue;
      if (
        rule.probability !== undefined &&
        unit(this.seed, `fault|${i}|${hits}`) >= rule.probability
      )
        continue;
      return rule.fault;
    }
    return undefined;
  }

  /** The text a model answers to a prompt on this call (seeded surface, flips, changes). */
  answer(provider: FixtureProvider, model: string, prompt: string): string {
    const index = promptIndex(prompt);
    const rule = this.#answerRule(provider, model, prompt, index);
    const n = this.#count(`answer|${provider}|${model}|${prompt}|${this.#poll}`);
    const key = `${provider}|${model}|${index >= 0 ? index : prompt}|${this.#poll}|${n}`;
    let surfaces: readonly string[] = rule?.surfaces ??
      DEFAULT_SURFACES[index] ?? [UNKNOWN_PROMPT_ANSWER];
    if (rule?.change && this.#poll >= rule.change.fromPoll) surfaces = rule.change.surfaces;
    if (rule?.flip && unit(this.seed, `flip|${key}`) < rule.flip.rate)
      surfaces = rule.flip.surfaces;
    return surfaces[pick(this.seed, `surface|${key}`, surfaces.length)] ?? "";
  }

  identity(provider: FixtureProvider, model: string): ServingIdentityAnswer {
    const out: ServingIdentityAnswer = {};
    for (const rule of this.#spec.identities ?? ([] as IdentityRule[])) {
      if (rule.provider && rule.provider !== provider) continue;
      if (rule.model && rule.model !== model) continue;
      if (this.#poll < (rule.fromPoll ?? 1)) continue;
      if (rule.resolvedModel !== undefined) out.resolvedModel = rule.resolvedModel;
      if (rule.systemFingerprint !== undefined) out.systemFingerprint = rule.systemFingerprint;
      if (rule.modelVersion !== undefined) out.modelVersion = rule.modelVersion;
    }
    return out;
  }

  #answerRule(
    provider: FixtureProvider,
    model: string,
    prompt: string,
    index: number,
  ): AnswerRule | undefined {
    let best: AnswerRule | undefined;
    let bestScore = -1;
    for (const rule of this.#spec.answers ?? []) {
      if (rule.provider && rule.provider !== provider) continue;
      if (rule.model && rule.model !== model) continue;
      if (typeof rule.prompt === "number" ? rule.prompt !== index : rule.prompt !== prompt)
        continue;
      const score = (rule.model ? 2 : 0) + (rule.provider ? 1 : 0);
      if (score >= bestScore) {
        best = rule;
        bestScore = score;
      }
    }
    return best;
  }

  #count(key: string): number {
    const n = (this.#counters.get(key) ?? 0) + 1;
    this.#counters.set(key, n);
    return n;
  }
}
