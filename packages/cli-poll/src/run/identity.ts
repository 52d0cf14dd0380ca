// Serving identity: a changed resolved model, Gemini modelVersion, system_fingerprint or Ollama
// digest is direct evidence that something different now answers behind the same id.
import type { EventDraft, ServingIdentity } from "@observatory/core";

const FIELDS = ["resolved_model", "model_version", "system_fingerprint", "digest"] as const;

export function identityEvents(
  provider: string,
  modelId: string,
  before: ServingIdentity | null | undefined,
  after: ServingIdentity | undefined,
): EventDraft[] {
  if (!before || !after) return [];
  const events: EventDraft[] = [];
  for (const field of FIELDS) {
    const a = after[field];
    const b = before[field];
    // Absent on one side says nothing: many responses omit these fields some of the time.
    if (a === undefined || b === undefined || a === b) continue;
    // OpenAI rotates system_fingerprint with backend deployments; a new model name or weights
    // digest is stronger evidence.
    const severity = field === "system_fingerprint" ? "MEDIUM" : "HIGH";
    events.push({
      type: "IDENTITY_CHANGED",
      severity,
      provider,
      model_id: modelId,
      field,
      before: b,
      after: a,
    });
  }
  return events;
}
