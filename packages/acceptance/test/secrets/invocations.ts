// The secrets sweep as a table: every tool, on its happy path and on every error path we can
// provoke, run with sentinel keys and a sentinel webhook token. Adding a tool is adding rows.
// "main" rows run in order on one state directory (they build on each other); "aside" rows run
// on directories of their own, alongside; "after" rows only read the main state once it is
// complete, two at a time.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScenarioSpec } from "@observatory/test-fixtures";
import { copyV1Tree } from "@observatory/test-fixtures";
import type { Bin } from "../../src/_support/bins.js";
import type { Sentinels } from "../../src/_support/sentinels.js";
import type { World } from "../../src/_support/world.js";

export interface SweepContext {
  w: World;
  s: Sentinels;
  /** Webhook config outside the state dir: hooks whose URLs carry the token (ok, 500, refused...). */
  hooks: string;
  /** A webhook config that fails validation, with the token in it. */
  badHooks: string;
  /** A directory for aside rows' state directories. */
  aside: string;
}

export interface Invocation {
  name: string;
  track: "main" | "aside" | "after";
  bin: Bin;
  args: string[] | ((c: SweepContext) => string[]);
  /** What the providers do during this run (the default world when absent). */
  scenario?: ScenarioSpec;
  /** Env on top of the world's (base URLs and sentinel keys); undefined removes a variable. */
  env?: (c: SweepContext) => Record<string, string | undefined>;
  /** Prepares an aside row's state directory (returned) or the main one. */
  setup?: (c: SweepContext) => Promise<string | undefined>;
  cwd?: (c: SweepContext) => string;
  /** `a | b`: the row's bin and args piped into this (main rows). */
  pipeTo?: (c: SweepContext) => [Bin, ...string[]];
  /** Exit codes the tool's documentation allows here. */
  exits: number[];
}

const M = "openai/gpt-4o";
const BENCHED =
  "openai/gpt-4o,anthropic/claude-sonnet-4-5-20250929,google/gemini-2.5-pro,mistral/mistral-large-latest";
const every = (
  fault: NonNullable<ScenarioSpec["faults"]>[number]["fault"],
  route: "models" | "chat",
) => ({ seed: 51, faults: [{ route, fault }] }) satisfies ScenarioSpec;
const noKeys = (c: SweepContext) =>
  Object.fromEntries(Object.keys(c.s.keyEnv).map((k) => [k, undefined]));
const asideDir = (c: SweepContext, name: string) => join(c.aside, name);

