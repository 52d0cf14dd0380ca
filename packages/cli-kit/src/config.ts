// observatory.config.json at a bin's start (runMain): found, checked and turned into the
// environment variables its settings stand for, before the tool does anything; and
// --print-config, which shows every setting the tool reads, its value and where that came from.
// A variable already set wins over the file, and a flag over both: the tools read flag, then
// variable, then default, so the file slots in just above the default.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  findConfigFile,
  loadConfigFile,
  SETTINGS,
  type Setting,
  TOOLS,
  type ToolName,
} from "@observatory/core/config";
import { terminalSafe } from "@observatory/core/errors";
import { rawValue } from "./numbers.js";

export { asksHelp } from "./help-words.js";

export interface AppliedConfig {
  /** The file read, or null when there was none. */
  file: string | null;
  /** Variables the file set (they were unset), with the value it gave. */
  fromFile: ReadonlyMap<string, string>;
  /** Variables set before the file was read. */
  fromEnv: ReadonlySet<string>;
}

export async function applyConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): Promise<AppliedConfig> {
  // A .env file in the working directory is environment too (the tools read it, below the real
  // environment): what it sets, the config file leaves alone.
  const dotEnv = dotEnvNames(cwd);
  const fromEnv = new Set(
    SETTINGS.map((s) => s.env).filter((v) => env[v] !== undefined || dotEnv.has(v)),
  );
  const lookup = findConfigFile(rawValue(argv, "config"), env, cwd);
  const fromFile = new Map<string, string>();
  if (lookup.path === null) return { file: null, fromFile, fromEnv };
  const loaded = await loadConfigFile(lookup.path);
  for (const [name, value] of Object.entries(loaded.env)) {
    if (env[name] !== undefined || dotEnv.has(name)) continue;
    env[name] = value;
    fromFile.set(name, value);
  }
  return { file: loaded.path, fromFile, fromEnv };
}

/** The variable names a .env file in `cwd` assigns (their values are the tools' to read). */
function dotEnvNames(cwd: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(join(cwd, ".env"), "utf8");
  } catch {
    return new Set();
  }
  const names = new Set<string>();
  for (const m of text.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/gm))
    names.add(m[1]!);
  return names;
}

/** Credentials are named, never shown: "set" or nothing. */
const SECRET = /(_API_KEY|_TOKEN|_SECRET|_PASSWORD)$/;

/** The --print-config text: the file, then each setting the tool reads with value and source. */
export function renderConfig(
  tool: string,
  argv: readonly string[],
  applied: AppliedConfig,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const known = (TOOLS as readonly string[]).includes(tool);
  const rows: string[][] = [["setting", "value", "from"]];
  for (const s of SETTINGS) {
    if (known && !s.tools.includes(tool as ToolName)) continue;
    rows.push([s.key, ...valueAndSource(s, argv, applied, env)]);
  }
  const credentials = Object.keys(env)
    .filter((k) => SECRET.test(k) && env[k])
    .sort();
  const lines = [
    `${tool}: configuration (precedence: flag, then environment, then config file, then default)`,
    `config file: ${applied.file ?? "none (looked for ./observatory.config.json and $XDG_CONFIG_HOME/observatory/observatory.config.json; --config or OBS_CONFIG names one)"}`,
    "",
    ...columns(rows),
  ];
  if (credentials.length > 0) {
    lines.push("", "credentials in the environment (values never shown):");
    for (const k of credentials) lines.push(`  ${k}  set`);
  }
  return `${lines.map((l) => terminalSafe(l)).join("\n")}\n`;
}

function valueAndSource(
  s: Setting,
  argv: readonly string[],
  applied: AppliedConfig,
  env: NodeJS.ProcessEnv,
): [string, string] {
  const given = s.flag === undefined ? undefined : rawValue(argv, s.flag);
  if (given !== undefined) return [given, `flag --${s.flag}`];
  if (applied.fromEnv.has(s.env))
    return [env[s.env] ?? "(in .env)", `env ${s.env}${env[s.env] === undefined ? " (.env)" : ""}`];
  const fromFile = applied.fromFile.get(s.env);
  if (fromFile !== undefined) return [fromFile, `config file (as ${s.env})`];
  return [s.default, "default"];
}

function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd(),
  );
}
