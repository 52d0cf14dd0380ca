// The commands of the umbrella bin: each is one obs-* tool, named by its package and bin.

export interface Command {
  /** What a user types after `observatory`. */
  name: string;
  /** The package that ships the tool, a dependency of this one. */
  pkg: string;
  /** The tool's bin, as its package.json names it. */
  bin: string;
  /** One line for `observatory --help`. */
  summary: string;
}

export const COMMANDS: readonly Command[] = [
  {
    name: "poll",
    pkg: "@observatory/cli-poll",
    bin: "obs-poll",
    summary: "poll provider registries, canary new models; commit one epoch",
  },
  {
    name: "bench",
    pkg: "@observatory/cli-poll",
    bin: "obs-bench",
    summary: "benchmark the current epoch's models; commit one epoch",
  },
  {
    name: "lock",
    pkg: "@observatory/cli-lock",
    bin: "obs-lock",
    summary: "lock an experiment to an epoch and its baselines; list, show, export",
  },
  {
    name: "check",
    pkg: "@observatory/cli-lock",
    bin: "obs-check",
    summary: "check locks against the current epoch, or the one piped from a poll",
  },
  {
    name: "migrate",
    pkg: "@observatory/migrate-v1",
    bin: "obs-migrate",
    summary: "upgrade a v1 state directory in place (--dry-run: the plan only)",
  },
  {
    name: "oracle",
    pkg: "@observatory/oracle",
    bin: "obs-oracle",
    summary: "pick healthy models: route, status, healthy, list, policy",
  },
  {
    name: "dash",
    pkg: "@observatory/dash",
    bin: "obs-dash",
    summary: "the terminal dashboard of one epoch: providers, events, models, locks",
  },
  {
    name: "history",
    pkg: "@observatory/cli-history",
    bin: "obs-history",
    summary: "one model's changes, oldest first, kept past retention",
  },
  {
    name: "diff",
    pkg: "@observatory/cli-history",
    bin: "obs-diff",
    summary: "what changed between two points (epoch, date, @-N, 7d)",
  },
  {
    name: "events",
    pkg: "@observatory/cli-history",
    bin: "obs-events",
    summary: "committed events by type, model, severity and time; --follow",
  },
  {
    name: "report",
    pkg: "@observatory/report",
    bin: "obs-report",
    summary: "one self-contained HTML page: prices, context, drift, locks, changes",
  },
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
