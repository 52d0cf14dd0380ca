// Provider configuration comes from the environment and an optional `.env` file; the real
// environment wins over the file. Parsing is ours (tiny) so no dotenv dependency rides along.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type Env = Readonly<Record<string, string | undefined>>;

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/;

function unquote(raw: string): string {
  const q = raw[0];
  if ((q === '"' || q === "'" || q === "`") && raw.length >= 2) {
    const end = raw.indexOf(q, 1);
    if (end > 0) {
      const inner = raw.slice(1, end);
      // Only double quotes interpret escapes, as in shells and dotenv.
      return q === '"'
        ? inner
            .replace(/\\n/g, "\n")
            .replace(/\\r/g, "\r")
            .replace(/\\t/g, "\t")
            .replace(/\\(["\\])/g, "$1")
        : inner;
    }
  }
  // Unquoted: a ` #` starts a comment.
  const hash = raw.search(/\s#/);
  return (hash >= 0 ? raw.slice(0, hash) : raw).trim();
}

/** Parses `.env` text: KEY=value lines, `export` prefixes, quotes and comments. Later lines win. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const m = LINE.exec(line);
    if (!m?.[1]) continue;
    out[m[1]] = unquote(m[2] ?? "");
  }
  return out;
}

export interface LoadEnvOptions {
  /** Folder holding `.env` (default: the working directory). */
  cwd?: string;
  /** Explicit file, overriding `cwd`. */
  path?: string;
  /** The real environment (default `process.env`). */
  env?: Env;
}

/** The environment providers read: `.env` values under the real environment. Never mutates either. */
export function loadEnv(options: LoadEnvOptions = {}): Record<string, string> {
  const path = options.path ?? join(options.cwd ?? process.cwd(), ".env");
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseDotEnv(readFileSync(path, "utf8"));
  } catch {
    // No .env (or unreadable): the real environment alone.
  }
  const merged: Record<string, string> = { ...fromFile };
  for (const [k, v] of Object.entries(options.env ?? process.env)) {
    if (v !== undefined) merged[k] = v;
  }
  return merged;
}
