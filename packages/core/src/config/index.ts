// observatory.config.json: the settings table and the lookup (no zod) and the loader (zod).
export { type ConfigLookup, findConfigFile } from "./find.js";
export { type LoadedConfig, loadConfigFile } from "./load.js";
export { type ObservatoryConfig, ObservatoryConfigSchema } from "./schema.js";
export { CONFIG_FILE, SETTINGS, type Setting, TOOLS, type ToolName } from "./settings.js";
