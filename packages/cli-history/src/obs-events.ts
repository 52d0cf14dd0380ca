// obs-events: the event log, committed events only, rotated files included, filtered by type,
// model, provider, severity and time. This module parses the command line with cli-kit alone;
// the log is read by a module imported after, so --help and --version start fast.
import { baseCli, runMain } from "@observatory/cli-kit";
import { ExitCode } from "@observatory/core/errors";
import { VERSION } from "./version.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(
    "obs-events",
    async () => {
      const args = await baseCli("obs-events", VERSION, argv)
        .usage(USAGE)
        .command("$0", false)
        .option("type", {
          type: "string",
          describe: "Only these event types (comma-separated: MODEL_ADDED,METADATA_CHANGED)",
        })
        .option("model", {
          type: "string",
          describe: "Only events of this model (provider/id, or a suffix after a /: gpt-4o)",
        })
        .option("provider", { type: "string", describe: "Only these providers (comma-separated)" })
        .option("severity", {
          type: "string",
          describe: "Only this severity: >=S at least S (or S alone), =S exactly S",
        })
        .option("since", {
          type: "string",
          describe:
            "Only events at or after this time (ISO date or time, epoch id, 7d/12h/30m, now)",
        })
        .option("until", { type: "string", describe: "Only events at or before this time" })
        .option("follow", {
          alias: "f",
          type: "boolean",
          describe:
            "After the matching events, print each new committed one as it comes (Ctrl-C stops)",
        })
        .option("csv", {
          type: "boolean",
          describe: "Print CSV: ts, epoch_id, type, severity, provider, model, detail",
        })
        .conflicts("csv", "json")
        .conflicts("follow", "until")
        .example("$0 --since 7d --severity '>=HIGH'", "What needed attention this week")
        .example("$0 --type METADATA_CHANGED --model gpt-4o", "Every listing change of one model")
        .example("$0 --provider openai --since 2026-11-01 --csv > events.csv", "For a spreadsheet")
        .example("$0 --follow --type BEHAVIOR_DRIFT", "Watch for confirmed drift as polls commit")
        .epilog(EPILOG)
        .parseAsync();
      if (args.help || args.version) return { exitCode: ExitCode.OK };
      const { eventsCommand } = await import("./events/execute.js");
      return eventsCommand(
        {
          stateDir: args["state-dir"],
          type: args.type,
          model: args.model,
          provider: args.provider,
          severity: args.severity,
          since: args.since,
          until: args.until,
          follow: args.follow,
          json: args.json,
          csv: args.csv,
          quiet: args.quiet,
        },
        {
          stdoutIsTTY: process.stdout.isTTY === true,
          now: new Date(),
          write: {
            out: (t) => void process.stdout.write(t),
            err: (t) => void process.stderr.write(t),
          },
        },
      );
    },
    argv,
  );
}

const USAGE = `$0 [--type T,...] [--model M] [--provider P] [--severity >=S] [--since T] [--until T]
       [--follow] [--json|--csv]

The audit log: every event of every committed epoch, oldest first, from the rotated files
(events.<stamp>.jsonl) through events.jsonl. Events of an epoch that was never committed (a crash
mid-commit, an aborted run) are never shown.

--since and --until take a time: an ISO date or time (UTC unless it says), an epoch id (its time),
7d / 12h / 30m ago, or now. The log is appended in time order, so --since does not read what came
before it: rotated files that end earlier are skipped and the start is found by a binary search.

Severities, lowest first: INFO, LOW, MEDIUM, WARN, HIGH, CRITICAL.`;

const EPILOG = `Output: a table on a terminal; NDJSON on stdout otherwise (or with --json), each event as stored
plus "version" (docs/schemas/records/<type>.schema.json); --csv: a header, then one row per event.
--follow keeps printing (lines on a terminal, records or CSV rows otherwise) until interrupted.

Exit codes: 0 ok (matching events or none); 2 usage error, no state or a v1 state directory; 5 the
state directory cannot be read.`;
