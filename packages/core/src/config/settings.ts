// Every setting observatory.config.json can hold: where it lives in the file, the environment
// variable it replaces, the flag that overrides both, which tools read it, and its default as
// the docs state it. One table for the loader, --print-config and docs/configuration.md.
// No zod here: --print-config and the lookup run without loading a validator.

export const TOOLS = [
  "obs-poll",
  "obs-bench",
  "obs-lock",
  "obs-check",
  "obs-migrate",
  "obs-oracle",
  "obs-dash",
] as const;
export type ToolName = (typeof TOOLS)[number];

export interface Setting {
  /** Where it is in the file: "poll.canaryMax". */
  key: string;
  env: string;
  /** The flag that overrides it, without dashes. */
  flag?: string;
  tools: readonly ToolName[];
  /** A path (resolved against the file's directory), a list (comma-joined), or a value. */
  kind: "path" | "list" | "value";
  default: string;
}

const WRITERS: readonly ToolName[] = [
  "obs-poll",
  "obs-bench",
  "obs-lock",
  "obs-check",
  "obs-migrate",
];
const POLLERS: readonly ToolName[] = ["obs-poll", "obs-bench"];

export const SETTINGS: readonly Setting[] = [
  {
    key: "stateDir",
    env: "OBS_STATE_DIR",
    flag: "state-dir",
    tools: TOOLS,
    kind: "path",
    default: "./state",
  },
  {
    key: "providers",
    env: "OBS_PROVIDERS",
    flag: "providers",
    tools: POLLERS,
    kind: "list",
    default: "every provider with a key",
  },
  {
    key: "probes",
    env: "OBS_PROBES",
    flag: "probes",
    tools: POLLERS,
    kind: "path",
    default: "the six built-in probes",
  },
  {
    key: "webhooks",
    env: "OBS_WEBHOOKS",
    flag: "webhooks",
    tools: [...POLLERS, "obs-check"],
    kind: "path",
    default: "<state-dir>/webhooks.json when it exists",
  },
  {
    key: "retention.epochs",
    env: "OBS_RETAIN_EPOCHS",
    tools: WRITERS,
    kind: "value",
    default: "10",
  },
  {
    key: "events.rotateBytes",
    env: "OBS_EVENTS_ROTATE_BYTES",
    tools: WRITERS,
    kind: "value",
    default: "67108864 (64 MiB)",
  },
  {
    key: "poll.canaryMax",
    env: "OBS_CANARY_MAX",
    flag: "canary-max",
    tools: ["obs-poll"],
    kind: "value",
    default: "20",
  },
  {
    key: "poll.suspectShare",
    env: "OBS_SUSPECT_SHARE",
    flag: "suspect-share",
    tools: ["obs-poll"],
    kind: "value",
    default: "0.5",
  },
  {
    key: "poll.suspectPolls",
    env: "OBS_SUSPECT_POLLS",
    flag: "suspect-polls",
    tools: ["obs-poll"],
    kind: "value",
    default: "2",
  },
  {
    key: "notify.timeoutSeconds",
    env: "OBS_WEBHOOK_TIMEOUT",
    flag: "webhook-timeout",
    tools: POLLERS,
    kind: "value",
    default: "10",
  },
  {
    key: "notify.deadlineSeconds",
    env: "OBS_WEBHOOK_DEADLINE",
    flag: "webhook-deadline",
    tools: POLLERS,
    kind: "value",
    default: "30",
  },
  {
    key: "budgets.listingBytes",
    env: "OBS_BUDGET_LISTING_BYTES",
    tools: POLLERS,
    kind: "value",
    default: "67108864 (64 MiB)",
  },
  {
    key: "budgets.models",
    env: "OBS_BUDGET_MODELS",
    tools: POLLERS,
    kind: "value",
    default: "100000",
  },
  { key: "budgets.pages", env: "OBS_BUDGET_PAGES", tools: POLLERS, kind: "value", default: "1000" },
  {
    key: "budgets.listingMs",
    env: "OBS_BUDGET_LISTING_MS",
    tools: POLLERS,
    kind: "value",
    default: "300000",
  },
  {
    key: "budgets.showBytes",
    env: "OBS_BUDGET_SHOW_BYTES",
    tools: POLLERS,
    kind: "value",
    default: "4194304 (4 MiB)",
  },
  {
    key: "severity.priceRiseWarn",
    env: "OBS_SEVERITY_PRICE_RISE",
    tools: POLLERS,
    kind: "value",
    default: "2",
  },
  {
    key: "severity.priceRiseHigh",
    env: "OBS_SEVERITY_PRICE_RISE_HIGH",
    tools: POLLERS,
    kind: "value",
    default: "10",
  },
  {
    key: "severity.contextShrinkWarn",
    env: "OBS_SEVERITY_CONTEXT_SHRINK",
    tools: POLLERS,
    kind: "value",
    default: "0",
  },
  {
    key: "oracle.minCalls",
    env: "OBS_MIN_CALLS",
    flag: "min-calls",
    tools: ["obs-oracle"],
    kind: "value",
    default: "5",
  },
  {
    key: "oracle.driftWindow",
    env: "OBS_DRIFT_WINDOW",
    flag: "drift-window",
    tools: ["obs-oracle"],
    kind: "value",
    default: "7d",
  },
  {
    key: "oracle.staleAfter",
    env: "OBS_STALE_AFTER",
    flag: "stale-after",
    tools: ["obs-oracle"],
    kind: "value",
    default: "24h",
  },
];

/** The file's name, looked up in the current directory, then in $XDG_CONFIG_HOME/observatory/. */
export const CONFIG_FILE = "observatory.config.json";
