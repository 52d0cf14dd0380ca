// obs-diff after its arguments are parsed: replay the history to both points and compare.
import {
  type CommandOutput,
  ndjson,
  resolveStateDir,
  type TableCell,
  table,
} from "@observatory/cli-kit";
import {
  diffWorlds,
  ExitCode,
  epochTime,
  ObsError,
  type WorldDiff,
  worldAt,
} from "@observatory/core";
import { plural, relativeText, shortTime, valueText } from "../_format.js";
import { point } from "../_points.js";
import { loadHistory, noHistoryNote } from "../_state.js";
import type { Io } from "../history/execute.js";
import type {
  DiffAddedRecord,
  DiffChangedRecord,
  DiffRemovedRecord,
  DiffSummaryRecord,
} from "../records.js";

export interface DiffArgs {
  stateDir?: string | undefined;
  from: string;
  to?: string | undefined;
  provider?: string | undefined;
  field?: string | undefined;
  json?: boolean | undefined;
  quiet?: boolean | undefined;
}

export async function diffCommand(a: DiffArgs, io: Io): Promise<CommandOutput> {
  const stateDir = resolveStateDir(a.stateDir);
  const loaded = await loadHistory(stateDir, true);
  const notes = a.quiet ? [] : [...loaded.notes];
  const done = (stdout: string, more: string[] = []) => ({
    stdout,
    stderr: [...notes, ...more].map((l) => `${l}\n`).join(""),
    exitCode: ExitCode.OK,
  });
  if (!loaded.present) return done("", [noHistoryNote(loaded.epoch.epochId)]);
  const { entries } = loaded;
  const at = (spec: string, flag: string): string => {
    const p = point(entries, spec, flag, io.now);
    if (p.kind === "epoch") return p.epochId;
    throw new ObsError(
      "POINT_NOT_FOUND",
      `${flag} ${JSON.stringify(spec)} is before the history begins`,
      {
        hint: `the history begins at ${entries[0]!.e} (${epochTime(entries[0]!.e).toISOString()}); epochs before it were written before the history existed`,
        exitCode: ExitCode.NOT_FOUND,
      },
    );
  };
  const from = at(a.from, "FROM");
  const to = at(a.to ?? "now", "TO");
  const diff = filterDiff(diffWorlds(worldAt(entries, from), worldAt(entries, to)), a);
  const records = diffRecords(diff, from, to);
  if (!io.stdoutIsTTY || a.json) return done(records.map(ndjson).join(""));
  return done(humanDiff(diff, from, to));
}

function fieldMatches(field: string, want: string | undefined): boolean {
  if (want === undefined) return true;
  return want.endsWith(".")
    ? field.startsWith(want)
    : field === want || field.startsWith(`${want}.`);
}

/** --provider and --field: changed rows by both; added and removed models by provider, their
 * fields by --field (a new model's price is price news). */
export function filterDiff(
  d: WorldDiff,
  f: { provider?: string | undefined; field?: string | undefined },
): WorldDiff {
  const providers =
    f.provider === undefined
      ? null
      : new Set(
          f.provider
            .split(",")
            .map((p) => p.trim())
            .filter((p) => p !== ""),
        );
  const ofProvider = (model: string) =>
    providers === null || providers.has(model.slice(0, model.indexOf("/")));
  const fields = (fs: Record<string, string>) =>
    Object.fromEntries(Object.entries(fs).filter(([k]) => fieldMatches(k, f.field)));
  return {
    added: d.added
      .filter((m) => ofProvider(m.model))
      .map((m) => ({ ...m, fields: fields(m.fields) })),
    removed: d.removed
      .filter((m) => ofProvider(m.model))
      .map((m) => ({ ...m, fields: fields(m.fields) })),
    changed: d.changed.filter((c) => ofProvider(c.model) && fieldMatches(c.field, f.field)),
  };
}

type DiffRecord = DiffAddedRecord | DiffRemovedRecord | DiffChangedRecord | DiffSummaryRecord;

export function diffRecords(d: WorldDiff, from: string, to: string): DiffRecord[] {
  const span = { from, to };
  return [
    ...d.added.map((m): DiffAddedRecord => ({ type: "DIFF_ADDED", version: 1, ...span, ...m })),
    ...d.removed.map(
      (m): DiffRemovedRecord => ({ type: "DIFF_REMOVED", version: 1, ...span, ...m }),
    ),
    ...d.changed.map(
      (c): DiffChangedRecord => ({ type: "DIFF_CHANGED", version: 1, ...span, ...c }),
    ),
    {
      type: "DIFF_SUMMARY",
      version: 1,
      ...span,
      from_at: epochTime(from).toISOString(),
      to_at: epochTime(to).toISOString(),
      added: d.added.length,
      removed: d.removed.length,
      changed: d.changed.length,
    },
  ];
}

function summary(fields: Record<string, string>): string {
  const n = Object.keys(fields).length;
  const shown = ["context_length", "pricing.prompt", "pricing.completion"]
    .filter((k) => fields[k] !== undefined)
    .map((k) => `${k}=${fields[k]}`);
  return shown.length > 0 ? shown.join(" ") : plural(n, "field");
}

function humanDiff(d: WorldDiff, from: string, to: string): string {
  const head = `from ${from} (${shortTime(epochTime(from).toISOString())}) to ${to} (${shortTime(epochTime(to).toISOString())}): ${plural(d.added.length, "model")} added, ${d.removed.length} removed, ${plural(d.changed.length, "field")} changed`;
  if (d.added.length + d.removed.length + d.changed.length === 0)
    return `${head}\nnothing changed\n`;
  const rows: TableCell[][] = [
    ...d.added.map((m) => ["added", m.model, "", "-", summary(m.fields), ""]),
    ...d.removed.map((m) => ["removed", m.model, "", summary(m.fields), "-", ""]),
    ...d.changed.map((c) => [
      "changed",
      c.model,
      c.field,
      valueText(c.before),
      valueText(c.after),
      relativeText(c.relative),
    ]),
  ];
  return `${head}\n${table(["", "model", "field", "before", "after", "change"], rows)}\n`;
}
