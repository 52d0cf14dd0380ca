// What decides between matching models. A module of its own, with no imports, so obs-oracle's
// entry can offer the choices without loading the SDK.
export const PREFERENCES = ["reliability", "latency", "context", "cost"] as const;
export type Preference = (typeof PREFERENCES)[number];
