// obs-oracle's entry point: the only code that reads process state, prints and sets the exit code.
import pkg from "../../package.json" with { type: "json" };
import { run } from "./run.js";

export async function main(argv: string[]): Promise<void> {
  const out = await run(argv, {
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    version: pkg.version,
  });
  if (out.stdout) process.stdout.write(out.stdout);
  if (out.stderr) process.stderr.write(out.stderr);
  process.exitCode = out.exitCode;
}
