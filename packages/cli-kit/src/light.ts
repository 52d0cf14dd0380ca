// The part of cli-kit a bin's own fast path needs, without yargs: running a command with the
// shared error voice and exit codes, the state directory's resolution, verbosity. A bin that
// parses a common command line by hand (obs-oracle route, called per request by routing
// scripts) imports this, and the full kit only for anything else.
export { type CommandOutput, runMain } from "./main.js";
export { openStateDir, resolveStateDir } from "./state-dir.js";
export { type Verbosity, verbosity } from "./verbosity.js";
