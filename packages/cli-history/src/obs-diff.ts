// obs-diff: what changed between two points of the model history (epochs retention pruned
// included). This module parses the command line with cli-kit alone; the history is read by a
// module imported after, so --help and --version start fast.
import { baseCli, runMain } from "@observatory/cli-kit";
import { ExitCode, ObsError } from "@observatory/core/errors";
import { VERSION } from "./version.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(
    "obs-diff",
    async () => {
      const args = await baseCli("obs-diff", VERSION, argv)
        .usage(USAGE)
        .command("$0 [from] [to]", false)
        .positional("from", { type: "string", describe: "The earlier point" })
        .positional("to", { type: "string", describe: "The later point (default: now)" })
        .option("provider", {
          type: "string",
          describe: "Only these providers (comma-separated)",
        })
        .option("field", {
          type: "string",
          describe:
            'Only this field and the fields under it ("pricing" for every price); added and removed models show those fields alone',
        })
        .example("$0 7d", "What changed in the last seven days")
        .example("$0 @-1", "What the newest epoch changed")
        .example(
          "$0 20261101T000000.000Z-0000 2026-11-21 --provider openai --field pricing",
          "OpenAI's price changes between an epoch (pruned or not) and a date",
        )
        .example(
          "$0 2026-11-01 --json | jq 'select(.change==\"changed\")'",
          "For scripts: the models whose fields changed",
        )
        .epilog(EPILOG)
        .parseAsync();
      if (args.help || args.version) return { exitCode: ExitCode.OK };
      // Optional to yargs, so a mistyped flag is reported (with "did you mean") before this.
      if (args.from === undefined)
        throw new ObsError("USAGE", "name the point to compare from", {
          hint: "obs-diff FROM [TO], e.g. obs-diff 7d or obs-diff @-1 (obs-diff --help lists the forms)",
          exitCode: ExitCode.USAGE,
        });
      const { diffCommand } = await import("./diff/execute.js");
      return diffCommand(
        {
          stateDir: args["state-dir"],
          from: String(args.from),
          to: args.to === undefined ? undefined : String(args.to),
          provider: args.provider,
          field: args.field,
          json: args.json,
          quiet: args.quiet,
        },
        { stdoutIsTTY: process.stdout.isTTY === true, now: new Date() },
      );
    },
    argv,
  );
}

const USAGE = `$0 FROM [TO] [--provider P,...] [--field F] [--json]

What changed between two points: the models added, the models removed, and every field that
differs for the models listed at both (name, context window, prices, capabilities), with the
relative change for numbers (+12.5%). The answer is replayed from the model history, so it works
for epochs retention pruned long ago.

FROM and TO are points: an epoch id, an ISO date or time (UTC unless it says), @-N (N epochs
before the newest), 7d / 12h / 30m ago, or now (TO's default). A point is the epoch current then.`;

const EPILOG = `Output: a table on a terminal; NDJSON on stdout otherwise (or with --json): one DIFF_ENTRY
per model that differs (change: added, removed or changed; changes: its fields, old -> new, from
null when added, to null when removed), then one DIFF_SUMMARY (docs/schemas/records/).

A state whose epochs were written before the history existed has no history yet: obs-diff says so
and exits 0; the next obs-poll starts it. A point before the history began is not found (exit 6).

Exit codes: 0 ok (differences or none); 2 usage error, no state or a v1 state directory; 5 the
state directory or the history cannot be read; 6 a point the history does not hold.`;
