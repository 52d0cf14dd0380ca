// The umbrella's own help text, written by hand: rendering it with yargs would load yargs on
// every `observatory` start, and the dispatch needs no argument parser.
import { COMMANDS } from "./commands.js";

const EXAMPLES: Array<[string, string]> = [
  ["observatory poll --providers openai,anthropic", "poll two providers, commit an epoch"],
  ["observatory bench --models openai/gpt-4o", "probe one model's behaviour"],
  ["observatory lock paper-1 --models openai/gpt-4o", "lock an experiment to this epoch"],
  ["observatory poll | observatory check --all", "check every lock against the poll"],
  ['observatory oracle route "context>=200k"', "the best healthy 200k model"],
  ["observatory poll --help", "a command's own options"],
];

export function helpText(): string {
  const name = Math.max(...COMMANDS.map((c) => c.name.length));
  const bin = Math.max(...COMMANDS.map((c) => c.bin.length));
  const commands = COMMANDS.map(
    (c) => `  ${c.name.padEnd(name)}  ${`(${c.bin})`.padEnd(bin + 2)}  ${c.summary}`,
  );
  const example = Math.max(...EXAMPLES.map(([cmd]) => cmd.length));
  const examples = EXAMPLES.map(([cmd, what]) => `  ${cmd.padEnd(example)}  ${what}`);
  return [
    "observatory <command> [options]",
    "",
    "Watches LLM provider APIs and makes every silent model change explicit. Each command runs",
    "one obs-* tool with the arguments that follow it, unchanged: `observatory poll ...` is",
    "`obs-poll ...` (same options, output and exit codes). `obs` is a shorter name for this bin.",
    "",
    "Commands:",
    ...commands,
    "",
    "Options:",
    "  -h, --help     Show this help (`observatory <command> --help`: that command's)",
    "      --version  Show the version number",
    "",
    "Examples:",
    ...examples,
    "",
    "Every command takes --state-dir (default $OBS_STATE_DIR, then ./state; or s3://bucket/prefix",
    "to share a state through a bucket), --json, --help and --version. Keys come from the",
    "environment or a .env file (OPENAI_API_KEY, ...).",
    "",
  ].join("\n");
}
