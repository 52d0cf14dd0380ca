// obs-diff after its arguments are parsed: replay the history to both points and compare.
import {
  type CommandOutput,
  ndjson,
  openStateDir,
  type TableCell,
  table,
} from "@observatory/cli-kit";
import { diffWorlds, ExitCode, epochTime, ObsError } from "@observatory/core";
import { plural, relativeText, shortTime, valueText } from "../_format.js";
import { point } from "../_points.js";
import { loadHistory, noHistoryNote } from "../_state.js";
import type { Io } from "../history/execute.js";
import type { DiffEntryRecord, DiffSummaryRecord } from "../records.js";
import { counts, type DiffEntry, diffEntries, type FieldChange, relative } from "./entries.js";
import { changedWorlds } from "./worlds.js";

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
  const stateDir = await openStateDir(a.stateDir);
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
  const diff = diffEntries(diffWorlds(...changedWorlds(entries, from, to)), a);
  if (!io.stdoutIsTTY || a.json) return done(diffRecords(diff, from, to).map(ndjson).join(""));
  return done(humanDiff(diff, from, to));
}

type DiffRecord = DiffEntryRecord | DiffSummaryRecord;

export function diffRecords(entries: readonly DiffEntry[], from: string, to: string): DiffRecord[] {
  return [
    ...entries.map(
      (e): DiffEntryRecord => ({
        type: "DIFF_ENTRY",
        version: 1,
        model: e.model,
        change: e.change,
        changes: e.changes.map((c) => ({ field: c.field, old: c.old, new: c.new })),
      }),
    ),
    {
      type: "DIFF_SUMMARY",
      version: 1,
      from,
      to,
      from_at: epochTime(from).toISOString(),
      to_at: epochTime(to).toISOString(),
      ...counts(entries),
    },
  ];
}

/** An added or removed model in one cell: its context and prices, or how many fields it has. */
function summary(changes: readonly FieldChange[], side: "old" | "new"): string {
  const shown = ["context_length", "pricing.prompt", "pricing.completion"].flatMap((k) => {
    const c = changes.find((x) => x.field === k);
    return c === undefined ? [] : [`${k}=${valueText(c[side])}`];
  });
  return shown.length > 0 ? shown.join(" ") : plural(changes.length, "field");
}

function humanDiff(entries: readonly DiffEntry[], from: string, to: string): string {
  const n = counts(entries);
  const fields = entries
    .filter((e) => e.change === "changed")
    .reduce((sum, e) => sum + e.changes.length, 0);
  const head = `from ${from} (${shortTime(epochTime(from).toISOString())}) to ${to} (${shortTime(epochTime(to).toISOString())}): ${plural(n.added, "model")} added, ${n.removed} removed, ${plural(fields, "field")} changed`;
  if (entries.length === 0) return `${head}\nnothing changed\n`;
  const of = (kind: DiffEntry["change"]) => entries.filter((e) => e.change === kind);
  const rows: TableCell[][] = [
    ...of("added").map((e) => ["added", e.model, "", "-", summary(e.changes, "new"), ""]),
    ...of("removed").map((e) => ["removed", e.model, "", summary(e.changes, "old"), "-", ""]),
    ...of("changed").flatMap((e) =>
      e.changes.map((c) => [
        "changed",
        e.model,
        c.field,
        valueText(c.old),
        valueText(c.new),
        relativeText(relative(c)),
      ]),
    ),
  ];
  return `${head}\n${table(["", "model", "field", "old", "new", "change"], rows)}\n`;
}
