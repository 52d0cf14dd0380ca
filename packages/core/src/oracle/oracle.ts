// RoutingOracle: routing answers from one committed epoch. open() reads the epoch once; every
// answer is computed from that immutable view, and refresh() swaps in a newly committed epoch
// whole, so no answer ever mixes two epochs. Opened at a past epoch, it stays there (pinned).
// history(), valueAt() and diff() ask the model history that epoch names, loaded when first asked.
import { ExitCode, isObsError } from "../errors.js";
import type { ModelValue } from "../history/query.js";
import type { HistoryEntry } from "../history/schema.js";
import { readPointer } from "../state/read-pointer.js";
import { requireState } from "../state/state-errors.js";
import {
  type CandidatesAnswer,
  type EpochInfo,
  type ExplainedRoute,
  epochInfo,
  type ListAnswer,
  type ModelStatus,
  type PolicyAnswer,
  type RefreshResult,
  type RouteAnswer,
} from "./answers.js";
import { optionsInvalid } from "./errors.js";
import { buildView, type View } from "./load/build-view.js";
import { readSource } from "./load/read-source.js";
import { unhealthyReasons, warnings } from "./model/health.js";
import { indexOf } from "./model/table.js";
import {
  type OracleOptions,
  PREFERENCES,
  type Preference,
  type ResolvedOptions,
  type ResolvedQuery,
  type RouteQuery,
  resolveOptions,
  resolveQuery,
} from "./options.js";
import type { HistoryPoint } from "./past/points.js";
import type { HistoryDiff, HistoryQuery, ModelHistoryRow } from "./past/questions.js";
import { type Gates, gatesFor, healthFailure } from "./route/gates.js";
import { DEFAULT_POLICY } from "./route/policy.js";
import { best, orderFor, pick, tally } from "./route/select.js";
import { suggestKeys } from "./suggest.js";

/** A router's pull of a remote state: the epochs and their objects; no events, no locks. */
type RemotePull = { pull(o: { events: boolean; locks: boolean }): Promise<unknown> };
const ROUTER_PULL = { events: false, locks: false };

export class RoutingOracle {
  #view: View;
  #refreshing: Promise<RefreshResult> | null = null;
  /** The bucket this oracle's state directory mirrors (an s3:// location), pulled on refresh. */
  #remote: RemotePull | null = null;
  /** The model history of the current view, read once when first asked. */
  #history: { view: View; entries: Promise<HistoryEntry[]> } | null = null;
  /** The gates isHealthy and status use: every default of a route query. */
  readonly #defaultGates: Gates;

