// The Anthropic adapter: GET /v1/models paged with limit/after_id until has_more is false, and
// POST /v1/messages. Keys go in x-api-key with the anthropic-version header.
import { z } from "zod";
import { collectPages } from "../internal/pages.js";
import { type Outcome, ok } from "../outcome.js";
import type { Completion, DialectAdapter, ModelListing } from "../types.js";
import { finishRecords } from "./finish.js";
import { KnobMemory } from "./knobs.js";
import {
  capabilitySet,
  compact,
  int,
  type Json,
  MAX_DEPTH,
  obj,
  type RecordDraft,
  str,
} from "./records.js";
import type { Transport } from "./transport.js";

export const ANTHROPIC_VERSION = "2023-06-01";

const PageSchema = z.object({
  data: z.array(z.unknown()),
  has_more: z.boolean(),
  first_id: z.string().nullish(),
  last_id: z.string().nullish(),
});

const MessageSchema = z.object({
  model: z.string(),
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
  stop_reason: z.string().nullish(),
});

/**
 * Capability paths whose `supported` is true: "thinking", "thinking.types.adaptive"... (a
 * set: the caller sorts it). Iterative, and nothing below MAX_DEPTH levels is read.
 */
function supported(caps: Json | undefined): string[] {
  const out: string[] = [];
  const stack: Array<[Json, string, number]> = caps ? [[caps, "", 0]] : [];
  while (stack.length > 0) {
    const [node, prefix, depth] = stack.pop()!;
    const children: Array<[Json, string, number]> = [];
    for (const [k, v] of Object.entries(node)) {
      const child = obj(v);
      if (!child) continue;
      const path = prefix ? `${prefix}.${k}` : k;
      if (child.supported === true) out.push(path);
      if (depth + 1 < MAX_DEPTH) children.push([child, path, depth + 1]);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

function record(entry: unknown): RecordDraft | undefined {
  const e = obj(entry);
  const id = str(e?.id);
  if (!e || !id) return undefined;
  const caps = supported(obj(e.capabilities));
  return {
    id,
    name: str(e.display_name),
    context_length: int(e.max_input_tokens),
    max_output_tokens: int(e.max_tokens),
    capabilities: capabilitySet([
      ...caps,
      caps.includes("image_input") && "vision",
      caps.includes("thinking") && "reasoning",
    ]),
  };
}

export function anthropicAdapter(t: Transport): DialectAdapter {
  const knobs = new KnobMemory();
  return {
    async listModels(): Promise<Outcome<ModelListing>> {
      const budget = t.budget();
      const listed = await collectPages(
        { provider: t.provider, budget },
        async (after) => {
          const reply = await t.list(
            "list models",
            t.url("/models", { limit: t.options.pageSize, after_id: after }),
            budget,
          );
          if (!reply.ok) return reply;
          const page = t.parse(PageSchema, reply.value.json, "list models");
          if (!page.ok) return page;
          const { data, has_more, last_id } = page.value;
          return ok({ items: data, more: has_more, next: last_id ?? undefined });
        },
        record,
      );
      if (!listed.ok) return listed;
      const { entries, pages } = listed.value;
      return ok({ provider: "anthropic", pages, ...finishRecords("anthropic", entries) });
    },

    async complete(modelId, prompt, maxTokens): Promise<Outcome<Completion>> {
      // Only temperature: recent Claude models refuse temperature and top_p together, and the
      // Messages API has no seed.
      const { out, knobsSent } = await knobs.send(modelId, (withKnobs) =>
        t.call("messages", t.url("/messages"), {
          model: modelId,
          max_tokens: maxTokens,
          messages: [{ role: "user", content: prompt }],
          ...(withKnobs ? { temperature: 0 } : {}),
        }),
      );
      if (!out.ok) return out;
      const parsed = t.parse(MessageSchema, out.value.json, "messages");
      if (!parsed.ok) return parsed;
      const text = parsed.value.content
        .filter((b) => b.type === "text")
        .map((b) => b.text ?? "")
        .join("");
      const finish = parsed.value.stop_reason ?? undefined;
      return ok({
        text,
        latencyMs: out.value.latencyMs,
        identity: compact({ resolved_model: parsed.value.model }),
        ...(finish ? { finishReason: finish } : {}),
        knobs: knobsSent ? { temperature: 0 } : {},
      });
    },
  };
}
