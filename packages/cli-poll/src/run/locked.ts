// The part of a run that holds the instance lock: read the committed epoch, let one pure worker
// per provider do the network work, then, as the single writer, merge the results into one
// epoch, plan its webhooks and commit. No webhook is sent from here (see webhooks.ts).
import {
  BenchmarkStoreSchema,
  buildRoutingIndex,
  type CallRecord,
  DEFAULT_DETECTOR_PARAMS,
  type Delivery,
  type EventDraft,
  FINGERPRINT_SCHEME,
  isRegistry,
  type LoadedEpoch,
  type ProviderPollState,
  ProviderPollStateSchema,
  RegistrySchema,
  readLockCores,
  type Snapshot,
  type StateWriter,
  updateRegistry,
  type WebhookConfig,
} from "@observatory/core";
import type { Provider } from "@observatory/providers";
import { applyObservations, missingForLocks } from "./bench-apply.js";
import { benchProvider } from "./bench-worker.js";
import { identityEvents } from "./identity.js";
import { DEFAULT_CANARY_MAX, pollProvider } from "./listing-worker.js";
import { mergeListings, stampForPlan } from "./merge.js";
import type { RunOptions, RunReport } from "./run.js";
import type { loadProbes } from "./setup.js";
import { DEFAULT_SUSPECT } from "./suspect.js";
import { benchTargets, unknownIn } from "./targets.js";
import { planWebhooks } from "./webhooks.js";
import { whenIdle } from "./when-idle.js";

export interface LockedInput {
  opts: RunOptions;
  writer: StateWriter;
  providers: Provider[];
  probes: Awaited<ReturnType<typeof loadProbes>>;
  webhooks: WebhookConfig | null;
  /** Events of the run that are not a worker's (an unusable webhook config). */
  extra: EventDraft[];
  modelFilter: Map<string, Set<string>> | null;
  skipped: RunReport["skipped"];
}

export interface LockedResult {
  report: RunReport;
  /** To send once the lock is released. */
  deliveries: Delivery[];
}

export async function runLocked(input: LockedInput): Promise<LockedResult> {
  const { opts, writer, providers, probes, modelFilter } = input;
  const prev: LoadedEpoch | null = writer.current;
  const epochId = await writer.reserveEpochId();

  // obs-bench knows its targets before any call: a wrong model id fails before anything is spent.
  const early = opts.poll
    ? null
    : benchTargets(opts, providers, prev?.snapshots ?? {}, modelFilter, true);

  // One worker per provider, all in parallel: its listing, then at once its benchmarks on the
  // models it lists now (filtered by --models). Workers read the previous epoch only; a slow
  // provider never holds up another's calls. The previous store and registry are validated
  // while the first requests are in flight.
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
  const priorState = pollStates(prev);
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
            state: priorState[p.name] ?? null,
            suspect: opts.suspect ?? DEFAULT_SUSPECT,
            canaryMax: opts.canaryMax ?? DEFAULT_CANARY_MAX,
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

  // The single writer merges everything into one epoch. No spread of provider-sized arrays
  // into an argument list: 200k events overflow the stack.
  const store = await storeP;
  const prevRegistry = await prevRegistryP;
  const { events, providerDrafts, calls, pollState } = mergeListings(polled);
  for (const e of input.extra) events.push(e);
  const applied = applyObservations(store, observations, epochId);
  for (const e of applied.events) events.push(e);
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
    for (const e of identityEvents(
      c.provider,
      c.model_id,
      prevRegistry?.models[key]?.identity,
      c.identity,
    ))
      events.push(e);
  }
  if (opts.benchmark) {
    const locks = await readLockCores(opts.stateDir);
    const tiers = new Map(probes.map((p) => [p.id, p.tier]));
    for (const e of missingForLocks(locks.locks, new Set(targets.keys()), applied, tiers))
      events.push(e);
  }

  const fresh = new Set(polled.filter((r) => r.listing.ok).map((r) => r.provider));
  const registry = updateRegistry(prevRegistry, {
    epochId,
    snapshots,
    freshProviders: fresh,
    calls,
    ...(opts.poll ? { pollState: { ...priorState, ...pollState } } : {}),
  });

  // Planned before the commit so the (pending) cooldown state lands in the same epoch.
  const plan =
    input.webhooks && input.webhooks.webhooks.length > 0
      ? await planWebhooks(
          opts.stateDir,
          input.webhooks,
          prev,
          [...writer.recovered, ...stampForPlan(events, epochId)],
          epochId,
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

  const providersOut: RunReport["providers"] = {};
  for (const [name, entry] of Object.entries(committed.manifest.providers))
    providersOut[name] = entry.status;
  // A listing held as suspect did answer: that is a measurement (a WARN), not a failure to poll.
  const measured =
    fresh.size > 0 ||
    polled.some((r) => "suspect" in r.listing) ||
    applied.verdicts.some((v) => v.verdict.verdict !== "NO_DATA");
  return {
    deliveries: plan?.deliveries ?? [],
    report: {
      outcome: "committed",
      epochId: committed.epochId,
      manifestHash: committed.manifestHash,
      events: [...writer.recovered, ...committed.events],
      providers: providersOut,
      polled,
      benchmarked: observations.length,
      webhooks: [],
      interrupted: opts.signal.aborted,
      measured,
      skipped: input.skipped,
      unknownModels,
      notes: [],
    },
  };
}

/** The previous epoch's per-provider poll state; a damaged entry counts as none. */
function pollStates(prev: LoadedEpoch | null): Record<string, ProviderPollState> {
  const raw = (prev?.registry as { poll_state?: unknown } | undefined)?.poll_state;
  const out: Record<string, ProviderPollState> = {};
  if (raw === null || typeof raw !== "object") return out;
  for (const [name, v] of Object.entries(raw)) {
    const r = ProviderPollStateSchema.safeParse(v);
    if (r.success) out[name] = r.data;
  }
  return out;
}
