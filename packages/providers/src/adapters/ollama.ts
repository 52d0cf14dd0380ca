// The Ollama adapter: GET /api/tags, POST /api/show per model (context length, capabilities),
// POST /api/chat with stream false. No key. The weights' digest from /api/tags is the model's
// identity, so completions report the digest the last listing saw.
import { z } from "zod";
import { boundedMap } from "../internal/bounded-map.js";
import { fail, type Outcome, ok } from "../outcome.js";
import type { Completion, DialectAdapter, ModelListing } from "../types.js";
import { finishRecords } from "./finish.js";
import { capabilitySet, compact, int, type Json, obj, type RecordDraft, str } from "./records.js";
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

function contextLength(info: Record<string, unknown> | undefined): number | string | undefined {
  if (!info) return undefined;
  // The key is per architecture: "llama.context_length", "qwen2.context_length"...
  const arch = str(info["general.architecture"]);
  const exact = arch ? int(info[`${arch}.context_length`]) : undefined;
  if (exact !== undefined) return exact;
  const key = Object.keys(info).find((k) => k.endsWith(".context_length"));
  return key ? int(info[key]) : undefined;
}

function record(tag: Json, show: z.infer<typeof ShowSchema>): RecordDraft | undefined {
  const id = str(tag.name) ?? str(tag.model);
  if (!id) return undefined;
  const caps = show.capabilities ?? [];
  return {
    id,
    name: id,
    context_length: contextLength(show.model_info),
    capabilities: capabilitySet(caps.map((c) => OLLAMA_CAPS[c] ?? c)),
    digest: str(tag.digest),
  };
}

export function ollamaAdapter(t: Transport): DialectAdapter {
  const digests = new Map<string, string>();

  async function listModels(): Promise<Outcome<ModelListing>> {
    const budget = t.budget();
    const overPages = budget.nextPage("list models");
    if (overPages) return fail(overPages);
    const reply = await t.list("list models", t.url("/api/tags"), budget);
    if (!reply.ok) return reply;
    const tags = t.parse(TagsSchema, reply.value.json, "list models");
    if (!tags.ok) return tags;
    const entries = tags.value.models.map(obj).filter((e): e is Json => e !== undefined);
    // Checked before any /api/show: a listing of a million tags must not become a million calls.
    const overModels = budget.addModels(entries.length, "list models");
    if (overModels) return fail(overModels);
    // A listing without every model's details would flap fingerprints, so one failed show
    // fails the listing (the previous snapshot is carried forward). Each answer is reduced to
    // its record at once, so at most `showConcurrency` bodies are held at a time.
    const shows = await boundedMap(entries, t.options.showConcurrency, async (e) => {
      const shown = await t.list("show", t.url("/api/show"), budget, {
        method: "POST",
        body: { model: str(e.name) ?? str(e.model) },
        bodyBudget: "showBytes",
      });
      if (!shown.ok) return shown;
      const show = t.parse(ShowSchema, shown.value.json, "show");
      return show.ok ? ok(record(e, show.value)) : show;
    });
    if (!shows.ok) return shows;
    const overBytes = budget.bytesOver("show");
    if (overBytes) return fail(overBytes);
    const finished = finishRecords("ollama", shows.value);
    digests.clear();
    for (const m of finished.models) if (m.digest) digests.set(m.id, m.digest);
    return ok({ provider: "ollama", pages: 1 + entries.length, ...finished });
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
