// One row of the secrets sweep: a tool run, where it runs, what the providers do meanwhile, and
// the exit codes its documentation allows. The rows are in rows-*.ts; invocations.ts lists them.
import { join } from "node:path";
import type { ScenarioSpec } from "@observatory/test-fixtures";
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

export const M = "openai/gpt-4o";
export const BENCHED =
  "openai/gpt-4o,anthropic/claude-sonnet-4-5-20250929,google/gemini-2.5-pro,mistral/mistral-large-latest";
export const every = (
  fault: NonNullable<ScenarioSpec["faults"]>[number]["fault"],
  route: "models" | "chat",
) => ({ seed: 51, faults: [{ route, fault }] }) satisfies ScenarioSpec;
export const noKeys = (c: SweepContext) =>
  Object.fromEntries(Object.keys(c.s.keyEnv).map((k) => [k, undefined]));
export const asideDir = (c: SweepContext, name: string) => join(c.aside, name);
