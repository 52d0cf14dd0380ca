// obs-events after its arguments are parsed: the committed events of a window, filtered, as a
// table, NDJSON or CSV; with --follow, then the events committed after, as they come.
import { type CommandOutput, ndjson, openStateDir, table } from "@observatory/cli-kit";
import { ExitCode, ObsError, readCurrentEpoch, requireState } from "@observatory/core";
import { csvLine, plural } from "../_format.js";
import { eventFilter, parseTime } from "./filters.js";
import { readWindow } from "./read.js";
import { CSV_HEADER, csvRow, printed, TABLE_HEAD, tableRow } from "./render.js";

export interface EventsArgs {
  stateDir?: string | undefined;
  type?: string | undefined;
  model?: string | undefined;
  provider?: string | undefined;
  severity?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  follow?: boolean | undefined;
  json?: boolean | undefined;
  csv?: boolean | undefined;
  quiet?: boolean | undefined;
}

export interface EventsIo {
  stdoutIsTTY: boolean;
  now: Date;
  /** --follow writes as events arrive (out: stdout, err: stderr); only the bin's main passes
   * these, so the handler itself never touches the streams. */
  write?: { out: (text: string) => void; err: (text: string) => void };
  /** --follow stops when this resolves (tests); the bin follows until interrupted. */
  stop?: Promise<void>;
}

export type Mode = "table" | "ndjson" | "csv";

export function mode(
  a: { json?: boolean | undefined; csv?: boolean | undefined },
  tty: boolean,
): Mode {
  if (a.csv) return "csv";
  return a.json || !tty ? "ndjson" : "table";
}

export async function eventsCommand(a: EventsArgs, io: EventsIo): Promise<CommandOutput> {
  const stateDir = await openStateDir(a.stateDir);
  // Flags first: a bad one is a usage error before the state is read.
  const keep = eventFilter(a);
  const since = a.since === undefined ? null : parseTime(a.since, "--since", io.now);
  const until = a.until === undefined ? null : parseTime(a.until, "--until", io.now);
  await requireState(stateDir);
  const current = await readCurrentEpoch(stateDir);
  if (current.epoch === null)
    throw new ObsError("STATE_CORRUPT", `no readable epoch in ${stateDir}`, {
      hint: "the next obs-poll or obs-bench quarantines bad files and falls back to the last good epoch",
      exitCode: ExitCode.STATE,
    });
  const through = current.epoch.epochId;
  const read = await readWindow(stateDir, { since, until }, through);
  const events = read.events.filter(keep);
  const how = mode(a, io.stdoutIsTTY);
  const notes: string[] = [];
  if (!a.quiet && read.skipped > 0)
    notes.push(
      `${plural(read.skipped, "line")} of the log are not v2 events (v1 lines or torn writes): not shown`,
    );
  let stdout: string;
  if (how === "csv") stdout = csvLine(CSV_HEADER) + events.map(csvRow).join("");
  else if (how === "ndjson") stdout = events.map((e) => ndjson(printed(e))).join("");
  else if (events.length === 0) stdout = a.follow ? "" : "no events match\n";
  else stdout = `${table(TABLE_HEAD, events.map(tableRow))}\n${plural(events.length, "event")}\n`;
  if (a.follow && io.write) {
    io.write.out(stdout);
    if (notes.length > 0) io.write.err(notes.map((n) => `${n}\n`).join(""));
    const { follow } = await import("./follow.js");
    await follow(stateDir, read.end, through, {
      keep,
      mode: how,
      write: io.write.out,
      stop: io.stop,
    });
    return { exitCode: ExitCode.OK };
  }
  return { stdout, stderr: notes.map((n) => `${n}\n`).join(""), exitCode: ExitCode.OK };
}
