// The OpenAI-compatible adapter (OpenAI, xAI, Mistral, DeepSeek, OpenRouter, Venice, Volink,
// Zhipu, Moonshot): GET {base}/models and POST {base}/chat/completions with Bearer auth.
import { z } from "zod";
import { fail, type Outcome, ok } from "../outcome.js";
import type { ProviderSpec } from "../registry.js";
import type { Completion, DialectAdapter, ModelListing, SamplingKnobs } from "../types.js";
import { finishRecords } from "./finish.js";
import { KnobMemory } from "./knobs.js";
import { openAiCompatibleRecord } from "./openai-records.js";
import { compact } from "./records.js";
import type { Transport } from "./transport.js";

const ListSchema = z.object({ data: z.array(z.unknown()) });

const ContentPart = z.object({ type: z.string().optional(), text: z.string().optional() });

const ChatSchema = z.object({
  model: z.string().optional(),
  system_fingerprint: z.string().nullish(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.union([z.string(), z.array(ContentPart)]).nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
});

function text(content: string | z.infer<typeof ContentPart>[] | null | undefined): string {
  if (typeof content === "string") return content;
  // Mistral's reasoning models answer with typed chunks; only text chunks are the answer.
  return (content ?? [])
    .filter((p) => (p.type ?? "text") === "text")
    .map((p) => p.text ?? "")
    .join("");
}

export function openAiCompatibleAdapter(t: Transport, spec: ProviderSpec): DialectAdapter {
  const knobs = new KnobMemory();

  return {
    async listModels(): Promise<Outcome<ModelListing>> {
      const budget = t.budget();
      const overPages = budget.nextPage("list models");
      if (overPages) return fail(overPages);
      const reply = await t.list("list models", t.url("/models"), budget);
      if (!reply.ok) return reply;
      const parsed = t.parse(ListSchema, reply.value.json, "list models");
      if (!parsed.ok) return parsed;
      const overModels = budget.addModels(parsed.value.data.length, "list models");
      if (overModels) return fail(overModels);
      const finished = finishRecords(spec.name, parsed.value.data.map(openAiCompatibleRecord));
      return ok({ provider: spec.name, pages: 1, ...finished });
    },

    async complete(modelId, prompt, maxTokens): Promise<Outcome<Completion>> {
      const sampling: SamplingKnobs = {
        temperature: 0,
        top_p: 1,
        ...(spec.seedParam ? { seed: 0 } : {}),
      };
      const body = (withKnobs: boolean) => ({
        model: modelId,
        messages: [{ role: "user", content: prompt }],
        [spec.maxTokensParam ?? "max_tokens"]: maxTokens,
        stream: false,
        ...(withKnobs ? { temperature: 0, top_p: 1 } : {}),
        ...(withKnobs && spec.seedParam ? { [spec.seedParam]: 0 } : {}),
      });
      const { out, knobsSent } = await knobs.send(modelId, (withKnobs) =>
        t.call("chat", t.url("/chat/completions"), body(withKnobs)),
      );
      if (!out.ok) return out;
      const parsed = t.parse(ChatSchema, out.value.json, "chat");
      if (!parsed.ok) return parsed;
      const choice = parsed.value.choices[0];
      const finish = choice?.finish_reason ?? undefined;
      return ok({
        text: text(choice?.message.content),
        latencyMs: out.value.latencyMs,
        identity: compact({
          resolved_model: parsed.value.model,
          system_fingerprint: parsed.value.system_fingerprint ?? undefined,
        }),
        ...(finish ? { finishReason: finish } : {}),
        knobs: knobsSent ? sampling : {},
      });
    },
  };
}
