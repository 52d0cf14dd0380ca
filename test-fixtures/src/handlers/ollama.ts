// Ollama routes: GET /api/tags, POST /api/show and POST /api/chat. Like the real server, chat
// streams NDJSON unless the request says `"stream": false`.
import { HttpResponse, http } from "msw";
import { loadRecorded } from "../recorded.js";
import type { ScenarioEngine } from "../scenario/engine.js";
import { errorResponse } from "./errors.js";
import { hasModel, listingResponse } from "./listing.js";
import { chatContext, lastUserText, readJson, serve, tokens } from "./serve.js";

const provider = "ollama" as const;
const CREATED_AT = "2025-10-14T09:30:00.000000000Z";

function modelOf(json: unknown): string | undefined {
  const b = (json ?? {}) as { model?: unknown; name?: unknown };
  if (typeof b.model === "string") return b.model;
  return typeof b.name === "string" ? b.name : undefined;
}

function chatAnswer(engine: ScenarioEngine, model: string, prompt: string, stream: boolean) {
  const answer = engine.answer(provider, model, prompt);
  const id = engine.identity(provider, model);
  const done = {
    model: id.resolvedModel ?? model,
    created_at: CREATED_AT,
    message: { role: "assistant", content: stream ? "" : answer },
    done_reason: "stop",
    done: true,
    total_duration: 412_000_000,
    load_duration: 12_000_000,
    prompt_eval_count: tokens(prompt),
    prompt_eval_duration: 100_000_000,
    eval_count: tokens(answer),
    eval_duration: 300_000_000,
  };
  if (!stream) return HttpResponse.json(done);
  const chunk = {
    model: done.model,
    created_at: CREATED_AT,
    message: { role: "assistant", content: answer },
    done: false,
  };
  return new HttpResponse(`${JSON.stringify(chunk)}\n${JSON.stringify(done)}\n`, {
    headers: { "content-type": "application/x-ndjson" },
  });
}

export function ollamaHandlers(engine: ScenarioEngine) {
  return [
    http.get("*/ollama/api/tags", ({ request }) =>
      serve({ engine, provider, route: "models", request }, async () => {
        const { envelope, entries } = engine.catalog(provider);
        return listingResponse(engine, provider, { ...envelope, models: entries });
      }),
    ),
    http.post("*/ollama/api/show", async ({ request }) => {
      const { text, json } = await readJson(request);
      const model = modelOf(json);
      const ctx = {
        engine,
        provider,
        route: "show" as const,
        request,
        body: text,
        ...(model ? { model } : {}),
      };
      return serve(ctx, async () => {
        if (!model || !hasModel(engine, provider, model))
          return errorResponse("ollama", 404, `model '${model ?? ""}' not found`);
        const shows = loadRecorded<Record<string, Record<string, unknown>>>("ollama/show");
        const show = shows[model] ?? { details: {}, model_info: {}, capabilities: ["completion"] };
        return listingResponse(engine, provider, show);
      });
    }),
    http.post("*/ollama/api/chat", async ({ request }) => {
      const { text, json } = await readJson(request);
      const model = modelOf(json);
      const prompt = lastUserText((json as { messages?: unknown } | undefined)?.messages);
      const ctx = chatContext(engine, provider, request, text, model || undefined, prompt);
      return serve(ctx, async () => {
        if (json === undefined) return errorResponse("ollama", 400, "invalid JSON body");
        if (!model) return errorResponse("ollama", 400, "model is required");
        if (!hasModel(engine, provider, model))
          return errorResponse("ollama", 404, `model '${model}' not found, try pulling it first`);
        const stream = (json as { stream?: unknown }).stream !== false;
        return chatAnswer(engine, model, prompt ?? "", stream);
      });
    }),
  ];
}
