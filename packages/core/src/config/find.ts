// Where observatory.config.json is: the file --config names, else $OBS_CONFIG, else the current
// directory's, else $XDG_CONFIG_HOME/observatory/ (~/.config/observatory/). Only stats files: a
// run without a config file loads nothing more.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { CONFIG_FILE } from "./settings.js";

export interface ConfigLookup {
  /** The file to read, or null when there is none. */
  path: string | null;
  /** Named explicitly (--config or OBS_CONFIG): it must exist. */
  explicit: boolean;
}

export function findConfigFile(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): ConfigLookup {
  const named = flag ?? (env["OBS_CONFIG"] || undefined);
  if (named !== undefined) return { path: resolve(cwd, named), explicit: true };
  const local = join(cwd, CONFIG_FILE);
  if (existsSync(local)) return { path: local, explicit: false };
  const base = env["XDG_CONFIG_HOME"] || join(homedir(), ".config");
  const user = join(base, "observatory", CONFIG_FILE);
  if (existsSync(user)) return { path: user, explicit: false };
  return { path: null, explicit: false };
}
