// Output conventions shared by every tool: NDJSON records on stdout when stdout is not a TTY or
// --json is given; a human summary on stderr; colour only on a TTY and never with NO_COLOR.
import { Chalk, type ChalkInstance, chalkStderr } from "chalk";
import Table from "cli-table3";

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

export function table(head: string[], rows: Array<Array<string | number>>): string {
  const t = new Table({ head: head.map((h) => c.bold(h)), style: { head: [], border: [] } });
  for (const r of rows) t.push(r.map(String));
  return t.toString();
}
