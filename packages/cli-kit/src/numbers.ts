// Numeric flags that say what they accept. yargs turns `--timeout abc` into NaN and takes
// `--timeout -5` as given; a tool would then wait forever or not at all. numberOption declares a
// flag whose value is checked as it is parsed: a bad one is a usage error (exit 2) naming the flag,
// what it got and what it allows.
import type { Options } from "yargs";

export interface NumberSpec {
  describe: string;
  /** Smallest value allowed (inclusive). */
  min?: number;
  /** Values must be greater than this (exclusive): `above: 0` for a positive duration. */
  above?: number;
  /** Largest value allowed (inclusive). */
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** What the number counts, for the message: "seconds", "models". */
  unit?: string;
  default?: number;
}

/** The raw command line of the parse in progress, to quote what the user typed for NaN. */
let currentArgv: readonly string[] = [];
export function setParsingArgv(argv: readonly string[]): void {
  currentArgv = argv;
}

/** What `--flag` accepts, as a phrase: "a whole number of models from 1 to 100". */
export function allowed(spec: NumberSpec): string {
  const what = `${spec.integer ? "a whole number" : "a number"}${spec.unit ? ` of ${spec.unit}` : ""}`;
  const low =
    spec.above !== undefined ? `> ${spec.above}` : spec.min !== undefined ? `>= ${spec.min}` : "";
  if (spec.min !== undefined && spec.max !== undefined)
    return `${what} from ${spec.min} to ${spec.max}`;
  if (low && spec.max !== undefined) return `${what} ${low} and <= ${spec.max}`;
  if (low) return `${what} ${low}`;
  if (spec.max !== undefined) return `${what} <= ${spec.max}`;
  return what;
}

/** Whether a spec allows a value (for a flag's value, or an environment variable's). */
export function fits(value: number, spec: NumberSpec): boolean {
  return (
    Number.isFinite(value) &&
    (!spec.integer || Number.isInteger(value)) &&
    (spec.min === undefined || value >= spec.min) &&
    (spec.above === undefined || value > spec.above) &&
    (spec.max === undefined || value <= spec.max)
  );
}

/** The problem with a value, or null when it is allowed. */
export function numberProblem(flag: string, value: number, spec: NumberSpec): string | null {
  if (fits(value, spec)) return null;
  const got = Number.isNaN(value) ? JSON.stringify(rawValue(currentArgv, flag) ?? "") : value;
  return `--${flag} must be ${allowed(spec)}, got ${got}`;
}

/** A checked numeric option; yargs infers `number` (or `number | undefined` without a default). */
export type NumberOption = Options & { type: "number"; coerce: (v: unknown) => number };

export function numberOption(flag: string, spec: NumberSpec): NumberOption {
  return {
    type: "number",
    describe: spec.describe,
    ...(spec.default === undefined ? {} : { default: spec.default }),
    coerce: (v: unknown) => {
      // Given twice, yargs hands over an array; baseCli's one-value check reports that.
      if (Array.isArray(v) || v === undefined) return v as unknown as number;
      const problem = numberProblem(flag, Number(v), spec);
      if (problem) throw new Error(problem);
      return Number(v);
    },
  };
}

/** What the user wrote after `--flag` or `--flag=`, for quoting. */
export function rawValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (a === `--${flag}`) return argv[i + 1];
    if (a?.startsWith(`--${flag}=`)) return a.slice(flag.length + 3);
  }
  return undefined;
}
