// What decides between matching models. A module of its own, with no imports: obs-oracle's entry
// keeps a copy of the list (checked equal to this one) so that its --help never loads core.
export const PREFERENCES = ["reliability", "latency", "context", "cost"] as const;
export type Preference = (typeof PREFERENCES)[number];
