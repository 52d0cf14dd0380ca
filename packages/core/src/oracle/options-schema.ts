// The route query and open() options as zod schemas: the RouteQuery type comes from here, and the
// schema is public for callers who validate queries of their own (from config files, say).
// options.ts checks the same values by hand, without loading zod (options.test.ts holds the two
// to each other).
import { z } from "zod";
import { COST_CLASSES } from "../registry/cost-classes.js";
import { SEVERITIES } from "../severity.js";
import { MODALITIES } from "./model/modality.js";
import { PREFERENCES } from "./preferences.js";

/** A duration in ms: >= 0, or Infinity for no limit ("never" on the command line). */
const Duration = z.union([z.number().nonnegative(), z.literal(Number.POSITIVE_INFINITY)]);

export const OptionsSchema = z.object({
  driftWindowMs: Duration.optional(),
  staleAfterMs: Duration.optional(),
  minHealthyReliability: z.number().min(0).max(1).optional(),
  minCalls: z.number().int().nonnegative().optional(),
});

export const RouteQuerySchema = z.strictObject({
  /** Context window of at least this many tokens. */
  minContext: z.number().int().nonnegative().optional(),
  /** Measured reliability of at least this (models never measured do not match). */
  minReliability: z.number().min(0).max(1).optional(),
  /** Cost class at most this (free < low < mid < high < premium; unknown cost does not match). */
  maxCost: z.enum(COST_CLASSES).optional(),
  /** Median latency of at most this many milliseconds (models never measured do not match). */
  maxLatencyMs: z.number().nonnegative().optional(),
  /** Only this provider's models. */
  provider: z.string().min(1).optional(),
  /** Only models whose metadata says they support tool calls. */
  requireTools: z.boolean().optional(),
  /**
   * Measured calls a model needs to be routed (default: the open() option, 5); fewer is the
   * health gate TOO_FEW_CALLS.
   */
  minCalls: z.number().int().nonnegative().optional(),
  /**
   * What the model must give out. "text" (default): text chat, text in and only text out;
   * "image", "audio", "video", "embedding": the listing says it gives that out; "any": no check.
   * Models whose listing says nothing count as text chat (see model/modality.ts).
   */
  modality: z.enum(MODALITIES).optional(),
  /** What decides between matching models. Default "reliability". */
  prefer: z.enum(PREFERENCES).optional(),
  /**
   * true (default): exclude models with a recent confirmed drift of any severity; a severity:
   * exclude only drifts at or above it (e.g. "HIGH" lets INFO echo drifts through); false: ignore.
   */
  excludeDrift: z.union([z.boolean(), z.enum(SEVERITIES)]).optional(),
  /** Exclude models whose deprecation date has passed. Default true. */
  excludeDeprecated: z.boolean().optional(),
  /** Exclude models whose expiration date has passed. Default true. */
  excludeExpired: z.boolean().optional(),
});
export type RouteQuery = z.input<typeof RouteQuerySchema>;
