// A poll or benchmark run, end to end: read the committed epoch, let one pure worker per
// provider do the network work, then, as the single writer, merge the results into one epoch
// and commit it through core. Webhooks go out after the commit point.
import {
  BenchmarkStoreSchema,
  type CallRecord,
  CooldownStateSchema,
  DEFAULT_DETECTOR_PARAMS,
  type EventDraft,
  ExitCode,
  emptyCooldowns,
  FINGERPRINT_SCHEME,
  type LoadedEpoch,
  ObsError,
  type ObsEvent,
  openStateWriter,
  type ProviderDraft,
  planDeliveries,
  RegistrySchema,
  readLockCores,
  type Snapshot,
  type StateWriter,
  updateRegistry,
} from "@observatory/core";
import { type DeliveryResult, deliver, failureEvents } from "@observatory/notify";
import { PROVIDERS, type Provider, type ProviderOptions } from "@observatory/providers";
import { applyObservations, missingForLocks } from "./bench-apply.js";
import { benchProvider, type ProbeObservation } from "./bench-worker.js";
import { identityEvents } from "./identity.js";
import { limiter } from "./limit.js";
import { type ListingWorkerResult, pollProvider } from "./listing-worker.js";
import { parseModelFilter, selectProviders } from "./select.js";
import { loadProbes, loadWebhooks, refuseV1 } from "./setup.js";

export interface RunOptions {
  stateDir: string;
  tool: "obs-poll" | "obs-bench";
  version: string;
  /** List registries (obs-poll). obs-bench benchmarks the current epoch's models without listing. */
  poll: boolean;
  benchmark: boolean;
  providers?: string[];
  /** "provider/model" filters for benchmarking. */
  models?: string[];
  canary?: boolean;
  canaryChanged?: boolean;
  probesFile?: string;
  webhooksFile?: string;
  providerOptions: ProviderOptions;
  signal: AbortSignal;
  staleMs?: number;
  onProgress?: (done: number, total: number) => void;
  /** Test hook for webhook retry waits. */
  webhookSleep?: (ms: number) => Promise<void>;
}

export type ProviderStatus = "fresh" | "carried_forward" | "error";

export interface RunReport {
  outcome: "committed" | "locked" | "nothing_configured";
  message?: string;
  epochId?: string;
  manifestHash?: string;
  events: ObsEvent[];
  providers: Record<string, ProviderStatus>;
  polled: ListingWorkerResult[];
  benchmarked: number;
  webhooks: DeliveryResult[];
  interrupted: boolean;
  /** Something was measured: a fresh listing or a benchmark answer. */
  measured: boolean;
  skipped: Array<{ name: string; reason: string }>;
  /** --models entries no listing contained (benchmarked nothing for them). */
  unknownModels: string[];
}

export async function runObservatory(opts: RunOptions): Promise<RunReport> {
  await refuseV1(opts.stateDir);
  const probes = await loadProbes(opts.probesFile);
  const webhooks = await loadWebhooks(opts.webhooksFile, opts.stateDir);
  const modelFilter = parseModelFilter(opts.models);
  // obs-poll polls every provider and benchmarks the filtered models; obs-bench only needs the
  // providers its --models name.
  const only = opts.providers ?? (modelFilter && !opts.poll ? [...modelFilter.keys()] : undefined);
  const loaded = await selectProviders(only, opts.providerOptions);
  const base = {
    events: [],
    providers: {},
    polled: [],
    benchmarked: 0,
    webhooks: [],
    interrupted: false,
    measured: false,
    skipped: loaded.skipped,
    unknownModels: [],
  };
  if (loaded.providers.length === 0) {
    return {
      ...base,
      outcome: "nothing_configured",
      message: "no provider is configured: set at least one API key (obs-poll --list-providers)",
    };
  }
  try {
    const opened = await openStateWriter(opts.stateDir, {
      tool: opts.tool,
      version: opts.version,
      ...(opts.staleMs === undefined ? {} : { staleMs: opts.staleMs }),
    });
    if (!opened.ok) return { ...base, outcome: "locked", message: opened.message };
    const writer = opened.writer;
    try {
      return await runLocked(
        opts,
        writer,
        loaded.providers,
        probes,
        webhooks,
        modelFilter,
        base.skipped,
      );
    } finally {
      await writer.close();
    }
  } finally {
    await Promise.all(loaded.providers.map((p) => p.close()));
  }
}

