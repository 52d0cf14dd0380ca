// A yargs instance with the options every tool shares and usage errors turned into ObsError
// (exit code 2), so bad flags never reach a handler. This module loads nothing heavier than yargs
// (bundled into cli-kit) and core's light errors entry: a bin's --help goes through here alone.
import { ExitCode, ObsError } from "@observatory/core/errors";
import yargs, { type Argv } from "yargs";
import { type DeclaredOptions, singleValueProblem } from "./_single-valued.js";
import { numberProblem, setParsingArgv } from "./numbers.js";
import { closest } from "./suggest.js";

export interface CommonArgs {
  "state-dir"?: string;
  json?: boolean;
  help?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export { type Verbosity, verbosity } from "./verbosity.js";

/**
 * `tool help` and `tool help <command>` are asking, like `--help`: yargs prints the help for a
 * "help" positional and then runs the tool anyway (a poll, a migration). With the word first
 * (after any --state-dir) they become `[<command>] --help`; anywhere else, the middleware in
 * baseCli marks the run as help, so the only thing that happens is the help.
 */
export function helpAsked(argv: readonly string[]): string[] {
  let i = 0;
  while (argv[i] === "--state-dir" || argv[i]?.startsWith("--state-dir=")) {
    i += argv[i] === "--state-dir" ? 2 : 1;
  }
  if (argv[i] !== "help") return [...argv];
  return [...argv.slice(0, i), ...argv.slice(i + 1), "--help"];
}

/** yargs consumed a "help" word (it shows the help and drops the word) without setting --help. */
function helpWordConsumed(raw: readonly string[], parsed: Record<string, unknown>): boolean {
  if (!raw.includes("help")) return false;
  const values = Object.values(parsed).flat().map(String);
  return !values.includes("help");
}

/**
 * Did the user write this flag (`--name`, `--name=v`, `--no-name`, or its camelCase spelling)?
 * For checks like "--models does nothing without --benchmark", where a default value would
 * otherwise look the same as a given one.
 */
export function flagWritten(argv: readonly string[], name: string): boolean {
  const spellings = new Set([name, camelCase(name)]);
  for (const a of argv) {
    if (a === "--") break;
    if (!a.startsWith("--")) continue;
    const written = a.slice(2).split("=")[0] ?? "";
    if (spellings.has(written) || spellings.has(written.replace(/^no-/, ""))) return true;
  }
  return false;
}

export function baseCli(name: string, version: string, rawArgv: string[]): Argv<CommonArgs> {
  const argv = helpAsked(rawArgv);
  setParsingArgv(argv);
  const cli: Argv = yargs(argv);
  rememberCommands(cli);
  return (
    cli
      .scriptName(name)
      .version(version)
      .help()
      .alias("h", "help")
      .strict()
      .wrap(Math.min(100, process.stdout.columns ?? 100))
      .option("state-dir", {
        type: "string",
        describe:
          "State directory, or a bucket: s3://bucket/prefix (default: $OBS_STATE_DIR, $WATCHER_STATE_DIR, then ./state)",
      })
      .option("json", {
        type: "boolean",
        describe: "Print NDJSON records on stdout even on a terminal",
      })
      .option("quiet", {
        alias: "q",
        type: "boolean",
        describe: "Print nothing on stderr but errors (records on stdout are unchanged)",
      })
      .option("verbose", {
        type: "boolean",
        describe: "Say more on stderr: each step, each provider, timings",
      })
      // Both are acted on before parsing (main.ts, config.ts); declared for --help and strictness.
      .option("config", {
        type: "string",
        describe:
          "Config file (default: $OBS_CONFIG, ./observatory.config.json, then $XDG_CONFIG_HOME/observatory/)",
      })
      .option("print-config", {
        type: "boolean",
        describe: "Print every setting this tool reads, its value and where it came from, and stop",
      })
      .conflicts("quiet", "verbose")
      .middleware((parsed) => {
        if (helpWordConsumed(argv, parsed)) parsed.help = true;
      }, true)
      .check(globalChecks(argv), true)
      .exitProcess(false)
      .fail((msg, err) => {
        const message = msg || err?.message || "invalid arguments";
        const suggestion = didYouMean(message, cli, argv);
        throw new ObsError("USAGE", unknownAsTyped(message, argv) ?? message, {
          hint: suggestion
            ? `did you mean ${suggestion}? (${name} --help lists every option)`
            : `run ${name} --help`,
          exitCode: ExitCode.USAGE,
        });
      })
  );
}

/** Global checks run after every builder, so they cover the options each tool and subcommand
 * declares on top of these, and a new option cannot miss them. */
function globalChecks(argv: string[]) {
  return (parsed: Record<string, unknown>, declared: unknown) => {
    // yargs passes its getOptions() here, though its types call it the aliases.
    const options = declared as DeclaredOptions & { number?: string[] };
    return singleValueProblem(parsed, options, argv) ?? notANumber(parsed, options, argv) ?? true;
  };
}

/** A `type: "number"` option (not declared with numberOption) given something that is not one. */
function notANumber(
  parsed: Record<string, unknown>,
  declared: { number?: string[] },
  argv: readonly string[],
): string | null {
  for (const name of declared.number ?? []) {
    const value = parsed[name];
    if (typeof value === "number" && Number.isNaN(value) && flagWritten(argv, name))
      return numberProblem(name, value, { describe: "" });
  }
  return null;
}

/**
 * yargs' "Unknown arguments: dry-rn, dryRn" as the user wrote it: "Unknown argument: --dry-rn"
 * (each flag once, with its dashes; the camelCase twin yargs adds is dropped). Null for any other
 * message.
 */
function unknownAsTyped(message: string, argv: readonly string[]): string | null {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (!m?.[1]) return null;
  const names = m[1].split(", ");
  const kebab = (n: string) => n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const shown = new Set(
    names
      .filter((n) => kebab(n) === n || !names.includes(kebab(n)))
      .map((n) => {
        const written = argv.find((a) => {
          const flag = a.split("=")[0];
          return flag === `--${n}` || flag === `--no-${n}`;
        });
        return written ? (written.split("=")[0] as string) : n;
      }),
  );
  return `Unknown argument${shown.size === 1 ? "" : "s"}: ${[...shown].join(", ")}`;
}

/** `--cannary` -> `--canary`, `exprot` -> `export`, from yargs' "Unknown argument(s): ..." text. */
function didYouMean(message: string, y: Argv, argv: readonly string[]): string | null {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (!m?.[1]) return null;
  const typed = m[1].split(", ")[0] ?? "";
  // getOptions() is public at run time but missing from @types/yargs.
  const declared = (
    y as unknown as { getOptions(): { key: Record<string, unknown> } }
  ).getOptions();
  const options = Object.keys(declared.key).filter((k) => !/[A-Z]/.test(k));
  const option = closest(typed.replace(/^no-/, ""), options);
  // yargs reports `--no-cannary` as "cannary": keep the negation the user wrote.
  const negated = typed.startsWith("no-") || argv.some((a) => a.split("=")[0] === `--no-${typed}`);
  if (option) return `--${negated ? "no-" : ""}${option}`;
  const commands = commandNames(y);
  const command = closest(typed, commands);
  if (command) return command;
  // A tool whose default command takes a NAME reads `obs-lock exprot x` as the lock "exprot"
  // with an extra "x": the mistyped command is the first word, not the unknown one.
  const first = argv.find((a) => !a.startsWith("-"));
  const meant = first === undefined ? null : closest(first, commands);
  return meant === null ? null : argv.map((a) => (a === first ? meant : a)).join(" ");
}

/** Commands as declared: yargs forgets them while it runs a default command's builder. */
const DECLARED = new WeakMap<Argv, string[]>();

function rememberCommands(cli: Argv): void {
  const names: string[] = [];
  DECLARED.set(cli, names);
  const declare = cli.command.bind(cli) as (...a: unknown[]) => Argv;
  (cli as unknown as { command: (...a: unknown[]) => Argv }).command = (...a: unknown[]) => {
    const spec = typeof a[0] === "string" ? a[0] : Array.isArray(a[0]) ? a[0][0] : undefined;
    const word = typeof spec === "string" ? spec.split(" ")[0] : undefined;
    if (word && word !== "$0" && !word.startsWith("[") && !word.startsWith("<")) names.push(word);
    return declare(...a);
  };
}

function commandNames(y: Argv): string[] {
  const declared = DECLARED.get(y);
  if (declared && declared.length > 0) return declared;
  try {
    // Not in yargs' public types; a missing method only costs the suggestion.
    const internal = (y as unknown as { getInternalMethods(): unknown }).getInternalMethods() as {
      getCommandInstance(): { getCommands(): string[] };
    };
    return internal.getCommandInstance().getCommands();
  } catch {
    return [];
  }
}

function camelCase(name: string): string {
  return name.replace(/-+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
