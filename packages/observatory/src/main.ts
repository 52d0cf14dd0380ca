// The umbrella bin: `observatory <command> ...` runs the obs-* tool the command names in this
// very process (process.argv rewritten, then the tool's bin script imported), so its output,
// exit code and signal handling are the tool's own. Only this file writes and sets exit codes.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { closest } from "@observatory/cli-kit/suggest";
import { COMMANDS, type Command, findCommand } from "./commands.js";
import { helpText } from "./help.js";
import { resolveBin } from "./resolve-bin.js";

const NAME = "observatory";

export async function main(argv: readonly string[]): Promise<void> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(helpText());
    process.exitCode = 2;
    return;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    const topic = first === "help" ? rest[0] : undefined;
    if (topic === undefined) return void process.stdout.write(helpText());
    const command = findCommand(topic);
    if (command) return run(command, ["--help"]);
    return usageError(`unknown command "${topic}"`, suggestion(topic));
  }
  if (first === "--version") return void process.stdout.write(`${version()}\n`);
  if (first.startsWith("-"))
    return usageError(
      `unknown option "${first}"`,
      `options go after the command (observatory poll ${first}); see observatory --help`,
    );
  const command = findCommand(first);
  if (!command) return usageError(`unknown command "${first}"`, suggestion(first));
  return run(command, rest);
}

async function run(command: Command, args: readonly string[]): Promise<void> {
  const bin = resolveBin(command.pkg, command.bin);
  if (bin === null) {
    error(
      `cannot find ${command.bin} (package ${command.pkg})`,
      "the installation is incomplete; reinstall model-observatory",
    );
    process.exitCode = 2;
    return;
  }
  // obs-lock --benchmark-before-lock runs this command to benchmark; under the umbrella the
  // obs-bench bin need not be on PATH. A value the user set wins.
  const bench = resolveBin("@observatory/cli-poll", "obs-bench");
  if (bench !== null && !process.env["OBS_BENCH_COMMAND"]) process.env["OBS_BENCH_COMMAND"] = bench;
  process.argv = [process.argv[0] ?? process.execPath, bin, ...args];
  await import(pathToFileURL(bin).href);
}

function suggestion(typed: string): string {
  // `observatory obs-poll` means poll: the tool's own name is a near miss too.
  const meant = closest(
    typed.replace(/^obs-/, ""),
    COMMANDS.map((c) => c.name),
  );
  const list = `see observatory --help for the commands (${COMMANDS.map((c) => c.name).join(", ")})`;
  return meant ? `did you mean "${meant}"? ${list}` : list;
}

function usageError(what: string, hint: string): void {
  error(what, hint);
  process.exitCode = 2;
}

function error(what: string, hint: string): void {
  // The tools' voice: `<tool>: error: <what>` and a `hint:` line, coloured only on a terminal.
  const colour = process.stderr.isTTY === true && !process.env["NO_COLOR"];
  const red = (s: string) => (colour ? `\u001b[31m${s}\u001b[39m` : s);
  const dim = (s: string) => (colour ? `\u001b[2m${s}\u001b[22m` : s);
  process.stderr.write(`${NAME}: ${red("error:")} ${what}\n${dim("hint:")} ${hint}\n`);
}

function version(): string {
  const manifest = JSON.parse(
    readFileSync(new URL("../package.json", import.meta.url), "utf8"),
  ) as { version: string };
  return manifest.version;
}
