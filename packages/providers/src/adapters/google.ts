// The Gemini adapter: GET /v1beta/models paged with pageSize/pageToken until no nextPageToken,
// and POST /v1beta/models/{id}:generateContent. The key travels in x-goog-api-key, never in the
// URL (the seed's ?key= put it in every log and error line).
import { z } from "zod";
import { collectPages } from "../internal/pages.js";
import { type Outcome, ok } from "../outcome.js";
import type { Completion, DialectAdapter, ModelListing } from "../types.js";
import { finishRecords } from "./finish.js";
import { KnobMemory } from "./knobs.js";
import { capabilitySet, compact, int, obj, type RecordDraft, str } from "./records.js";
import type { Transport } from "./transport.js";

// An empty account answers {} rather than {"models": []}.
const PageSchema = z.object({
  models: z.array(z.unknown()).optional(),
  nextPageToken: z.string().optional(),
});

const GenerateSchema = z.object({
  candidates: z
    .array(
      z.object({
        content: z
          .object({
            parts: z
              .array(z.object({ text: z.string().optional(), thought: z.boolean().optional() }))
              .optional(),
          })
          .optional(),
        finishReason: z.string().optional(),
      }),
    )
    .optional(),
  modelVersion: z.string().optional(),
  promptFeedback: z.object({ blockReason: z.string().optional() }).optional(),
});

export function geminiModelId(id: string): string {
  return id.replace(/^models\//, "");
}

function record(entry: unknown): RecordDraft | undefined {
  const e = obj(entry);
  const name = str(e?.name);
  if (!e || !name) return undefined;
  const methods = Array.isArray(e.supportedGenerationMethods) ? e.supportedGenerationMethods : [];
  return {
    id: geminiModelId(name),
    name: str(e.displayName),
    context_length: int(e.inputTokenLimit),
    max_output_tokens: int(e.outputTokenLimit),
    capabilities: capabilitySet([
      ...methods.filter((m): m is string => typeof m === "string").map((m) => `method:${m}`),
      e.thinking === true && "reasoning",
    ]),
  };
}

export function googleAdapter(t: Transport): DialectAdapter {
  const knobs = new KnobMemory();
  return {
    async listModels(): Promise<Outcome<ModelListing>> {
      const budget = t.budget();
      const listed = await collectPages(
        { provider: t.provider, budget },
        async (token) => {
          const reply = await t.list(
            "list models",
            t.url("/models", { pageSize: t.options.pageSize, pageToken: token }),
            budget,
          );
          if (!reply.ok) return reply;
          const page = t.parse(PageSchema, reply.value.json, "list models");
          if (!page.ok) return page;
          const next = page.value.nextPageToken || undefined;
          return ok({ items: page.value.models ?? [], more: next !== undefined, next });
        },
        record,
      );
      if (!listed.ok) return listed;
      const { entries, pages } = listed.value;
      return ok({ provider: "google", pages, ...finishRecords("google", entries) });
    },

    async complete(modelId, prompt, maxTokens): Promise<Outcome<Completion>> {
      const url = t.url(`/models/${encodeURIComponent(geminiModelId(modelId))}:generateContent`);
      const { out, knobsSent } = await knobs.send(modelId, (withKnobs) =>
        t.call("generateContent", url, {
          contents: [{ role: "user", parts: [{ text: prompt }] }],
          generationConfig: {
            maxOutputTokens: maxTokens,
            ...(withKnobs ? { temperature: 0, topP: 1, seed: 0 } : {}),
          },
        }),
      );
      if (!out.ok) return out;
      const parsed = t.parse(GenerateSchema, out.value.json, "generateContent");
      if (!parsed.ok) return parsed;
      const candidate = parsed.value.candidates?.[0];
      // Thought summaries are not the answer.
      const text = (candidate?.content?.parts ?? [])
        .filter((p) => p.thought !== true)
        .map((p) => p.text ?? "")
        .join("");
      const finish = candidate?.finishReason ?? parsed.value.promptFeedback?.blockReason;
      return ok({
        text,
        latencyMs: out.value.latencyMs,
        identity: compact({ model_version: parsed.value.modelVersion }),
        ...(finish ? { finishReason: finish } : {}),
        knobs: knobsSent ? { temperature: 0, top_p: 1, seed: 0 } : {},
      });
    },
  };
}
