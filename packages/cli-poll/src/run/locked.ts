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
  RegistrySchema,
  readLockCores,
  type Snapshot,
  type StateWriter,
  updateRegistry,
  type WebhookConfig,
} from "@observatory/core";
import type { Provider } from "@observatory/providers";
import { applyObservations } from "./bench-apply.js";
import { benchProvider } from "./bench-worker.js";
import { identityEvents } from "./identity.js";
import { DEFAULT_CANARY_MAX, pollProvider } from "./listing-worker.js";
import { mergeListings, stampForPlan } from "./merge.js";
import { missingForLocks } from "./missing.js";
import { EMPTY_POLL_STATE, pollStates, type RunPollState } from "./poll-state.js";
import { ProgressCounter } from "./progress.js";
import type { ProviderTiming, RunOptions, RunReport } from "./run.js";
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
  /** Null: obs-bench found nothing to benchmark and committed nothing. */
  report: RunReport | null;
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
  // obs-bench with nothing to benchmark has nothing to commit: no empty epoch.
  if (early !== null && early.size === 0) return { report: null, deliveries: [] };
  const priorState = pollStates(prev);
  const targets = new Map<string, string[]>(early ?? []);
  const progress = new ProgressCounter((s) => {
    opts.onPhases?.(s);
    if (opts.onProgress && s.benchmarks.total > 0)
      opts.onProgress(s.benchmarks.done, s.benchmarks.total);
  });
  if (opts.poll) progress.plan("listing", providers.length);
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
            ...(opts.severity ? { severity: opts.severity } : {}),
            onCanaries: (n) => progress.plan("canaries", n),
            onCanaryDone: () => progress.done("canaries"),
          })
        : null;
      if (opts.poll) progress.done("listing");
      if (opts.poll && opts.benchmark) {
        const snap = listed?.listing.ok
          ? listed.listing.snapshot
          : (prev?.snapshots[p.name] ?? null);
        const mine = benchTargets(opts, [p], { [p.name]: snap }, modelFilter, false).get(p.name);
        if (mine) targets.set(p.name, mine);
      }
      const models = opts.benchmark ? targets.get(p.name) : undefined;
      // Planned before the first of them can finish: done never passes total.
      if (models) progress.plan("benchmarks", models.length * probes.length);
      const store = await storeP;
      const benchStarted = performance.now();
      const observations = models
        ? await benchProvider({
            provider: p,
            models,
            probes,
            store,
            params: store?.params ?? DEFAULT_DETECTOR_PARAMS,
            onObserved: () => progress.done("benchmarks"),
          })
        : [];
      const timing: ProviderTiming = {
        provider: p.name,
        listingMs: listed?.listingMs ?? null,
        canaries: listed?.canaries.length ?? 0,
        canaryMs: listed?.canaryMs ?? null,
        probes: observations.length,
        benchCalls: observations.reduce((n, o) => n + o.calls.length, 0),
        benchMs: models ? performance.now() - benchStarted : null,
      };
      return { listed, observations, timing };
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
  // The next epoch's poll state: what this poll's listings say (obs-poll), and for every
  // benchmarked provider the BENCHMARK_MISSING findings standing now.
  const nextState: Record<string, RunPollState> = { ...priorState, ...pollState };
  // A listing's fresh state replaces the old one: keep its missing findings, which listing
  // knows nothing about.
  for (const name of Object.keys(pollState)) {
    const reported = priorState[name]?.missing_reported;
    if (reported) nextState[name] = { ...pollState[name]!, missing_reported: reported };
  }
  if (opts.benchmark) {
    const locks = await readLockCores(opts.stateDir);
    const tiers = new Map(probes.map((p) => [p.id, p.tier]));
    const reported = Object.fromEntries(
      Object.entries(priorState).map(([k, v]) => [k, v.missing_reported]),
    );
    const missing = missingForLocks(locks.locks, new Set(targets.keys()), applied, tiers, reported);
    for (const e of missing.events) events.push(e);
    for (const [name, standing] of Object.entries(missing.standing)) {
      const { missing_reported: _, ...rest }: RunPollState = nextState[name] ?? EMPTY_POLL_STATE;
      nextState[name] = standing.length > 0 ? { ...rest, missing_reported: standing } : rest;
    }
  }

  const fresh = new Set(polled.filter((r) => r.listing.ok).map((r) => r.provider));
  const registry = updateRegistry(prevRegistry, {
    epochId,
    snapshots,
    freshProviders: fresh,
    calls,
    pollState: nextState,
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
      timings: work.map((w) => w.timing),
    },
  };
}
