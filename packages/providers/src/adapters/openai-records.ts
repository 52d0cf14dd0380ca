// Model records from OpenAI-compatible listings. One extractor covers the shapes in use: plain
// OpenAI/xAI/DeepSeek/Zhipu/Moonshot ids, OpenRouter (context, top_provider, decimal-string
// pricing, supported_parameters, expiration_date), Mistral (capabilities, max_context_length,
// deprecation) and Venice (model_spec).
import {
  capabilitySet,
  first,
  flattenPricing,
  int,
  type Json,
  obj,
  type RecordDraft,
  str,
} from "./records.js";

const MISTRAL_CAPS: Record<string, string> = {
  function_calling: "tools",
  vision: "vision",
  completion_chat: "chat",
  completion_fim: "fim",
};

function mistralCaps(caps: Json | undefined): string[] {
  if (!caps) return [];
  return Object.entries(caps)
    .filter(([, v]) => v === true)
    .map(([k]) => MISTRAL_CAPS[k] ?? k);
}

const VENICE_CAPS: Record<string, string> = {
  supportsFunctionCalling: "tools",
  supportsVision: "vision",
  supportsReasoning: "reasoning",
  supportsResponseSchema: "structured_outputs",
  supportsWebSearch: "web_search",
  supportsLogProbs: "logprobs",
  optimizedForCode: "code",
};

function veniceCaps(caps: Json | undefined): string[] {
  if (!caps) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(caps)) {
    if (v === true) {
      const mapped =
        VENICE_CAPS[k] ??
        k.replace(/^supports/, "").replace(/[A-Z]/g, (c, i) => (i ? "_" : "") + c.toLowerCase());
      out.push(mapped);
    } else if (k === "quantization" && typeof v === "string") {
      out.push(`quantization:${v}`);
    }
  }
  return out;
}

/** OpenRouter's supported_parameters and modalities, reduced to the flags routing cares about. */
function openRouterCaps(entry: Json): string[] {
  const params = Array.isArray(entry.supported_parameters) ? entry.supported_parameters : [];
  const has = (p: string) => params.includes(p);
  const arch = obj(entry.architecture);
  const inputs = Array.isArray(arch?.input_modalities) ? arch.input_modalities : [];
  const outputs = Array.isArray(arch?.output_modalities) ? arch.output_modalities : [];
  return [
    has("tools") ? "tools" : undefined,
    has("reasoning") || has("include_reasoning") ? "reasoning" : undefined,
    has("response_format") ? "json_mode" : undefined,
    has("structured_outputs") ? "structured_outputs" : undefined,
    inputs.includes("image") ? "vision" : undefined,
    ...inputs.filter((m): m is string => typeof m === "string").map((m) => `input:${m}`),
    ...outputs.filter((m): m is string => typeof m === "string").map((m) => `output:${m}`),
  ].filter((c): c is string => c !== undefined);
}

/** A count that fits a safe integer, or nothing (the top provider's window is extra detail). */
function safeCount(v: unknown): number | undefined {
  const n = int(v);
  return typeof n === "number" ? n : undefined;
}

export function openAiCompatibleRecord(entry: unknown): RecordDraft | undefined {
  const e = obj(entry);
  const id = str(e?.id);
  if (!e || !id) return undefined;
  const spec = obj(e.model_spec);
  const top = obj(e.top_provider);
  const deprecation = first(str(e.deprecation), str(obj(spec?.deprecation)?.date));
  const record: RecordDraft = {
    id,
    name: first(str(e.name), str(spec?.name), str(e.display_name)),
    context_length: first(
      int(e.context_length),
      int(e.max_context_length),
      int(e.context_window),
      int(spec?.availableContextTokens),
      int(top?.context_length),
    ),
    max_output_tokens: first(
      int(top?.max_completion_tokens),
      int(e.max_output_tokens),
      int(e.max_completion_tokens),
      int(spec?.maxCompletionTokens),
    ),
    top_provider_context_length: safeCount(top?.context_length),
    pricing: flattenPricing(e.pricing ?? spec?.pricing),
    capabilities: capabilitySet([
      ...openRouterCaps(e),
      ...mistralCaps(obj(e.capabilities)),
      ...veniceCaps(obj(spec?.capabilities)),
    ]),
    deprecation_date: deprecation,
    expiration_date: str(e.expiration_date),
  };
  return record;
}
