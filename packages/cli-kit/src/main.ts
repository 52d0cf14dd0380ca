// The entry point every bin goes through: run a handler, print what it returns, map errors to
// the documented exit codes. Only this function touches process.exitCode.
import { describeError, ExitCode, isObsError, terminalSafe } from "@observatory/core/errors";
import { asksHelp } from "./help-words.js";

const STATE_ERRNOS = new Set([
  "EACCES",
  "EPERM",
  "ENOSPC",
  "EROFS",
  "EDQUOT",
  "ENOTDIR",
  "EISDIR",
  "EIO",
]);

export interface CommandOutput {
  /** Written to stdout as is (NDJSON records or the command's data). */
  stdout?: string;
  /** Written to stderr as is (human summary). */
  stderr?: string;
  exitCode: number;
}

/**
 * Runs a tool (with `argv`, after applying observatory.config.json: see config.ts). Errors are
 * printed in one voice, `<tool>: error: <what>` and a `hint:` line, with
 * the exit code the error carries. When the reader of stdout or stderr goes away (`| head -1`),
 * the rest of that stream's output is dropped quietly and the command finishes what it was doing:
 * a poll still commits its epoch, and no EPIPE stack trace reaches the terminal.
 */
export async function runMain(
  tool: string,
  run: () => Promise<CommandOutput>,
  argv?: readonly string[],
): Promise<void> {
  survivePipeClose(process.stdout);
  survivePipeClose(process.stderr);
  try {
    // observatory.config.json, before anything runs (not for help: that reads no file). A bad
    // file is a usage error listing its problems; --print-config shows the settings and stops.
    if (argv !== undefined && !asksHelp(argv)) {
      const { applyConfig, renderConfig } = await import("./config.js");
      const applied = await applyConfig(argv);
      if (argv.includes("--print-config")) {
        process.stdout.write(renderConfig(tool, argv, applied));
        process.exitCode = ExitCode.OK;
        return;
      }
    }
    const out = await run();
    if (out.stdout) process.stdout.write(out.stdout);
    if (out.stderr) process.stderr.write(out.stderr);
    process.exitCode = out.exitCode;
  } catch (e) {
    // The colours (chalk) are loaded for the error path only: a run that succeeds never needs them.
    const { c } = await import("./output.js");
    const prefix = `${tool}: `;
    if (isObsError(e)) {
      process.stderr.write(`${prefix}${c.red("error:")} ${safeLines(e.message)}\n`);
      if (e.hint) process.stderr.write(`${c.dim("hint:")} ${safeLines(e.hint)}\n`);
      process.exitCode = e.exitCode;
      return;
    }
    const errno = (e as NodeJS.ErrnoException).code;
    if (typeof errno === "string" && STATE_ERRNOS.has(errno)) {
      // The state directory (or a file the user named) cannot be read or written.
      process.stderr.write(`${prefix}${c.red("error:")} ${safeLines(describeError(e))}\n`);
      process.exitCode = ExitCode.STATE;
      return;
    }
    process.stderr.write(`${prefix}${c.red("internal error:")} ${safeLines(describeError(e))}\n`);
    process.stderr.write(
      `${c.dim("hint:")} this is a bug; please report it${process.env["OBS_DEBUG"] ? "" : " (OBS_DEBUG=1 shows the stack)"}\n`,
    );
    if (process.env["OBS_DEBUG"] && e instanceof Error && e.stack)
      process.stderr.write(`${e.stack}\n`);
    process.exitCode = ExitCode.INTERNAL;
  }
}

const guarded = new WeakSet<NodeJS.WriteStream>();

/**
 * Without an error listener, a write to a pipe whose reader has gone (EPIPE) is an uncaught
 * exception: a stack trace and exit 1 from `obs-oracle list | head -1`. With one, the stream is
 * destroyed and later writes are dropped (they report ERR_STREAM_DESTROYED here, also ignored).
 */
function survivePipeClose(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED") return;
    // Anything else on our own output (EIO on a dead terminal) has nowhere to be reported.
    process.exitCode ??= ExitCode.STATE;
  });
}

/** Error text may quote provider or file content: escape it, keeping our own line breaks. */
function safeLines(text: string): string {
  return text.split("\n").map(terminalSafe).join("\n");
}
