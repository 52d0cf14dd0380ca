// Everything a run needs before it touches a provider or takes the lock: refuse v1 state, read
// the probe file and webhook config. Bad input fails here, with nothing changed.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  BUILTIN_PROBES,
  detectV1,
  ExitCode,
  ObsError,
  type Probe,
  parseProbeFile,
  type WebhookConfig,
  WebhookConfigSchema,
} from "@observatory/core";

export async function refuseV1(stateDir: string): Promise<void> {
  const found = await detectV1(stateDir);
  if (found.length > 0) {
    throw new ObsError(
      "STATE_V1",
      `${stateDir} is a v1 state directory (found ${found.join(", ")})`,
      {
        hint: `upgrade it first: obs-migrate --state-dir ${stateDir}`,
        exitCode: ExitCode.USAGE,
      },
    );
  }
}

export async function loadProbes(file: string | undefined): Promise<Probe[]> {
  if (file === undefined) return [...BUILTIN_PROBES];
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new ObsError(
      "PROBE_FILE_UNREADABLE",
      `cannot read probe file ${file}: ${(e as NodeJS.ErrnoException).code}`,
      {
        exitCode: ExitCode.USAGE,
      },
    );
  }
  const r = parseProbeFile(text);
  if (!r.ok) {
    throw new ObsError("PROBE_FILE_INVALID", `${file}: ${r.issues.join("; ")}`, {
      hint: "see docs/probes.md for the probe file format",
      exitCode: ExitCode.USAGE,
    });
  }
  return [...BUILTIN_PROBES, ...r.probes];
}

/** The webhook config: the named file, else <state>/webhooks.json when it exists, else none. */
export async function loadWebhooks(
  file: string | undefined,
  stateDir: string,
): Promise<WebhookConfig | null> {
  const path = file ?? join(stateDir, "webhooks.json");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // No default config (or no state directory yet, or a broken one that the writer reports).
    if (file === undefined && (code === "ENOENT" || code === "ENOTDIR")) return null;
    throw new ObsError(
      "WEBHOOKS_UNREADABLE",
      `cannot read webhook config ${path}: ${(e as NodeJS.ErrnoException).code}`,
      {
        exitCode: ExitCode.USAGE,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ObsError("WEBHOOKS_INVALID", `${path} is not valid JSON`, {
      exitCode: ExitCode.USAGE,
    });
  }
  const r = WebhookConfigSchema.safeParse(json);
  if (!r.success) {
    // Issue paths and messages only: a webhook URL (with its token) must not be echoed.
    const issues = r.error.issues
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new ObsError("WEBHOOKS_INVALID", `${path}: ${issues}`, {
      hint: "see the README's Webhooks section",
      exitCode: ExitCode.USAGE,
    });
  }
  return r.data;
}
