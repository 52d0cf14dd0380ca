// obs-history: one model's changes, oldest first, long after retention pruned the epochs they
// came in. This module parses the command line with cli-kit alone; the history is read by a
// module imported after, so --help and --version start fast.
import { baseCli, runMain } from "@observatory/cli-kit";
import { ExitCode, ObsError } from "@observatory/core/errors";
import { VERSION } from "./version.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(
    "obs-history",
    async () => {
      const args = await baseCli("obs-history", VERSION, argv)
        .usage(USAGE)
        .command("$0 [model]", false)
        .positional("model", {
          type: "string",
          describe: "provider/id, or a suffix only one model has (gpt-4o)",
        })
        .option("field", {
          type: "string",
          describe:
            'Only this field and the fields under it ("pricing" for every price, "context_length")',
        })
        .option("since", {
          type: "string",
          describe: "Only changes after this point (epoch id, date or time, @-N, 7d/12h/30m, now)",
        })
        .option("until", {
          type: "string",
          describe: "Only changes up to this point (the same forms)",
        })
        .option("csv", {
          type: "boolean",
          describe: "Print CSV on stdout: a header, then one row per change",
        })
        .conflicts("csv", "json")
        .example("$0 openai/gpt-4o", "Every change of one model since the history began")
        .example(
          "$0 gpt-4o --field pricing",
          "Its price changes (a suffix only one model has is enough)",
        )
        .example("$0 gpt-4o --since 30d --csv > gpt-4o.csv", "The last 30 days, for a spreadsheet")
        .example("$0 gpt-4o --until 2026-11-01", "What it was up to a date (the row's after value)")
        .epilog(EPILOG)
        .parseAsync();
      if (args.help || args.version) return { exitCode: ExitCode.OK };
      // Optional to yargs, so a mistyped flag is reported (with "did you mean") before this.
      if (args.model === undefined)
        throw new ObsError("USAGE", "name the model whose history to show", {
          hint: "obs-history provider/id (or a suffix only one model has: obs-history gpt-4o)",
          exitCode: ExitCode.USAGE,
        });
      const { historyCommand } = await import("./history/execute.js");
      return historyCommand(
        {
          stateDir: args["state-dir"],
          model: String(args.model),
          field: args.field,
          since: args.since,
          until: args.until,
          json: args.json,
          csv: args.csv,
          quiet: args.quiet,
        },
        { stdoutIsTTY: process.stdout.isTTY === true, now: new Date() },
      );
    },
    argv,
  );
}

const USAGE = `$0 MODEL [--field F] [--since T] [--until T] [--json|--csv]

What one model's listing said, change by change: its name, context window, prices and
capabilities, when it appeared and when it left, oldest first. Each row is one field of one
committed epoch: when (epoch id and time), the field, old -> new, and for numbers the relative
change (+12.5%). The answer comes from the model history, which outlives retention: epochs
pruned long ago still have their rows.

MODEL is provider/id (openai/gpt-4o). A suffix after a "/" is enough when only one model has it
(gpt-4o); an ambiguous one lists the candidates (exit 2), an unknown one the nearest names
(exit 6).

--since and --until take a point: an epoch id, an ISO date or time (UTC unless it says),
@-N (N epochs before the newest), 7d / 12h / 30m ago, or now. A point is the epoch current
then; --since shows the changes after it (what obs-diff POINT sums up), --until those up to it.`;

const EPILOG = `Output: a table on a terminal; NDJSON on stdout otherwise (or with --json), one HISTORY_CHANGE
record per change: model, epoch, at, field, old, new (docs/schemas/records/history-change.schema.json);
--csv: epoch, at, model, field, old, new, relative. Values are as the provider reported them
(prices stay decimal strings); "listed" goes false -> true when the model appears and true -> false
when it leaves ("-" in the table: not reported).

A state whose epochs were written before the history existed has no history yet: obs-history
says so and exits 0; the next obs-poll starts it.

Exit codes: 0 ok (also: no changes, no history yet); 2 usage error, ambiguous model, no state or
a v1 state directory; 5 the state directory cannot be read; 6 no such model, or a point the
history does not hold.`;
