// Which option was given a shape its declaration does not allow: a one-value option given more
// than once (yargs collects the values into an array, which a tool would take for a path and
// crash on), or a string option written with no value (`--state-dir "$UNSET"` would quietly
// mean the current directory). Pure: baseCli's check hands it what yargs parsed.

/** The part of yargs' getOptions() this reads. */
export interface DeclaredOptions {
  /** Every declared option (and positional) name. */
  key: Record<string, unknown>;
  /** Options declared `array: true`: repeating them is how a user gives several values. */
  array: string[];
  /** Options declared `type: "string"`. */
  string: string[];
  alias: Record<string, string[]>;
}

/** The usage message for the first misused option, or null when every option is fine. */
export function singleValueProblem(
  parsed: Record<string, unknown>,
  declared: DeclaredOptions,
  args: readonly string[],
): string | null {
  const arrays = new Set(declared.array);
  const strings = new Set(declared.string);
  const aliasOf = new Set(Object.values(declared.alias).flat());
  const written = flagsWritten(args);
  for (const name of Object.keys(declared.key)) {
    // An alias holds the same value as its option; report the option under its own name.
    if (aliasOf.has(name) && !(name in declared.alias)) continue;
    if (arrays.has(name)) continue;
    // Only what the user wrote as a flag: a positional (a variadic one is an array too, though
    // yargs does not list it among the arrays) is the tool's to judge.
    const spellings = [name, camelCase(name), ...(declared.alias[name] ?? [])];
    if (!spellings.some((s) => written.has(s))) continue;
    const value = parsed[name];
    if (Array.isArray(value) && value.length > 1) {
      const times = value.length === 2 ? "twice" : `${value.length} times`;
      return `--${name} given ${times} (${value.map(String).join(", ")}): give it once`;
    }
    if (value === "" && strings.has(name)) return `--${name} needs a value`;
  }
  return null;
}

/** The option names written as flags (`--x`, `--x=v`, `-x`), up to a `--` terminator. */
function flagsWritten(args: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const a of args) {
    if (a === "--") break;
    if (!a.startsWith("-") || a === "-") continue;
    names.add(a.replace(/^--?/, "").split("=")[0] ?? "");
  }
  return names;
}

function camelCase(name: string): string {
  return name.replace(/-+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
