// Command-line parsing with node:util parseArgs (no yargs: the oracle's dependency closure must
// stay small). Bad flags become ObsError USAGE (exit 2) naming the flag.
import { parseArgs } from "node:util";
import { ExitCode, ObsError } from "@observatory/core";
import { PREFERENCES, type Preference } from "../options.js";
import { parseDuration } from "./duration.js";

export const COMMANDS = ["route", "status", "healthy", "list", "policy"] as const;
export type Command = (typeof COMMANDS)[number];

export interface Args {
  command: Command | null;
  positionals: string[];
  stateDir: string | undefined;
  json: boolean;
  help: boolean;
  version: boolean;
  by: Preference | undefined;
  driftWindowMs: number | undefined;
  staleAfterMs: number | undefined;
}

export function usage(message: string, hint = "run obs-oracle --help"): ObsError {
  return new ObsError("USAGE", message, { hint, exitCode: ExitCode.USAGE });
}

export function parseCli(argv: string[]): Args {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw usage((e as Error).message);
  }
  const problem = singleValueProblem(parsed.tokens ?? []);
  if (problem !== null) throw usage(problem);
  const { values: v } = parsed;
  let [first, ...rest] = parsed.positionals;
  // `obs-oracle help [command]` asks for help, like --help: it never runs anything.
  const helpWord = first === "help";
  if (helpWord) [first, ...rest] = rest;
  let command: Command | null = null;
  if (first !== undefined) {
    command = COMMANDS.find((c) => c === first) ?? null;
    if (command === null)
      throw usage(`unknown command "${first}"`, `commands: ${COMMANDS.join(", ")}`);
  }
  const positionals = rest;
  if (command !== null && !v.help && !helpWord) checkArity(command, positionals);
  let by: Preference | undefined;
  if (v.by !== undefined) {
    if (command !== "list") throw usage("--by only applies to list");
    by = PREFERENCES.find((p) => p === v.by);
    if (by === undefined) throw usage(`--by ${v.by}: expected one of ${PREFERENCES.join(", ")}`);
  }
  return {
    command,
    positionals,
    stateDir: v["state-dir"],
    json: v.json ?? false,
    help: (v.help ?? false) || helpWord,
    version: v.version ?? false,
    by,
    driftWindowMs:
      v["drift-window"] === undefined
        ? undefined
        : parseDuration("drift-window", v["drift-window"]),
    staleAfterMs:
      v["stale-after"] === undefined ? undefined : parseDuration("stale-after", v["stale-after"]),
  };
}

/**
 * A one-value flag given twice (parseArgs keeps the last silently) or a string flag given an
 * empty value: the same usage errors, in the same words, as the yargs tools (cli-kit).
 */
function singleValueProblem(tokens: ReturnType<typeof parse>["tokens"]): string | null {
  const seen = new Map<string, string[]>();
  for (const t of tokens ?? []) {
    if (t.kind !== "option" || t.value === undefined) continue;
    if (t.value === "") return `--${t.name} needs a value`;
    seen.set(t.name, [...(seen.get(t.name) ?? []), t.value]);
  }
  for (const [name, values] of seen) {
    if (values.length < 2) continue;
    const times = values.length === 2 ? "twice" : `${values.length} times`;
    return `--${name} given ${times} (${values.join(", ")}): give it once`;
  }
  return null;
}

/** Wrong arguments are a usage error before any state is read. */
function checkArity(command: Command, positionals: string[]): void {
  const n = positionals.length;
  if ((command === "status" || command === "healthy") && n !== 1) {
    if (n === 0)
      throw usage(`${command} needs a model key`, `e.g. obs-oracle ${command} openai/gpt-4o`);
    throw usage(`${command} takes one key, got ${n}`);
  }
  // The seed spelled it --policy default; "default" is the only policy there is.
  const extra = command === "policy" ? positionals.filter((p) => p !== "default") : positionals;
  if ((command === "list" || command === "policy") && extra.length > 0)
    throw usage(`${command} takes no arguments, got "${extra.join(" ")}"`);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    tokens: true,
    options: {
      "state-dir": { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean" },
      by: { type: "string" },
      "drift-window": { type: "string" },
      "stale-after": { type: "string" },
    },
  });
}
