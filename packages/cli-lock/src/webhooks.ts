// The webhook config obs-check sends EXPERIMENT_DRIFT and BENCHMARK_MISSING to: --webhooks FILE,
// else <state>/webhooks.json when it exists (the same file obs-poll uses).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ExitCode, ObsError, type WebhookConfig, WebhookConfigSchema } from "@observatory/core";

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
    if (file === undefined && code === "ENOENT") return null;
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
    // Paths and messages only: a webhook URL carries its token and must not be echoed.
    const issues = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ObsError("WEBHOOKS_INVALID", `${path}: ${issues.join("; ")}`, {
      exitCode: ExitCode.USAGE,
    });
  }
  return r.data;
}
