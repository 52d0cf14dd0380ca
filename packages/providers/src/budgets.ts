// Per-provider listing budgets: how much one provider's listing may cost before it is given up
// as over budget (a POLL_ERROR for that provider, its previous snapshot carried forward). They
// bound memory and time against a hostile or broken provider; real listings fit with room.
import { ExitCode, ObsError } from "@observatory/core";
import type { Env } from "./env.js";

export interface ListingBudgets {
  /** Bytes of listing bodies per listing, all pages and /api/show answers together (64 MB). */
  listingBytes: number;
  /** Models per listing, counted as entries arrive (100,000). */
  models: number;
  /** Listing pages per listing (1,000); Ollama's /api/show calls are not pages. */
  pages: number;
  /** Wall time per listing, retries and their waits included (300,000 ms). */
  listingMs: number;
  /** Bytes of one Ollama /api/show answer (4 MiB). */
  showBytes: number;
}

export type BudgetName = keyof ListingBudgets;

export const DEFAULT_BUDGETS: Readonly<ListingBudgets> = {
  listingBytes: 64 * 1024 * 1024,
  models: 100_000,
  pages: 1_000,
  listingMs: 300_000,
  showBytes: 4 * 1024 * 1024,
};

/** The environment variable that sets each budget. */
export const BUDGET_ENV: Readonly<Record<BudgetName, string>> = {
  listingBytes: "OBS_BUDGET_LISTING_BYTES",
  models: "OBS_BUDGET_MODELS",
  pages: "OBS_BUDGET_PAGES",
  listingMs: "OBS_BUDGET_LISTING_MS",
  showBytes: "OBS_BUDGET_SHOW_BYTES",
};

/** What "more than <limit> ..." means for each budget, in over-budget messages. */
export const BUDGET_UNIT: Readonly<Record<BudgetName, string>> = {
  listingBytes: "bytes of listing",
  models: "models",
  pages: "pages",
  listingMs: "ms",
  showBytes: "bytes in one /api/show answer",
};

/** A positive integer from `env[variable]`, undefined when unset; anything else is a usage error. */
export function envPositiveInt(env: Env, variable: string, example: number): number | undefined {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) {
    throw new ObsError("BUDGET_INVALID", `${variable} must be a positive integer`, {
      hint: `e.g. ${variable}=${example}; unset it for the default`,
      exitCode: ExitCode.USAGE,
    });
  }
  return n;
}

/**
 * Each budget from the options, else its OBS_BUDGET_* variable, else the default. A variable
 * that is set but not a positive integer is a usage error (ObsError, exit code 2), not ignored.
 */
export function resolveBudgets(
  options: Partial<ListingBudgets> | undefined,
  env: Env,
): ListingBudgets {
  const out = { ...DEFAULT_BUDGETS };
  for (const name of Object.keys(BUDGET_ENV) as BudgetName[]) {
    const given = options?.[name];
    if (given !== undefined) {
      if (!Number.isSafeInteger(given) || given < 1)
        throw new Error(`budgets.${name} must be a positive integer, got ${given}`);
      out[name] = given;
      continue;
    }
    out[name] = envPositiveInt(env, BUDGET_ENV[name], DEFAULT_BUDGETS[name]) ?? out[name];
  }
  return out;
}
