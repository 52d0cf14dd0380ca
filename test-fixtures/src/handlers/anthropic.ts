// Anthropic routes: GET /v1/models paged with limit/after_id/before_id (has_more, first_id,
// last_id), and POST /v1/messages, which requires the anthropic-version header and max_tokens.
import { HttpResponse, http } from "msw";
import type { ScenarioEngine } from "../scenario/engine.js";
import { errorResponse } from "./errors.js";
import { hasModel, listingResponse } from "./listing.js";
import { chatContext, lastUserText, readJson, serve, tokens } from "./serve.js";

const provider = "anthropic" as const;

function page(engine: ScenarioEngine, url: URL): Response {
  const { entries } = engine.catalog(provider);
  const asked = Number(url.searchParams.get("limit") ?? "20");
  if (!Number.isInteger(asked) || asked < 1 || asked > 1000)
    return errorResponse("anthropic", 400, "limit: Input should be between 1 and 1000");
  const limit = Math.min(asked, engine.maxPageSize(provider) ?? asked);
  const after = url.searchParams.get("after_id");
  const before = url.searchParams.get("before_id");
  const ids = entries.map((e) => String(e.id));
  let start = 0;
  let end = entries.length;
  if (after !== null) {
    const i = ids.indexOf(after);
    if (i < 0) return errorResponse("anthropic", 400, `after_id: unknown id ${after}`);
    start = i + 1;
    end = Math.min(entries.length, start + limit);
  } else if (before !== null) {
    const i = ids.indexOf(before);
    if (i < 0) return errorResponse("anthropic", 400, `before_id: unknown id ${before}`);
    end = i;
    start = Math.max(0, end - limit);
  } else {
    end = Math.min(entries.length, limit);
  }
  const data = entries.slice(start, end);
  const hasMore = before !== null ? start > 0 : end < entries.length;
  return listingResponse(engine, provider, {
    data,
    has_more: hasMore,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
  });
}

export function anthropicHandlers(engine: ScenarioEngine) {
  return [
    http.get("*/anthropic/v1/models", ({ request }) =>
      serve({ engine, provider, route: "models", request }, async () =>
        page(engine, new URL(request.url)),
      ),
    ),
    http.post("*/anthropic/v1/messages", async ({ request }) => {
      const { text, json } = await readJson(request);
      const body = (json ?? {}) as { model?: unknown; messages?: unknown; max_tokens?: unknown };
      const model = typeof body.model === "string" ? body.model : undefined;
      const prompt = lastUserText(body.messages);
      const ctx = chatContext(engine, provider, request, text, model, prompt);
      return serve(ctx, async () => {
        if (!request.headers.get("anthropic-version"))
          return errorResponse("anthropic", 400, "anthropic-version: header is required");
        if (json === undefined) return errorResponse("anthropic", 400, "Invalid JSON body");
        if (typeof body.max_tokens !== "number")
          return errorResponse("anthropic", 400, "max_tokens: Field required");
        if (!model || prompt === undefined)
          return errorResponse("anthropic", 400, "model and messages: Field required");
        if (!hasModel(engine, provider, model))
          return errorResponse("anthropic", 404, `model: ${model}`);
        const answer = engine.answer(provider, model, prompt);
        const id = engine.identity(provider, model);
        return HttpResponse.json({
          id: `msg_fixture_${engine.poll}_${tokens(answer)}`,
          type: "message",
          role: "assistant",
          model: id.resolvedModel ?? model,
          content: [{ type: "text", text: answer }],
          stop_reason: "end_turn",
          stop_sequence: null,
          usage: { input_tokens: tokens(prompt), output_tokens: tokens(answer) },
        });
      });
    }),
  ];
}