export const INVOCATIONS: Invocation[] = [
  // ---- help and configuration ----------------------------------------------------------------
  { name: "obs-poll --help", track: "aside", bin: "obs-poll", args: ["--help"], exits: [0] },
  {
    name: "obs-poll --list-providers",
    track: "aside",
    bin: "obs-poll",
    args: ["--list-providers", "--json"],
    exits: [0],
  },
  {
    name: "obs-poll: unknown flag",
    track: "aside",
    bin: "obs-poll",
    args: ["--bogus"],
    exits: [2],
  },
  {
    name: "obs-poll: unknown provider",
    track: "aside",
    bin: "obs-poll",
    args: ["--providers", "nosuch"],
    exits: [2],
  },
  {
    name: "obs-poll: invalid webhook config holding the token",
    track: "aside",
    bin: "obs-poll",
    args: (c) => ["--webhooks", c.badHooks],
    exits: [2],
  },
  {
    name: "obs-poll: a base URL that is not a URL, with a key in it",
    track: "aside",
    bin: "obs-poll",
    args: ["--no-canary", "--providers", "mistral"],
    env: (c) => ({ OBS_MISTRAL_BASE_URL: `not a url ${c.s.keys.mistral}` }),
    exits: [2, 3],
  },
  {
    name: "obs-poll: keys from a .env file, every listing rejected",
    track: "aside",
    bin: "obs-poll",
    args: ["--no-canary"],
    scenario: every({ type: "status", status: 401 }, "models"),
    env: noKeys,
    setup: async (c) => {
      const dir = asideDir(c, "dotenv");
      await mkdir(dir, { recursive: true });
      const lines = Object.entries(c.s.keyEnv).map(([k, v]) => `${k}="${v}"`);
      await writeFile(join(c.aside, ".env"), `${lines.join("\n")}\n`);
      return dir;
    },
    cwd: (c) => c.aside,
    exits: [3],
  },
  {
    name: "obs-poll: a base URL with the key as userinfo and as a query parameter",
    track: "aside",
    bin: "obs-poll",
    args: ["--no-canary", "--providers", "openai,google"],
    scenario: every({ type: "status", status: 401 }, "models"),
    env: (c) => {
      const u = new URL(c.w.server.baseUrl("openai"));
      return {
        OBS_OPENAI_BASE_URL: `http://user:${c.s.keys.openai}@${u.host}${u.pathname}`,
        OBS_GOOGLE_BASE_URL: `${c.w.server.baseUrl("google")}?key=${c.s.keys.google}`,
      };
    },
    setup: async (c) => asideDir(c, "userinfo"),
    exits: [3],
  },
  {
    name: "obs-poll: providers unreachable",
    track: "aside",
    bin: "obs-poll",
    args: ["--no-canary", "--providers", "openai,anthropic"],
    env: () => ({
      OBS_OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
      OBS_ANTHROPIC_BASE_URL: "http://127.0.0.1:9/v1",
    }),
    setup: async (c) => asideDir(c, "unreachable"),
    exits: [3],
  },
  {
    name: "obs-poll: a v1 state directory",
    track: "aside",
    bin: "obs-poll",
    args: [],
    setup: async (c) => {
      const dir = asideDir(c, "v1-refused");
      await copyV1Tree("seed-hybrid", dir);
      return dir;
    },
    exits: [2],
  },
  {
    name: "obs-poll: the state directory is a file",
    track: "aside",
    bin: "obs-poll",
    args: ["--no-canary", "--providers", "openai"],
    setup: async (c) => {
      const path = asideDir(c, "a-file");
      await mkdir(c.aside, { recursive: true });
      await writeFile(path, "not a directory");
      return path;
    },
    exits: [5],
  },

  // ---- the main state: polls, benchmarks, locks, checks, webhooks --------------------------
  {
    name: "obs-poll, all providers, webhooks",
    track: "main",
    bin: "obs-poll",
    args: (c) => ["--no-canary", "--webhooks", c.hooks],
    exits: [0],
  },
  {
    name: "obs-poll: garbage listings that echo the key",
    track: "aside",
    bin: "obs-poll",
    args: (c) => ["--no-canary", "--webhooks", c.hooks],
    scenario: {
      seed: 51,
      faults: [
        { provider: "openai", route: "models", fault: { type: "html", status: 502 } },
        { provider: "anthropic", route: "models", fault: { type: "malformed" } },
        { provider: "google", route: "models", fault: { type: "wrong_shape" } },
        { provider: "xai", route: "models", fault: { type: "truncated" } },
        { provider: "mistral", route: "models", fault: { type: "oversize", bytes: 1_000_000 } },
        { provider: "deepseek", route: "models", fault: { type: "status", status: 403 } },
        {
          provider: "openrouter",
          route: "models",
          fault: { type: "status", status: 429, retryAfterSeconds: 0 },
        },
        { provider: "venice", route: "models", fault: { type: "status", status: 500 } },
        { provider: "zhipu", route: "models", fault: { type: "status", status: 404 } },
      ],
    },
    exits: [0],
  },
  {
    name: "obs-poll: every key rejected (401)",
    track: "aside",
    bin: "obs-poll",
    args: (c) => ["--no-canary", "--webhooks", c.hooks],
    scenario: every({ type: "status", status: 401 }, "models"),
    exits: [3],
  },
  {
    name: "obs-poll: a new model whose canary is rejected",
    track: "main",
    bin: "obs-poll",
    args: (c) => ["--webhooks", c.hooks],
    scenario: {
      seed: 51,
      catalogs: {
        openai: { add: [{ fromPoll: 1, models: [{ id: "gpt-secret-test", object: "model" }] }] },
      },
      faults: [{ provider: "openai", route: "chat", fault: { type: "status", status: 401 } }],
    },
    exits: [0],
  },
  {
    name: "obs-bench, four providers, webhooks",
    track: "main",
    bin: "obs-bench",
    args: (c) => ["--models", BENCHED, "--webhooks", c.hooks],
    exits: [0],
  },
  {
    name: "obs-lock a lock",
    track: "main",
    bin: "obs-lock",
    args: ["exp", "--models", BENCHED],
    exits: [0],
  },
  {
    name: "obs-bench: answers are errors and garbage that echo the key",
    track: "main",
    bin: "obs-bench",
    args: (c) => ["--models", BENCHED, "--webhooks", c.hooks],
    scenario: {
      seed: 51,
      faults: [
        { provider: "openai", route: "chat", fault: { type: "status", status: 401 } },
        { provider: "anthropic", route: "chat", fault: { type: "html", status: 200 } },
        { provider: "google", route: "chat", fault: { type: "malformed" } },
        { provider: "mistral", route: "chat", fault: { type: "status", status: 500 } },
      ],
    },
    exits: [0, 3],
  },
  {
    name: "obs-bench: calls that hang past --timeout",
    track: "main",
    bin: "obs-bench",
    args: ["--models", M, "--timeout", "1"],
    scenario: every({ type: "hang" }, "chat"),
    exits: [0, 3],
  },
  {
    name: "obs-lock --benchmark-before-lock, every call rejected",
    track: "main",
    bin: "obs-lock",
    args: ["exp2", "--benchmark-before-lock", "--models", M],
    scenario: every({ type: "status", status: 401 }, "chat"),
    exits: [2, 3],
  },
  {
    name: "obs-poll --benchmark: a drift begins",
    track: "main",
    bin: "obs-poll",
    args: (c) => ["--no-canary", "--benchmark", "--models", M, "--webhooks", c.hooks],
    scenario: {
      seed: 51,
      answers: [{ provider: "openai", model: "gpt-4o", prompt: 4, surfaces: ['{"name":"x"}'] }],
    },
    exits: [0],
  },
  {
    name: "obs-poll --benchmark | obs-check --all: the drift confirmed, hooks failing",
    track: "main",
    bin: "obs-poll",
    args: ["--no-canary", "--benchmark", "--models", M],
    scenario: {
      seed: 51,
      answers: [{ provider: "openai", model: "gpt-4o", prompt: 4, surfaces: ['{"name":"x"}'] }],
    },
    pipeTo: (c) => ["obs-check", "--all", "--webhooks", c.hooks],
    exits: [0, 1],
  },
  {
    name: "obs-poll --benchmark | obs-check again",
    track: "main",
    bin: "obs-poll",
    args: (c) => ["--no-canary", "--benchmark", "--models", M, "--webhooks", c.hooks],
    scenario: {
      seed: 51,
      answers: [{ provider: "openai", model: "gpt-4o", prompt: 4, surfaces: ['{"name":"x"}'] }],
    },
    pipeTo: (c) => ["obs-check", "--all", "--webhooks", c.hooks],
    exits: [1],
  },
  {
    name: "obs-check: no such lock",
    track: "after",
    bin: "obs-check",
    args: ["nosuch"],
    exits: [6],
  },
  {
    name: "obs-check: invalid webhook config",
    track: "after",
    bin: "obs-check",
    args: (c) => ["--all", "--webhooks", c.badHooks],
    exits: [2],
  },
  { name: "obs-lock --list", track: "after", bin: "obs-lock", args: ["--list"], exits: [0] },
  {
    name: "obs-lock export",
    track: "after",
    bin: "obs-lock",
    args: ["export", "exp", "--format", "md"],
    exits: [0],
  },
  {
    name: "obs-lock: bad name",
    track: "after",
    bin: "obs-lock",
    args: ["../evil", "--models", M],
    exits: [2],
  },
  { name: "obs-oracle summary", track: "after", bin: "obs-oracle", args: ["--json"], exits: [0] },
  {
    name: "obs-oracle route",
    track: "after",
    bin: "obs-oracle",
    args: ["route", "context>100000"],
    exits: [0, 1],
  },
  { name: "obs-oracle status", track: "after", bin: "obs-oracle", args: ["status", M], exits: [0] },
  {
    name: "obs-oracle list",
    track: "after",
    bin: "obs-oracle",
    args: ["list", "--by", "cost"],
    exits: [0],
  },
  { name: "obs-oracle policy", track: "after", bin: "obs-oracle", args: ["policy"], exits: [0] },
  {
    name: "obs-oracle: a bad filter",
    track: "after",
    bin: "obs-oracle",
    args: ["route", "context>>x"],
    exits: [2],
  },
  { name: "obs-dash summary", track: "after", bin: "obs-dash", args: ["--limit", "0"], exits: [0] },
  { name: "obs-dash --json", track: "after", bin: "obs-dash", args: ["--json"], exits: [0] },
  {
    name: "obs-dash: unknown panel",
    track: "after",
    bin: "obs-dash",
    args: ["--panel", "nosuch"],
    exits: [2],
  },

  // ---- migration and corrupt state ----------------------------------------------------------
  {
    name: "obs-migrate --dry-run on a v1 tree",
    track: "aside",
    bin: "obs-migrate",
    args: ["--dry-run"],
    setup: async (c) => {
      const dir = asideDir(c, "v1-dry");
      await copyV1Tree("fleet", dir);
      return dir;
    },
    exits: [1],
  },
  {
    name: "obs-migrate on a v1 tree",
    track: "aside",
    bin: "obs-migrate",
    args: [],
    setup: async (c) => {
      const dir = asideDir(c, "v1-migrated");
      await copyV1Tree("fleet", dir);
      return dir;
    },
    exits: [1],
  },
  {
    name: "obs-poll on the migrated tree (the rebaseline)",
    track: "aside",
    bin: "obs-poll",
    args: ["--no-canary"],
    setup: async (c) => asideDir(c, "v1-migrated"),
    exits: [0],
  },
  {
    name: "obs-migrate: no such directory",
    track: "aside",
    bin: "obs-migrate",
    args: [],
    setup: async (c) => asideDir(c, "does-not-exist"),
    exits: [2],
  },
];

/** Rows that run once the main rows are done, on a corrupted copy of the main state. */
export const ON_CORRUPT: Array<{ name: string; bin: Bin; args: string[]; exits: number[] }> = [
  { name: "obs-oracle on a corrupt state", bin: "obs-oracle", args: ["--json"], exits: [0] },
  { name: "obs-dash on a corrupt state", bin: "obs-dash", args: ["--json"], exits: [0] },
  { name: "obs-check on a corrupt state", bin: "obs-check", args: ["--all"], exits: [0, 1] },
  {
    name: "obs-poll recovering a corrupt state",
    bin: "obs-poll",
    args: ["--no-canary"],
    exits: [0],
  },
];