async function runLocked(
  opts: RunOptions,
  writer: StateWriter,
  providers: Provider[],
  probes: Awaited<ReturnType<typeof loadProbes>>,
  webhooks: Awaited<ReturnType<typeof loadWebhooks>>,
  modelFilter: Map<string, Set<string>> | null,
  skipped: RunReport["skipped"],
): Promise<RunReport> {
  const prev: LoadedEpoch | null = writer.current;
  const epochId = await writer.reserveEpochId();
  const limits = new Map(
    providers.map((p) => [
      p.name,
      limiter(opts.providerOptions.concurrency ?? PROVIDERS[p.name].concurrency, opts.signal),
    ]),
  );
  // obs-bench knows its targets before any call: a wrong model id fails before anything is spent.
  const early = opts.poll
    ? null
    : benchTargets(opts, providers, prev?.snapshots ?? {}, modelFilter, true);

  // 1. Listing workers, one per provider, in parallel. They read the previous epoch only.
  const polled: ListingWorkerResult[] = opts.poll
    ? await Promise.all(
        providers.map((p) =>
          pollProvider({
            provider: p,
            previous: prev?.snapshots[p.name] ?? null,
            canaryNew: opts.canary !== false,
            canaryChanged: opts.canaryChanged === true,
            limit: limits.get(p.name)!,
            signal: opts.signal,
          }),
        ),
      )
    : [];
  const snapshots: Record<string, Snapshot | null> = { ...(prev?.snapshots ?? {}) };
  for (const r of polled) if (r.listing.ok) snapshots[r.provider] = r.listing.snapshot;

  // 2. Benchmark workers on the models present now (filtered by --models).
  const store = prev?.benchmarks ? BenchmarkStoreSchema.parse(prev.benchmarks) : null;
  const targets = early ?? benchTargets(opts, providers, snapshots, modelFilter, false);
  const unknownModels = modelFilter ? unknownIn(modelFilter, snapshots) : [];
  let done = 0;
  const total = [...targets.values()].reduce((n, ms) => n + ms.length * probes.length, 0);
  const observations: ProbeObservation[] = opts.benchmark
    ? (
        await Promise.all(
          providers
            .filter((p) => targets.has(p.name))
            .map((p) =>
              benchProvider({
                provider: p,
                models: targets.get(p.name)!,
                probes,
                store,
                params: store?.params ?? DEFAULT_DETECTOR_PARAMS,
                limit: limits.get(p.name)!,
                onCall: () => opts.onProgress?.(++done, total),
              }),
            ),
        )
      ).flat()
    : [];

  // 3. The single writer merges everything into one epoch.
  const events: EventDraft[] = [];
  const providerDrafts: Record<string, ProviderDraft> = {};
  const calls: CallRecord[] = [];
  const prevRegistry = prev?.registry ? RegistrySchema.parse(prev.registry) : null;
  for (const r of [...polled].sort((a, b) => (a.provider < b.provider ? -1 : 1))) {
    if (r.listing.ok) {
      providerDrafts[r.provider] = { snapshot: r.listing.snapshot };
      events.push(...r.listing.structural.events);
    } else if ("error" in r.listing) {
      const e = r.listing.error;
      providerDrafts[r.provider] = { error: { code: e.kind, message: e.message } };
      events.push({
        type: "POLL_ERROR",
        severity: "WARN",
        provider: r.provider,
        error: {
          kind: e.kind,
          message: e.message,
          ...(e.status === undefined ? {} : { status: e.status }),
        },
      });
    }
    for (const c of r.canaries) {
      const o = c.outcome;
      events.push({
        type: "CANARY_RESULT",
        severity: o.ok ? "INFO" : "WARN",
        provider: r.provider,
        model_id: c.model_id,
        ok: o.ok,
        latency_ms: o.ok ? o.value.latencyMs : null,
        reason: c.reason,
        ...(o.ok ? {} : { error: { kind: o.error.kind, message: o.error.message } }),
      });
      calls.push({
        provider: r.provider,
        model_id: c.model_id,
        outcome: o.ok ? "ok" : o.error.kind === "rate_limited" ? "rate_limited" : "error",
        latency_ms: o.ok ? o.value.latencyMs : null,
        identity: o.ok ? o.value.identity : undefined,
      });
    }
  }
  mergeRebaselines(events);
  const applied = applyObservations(store, observations, epochId);
  events.push(...applied.events);
  for (const o of observations) {
    for (const c of o.calls)
      calls.push({
        provider: o.provider,
        model_id: o.model_id,
        outcome: c.outcome,
        latency_ms: c.latency_ms,
        identity: c.identity,
      });
  }
  // Identity: the last answer of this run against what the registry saw before.
  const lastIdentity = new Map<string, CallRecord>();
  for (const c of calls) if (c.identity) lastIdentity.set(`${c.provider}/${c.model_id}`, c);
  for (const [key, c] of lastIdentity) {
    events.push(
      ...identityEvents(c.provider, c.model_id, prevRegistry?.models[key]?.identity, c.identity),
    );
  }
  if (opts.benchmark) {
    const locks = await readLockCores(opts.stateDir);
    const tiers = new Map(probes.map((p) => [p.id, p.tier]));
    events.push(...missingForLocks(locks.locks, new Set(targets.keys()), applied, tiers));
  }

  const fresh = new Set(polled.filter((r) => r.listing.ok).map((r) => r.provider));
  const registry = updateRegistry(prevRegistry, {
    epochId,
    snapshots,
    freshProviders: fresh,
    calls,
  });

  // Webhooks are planned before the commit so the cooldown state lands in the same epoch.
  const plan =
    webhooks && webhooks.webhooks.length > 0
      ? planDeliveries(
          stampForPlan(events, epochId),
          webhooks,
          prev?.cooldowns ? CooldownStateSchema.parse(prev.cooldowns) : emptyCooldowns(),
          new Date(),
        )
      : null;

  const committed = await writer.commit({
    fingerprintScheme: FINGERPRINT_SCHEME,
    providers: providerDrafts,
    registry,
    ...(opts.benchmark ? { benchmarks: applied.store } : {}),
    ...(plan ? { cooldowns: plan.cooldowns } : {}),
    events,
  });

  let deliveries: DeliveryResult[] = [];
  const allEvents = [...committed.events];
  if (plan && plan.deliveries.length > 0) {
    deliveries = await deliver(
      plan.deliveries,
      opts.webhookSleep ? { sleep: opts.webhookSleep } : {},
    );
    const failed = failureEvents(deliveries);
    if (failed.length > 0) allEvents.push(...(await writer.log(failed)));
  }

  const statuses: Record<string, ProviderStatus> = {};
  for (const [name, entry] of Object.entries(committed.manifest.providers))
    statuses[name] = entry.status;
  const measured = fresh.size > 0 || applied.verdicts.some((v) => v.verdict.verdict !== "NO_DATA");
  return {
    outcome: "committed",
    epochId: committed.epochId,
    manifestHash: committed.manifestHash,
    events: allEvents,
    providers: statuses,
    polled,
    benchmarked: observations.length,
    webhooks: deliveries,
    interrupted: opts.signal.aborted,
    measured,
    skipped,
    unknownModels,
  };
}

