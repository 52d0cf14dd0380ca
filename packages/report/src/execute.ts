// obs-report after its arguments are parsed: read the state, resolve the range, build the page's
// data, render it and write the one file. Returns what main prints.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type CommandOutput, ndjson, openStateDir } from "@observatory/cli-kit";
import {
  ExitCode,
  type HistoryEntry,
  knownModels,
  ObsError,
  resolvePoint,
} from "@observatory/core";
import { pageAssets } from "./assets.js";
import { collect } from "./collect.js";
import { buildReport, type ReportData } from "./data.js";
import { renderPage } from "./html.js";
import type { ReportWrittenRecord } from "./records.js";

export interface ReportArgs {
  stateDir?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  /** Comma-separated. */
  provider?: string | undefined;
  /** Comma-separated "provider/id" names, or ids only one provider has. */
  models?: string | undefined;
  out?: string | undefined;
  json?: boolean | undefined;
  quiet?: boolean | undefined;
}

export interface Io {
  stdoutIsTTY: boolean;
  now: Date;
}

const list = (s: string | undefined) =>
  s === undefined
    ? undefined
    : s
        .split(",")
        .map((x) => x.trim())
        .filter((x) => x !== "");

function point(entries: readonly HistoryEntry[], spec: string, flag: string, now: Date): string {
  const r = resolvePoint(entries, spec, now);
  if (r.ok) return r.epochId;
  const usage = r.kind === "invalid";
  throw new ObsError(usage ? "BAD_POINT" : "POINT_NOT_FOUND", `${flag} ${r.reason}`, {
    hint: `the history runs from ${entries[0]?.e ?? "nowhere"} to ${entries.at(-1)?.e ?? "nowhere"}`,
    exitCode: usage ? ExitCode.USAGE : ExitCode.NOT_FOUND,
  });
}

function resolveModels(typed: string[], known: readonly string[]): string[] {
  return typed.map((t) => {
    if (known.includes(t)) return t;
    const suffix = known.filter((k) => k.endsWith(`/${t}`));
    if (suffix.length === 1) return suffix[0]!;
    throw new ObsError(
      suffix.length > 1 ? "AMBIGUOUS_MODEL" : "MODEL_NOT_FOUND",
      suffix.length > 1
        ? `"${t}" matches ${suffix.length} models: ${suffix.slice(0, 5).join(", ")}`
        : `no model "${t}" in the history`,
      {
        hint: "name models as provider/id (obs-diff lists what changed)",
        exitCode: suffix.length > 1 ? ExitCode.USAGE : ExitCode.NOT_FOUND,
      },
    );
  });
}

/** The data and the page, without writing: for tests and the bench. */
export async function makeReport(
  a: ReportArgs,
  io: Io,
): Promise<{ data: ReportData; html: string; notes: string[] }> {
  const stateDir = await openStateDir(a.stateDir);
  const { input, historyPresent, notes } = await collect(stateDir, io.now);
  if (!historyPresent || input.entries.length === 0)
    throw new ObsError("NO_HISTORY", `no model history yet in ${stateDir}`, {
      hint: "the current epoch was written before the history existed; the next obs-poll starts it",
      exitCode: ExitCode.NOT_FOUND,
    });
  const from =
    a.since === undefined ? input.entries[0]!.e : point(input.entries, a.since, "--since", io.now);
  const to = point(input.entries, a.until ?? "now", "--until", io.now);
  if (from > to)
    throw new ObsError("USAGE", `--since ${from} is after --until ${to}`, {
      hint: "give the earlier point to --since",
      exitCode: ExitCode.USAGE,
    });
  const typed = list(a.models);
  const providers = list(a.provider);
  const data = buildReport(input, {
    from,
    to,
    providers: providers === undefined ? undefined : new Set(providers),
    models: typed === undefined ? undefined : resolveModels(typed, knownModels(input.entries)),
  });
  return { data, html: renderPage(data, await pageAssets()), notes };
}

export async function reportCommand(a: ReportArgs, io: Io): Promise<CommandOutput> {
  const { data, html, notes } = await makeReport(a, io);
  const path = resolve(a.out ?? "report.html");
  const bytes = Buffer.byteLength(html);
  try {
    await writeFile(path, html);
  } catch (e) {
    throw new ObsError("WRITE_FAILED", `cannot write ${path}: ${(e as Error).message}`, {
      hint: "give --out a path in a directory you can write",
      exitCode: ExitCode.STATE,
      cause: e,
    });
  }
  const record: ReportWrittenRecord = {
    type: "REPORT_WRITTEN",
    version: 1,
    path,
    bytes,
    from: data.range.from,
    to: data.range.to,
    models: data.models.length,
    changes: data.changes.length,
  };
  const said = a.quiet
    ? []
    : [
        ...notes,
        `wrote ${path} (${(bytes / 1024).toFixed(0)} kB): ${data.models.length} models, ${data.range.epochs} epochs, ${data.changes.length} changes`,
      ];
  return {
    ...(!io.stdoutIsTTY || a.json ? { stdout: ndjson(record) } : {}),
    stderr: said.map((l) => `${l}\n`).join(""),
    exitCode: ExitCode.OK,
  };
}
