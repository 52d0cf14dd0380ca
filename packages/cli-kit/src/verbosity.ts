/** How much a tool says on stderr besides errors. */
export type Verbosity = "quiet" | "normal" | "verbose";

export function verbosity(args: { quiet?: boolean; verbose?: boolean }): Verbosity {
  return args.quiet ? "quiet" : args.verbose ? "verbose" : "normal";
}
