// The thresholds that turn the size of a price or context change into a severity: their
// defaults, their schema (for a config file) and their OBS_SEVERITY_* environment variables.
import { z } from "zod";
import { ExitCode, ObsError } from "../errors.js";

export interface SeverityThresholds {
  /** A price that rises by this factor or more (new / old, per price key) is WARN. */
  priceRiseWarn: number;
  /** A price that rises by this factor or more is HIGH; so is a free model becoming paid. */
  priceRiseHigh: number;
  /** A context window that loses at least this fraction of itself is WARN; 0 = any shrink. */
  contextShrinkWarn: number;
}

export const DEFAULT_SEVERITY_THRESHOLDS: Readonly<SeverityThresholds> = {
  priceRiseWarn: 2,
  priceRiseHigh: 10,
  contextShrinkWarn: 0,
};

/** The environment variable that sets each threshold. */
export const SEVERITY_ENV: Readonly<Record<keyof SeverityThresholds, string>> = {
  priceRiseWarn: "OBS_SEVERITY_PRICE_RISE",
  priceRiseHigh: "OBS_SEVERITY_PRICE_RISE_HIGH",
  contextShrinkWarn: "OBS_SEVERITY_CONTEXT_SHRINK",
};

/** What each threshold allows, in the words of an error message. */
const ALLOWED: Readonly<Record<keyof SeverityThresholds, string>> = {
  priceRiseWarn: "a factor greater than 1 (2 = the price doubled)",
  priceRiseHigh: "a factor greater than 1 (10 = ten times the price)",
  contextShrinkWarn: "a fraction of the window lost, from 0 (any shrink) to below 1 (0.5 = half)",
};

const factor = z.number().gt(1);
/** Partial: a config file names only the thresholds it changes. */
export const SeverityThresholdsSchema = z
  .object({
    priceRiseWarn: factor.optional(),
    priceRiseHigh: factor.optional(),
    contextShrinkWarn: z.number().min(0).lt(1).optional(),
  })
  .strict();

type Env = Readonly<Record<string, string | undefined>>;

function valid(name: keyof SeverityThresholds, n: number): boolean {
  if (!Number.isFinite(n)) return false;
  return name === "contextShrinkWarn" ? n >= 0 && n < 1 : n > 1;
}

function invalid(name: keyof SeverityThresholds, source: string, got: string): ObsError {
  return new ObsError(
    "SEVERITY_THRESHOLD_INVALID",
    `${source} must be ${ALLOWED[name]}, got ${got}`,
    {
      hint: `e.g. ${SEVERITY_ENV[name]}=${name === "contextShrinkWarn" ? "0.25" : name === "priceRiseWarn" ? "3" : "20"}; unset it for the default ${DEFAULT_SEVERITY_THRESHOLDS[name]}`,
      exitCode: ExitCode.USAGE,
    },
  );
}

/**
 * Each threshold from `options`, else its OBS_SEVERITY_* variable, else the default. A variable
 * that is set but not a plain number in range is a usage error (ObsError, exit code 2), never
 * ignored; so is a HIGH factor below the WARN one. An empty variable counts as unset, as the
 * OBS_BUDGET_* ones do.
 */
export function resolveSeverityThresholds(
  options: Partial<SeverityThresholds> | undefined,
  env: Env,
): SeverityThresholds {
  const out: SeverityThresholds = { ...DEFAULT_SEVERITY_THRESHOLDS };
  const source: Record<keyof SeverityThresholds, string> = {
    priceRiseWarn: "the default",
    priceRiseHigh: "the default",
    contextShrinkWarn: "the default",
  };
  for (const name of Object.keys(SEVERITY_ENV) as (keyof SeverityThresholds)[]) {
    const given = options?.[name];
    if (given !== undefined) {
      if (!valid(name, given)) throw invalid(name, name, String(given));
      out[name] = given;
      source[name] = name;
      continue;
    }
    const variable = SEVERITY_ENV[name];
    const raw = env[variable]?.trim();
    if (raw === undefined || raw === "") continue;
    const n = /^(\d+\.?\d*|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
    if (!valid(name, n)) throw invalid(name, variable, JSON.stringify(env[variable]));
    out[name] = n;
    source[name] = variable;
  }
  if (out.priceRiseHigh < out.priceRiseWarn) {
    throw new ObsError(
      "SEVERITY_THRESHOLD_INVALID",
      `the HIGH price-rise factor (${out.priceRiseHigh}, ${source.priceRiseHigh}) is below the WARN one (${out.priceRiseWarn}, ${source.priceRiseWarn})`,
      {
        hint: `set ${SEVERITY_ENV.priceRiseHigh} to at least ${SEVERITY_ENV.priceRiseWarn}`,
        exitCode: ExitCode.USAGE,
      },
    );
  }
  return out;
}
