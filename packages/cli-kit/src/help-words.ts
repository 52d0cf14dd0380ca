// Whether a command line only asks for help or the version: then a bin reads no config file
// and loads nothing but its help (runMain).
/** Whether the command line only asks for help or the version (then no config is read). */
export function asksHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  const args = end === -1 ? argv : argv.slice(0, end);
  return args.some((a) => a === "--help" || a === "-h" || a === "--version") || args[0] === "help";
}
