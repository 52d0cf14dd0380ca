// The Ollama adapter: GET /api/tags, POST /api/show per model (context length, capabilities),
// POST /api/chat with stream false. No key. The weights' digest from /api/tags is the model's
// identity, so completions report the digest the last listing saw.
import type { ModelRecord } from "@observatory/core";
import { z } from "zod";
import { type Outcome, ok } from "../outcome.js";
import type { Completion, DialectAdapter, ModelListing } from "../types.js";
import { capabilitySet, compact, finishRecords, int, type Json, obj, str } from "./records.js";
import type { Transport } from "./transport.js";

const TagsSchema = z.object({ models: z.array(z.unknown()) });
const ShowSchema = z.object({
  model_info: z.record(z.string(), z.unknown()).optional(),
  capabilities: z.array(z.string()).optional(),
});
const ChatSchema = z.object({
  model: z.string(),
  message: z.object({ content: z.string() }),
  done_reason: z.string().optional(),
});

const OLLAMA_CAPS: Record<string, string> = { thinking: "reasoning" };

function contextLength(info: Record<string, unknown> | undefined): number | undefined {
  if (!info) return undefined;
  // The key is per architecture: "llama.context_length", "qwen2.context_length"...
  const arch = str(info["general.architecture"]);
  const exact = arch ? int(info[`${arch}.context_length`]) : undefined;
  if (exact !== undefined) return exact;
  const key = Object.keys(info).find((k) => k.endsWith(".context_length"));
  return key ? int(info[key]) : undefined;
}

function record(tag: Json, show: z.infer<typeof ShowSchema>): ModelRecord | undefined {
  const id = str(tag.name) ?? str(tag.model);
  if (!id) return undefined;
  const caps = show.capabilities ?? [];
  return {
    id,
    name: id,
    context_length: contextLength(show.model_info),
    capabilities: capabilitySet(caps.map((c) => OLLAMA_CAPS[c] ?? c)),
    digest: str(tag.digest),
  } as ModelRecord;
}

export function ollamaAdapter(t: Transport): DialectAdapter {
  const digests = new Map<string, string>();

  async function listModels(): Promise<Outcome<ModelListing>> {
    const reply = await t.list("list models", t.url("/api/tags"));
    if (!reply.ok) return reply;
    const tags = t.parse(TagsSchema, reply.value.json, "list models");
    if (!tags.ok) return tags;
    const entries = tags.value.models.map(obj).filter((e): e is Json => e !== undefined);
    // A listing without every model's details would flap fingerprints, so one failed show
    // fails the listing (the previous snapshot is carried forward).
    const shows = await Promise.all(
      entries.map((e) =>
        t.limiter.run(() =>
          t.list("show", t.url("/api/show"), "POST", { model: str(e.name) ?? str(e.model) }),
        ),
      ),
    );
    const records: (ModelRecord | undefined)[] = [];
    for (const [i, reply] of shows.entries()) {
      if (!reply.ok) return reply;
      const show = t.parse(ShowSchema, reply.value.json, "show");
      if (!show.ok) return show;
      records.push(record(entries[i] as Json, show.value));
    }
    const { models, skipped } = finishRecords(records);
    digests.clear();
    for (const m of models) if (m.digest) digests.set(m.id, m.digest);
    return ok({ provider: "ollama", models, pages: 1 + shows.length, skipped });
  }

  return {
    listModels,
    async complete(modelId, prompt, maxTokens): Promise<Outcome<Completion>> {
      const out = await t.call("chat", t.url("/api/chat"), {
        model: modelId,
        messages: [{ role: "user", content: prompt }],
        stream: false,
        options: { temperature: 0, top_p: 1, seed: 0, num_predict: maxTokens },
      });
      if (!out.ok) return out;
      const parsed = t.parse(ChatSchema, out.value.json, "chat");
      if (!parsed.ok) return parsed;
      const finish = parsed.value.done_reason;
      return ok({
        text: parsed.value.message.content,
        latencyMs: out.value.latencyMs,
        identity: compact({ resolved_model: parsed.value.model, digest: digests.get(modelId) }),
        ...(finish ? { finishReason: finish } : {}),
        knobs: { temperature: 0, top_p: 1, seed: 0 },
      });
    },
  };
}