function benchTargets(
  opts: RunOptions,
  providers: Provider[],
  snapshots: Record<string, Snapshot | null>,
  filter: Map<string, Set<string>> | null,
  strict: boolean,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!opts.benchmark) return out;
  for (const p of providers) {
    const present = new Set((snapshots[p.name]?.models ?? []).map((m) => m.id));
    const wanted = filter?.get(p.name);
    if (filter && !wanted) continue;
    if (wanted && strict) {
      const unknown = [...wanted].filter((m) => !present.has(m));
      if (unknown.length > 0) {
        throw new ObsError(
          "UNKNOWN_MODEL",
          `not in the ${p.name} listing of the current epoch: ${unknown.join(", ")}`,
          {
            hint: "run obs-poll first, or check the model id (obs-bench benchmarks models the current epoch lists)",
            exitCode: ExitCode.USAGE,
          },
        );
      }
    }
    const models = (wanted ? [...wanted].filter((m) => present.has(m)) : [...present]).sort();
    if (models.length > 0) out.set(p.name, models);
  }
  return out;
}

/**
 * One MIGRATION_REBASELINE for the whole run, whatever the number of providers: a scheme change
 * (after obs-migrate) is one piece of news with a count, never a flood.
 */
function mergeRebaselines(events: EventDraft[]): void {
  const rebase = events.filter((e) => e.type === "MIGRATION_REBASELINE");
  if (rebase.length <= 1) return;
  const first = rebase[0]!;
  const count = rebase.reduce((n, e) => n + e.count, 0);
  const merged: EventDraft = {
    type: "MIGRATION_REBASELINE",
    severity: "INFO",
    count,
    from_scheme: first.from_scheme,
    to_scheme: first.to_scheme,
  };
  const at = events.indexOf(first);
  for (let i = events.length - 1; i >= 0; i--)
    if (events[i]!.type === "MIGRATION_REBASELINE") events.splice(i, 1);
  events.splice(at, 0, merged);
}

/** Filtered models the listings do not contain (after a poll they are reported, not fatal). */
function unknownIn(
  filter: Map<string, Set<string>>,
  snapshots: Record<string, Snapshot | null>,
): string[] {
  const out: string[] = [];
  for (const [provider, models] of filter) {
    const present = new Set((snapshots[provider]?.models ?? []).map((m) => m.id));
    for (const m of models) if (!present.has(m)) out.push(`${provider}/${m}`);
  }
  return out.sort();
}

/** Events as they will be committed, for webhook planning (same epoch, same moment). */
function stampForPlan(drafts: readonly EventDraft[], epochId: string): ObsEvent[] {
  const ts = new Date().toISOString();
  return drafts.map((d) => ({ v: 2, epoch_id: epochId, ts, ...d }) as ObsEvent);
}
