// A poll or benchmark run, end to end: read the committed epoch, let one pure worker per
// provider do the network work, then, as the single writer, merge the results into one epoch
// and commit it through core. Webhooks go out after the commit point.

import { loadWebhookConfig } from "@observatory/cli-kit";
import {
  BenchmarkStoreSchema,
  buildRoutingIndex,
  type CallRecord,
  CooldownStateSchema,
  DEFAULT_DETECTOR_PARAMS,
  emptyCooldowns,
  FINGERPRINT_SCHEME,
  isRegistry,
  type LoadedEpoch,
  type ObsEvent,
  openStateWriter,
  planDeliveries,
  RegistrySchema,
  readLockCores,
  type Snapshot,
  type StateWriter,
  updateRegistry,
  type WebhookConfig,
} from "@observatory/core";
import { type DeliveryResult, deliver, failureEvents } from "@observatory/notify";
import type { Provider, ProviderOptions } from "@observatory/providers";
import { applyObservations, missingForLocks } from "./bench-apply.js";
import { benchProvider } from "./bench-worker.js";
import { identityEvents } from "./identity.js";
import { type ListingWorkerResult, pollProvider } from "./listing-worker.js";
import { mergeListings, stampForPlan } from "./merge.js";
import { parseModelFilter, selectProviders } from "./select.js";
import { loadProbes, refuseV1 } from "./setup.js";
import { benchTargets, unknownIn } from "./targets.js";
import { whenIdle } from "./when-idle.js";

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
  const webhooks = await loadWebhookConfig(opts.webhooksFile, opts.stateDir);
  const modelFilter = parseModelFilter(opts.models);
  // obs-poll polls every provider and benchmarks the filtered models; obs-bench only needs the
  // providers its --models name.
  const only = opts.providers ?? (modelFilter && !opts.poll ? [...modelFilter.keys()] : undefined);
  // After SIGINT/SIGTERM the providers start no new call; calls in flight finish.
  const loaded = await selectProviders(only, { ...opts.providerOptions, signal: opts.signal });
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
  webhooks: WebhookConfig | null,
  modelFilter: Map<string, Set<string>> | null,
  skipped: RunReport["skipped"],
): Promise<RunReport> {
  const prev: LoadedEpoch | null = writer.current;
  const epochId = await writer.reserveEpochId();

  // obs-bench knows its targets before any call: a wrong model id fails before anything is spent.
  const early = opts.poll
    ? null
    : benchTargets(opts, providers, prev?.snapshots ?? {}, modelFilter, true);

  // 1-2. One worker per provider, all in parallel: its listing, then at once its benchmarks on
  // the models it lists now (filtered by --models). Workers read the previous epoch only; a slow
  // provider never holds up another's calls.
  // The previous store and registry are validated while the first requests are in flight.
  const storeP = whenIdle(() =>
    prev?.benchmarks ? BenchmarkStoreSchema.parse(prev.benchmarks) : null,
  );
  const prevRegistryP = whenIdle(() =>
    // Hash-verified on read; the guard checks its shape without zod's copy of every entry.
    prev?.registry
      ? isRegistry(prev.registry)
        ? prev.registry
        : RegistrySchema.parse(prev.registry)
      : null,
  );
  const targets = new Map<string, string[]>(early ?? []);
  let done = 0;
  let total = 0;
  const work = await Promise.all(
    providers.map(async (p) => {
      const listed = opts.poll
        ? await pollProvider({
            provider: p,
            previous: prev?.snapshots[p.name] ?? null,
            canaryNew: opts.canary !== false,
            canaryChanged: opts.canaryChanged === true,
            signal: opts.signal,
          })
        : null;
      if (opts.poll && opts.benchmark) {
        const snap = listed?.listing.ok
          ? listed.listing.snapshot
          : (prev?.snapshots[p.name] ?? null);
        const mine = benchTargets(opts, [p], { [p.name]: snap }, modelFilter, false).get(p.name);
        if (mine) targets.set(p.name, mine);
      }
      const models = targets.get(p.name);
      total += (models?.length ?? 0) * probes.length;
      const store = await storeP;
      const observations =
        opts.benchmark && models
          ? await benchProvider({
              provider: p,
              models,
              probes,
              store,
              params: store?.params ?? DEFAULT_DETECTOR_PARAMS,
              onCall: () => opts.onProgress?.(++done, total),
            })
          : [];
      return { listed, observations };
    }),
  );
  const polled = work.flatMap((w) => (w.listed ? [w.listed] : []));
  const observations = work.flatMap((w) => w.observations);
  const snapshots: Record<string, Snapshot | null> = { ...(prev?.snapshots ?? {}) };
  for (const r of polled) if (r.listing.ok) snapshots[r.provider] = r.listing.snapshot;
  const unknownModels = modelFilter ? unknownIn(modelFilter, snapshots) : [];

  // 3. The single writer merges everything into one epoch.
  const store = await storeP;
  const prevRegistry = await prevRegistryP;
  const { events, providerDrafts, calls } = mergeListings(polled);
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
          [...writer.recovered, ...stampForPlan(events, epochId)],
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
    // Built here from the typed values, which spares the commit validating them again.
    routing: buildRoutingIndex(registry, opts.benchmark ? applied.store : store),
    events,
  });

  let deliveries: DeliveryResult[] = [];
  const allEvents = [...writer.recovered, ...committed.events];
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
