// The entry point every bin goes through: run a handler, print what it returns, map errors to
// the documented exit codes. Only this function touches process.exitCode.
import { describeError, ExitCode, isObsError, terminalSafe } from "@observatory/core";
import { c } from "./output.js";

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

export async function runMain(run: () => Promise<CommandOutput>): Promise<void> {
  try {
    const out = await run();
    if (out.stdout) process.stdout.write(out.stdout);
    if (out.stderr) process.stderr.write(out.stderr);
    process.exitCode = out.exitCode;
  } catch (e) {
    if (isObsError(e)) {
      process.stderr.write(`${c.red("error:")} ${safeLines(e.message)}\n`);
      if (e.hint) process.stderr.write(`${c.dim("hint:")} ${safeLines(e.hint)}\n`);
      process.exitCode = e.exitCode;
      return;
    }
    const errno = (e as NodeJS.ErrnoException).code;
    if (typeof errno === "string" && STATE_ERRNOS.has(errno)) {
      // The state directory (or a file the user named) cannot be read or written.
      process.stderr.write(`${c.red("error:")} ${safeLines(describeError(e))}\n`);
      process.exitCode = ExitCode.STATE;
      return;
    }
    process.stderr.write(`${c.red("internal error:")} ${safeLines(describeError(e))}\n`);
    if (process.env["OBS_DEBUG"] && e instanceof Error && e.stack)
      process.stderr.write(`${e.stack}\n`);
    process.exitCode = ExitCode.INTERNAL;
  }
}

/** Error text may quote provider or file content: escape it, keeping our own line breaks. */
function safeLines(text: string): string {
  return text.split("\n").map(terminalSafe).join("\n");
}
