// Output conventions shared by every tool: NDJSON records on stdout when stdout is not a TTY or
// --json is given; a human summary on stderr; colour only on a TTY and never with NO_COLOR.
// Human output is sanitised (invariant 12): table() escapes every cell with core's terminalSafe,
// so a model id cannot move the cursor or add a row; NDJSON keeps exact values.
import { createRequire } from "node:module";
import { terminalSafe } from "@observatory/core/errors";
import { Chalk, type ChalkInstance, chalkStderr } from "chalk";
import type CliTable from "cli-table3";

// cli-table3 (CommonJS, with its own dependencies) is loaded on the first table, not at start-up.
const require = createRequire(import.meta.url);
let TableClass: typeof CliTable | undefined;
function Table(): typeof CliTable {
  TableClass ??= require("cli-table3") as typeof CliTable;
  return TableClass;
}

export interface OutputMode {
  /** Print NDJSON records on stdout. */
  ndjson: boolean;
  /** stderr is a terminal: tables, colour and progress are welcome. */
  humanTty: boolean;
}

export interface TtyInfo {
  isTTY?: boolean;
}

export function outputMode(
  json: boolean | undefined,
  streams: { stdout: TtyInfo; stderr: TtyInfo } = {
    stdout: process.stdout,
    stderr: process.stderr,
  },
): OutputMode {
  return {
    ndjson: json === true || !streams.stdout.isTTY,
    humanTty: streams.stderr.isTTY === true,
  };
}

/**
 * Colours for stderr. chalk honours FORCE_COLOR and non-TTY streams but not NO_COLOR
 * (https://no-color.org: set and not empty means no colour), so that is checked here.
 */
export function stderrColors(
  env: NodeJS.ProcessEnv = process.env,
  chalk: ChalkInstance = chalkStderr,
): ChalkInstance {
  return env["NO_COLOR"] ? new Chalk({ level: 0 }) : chalk;
}

export const c = stderrColors();

export function ndjson(record: unknown): string {
  return `${JSON.stringify(record)}\n`;
}

/**
 * A table cell the tool colours. The text is sanitised first and the colour applied after, so
 * the tool's own escape codes survive and the data's never reach the terminal.
 */
export interface Painted {
  readonly text: string;
  readonly paint: (s: string) => string;
}

export function painted(paint: (s: string) => string, text: string): Painted {
  return { text, paint };
}

export type TableCell = string | number | Painted;

/** A cell as printed: sanitised, then painted. For plain-line layouts that skip the box. */
export function cellText(v: TableCell): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return terminalSafe(v);
  return v.paint(terminalSafe(v.text));
}

/**
 * A boxed table. Every string cell is passed through terminalSafe (an embedded newline would
 * otherwise start a new row); colour a cell with painted(), never by passing coloured text.
 */
export function table(head: string[], rows: ReadonlyArray<ReadonlyArray<TableCell>>): string {
  const t = new (Table())({
    head: head.map((h) => c.bold(terminalSafe(h))),
    style: { head: [], border: [] },
  });
  for (const r of rows) t.push(r.map(cellText));
  return t.toString();
}
