// The secrets sweep as a table: every tool, on its happy path and on every error path we can
// provoke, run with sentinel keys and a sentinel webhook token. Adding a tool is adding rows.
// "main" rows run in order on one state directory (they build on each other); "aside" rows run
// on directories of their own, alongside; "after" rows only read the main state once it is
// complete, two at a time.
import type { Bin } from "../../src/_support/bins.js";
import type { Invocation } from "./invocation.js";
import { CONFIG_ROWS } from "./rows-config.js";
import { MAIN_ROWS } from "./rows-main.js";
import { MIGRATE_ROWS } from "./rows-migrate.js";

export type { Invocation, SweepContext } from "./invocation.js";

export const INVOCATIONS: Invocation[] = [...CONFIG_ROWS, ...MAIN_ROWS, ...MIGRATE_ROWS];

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
