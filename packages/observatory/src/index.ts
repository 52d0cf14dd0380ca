// model-observatory: the umbrella bin over the obs-* tools.
export { COMMANDS, type Command } from "./commands.js";
export { main } from "./main.js";
