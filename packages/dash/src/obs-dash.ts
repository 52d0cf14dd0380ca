// obs-dash's entry point: parse flags, then either print the one-shot summary (stdout not a
// terminal, or --json) or load the interactive view. Only this file touches process state.
// Only argument parsing is loaded up front: the state reader, zod and the panels are imported
// once the arguments are known, so --help and --version start fast.
import { baseCli, numberOption, openStateDir, runMain } from "@observatory/cli-kit";
import { ExitCode } from "@observatory/core/errors";
import { PANEL_IDS, type PanelId } from "./panels/types.js";
import { VERSION } from "./version.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(
    "obs-dash",
    async () => {
      const args = await baseCli("obs-dash", VERSION, argv)
        .usage(USAGE)
        .option("watch", {
          type: "boolean",
          describe:
            "Interactive: re-read when a new epoch is committed (or the log or locks change)",
        })
        .option("panel", {
          type: "string",
          choices: PANEL_IDS,
          describe: "Start on this panel (summary: print only this panel)",
        })
        .option(
          "limit",
          numberOption("limit", {
            describe: "Summary: rows per panel, 0 for all",
            min: 0,
            integer: true,
            default: 15,
          }),
        )
        .example("$0", "On a terminal: the interactive dashboard over ./state")
        .example("$0 --state-dir ~/obs --watch", "Follow a state directory as obs-poll commits")
        .example("$0 --panel events | less", "Print the Events panel as text and page it")
        .example("$0 --json | jq '.alarms'", "Drifted models, provider errors, violated locks")
        .epilog(EPILOG)
        .parseAsync();
      if (args.help || args.version) return { exitCode: ExitCode.OK };
      const panel = args.panel as PanelId | undefined;
      const interactive =
        args.json !== true && process.stdout.isTTY === true && process.stdin.isTTY === true;
      // On a bucket, the dashboard's mirror keeps pulling while it is on screen.
      const stateDir = await openStateDir(args["state-dir"], process.env, { follow: interactive });
      if (!interactive) {
        const { summaryCommand } = await import("./summary/command.js");
        return summaryCommand({
          stateDir,
          json: args.json === true,
          limit: args.limit ?? 15,
          ...(panel ? { panels: [panel] } : {}),
          env: process.env,
        });
      }
      // ink switches to print-once-at-exit when CI is set (is-in-ci, read when ink loads). A
      // dashboard on a real terminal is never a CI log, so the flag goes before ink is loaded.
      delete process.env["CI"];
      delete process.env["CONTINUOUS_INTEGRATION"];
      const [{ runTui }, { colourEnabled }] = await Promise.all([
        import("./tui/run.js"),
        import("./tui/theme.js"),
      ]);
      const exitCode = await runTui({
        stateDir,
        watch: args.watch === true,
        colour: colourEnabled(process.env, true),
        env: process.env,
        ...(panel ? { panel } : {}),
      });
      return { exitCode };
    },
    argv,
  );
}

const USAGE = `$0 [--state-dir DIR] [--watch] [--panel NAME]

The terminal dashboard: one committed epoch of the state directory in five panels, Providers,
Events, Registry, Benchmarks and Experiments. On a terminal it is interactive; when stdout is not
a terminal it prints a one-shot text summary of every panel (--json: the same as one JSON
document) and exits.`;

const EPILOG = `Keys: 1-5 panel, Tab / Shift-Tab cycle, j/k or arrows move, PgUp/PgDn (space, b) page,
g/G top/bottom, / filter, r refresh, q quit, Esc clear filter or quit.

Filter (/): words all rows must match: free text (model key, provider, lock name...), name=value
on a panel's fields (type=DRIFT, health=DRIFT, provider=openai, verdict=CAND, status=VIOLATED),
and on Events sev>=HIGH (also >, <=, <, =). Example: sev>=WARN type=DRIFT,POLL gpt-4o

Exit codes: 0 ok; 2 usage error, no state yet (run obs-poll) or a v1 state directory (run
obs-migrate); 5 no readable epoch (corrupt state); 70 internal error.`;
