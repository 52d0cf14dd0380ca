// What the page shows, as data: built from the history, the events and the lock checks in one
// replay, with no I/O. The page's script draws from this; the header and lists are rendered
// from it on the server. Kept compact (indices into shared tables, flat number arrays) because a
// report of 1,000 models over 10,000 epochs must stay within a few megabytes.
import {
  applyEntry,
  diffWorlds,
  epochTime,
  type HistoryEntry,
  type ModelValue,
  type ObsEvent,
  SEVERITIES,
  type WorldState,
} from "@observatory/core";

/** Whether a field is charted: every price (as reported: providers name and scale them their own
 * way, OpenRouter per token in "pricing.prompt", others per million under their own names), but
 * not per-range overrides, and every context window. */
export function charted(field: string): boolean {
  if (field.startsWith("pricing.")) return !field.startsWith("pricing.overrides.");
  return field === "context_length" || field.endsWith(".context_length");
}

export interface ProviderRow {
  name: string;
  status: "fresh" | "carried_forward" | "error";
  /** When the snapshot this epoch holds was polled; null for an error. */
  polledAt: string | null;
  /** Carried forward: the epoch it was last fresh in. */
  fromEpoch: string | null;
  error: string | null;
}

export interface LockRow {
  name: string;
  status: "CLEAN" | "VIOLATED" | "UNVERIFIED" | "INVALID";
  /** The epoch it is locked to; null for a v1 or unreadable lock. */
  lockedEpoch: string | null;
  models: number;
  counts: Record<string, number>;
  violations: { kind: string; detail: string }[];
  /** Plain text: what the lock is, where it came from and how it was checked. */
  provenance: string;
}

export interface ReportInput {
  stateDir: string;
  /** The epoch the state answers from (current). */
  epochId: string;
  providers: ProviderRow[];
  entries: readonly HistoryEntry[];
  /** Committed events, oldest first. */
  events: readonly ObsEvent[];
  locks: LockRow[];
  generatedAt: string;
}

export interface ReportOptions {
  /** Resolved epoch ids of the history (inclusive). */
  from: string;
  to: string;
  providers?: ReadonlySet<string> | undefined;
  /** Exact model names; undefined: every model listed in the range. */
  models?: readonly string[] | undefined;
}

/** [model, change, field, old, new, relative]: obs-diff's rows, one per field. */
export type ChangeRow = [
  string,
  "added" | "removed" | "changed",
  string,
  ModelValue | null,
  ModelValue | null,
  number | null,
];

export interface BehaviourDrift {
  epoch: string | null;
  at: string;
  severity: string;
  model: string;
  probe: string;
  tier: number;
  evidence: {
    old_value: string;
    new_value: string;
    rule: string;
    streak: number;
    window_frequency: number;
    window_size: number;
    samples: string[];
  };
}

export interface ReportData {
  stateDir: string;
  generatedAt: string;
  epochId: string;
  range: { from: string; to: string; fromAt: string; toAt: string; epochs: number };
  providers: ProviderRow[];
  /** The charted fields the series name by index. */
  fields: string[];
  models: string[];
  /** The epochs the series points name, in order of first use: ms after the range's start
   * (an epoch id is its time and a 4-digit sequence number, almost always 0000) ... */
  epochs: number[];
  /** ... and the sequence numbers that are not 0000, by epoch index. */
  epochSeq: Record<number, string>;
  /** By model index: [field index, e0, v0, e1, v1, ...] per charted field, epoch index and
   * value (null: not listed or not reported) at the range's start and at every change in it.
   * Grouped by model so the page decodes only the model it shows. */
  series: (number | null)[][][];
  /** The model picked first: the one whose charted values moved most often in the range. */
  initial: number;
  changes: ChangeRow[];
  drift: { days: string[]; severities: readonly string[]; counts: number[][] };
  behaviour: BehaviourDrift[];
  locks: LockRow[];
}

const providerOf = (model: string) => model.slice(0, model.indexOf("/"));

