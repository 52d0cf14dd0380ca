// A poll or benchmark run, end to end: what needs no lock (flags, probe file, webhook config,
// provider names), then the locked part (locked.ts: probe Ollama, list, benchmark, commit),
// then, with the lock released, webhooks under deadlines (webhooks.ts).
import {
  type ObsEvent,
  openStateWriter,
  requireState,
  type SeverityThresholds,
} from "@observatory/core";
import type { DeliveryResult } from "@observatory/notify";
import type { ProviderOptions } from "@observatory/providers";
import type { ListingWorkerResult } from "./listing-worker.js";
import { runLocked } from "./locked.js";
import type { ProgressSnapshot } from "./progress.js";
import { parseModelFilter, resolveOllama, selectProviders } from "./select.js";
import { loadProbes, refuseV1 } from "./setup.js";
import type { SuspectPolicy } from "./suspect.js";
import { deliverAfterRelease, loadWebhooks } from "./webhooks.js";

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
  /** Queue behind a live lock holder up to this long instead of skipping (--wait). */
  waitMs?: number;
  /** When a shrinking listing is held as suspect (default DEFAULT_SUSPECT). */
  suspect?: SuspectPolicy;
  /** Canaries per provider per poll (default 20); the rest go in later polls. */
  canaryMax?: number;
  /** When a METADATA_CHANGED is WARN or HIGH (default: a 2x price rise, any context shrink). */
  severity?: SeverityThresholds;
  /** Total deadline for one webhook request, body included. */
  webhookTimeoutMs?: number;
  /** Deadline for all of a run's webhook deliveries. */
  webhookDeadlineMs?: number;
  /** Benchmark probes observed so far, of how many (never more); confirmation calls are part
   * of their probe, not units of their own. */
  onProgress?: (done: number, total: number) => void;
  /** Listings, canaries and benchmark probes done so far, each of how many (never more). */
  onPhases?: (progress: ProgressSnapshot) => void;
  /** Test hook for webhook retry waits. */
  webhookSleep?: (ms: number) => Promise<void>;
}

export type ProviderStatus = "fresh" | "carried_forward" | "error";

/** What one provider cost this run (--verbose). Null: that step did not run. */
export interface ProviderTiming {
  provider: string;
  listingMs: number | null;
  canaries: number;
  canaryMs: number | null;
  /** (model, probe) pairs observed, and the calls they took (confirmations included). */
  probes: number;
  benchCalls: number;
  benchMs: number | null;
}

export interface RunReport {
  /** "nothing_configured": no provider configured, or (obs-bench) nothing to benchmark; no
   * epoch was committed. */
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
  /** One-line notes for stderr (a webhook config ignored, outcomes not logged). */
  notes: string[];
  timings: ProviderTiming[];
}

const NOTHING = "no provider is configured: set at least one API key (obs-poll --list-providers)";
const NOTHING_TO_BENCH =
  "nothing to benchmark: the current epoch lists no models for the configured providers (run obs-poll first)";

export async function runObservatory(opts: RunOptions): Promise<RunReport> {
  // obs-poll may start a state directory; obs-bench measures the models of an existing epoch.
  if (opts.poll) await refuseV1(opts.stateDir);
  else await requireState(opts.stateDir);
  const probes = await loadProbes(opts.probesFile);
  const webhooks = await loadWebhooks(opts.webhooksFile, opts.stateDir);
  const modelFilter = parseModelFilter(opts.models);
  // obs-poll polls every provider and benchmarks the filtered models; obs-bench only needs the
  // providers its --models name.
  const only = opts.providers ?? (modelFilter && !opts.poll ? [...modelFilter.keys()] : undefined);
  // After SIGINT/SIGTERM the providers start no new call; calls in flight finish.
  const providerOptions = { ...opts.providerOptions, signal: opts.signal };
  const sel = await selectProviders(only, providerOptions);
  const notes = webhooks.warning
    ? [`webhook config ignored, polling goes on: ${webhooks.warning.reason}`]
    : [];
  const base: RunReport = {
    outcome: "nothing_configured",
    events: [],
    providers: {},
    polled: [],
    benchmarked: 0,
    webhooks: [],
    interrupted: false,
    measured: false,
    skipped: sel.skipped,
    unknownModels: [],
    notes,
    timings: [],
  };
  if (sel.providers.length === 0 && sel.ollama === null) return { ...base, message: NOTHING };

  let locked: Awaited<ReturnType<typeof runLocked>>;
  try {
    const opened = await openStateWriter(opts.stateDir, {
      tool: opts.tool,
      version: opts.version,
      ...(opts.staleMs === undefined ? {} : { staleMs: opts.staleMs }),
      ...(opts.waitMs === undefined ? {} : { waitMs: opts.waitMs }),
    });
    if (!opened.ok) return { ...base, outcome: "locked", message: opened.message };
    const writer = opened.writer;
    try {
      // Probed only now: a run that is skipped for the lock touches no provider.
      await resolveOllama(sel, providerOptions);
      if (sel.providers.length === 0) return { ...base, message: NOTHING };
      locked = await runLocked({
        opts,
        writer,
        providers: sel.providers,
        probes,
        webhooks: webhooks.config,
        extra: webhooks.warning ? [webhooks.warning] : [],
        modelFilter,
        skipped: sel.skipped,
      });
    } finally {
      await writer.close();
    }
  } finally {
    await Promise.all(sel.providers.map((p) => p.close()));
  }

  if (locked.report === null) return { ...base, message: NOTHING_TO_BENCH };
  // The lock is released: the next run can start while receivers take their time.
  const report = { ...locked.report, notes };
  if (locked.deliveries.length > 0) {
    const after = await deliverAfterRelease(locked.deliveries, {
      stateDir: opts.stateDir,
      tool: opts.tool,
      version: opts.version,
      epochId: report.epochId!,
      timeoutMs: opts.webhookTimeoutMs,
      deadlineMs: opts.webhookDeadlineMs,
      staleMs: opts.staleMs,
      sleep: opts.webhookSleep,
    });
    report.webhooks = after.results;
    report.events = [
      ...report.events,
      ...after.logged.filter((e) => e.type !== "WEBHOOKS_DELIVERED"),
    ];
    report.notes = [...notes, ...after.notes];
  }
  return report;
}
