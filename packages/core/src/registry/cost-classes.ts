// The cost classes, cheapest first: a constant of its own (no zod) for read-only paths.
export const COST_CLASSES = ["free", "low", "mid", "high", "premium"] as const;
export type CostClass = (typeof COST_CLASSES)[number];
