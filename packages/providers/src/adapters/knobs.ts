// Determinism knobs are sent where supported but never relied on. Some models reject them
// outright (OpenAI's reasoning models refuse temperature 0 with a 400): such a call is resent
// once without knobs and the model remembered, so a knob never turns into a missing observation.
import type { JsonReply } from "../internal/http.js";
import type { Outcome } from "../outcome.js";

const KNOB_REJECTION = /\b(temperature|top_p|top-p|topP|seed|random_seed)\b/i;

export class KnobMemory {
  readonly #without = new Set<string>();

  async send(
    model: string,
    attempt: (withKnobs: boolean) => Promise<Outcome<JsonReply>>,
  ): Promise<{ out: Outcome<JsonReply>; knobsSent: boolean }> {
    if (!this.#without.has(model)) {
      const out = await attempt(true);
      if (out.ok || out.error.kind !== "rejected" || !KNOB_REJECTION.test(out.error.message)) {
        return { out, knobsSent: true };
      }
      this.#without.add(model);
    }
    return { out: await attempt(false), knobsSent: false };
  }
}
