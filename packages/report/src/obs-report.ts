// obs-report: one self-contained HTML page on a state directory. This module parses the command
// line with cli-kit alone; the state is read by a module imported after, so --help and --version
// start fast.
import { baseCli, runMain } from "@observatory/cli-kit";
import { ExitCode } from "@observatory/core/errors";
import { VERSION } from "./version.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(
    "obs-report",
    async () => {
      const args = await baseCli("obs-report", VERSION, argv)
        .usage(USAGE)
        .command("$0", false)
        .option("since", {
          type: "string",
          describe: "The report's first point (default: the history's start)",
        })
        .option("until", { type: "string", describe: "The report's last point (default: now)" })
        .option("provider", { type: "string", describe: "Only these providers (comma-separated)" })
        .option("models", {
          type: "string",
          describe: "Only these models (comma-separated provider/id)",
        })
        .option("out", {
          type: "string",
          describe: "The HTML file to write (default: report.html)",
        })
        .example("$0 --out report.html", "Everything the history holds, in one page")
        .example("$0 --since 30d --provider openai,anthropic", "The last 30 days of two providers")
        .example("$0 --models openai/gpt-4o,anthropic/claude-3.5-sonnet", "Two models only")
        .epilog(EPILOG)
        .parseAsync();
      if (args.help || args.version) return { exitCode: ExitCode.OK };
      const { reportCommand } = await import("./execute.js");
      return reportCommand(
        {
          stateDir: args["state-dir"],
          since: args.since,
          until: args.until,
          provider: args.provider,
          models: args.models,
          out: args.out,
          json: args.json,
          quiet: args.quiet,
        },
        { stdoutIsTTY: process.stdout.isTTY === true, now: new Date() },
      );
    },
    argv,
  );
}

const USAGE = `$0 [--since T] [--until T] [--provider P,...] [--models M,...] [--out report.html]

Writes one self-contained HTML file (scripts, styles and data inlined; it opens from disk with no
network): the providers and their status, price and context step charts for each model (a model
picker chooses), the drift timeline with each behavioural drift's evidence, the experiment locks
checked against the current epoch, and a sortable, filterable table of every change in the range
(obs-diff's rows). The data comes from the model history, so pruned epochs are included.

T is a point: an epoch id, an ISO date or time (UTC unless it says), @-N, 7d / 12h / 30m ago, or
now. A point is the epoch current then.`;

const EPILOG = `Output: the file, and a line on stderr saying where; NDJSON on stdout when it is not a terminal
(or with --json): one REPORT_WRITTEN record with the path and its size.

Exit codes: 0 written; 2 usage error, no state or a v1 state directory; 5 the state or the
history cannot be read, or the file cannot be written; 6 no history yet, or a point or model the
history does not hold.`;
