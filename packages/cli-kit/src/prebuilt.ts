// `obs-x --help`, `obs-x -h` and `obs-x --version`, alone, answered before anything else loads.
// Loading yargs (even bundled) costs a bin as much as starting node does; these two answers never
// change between builds, so the build renders them once with yargs itself (see prerender.ts) and a
// bin's entry script prints the rendering. Anything else on the command line, a terminal narrower
// than the rendering, a missing rendering, or OBS_NO_PREBUILT=1 goes through yargs as usual.
//
// This file is copied into each tool's dist by prerender.ts and imported by its bin script, so it
// imports nothing but node's built-ins.
import { readFileSync } from "node:fs";

/** The width help is rendered at: cli-kit wraps at min(100, the terminal's columns). */
export const HELP_WIDTH = 100;

/**
 * Prints the prebuilt answer for `argv` and returns true, or returns false (printing nothing)
 * when the bin must run as usual. `distUrl` is the tool's dist directory as a URL.
 */
export function printPrebuilt(
  distUrl: URL,
  bin: string,
  argv: readonly string[] = process.argv.slice(2),
): boolean {
  if (argv.length !== 1 || process.env["OBS_NO_PREBUILT"]) return false;
  const flag = argv[0];
  let file: string;
  if (flag === "--version") file = `${bin}.version.txt`;
  else if (flag === "--help" || flag === "-h") {
    if ((process.stdout.columns ?? HELP_WIDTH) < HELP_WIDTH) return false;
    file = `${bin}.help.txt`;
  } else return false;
  let text: string;
  try {
    text = readFileSync(new URL(`prebuilt/${file}`, distUrl), "utf8");
  } catch {
    return false;
  }
  // A reader that went away (`| head -1`) ends the bin quietly, as it does on the yargs path.
  process.stdout.on("error", () => {});
  process.stdout.write(text);
  return true;
}
