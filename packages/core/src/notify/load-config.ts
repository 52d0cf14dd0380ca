// The webhook config every notifying tool reads: --webhooks FILE, else <state>/webhooks.json when
// it exists. A file that cannot be read or parsed is reported by code, never by echoing a hook URL
// (a URL carries its token).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ExitCode, isObsError, ObsError } from "../errors.js";
import type { EventDraft } from "../events/schema.js";
import { type WebhookConfig, WebhookConfigSchema } from "./schema.js";

export async function loadWebhookConfig(
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
    throw new ObsError("WEBHOOKS_UNREADABLE", `cannot read webhook config ${path}: ${code}`, {
      exitCode: ExitCode.USAGE,
    });
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
    // Issue paths and messages only: a webhook URL carries its token and must not be echoed.
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

export interface WebhookSetup {
  config: WebhookConfig | null;
  /** A config that could not be used: reported, and the run goes on without webhooks. */
  warning: Extract<EventDraft, { type: "WEBHOOK_CONFIG_INVALID" }> | null;
}

/**
 * The config for a run that must go on without it: an invalid file becomes a WARN event to log
 * (a broken config must not stop the polling or checking a cron job exists for). A file named on
 * the command line that cannot be read at all stays a usage error (a typo in the flag).
 */
export async function loadWebhooksForRun(
  file: string | undefined,
  stateDir: string,
): Promise<WebhookSetup> {
  try {
    return { config: await loadWebhookConfig(file, stateDir), warning: null };
  } catch (e) {
    if (!isObsError(e) || e.code !== "WEBHOOKS_INVALID") throw e;
    return {
      config: null,
      warning: {
        type: "WEBHOOK_CONFIG_INVALID",
        severity: "WARN",
        file: file ?? "webhooks.json",
        reason: e.message,
      },
    };
  }
}