  private constructor(
    view: View,
    private readonly options: ResolvedOptions,
    /** Opened at a past epoch (open's `epoch` or `at`): refresh() leaves it there. */
    readonly pinned: boolean,
  ) {
    this.#view = view;
    this.#defaultGates = gatesFor(
      resolveQuery({}, options.minCalls),
      options.minHealthyReliability,
    );
  }

  /**
   * Reads the committed epoch of `location`: a state directory, s3://bucket/prefix, or a
   * read-only mirror https://host/path serving the bucket's files (both read through a local
   * mirror that refresh() brings up to date with one conditional GET of the pointer).
   *
   * Throws ObsError STATE_V1 (a v1 directory: upgrade it with obs-migrate) or NO_STATE (nothing
   * polled there yet, or no such directory), both exit code 2, and NO_EPOCH or STATE_UNUSABLE (exit code 5) when there is state but no epoch can be
   * read; falls back to the last good epoch when the newest one does not verify (the answers'
   * epoch.fellBack says so).
   *
   * With `epoch` or `at`, reads that past epoch instead (any epoch retention kept), verified the
   * same way but never falling back: EPOCH_PRUNED when retention removed it (the history still
   * answers for it), EPOCH_NOT_FOUND when it was never committed, STATE_UNUSABLE when it does not
   * verify. Such an oracle is pinned: refresh() leaves it at that epoch.
   */
  static async open(location: string, options: OracleOptions = {}): Promise<RoutingOracle> {
    const resolved = resolveOptions(options);
    let stateDir = location;
    let remote: RemotePull | null = null;
    if (/^(s3|https?):\/\//i.test(location)) {
      // A state in a bucket (or its read-only HTTPS mirror): read from a local mirror, pulled now
      // and on every refresh().
      const { openRemoteState } = await import("../storage/attach.js");
      const r = await openRemoteState(location);
      await r.pull(ROUTER_PULL);
      stateDir = r.stateDir;
      remote = r;
    }
    await requireState(stateDir);
    if (options.epoch === undefined && options.at === undefined) {
      const oracle = new RoutingOracle(await loadView(stateDir, resolved), resolved, false);
      oracle.#remote = remote;
      return oracle;
    }
    const { readPinned } = await import("./past/index.js");
    const src = await readPinned(stateDir, { epoch: options.epoch, at: options.at });
    return new RoutingOracle(buildView(stateDir, src, resolved), resolved, true);
  }

  get stateDir(): string {
    return this.#view.stateDir;
  }

  /** The epoch answers are currently read from. */
  get epoch(): EpochInfo {
    return epochInfo(this.#view, this.nowMs(), this.options.staleAfterMs);
  }

  /**
   * route() and why: the model route() picks, how many models match and how many each gate or
   * filter left out, in one pass over the epoch (route() itself stops at the first match of a
   * cached order, so it is the cheaper call when only the model matters).
   */
  explain(query: RouteQuery = {}): ExplainedRoute {
    const view = this.#view;
    const now = this.nowMs();
    const q = this.query(query);
    const t = tally(view.table, q, this.gates(q), now, false);
    return {
      model: t.best < 0 ? null : view.table.profile(t.best),
      matched: t.matching.length,
      considered: view.table.size,
      excluded: t.excluded,
      query: q,
      epoch: epochInfo(view, now, this.options.staleAfterMs),
    };
  }

  /**
   * The best healthy model matching the query (default: the most reliable text chat model with
   * at least minCalls measured calls). When none matches, `excluded` says why.
   */
  route(query: RouteQuery = {}): RouteAnswer {
    const view = this.#view;
    const now = this.nowMs();
    const q = this.query(query);
    const gates = this.gates(q);
    const p = pick(view.table, q, gates, now);
    return {
      model: p.index < 0 ? null : view.table.profile(p.index),
      // A miss walked every model: it counted the reasons on the way.
      excluded: p.excluded,
      query: q,
      epoch: epochInfo(view, now, this.options.staleAfterMs),
    };
  }

  /** Every healthy model matching the query, best first, and why the others are left out. */
  candidates(query: RouteQuery = {}): CandidatesAnswer {
    const view = this.#view;
    const now = this.nowMs();
    const q = this.query(query);
    const t = tally(view.table, q, this.gates(q), now);
    return {
      models: t.matching.map((i) => view.table.profile(i)),
      considered: view.table.size,
      excluded: t.excluded,
      query: q,
      epoch: epochInfo(view, now, this.options.staleAfterMs),
    };
  }

  /**
   * Listed, not expired or deprecated, no recent confirmed drift, at least minCalls calls
   * measured, reliability not below the floor. False for a key the epoch does not know. The one answer that is a bare boolean (an
   * object would always be truthy in an `if`); `oracle.epoch` says which epoch it came from.
   */
  isHealthy(key: string): boolean {
    const t = this.#view.table;
    const i = indexOf(t, key);
    return i >= 0 && healthFailure(t, i, this.#defaultGates, this.nowMs()) === null;
  }

  /** Everything the epoch says about one model, and why it is unhealthy if it is. */
  status(key: string): ModelStatus {
    const view = this.#view;
    const now = this.nowMs();
    const epoch = epochInfo(view, now, this.options.staleAfterMs);
    const t = view.table;
    const i = indexOf(t, key);
    if (i < 0) {
      const suggestions = suggestKeys(key, t.keys);
      const reasons = [{ code: "NOT_LISTED" as const, message: "not known in this epoch" }];
      return {
        key,
        found: false,
        healthy: false,
        reasons,
        warnings: [],
        model: null,
        suggestions,
        epoch,
      };
    }
    const gates = this.#defaultGates;
    const model = t.profile(i);
    const reasons = unhealthyReasons(t, i, gates, now);
    return {
      key,
      found: true,
      healthy: reasons.length === 0,
      reasons,
      warnings: warnings(t, i, gates, now, view.providers[model.provider]),
      model,
      suggestions: [],
      epoch,
    };
  }

  /** Every model listed in the epoch, healthy or not, ordered by a preference. */
  list(by: Preference = "reliability"): ListAnswer {
    if (!PREFERENCES.includes(by)) throw optionsInvalid(`cannot order by ${by}`);
    const view = this.#view;
    const now = this.nowMs();
    const gates = this.#defaultGates;
    const t = view.table;
    const models = [...orderFor(t, by)]
      .filter((i) => t.listed[i] === 1)
      .map((i) => {
        const reason = healthFailure(t, i, gates, now);
        return { model: t.profile(i), healthy: reason === null, reason };
      });
    return { by, models, epoch: epochInfo(view, now, this.options.staleAfterMs) };
  }

  /** The default routing recommendations: one model (or none) per common role. */
  policy(): PolicyAnswer {
    const view = this.#view;
    const now = this.nowMs();
    const roles = DEFAULT_POLICY.map((spec) => {
      const q = this.query(spec.query);
      const i = best(view.table, q, this.gates(q), now);
      const model = i < 0 ? null : view.table.profile(i);
      return { role: spec.role, description: spec.description, query: q, model };
    });
    return { roles, epoch: epochInfo(view, now, this.options.staleAfterMs) };
  }

  /**
   * Every recorded change of one model ("provider/id"), oldest first, from the model history of
   * the oracle's epoch: it reaches back past retention, to the first commit that recorded it.
   */
  async history(model: string, query: HistoryQuery = {}): Promise<ModelHistoryRow[]> {
    const past = await import("./past/index.js");
    return past.modelHistory(await this.historyEntries(), model, query, this.options.now());
  }

  /**
   * One field of one model at a point (a Date, an epoch id, or what obs-diff accepts), from the
   * history: as the provider reported it (a price stays a decimal string), null when the model
   * was listed without it, undefined when it was not listed. BEFORE_HISTORY before it begins.
   */
  async valueAt(model: string, field: "listed", at: HistoryPoint): Promise<boolean>;
  async valueAt(
    model: string,
    field: string,
    at: HistoryPoint,
  ): Promise<ModelValue | null | undefined>;
  async valueAt(
    model: string,
    field: string,
    at: HistoryPoint,
  ): Promise<ModelValue | boolean | null | undefined> {
    const past = await import("./past/index.js");
    return past.valueAt(await this.historyEntries(), model, field, at, this.options.now());
  }

  /** What changed from point `a` to point `b`: models added, removed, and fields changed. */
  async diff(a: HistoryPoint, b: HistoryPoint = "now"): Promise<HistoryDiff> {
    const past = await import("./past/index.js");
    return past.diffPoints(await this.historyEntries(), a, b, this.options.now());
  }

  /**
   * Re-reads the state when the pointer has moved: one small file read when it has not. A
   * newer epoch that cannot be read leaves the current one in place (problems say why). A pinned
   * oracle reads nothing: its epoch is immutable, so the answer is always `changed: false`.
   */
  refresh(): Promise<RefreshResult> {
    if (this.pinned) return Promise.resolve({ changed: false, epoch: this.epoch, problems: [] });
    this.#refreshing ??= this.doRefresh().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  private async doRefresh(): Promise<RefreshResult> {
    const old = this.#view;
    // One conditional GET of the bucket's pointer (304 when nothing was committed). A store that
    // cannot be reached leaves the oracle answering from the epoch it has, and says why.
    if (this.#remote) {
      try {
        await this.#remote.pull(ROUTER_PULL);
      } catch (e) {
        if (!isObsError(e) || e.exitCode !== ExitCode.STATE) throw e;
        return { changed: false, epoch: this.epoch, problems: [{ file: ".", reason: e.message }] };
      }
    }
    const ptr = await readPointer(old.stateDir);
    const same =
      ptr.kind === "ok" &&
      old.pointer !== null &&
      ptr.pointer.epoch_id === old.pointer.epoch_id &&
      ptr.pointer.manifest_hash === old.pointer.manifest_hash;
    if (same) return { changed: false, epoch: this.epoch, problems: [] };
    let next: View;
    try {
      next = await loadView(old.stateDir, this.options);
    } catch (e) {
      if (!isObsError(e) || e.exitCode !== ExitCode.STATE) throw e;
      return { changed: false, epoch: this.epoch, problems: [{ file: ".", reason: e.message }] };
    }
    this.#view = next;
    const changed = next.epochId !== old.epochId || next.manifestHash !== old.manifestHash;
    return { changed, epoch: this.epoch, problems: next.problems };
  }

  private historyEntries(): Promise<HistoryEntry[]> {
    const view = this.#view;
    if (this.#history?.view !== view) {
      const entries = import("./past/index.js").then((p) =>
        p.readEntries(view.stateDir, view.epochId, view.history),
      );
      // A failed read is not kept: the next question tries again.
      entries.catch(() => {
        if (this.#history?.entries === entries) this.#history = null;
      });
      this.#history = { view, entries };
    }
    return this.#history.entries;
  }

  private nowMs(): number {
    return this.options.now().getTime();
  }

  private query(q: RouteQuery): ResolvedQuery {
    return resolveQuery(q, this.options.minCalls);
  }

  private gates(q: ResolvedQuery): Gates {
    return gatesFor(q, this.options.minHealthyReliability);
  }
}

async function loadView(stateDir: string, options: ResolvedOptions): Promise<View> {
  return buildView(stateDir, await readSource(stateDir), options);
}
