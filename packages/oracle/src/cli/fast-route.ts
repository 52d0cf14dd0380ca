// `obs-oracle route ...` read without yargs. Routing scripts call route once per decision, and
// loading and configuring yargs was a quarter of the command's time. This reads the common lines
// only: the word route, filter terms, and the documented flags each given once with a plain value
// (--state-dir D, --min-calls N, --modality M, --drift-window T, --stale-after T, --json, --quiet,
// -q, --verbose; `--flag=value` too). Anything else (help, a typo, a repeated or odd flag, a bad
// value, `--`) gives null and goes to the full parser, which answers it or words its error; so
// this path never accepts what yargs would reject nor reads a line differently
// (test/fast-route.test.ts holds it to yargs' answers).
import { MODALITIES } from "./choices.js";
import { parseDuration } from "./duration.js";
import type { OracleRun } from "./execute.js";
import { type ParsedFlags, runOf } from "./run-of.js";

const VALUED = new Set(["state-dir", "min-calls", "modality", "drift-window", "stale-after"]);
const SWITCHES: Record<string, "json" | "quiet" | "verbose"> = {
  "--json": "json",
  "--quiet": "quiet",
  "-q": "quiet",
  "--verbose": "verbose",
};
/** Words yargs could read as something other than a filter term: a number, the help word. */
const NOT_A_TERM = /^(help|[-+]?[\d.]+(e[-+]?\d+)?|0x[\da-f]+)$/i;

export function fastRoute(argv: readonly string[]): OracleRun | null {
  if (argv[0] !== "route") return null;
  const filter: string[] = [];
  const given = new Map<string, string | true>();
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith("-")) {
      if (NOT_A_TERM.test(a)) return null;
      filter.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.startsWith("--") ? a.slice(2, eq === -1 ? undefined : eq) : "";
    let key: string;
    let value: string | true;
    if (VALUED.has(name)) {
      key = name;
      const v = eq === -1 ? argv[++i] : a.slice(eq + 1);
      if (v === undefined || v === "" || v.startsWith("-")) return null;
      value = v;
    } else {
      const s = SWITCHES[a];
      if (s === undefined) return null;
      key = s;
      value = true;
    }
    if (given.has(key)) return null;
    given.set(key, value);
  }
  if (given.has("quiet") && given.has("verbose")) return null;
  const flags: ParsedFlags = {
    "state-dir": str(given.get("state-dir")),
    json: given.has("json") || undefined,
    quiet: given.has("quiet") || undefined,
    verbose: given.has("verbose") || undefined,
  };
  const minCalls = str(given.get("min-calls"));
  if (minCalls !== undefined) {
    if (!/^\d{1,15}$/.test(minCalls)) return null;
    flags["min-calls"] = Number(minCalls);
  }
  const modality = str(given.get("modality"));
  if (modality !== undefined) {
    if (!(MODALITIES as readonly string[]).includes(modality)) return null;
    flags.modality = modality;
  }
  for (const d of ["drift-window", "stale-after"] as const) {
    const v = str(given.get(d));
    if (v === undefined) continue;
    try {
      flags[d] = parseDuration(d, v);
    } catch {
      return null;
    }
  }
  return runOf({ command: "route", filter }, flags);
}

function str(v: string | true | undefined): string | undefined {
  return typeof v === "string" ? v : undefined;
}
