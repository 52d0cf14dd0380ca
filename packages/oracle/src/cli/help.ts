// --help texts. They explain what each answer means, not only which flags exist.
import { FILTER_HELP } from "../filter.js";

export const MAIN_HELP = `obs-oracle <command> [options]

Pick healthy models from the observatory's current committed epoch. Reads one epoch (pointer ->
manifest -> routing index, the epoch's summary of registry and drift state), never the event
log; every answer names that epoch and its age.

Commands:
  route [FILTER]   the best healthy model for a filter, e.g. "context>200000,prefer=latency"
  status KEY       everything known about one model, and why it is unhealthy if it is
  healthy KEY      exit 0 when the model is healthy, 1 when not (for scripts)
  list [--by X]    every listed model ordered by reliability, latency, context or cost
  policy           the default routing recommendations, one model per role
  (none)           a one-line summary of the epoch

Healthy means: listed in the epoch (fresh or carried forward), not past an expiration or
deprecation date, no behaviour drift confirmed within the drift window, and measured reliability
(when there is any) not below 0.5.

Options:
  --state-dir DIR      state directory (default: $OBS_STATE_DIR, $WATCHER_STATE_DIR, ./state)
  --json               print one JSON record on stdout even on a terminal
  --drift-window DUR   how long before the epoch a confirmed drift still counts (default 7d)
  --stale-after DUR    flag the epoch as stale when older than this (default 24h)
  -h, --help           this help; obs-oracle <command> --help for a command
  --version            the version

Output: a table or text on a terminal; otherwise (or with --json) one JSON record on stdout.
Warnings (a stale epoch, a fallback to an older epoch) go to stderr.

Exit codes: 0 ok; 1 route found no model, or healthy KEY is unhealthy; 2 usage error (a bad
filter names the bad term); 5 the state directory holds no usable epoch; 6 unknown model key.`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  route: `obs-oracle route [FILTER] [options]

The best healthy model matching FILTER, a comma-separated list of terms (quote it: > and < are
shell redirections):
${FILTER_HELP.map((h) => `  ${h}`).join("\n")}

Comparisons mean what they say: context>200000 excludes a model of exactly 200000. Models with
unknown values never match a bound (reliability>0.9 needs a measured reliability). Ties are
broken by the other preferences, then by key, so the same epoch always gives the same answer.

Exit codes: 0 a model was picked; 1 none matches (the answer says how many each gate excluded);
2 bad filter; 5 no usable epoch.`,
  status: `obs-oracle status KEY [options]

Everything the epoch knows about KEY ("provider/model_id"): metadata, measured reliability and
latency, confirmed drifts, and the reasons it is unhealthy, if it is. Warnings cover what is
worth knowing anyway: a carried-forward listing, a scheduled deprecation, an unconfirmed change.

Exit codes: 0 known (healthy or not); 6 unknown key (close keys are suggested); 5 no usable epoch.`,
  healthy: `obs-oracle healthy KEY [options]

Exit 0 when KEY is healthy, 1 when it is not (the reasons go to the output), 6 when the epoch
does not know it. For scripts: obs-oracle healthy openai/gpt-4o && call_the_model`,
  list: `obs-oracle list [--by reliability|latency|context|cost] [options]

Every model listed in the epoch, healthy or not, best first by the chosen attribute (default
reliability). The health column names the first gate a model fails.`,
  policy: `obs-oracle policy [options]

The default routing recommendations: for each common role (long-context synthesis, precision
math, adversarial review, budget routing, fast interactive, maximum context) the model route
would pick with that role's filter, or none.`,
};