function numeric(v: ModelValue | undefined): number | null {
  if (v === undefined) return null;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

function copyWorld(world: WorldState): WorldState {
  const out: WorldState = new Map();
  for (const [m, f] of world) out.set(m, new Map(f));
  return out;
}

/** Builds the page's data: one replay of the history for the series and the diff. */
export function buildReport(input: ReportInput, o: ReportOptions): ReportData {
  const keepProvider = (m: string) => o.providers === undefined || o.providers.has(providerOf(m));
  const world: WorldState = new Map();
  let i = 0;
  const { entries } = input;
  for (; i < entries.length && entries[i]!.e <= o.from; i++) applyEntry(world, entries[i]!);
  const start = copyWorld(world);

  // The models: named ones, else every model listed at the start or touched in the range.
  const touched = new Set<string>();
  for (let j = i; j < entries.length && entries[j]!.e <= o.to; j++)
    for (const c of entries[j]!.c ?? []) touched.add(c[0]);
  const models = (
    o.models !== undefined ? [...o.models] : [...new Set([...start.keys(), ...touched])]
  )
    .filter(keepProvider)
    .sort();
  const index = new Map(models.map((m, k) => [m, k]));

  const base = epochTime(o.from).getTime();
  const epochs: number[] = [];
  const epochSeq: Record<number, string> = {};
  const epochIndex = new Map<string, number>();
  const epochRef = (e: string) => {
    let k = epochIndex.get(e);
    if (k === undefined) {
      k = epochs.length;
      epochs.push(epochTime(e).getTime() - base);
      const seq = e.slice(-4);
      if (seq !== "0000") epochSeq[k] = seq;
      epochIndex.set(e, k);
    }
    return k;
  };
  const series: (number | null)[][][] = [];
  const startRef = epochRef(o.from);
  // Field names are shared: a series names its field by index.
  const fields: string[] = [];
  const fieldIndex = new Map<string, number>();
  const fieldRef = (f: string) => {
    let k = fieldIndex.get(f);
    if (k === undefined) {
      k = fields.length;
      fields.push(f);
      fieldIndex.set(f, k);
    }
    return k;
  };
  // A model's series, by field; one is made when the field first has a value.
  const own: Map<string, (number | null)[]>[] = models.map(() => new Map());
  for (const _ of models) series.push([]);
  const record = (model: string, field: string, epoch: string) => {
    const k = index.get(model)!;
    let s = own[k]!.get(field);
    const v = numeric(world.get(model)?.get(field));
    if (s === undefined) {
      if (v === null) return;
      s = [fieldRef(field), startRef, null];
      own[k]!.set(field, s);
      series[k]!.push(s);
    }
    if (s[s.length - 1] === v) return;
    s.push(epochRef(epoch), v);
  };
  for (const [m, k] of index)
    for (const [f, v] of start.get(m) ?? []) {
      if (!charted(f) || numeric(v) === null) continue;
      const s = [fieldRef(f), startRef, numeric(v)];
      own[k]!.set(f, s);
      series[k]!.push(s);
    }

  let covered = 0;
  for (; i < entries.length && entries[i]!.e <= o.to; i++) {
    const entry = entries[i]!;
    covered++;
    applyEntry(world, entry);
    // A baseline or a model leaving the listing ends every series it had; fields it has now
    // are recorded as their changes come.
    if (entry.b) for (const [m, k] of index) for (const f of own[k]!.keys()) record(m, f, entry.e);
    for (const [m, f] of entry.c ?? []) {
      const k = index.get(m);
      if (k === undefined) continue;
      if (f === "listed") for (const g of own[k]!.keys()) record(m, g, entry.e);
      else if (charted(f)) record(m, f, entry.e);
    }
  }

  let initial = 0;
  let most = -1;
  // Moves of a value, not appearances: a model added in the range is not news for the charts.
  const moves = (s: (number | null)[]) => {
    let n = 0;
    for (let j = 4; j < s.length; j += 2) if (s[j] !== null && s[j - 2] !== null) n++;
    return n;
  };
  series.forEach((fields, k) => {
    const n = fields.reduce((sum, s) => sum + moves(s), 0);
    if (n > most) {
      most = n;
      initial = k;
    }
  });

  return {
    stateDir: input.stateDir,
    generatedAt: input.generatedAt,
    epochId: input.epochId,
    range: {
      from: o.from,
      to: o.to,
      fromAt: epochTime(o.from).toISOString(),
      toAt: epochTime(o.to).toISOString(),
      epochs: covered + (entries.some((e) => e.e === o.from) ? 1 : 0),
    },
    providers: input.providers.filter((p) => o.providers === undefined || o.providers.has(p.name)),
    fields,
    models,
    epochs,
    epochSeq,
    series,
    initial,
    changes: changeRows(
      start,
      world,
      (m) => keepProvider(m) && (o.models === undefined || index.has(m)),
    ),
    ...driftData(input.events, o, keepProvider),
    locks: input.locks,
  };
}

/** obs-diff's rows between the worlds at the two ends, one per field. */
function changeRows(a: WorldState, b: WorldState, keep: (m: string) => boolean): ChangeRow[] {
  const d = diffWorlds(a, b);
  const rows: ChangeRow[] = [];
  for (const m of d.added)
    if (keep(m.model))
      for (const [f, v] of Object.entries(m.fields))
        rows.push([m.model, "added", f, null, v, null]);
  for (const m of d.removed)
    if (keep(m.model))
      for (const [f, v] of Object.entries(m.fields))
        rows.push([m.model, "removed", f, v, null, null]);
  for (const c of d.changed)
    if (keep(c.model)) rows.push([c.model, "changed", c.field, c.before, c.after, c.relative]);
  return rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
}

/** Events per day by severity, and every behaviour drift with its evidence, in the range. */
function driftData(
  events: readonly ObsEvent[],
  o: ReportOptions,
  keepProvider: (m: string) => boolean,
): Pick<ReportData, "drift" | "behaviour"> {
  const byDay = new Map<string, number[]>();
  const behaviour: BehaviourDrift[] = [];
  for (const e of events) {
    if (e.epoch_id === null || e.epoch_id < o.from || e.epoch_id > o.to) continue;
    const model = "provider" in e && "model_id" in e ? `${e.provider}/${e.model_id}` : null;
    if (o.providers !== undefined && "provider" in e && e.provider !== undefined)
      if (!o.providers.has(e.provider)) continue;
    if (o.models !== undefined && model !== null && !o.models.includes(model)) continue;
    const day = epochTime(e.epoch_id).toISOString().slice(0, 10);
    let row = byDay.get(day);
    if (row === undefined) {
      row = new Array<number>(SEVERITIES.length).fill(0);
      byDay.set(day, row);
    }
    row[SEVERITIES.indexOf(e.severity)]!++;
    if (e.type === "BEHAVIOR_DRIFT" && model !== null && keepProvider(model))
      behaviour.push({
        epoch: e.epoch_id,
        at: e.ts,
        severity: e.severity,
        model,
        probe: e.probe,
        tier: e.tier,
        evidence: e.evidence,
      });
  }
  const days = [...byDay.keys()].sort();
  return {
    drift: {
      days,
      severities: SEVERITIES,
      counts: SEVERITIES.map((_, k) => days.map((d) => byDay.get(d)![k]!)),
    },
    behaviour,
  };
}
