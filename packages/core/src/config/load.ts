// Reads and checks observatory.config.json and turns it into the environment variables it stands
// for. A bad file is a usage error (exit 2) that lists every problem with its place in the file,
// before any tool has done anything.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ExitCode, ObsError } from "../errors.js";
import { SETTINGS } from "./settings.js";

export interface LoadedConfig {
  path: string;
  /** Environment variable -> value, for every setting the file holds. */
  env: Record<string, string>;
}

/** The schema (zod) is loaded here, only when there is a file to check. */
export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ObsError("CONFIG_INVALID", `cannot read the config file ${path} (${code})`, {
      hint:
        code === "ENOENT"
          ? "check --config / OBS_CONFIG, or create it (docs/configuration.md)"
          : "check the file's permissions",
      exitCode: ExitCode.USAGE,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw invalid(path, [`not JSON: ${(e as Error).message}`]);
  }
  const { ObservatoryConfigSchema } = await import("./schema.js");
  const r = ObservatoryConfigSchema.safeParse(value);
  if (!r.success) {
    throw invalid(
      path,
      r.error.issues.map((i) => {
        const at = i.path.length === 0 ? "(top level)" : i.path.map(String).join(".");
        const keys = "keys" in i && Array.isArray(i.keys) ? ` ${i.keys.join(", ")}` : "";
        return `${at}: ${i.message}${keys && !i.message.includes(keys.trim()) ? `:${keys}` : ""}`;
      }),
    );
  }
  const dir = dirname(path);
  const env: Record<string, string> = {};
  for (const s of SETTINGS) {
    const v = s.key
      .split(".")
      .reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], r.data);
    if (v === undefined) continue;
    env[s.env] =
      s.kind === "path"
        ? // A path is relative to the config file; a bucket (s3://) or a mirror URL is not a path.
          /^(s3|https?):\/\//i.test(String(v))
          ? String(v)
          : resolve(dir, String(v))
        : s.kind === "list"
          ? (v as string[]).join(",")
          : String(v);
  }
  return { path, env };
}

function invalid(path: string, problems: string[]): ObsError {
  const n = problems.length;
  return new ObsError(
    "CONFIG_INVALID",
    `${path}: ${n === 1 ? "1 problem" : `${n} problems`}\n${problems.map((p) => `  ${p}`).join("\n")}`,
    {
      hint: "fix the file (docs/configuration.md lists every setting; docs/schemas/config.schema.json checks it in an editor); nothing was done",
      exitCode: ExitCode.USAGE,
    },
  );
}
