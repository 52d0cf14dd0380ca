// @observatory/core/config: observatory.config.json for the bins' shared start-up (cli-kit):
// the lookup and the settings table load nothing heavy; the schema (zod) is loaded by
// loadConfigFile, only when there is a file to check.
export { type ConfigLookup, findConfigFile } from "./config/find.js";
export { type LoadedConfig, loadConfigFile } from "./config/load.js";
export { CONFIG_FILE, SETTINGS, type Setting, TOOLS, type ToolName } from "./config/settings.js";
