// The seed's default routing recommendations: a role per common need, each one route query.
import type { RouteQuery } from "../options.js";

export interface PolicyRoleSpec {
  role: string;
  description: string;
  query: RouteQuery;
}

export const DEFAULT_POLICY: readonly PolicyRoleSpec[] = [
  {
    role: "long_context_synthesis",
    description: "long inputs: at least 200k context, reliability 0.8, largest context first",
    query: { minContext: 200_000, minReliability: 0.8, prefer: "context" },
  },
  {
    role: "precision_math",
    description: "exact answers: reliability 0.9, most reliable first",
    query: { minReliability: 0.9, prefer: "reliability" },
  },
  {
    role: "adversarial_review",
    description: "reviews at any cost: reliability 0.7, most reliable first",
    query: { minReliability: 0.7, prefer: "reliability" },
  },
  {
    role: "budget_routing",
    description: "cheap traffic: cost low or free, cheapest first",
    query: { maxCost: "low", prefer: "cost" },
  },
  {
    role: "fast_interactive",
    description: "interactive use: reliability 0.7, lowest median latency first",
    query: { minReliability: 0.7, prefer: "latency" },
  },
  {
    role: "maximum_context",
    description: "the largest context window available",
    query: { prefer: "context" },
  },
];
