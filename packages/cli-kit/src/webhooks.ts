// The webhook config every notifying tool reads: --webhooks FILE, else <state>/webhooks.json when
// it exists. A bad file is a usage error that names the problem but never echoes a hook URL.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { WebhookConfig } from "@observatory/core";
import { ExitCode, ObsError } from "@observatory/core/errors";

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
  // Core's schemas (and zod) load here, when a tool reads its config, not at start-up.
  const { WebhookConfigSchema } = await import("@observatory/core");
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
