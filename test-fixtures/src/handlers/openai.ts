// OpenAI-compatible routes: GET {base}/models and POST {base}/chat/completions, as served by
// OpenAI, xAI, Mistral, DeepSeek, OpenRouter, Venice, Volink, Zhipu and Moonshot.
import { HttpResponse, http } from "msw";
import { FIXTURE_PROVIDER_INFO, type FixtureProvider } from "../providers.js";
import type { ScenarioEngine } from "../scenario/engine.js";
import { errorResponse } from "./errors.js";
import { hasModel, listingResponse } from "./listing.js";
import { chatContext, lastUserText, readJson, serve, tokens } from "./serve.js";

export function openaiHandlers(engine: ScenarioEngine, provider: FixtureProvider) {
  const base = `*/${provider}${FIXTURE_PROVIDER_INFO[provider].basePath}`;
  return [
    http.get(`${base}/models`, ({ request }) =>
      serve({ engine, provider, route: "models", request }, async () => {
        const { envelope, entries } = engine.catalog(provider);
        return listingResponse(engine, provider, { ...envelope, data: entries });
      }),
    ),
    http.post(`${base}/chat/completions`, async ({ request }) => {
      const { text, json } = await readJson(request);
      const body = (json ?? {}) as { model?: unknown; messages?: unknown };
      const model = typeof body.model === "string" ? body.model : undefined;
      const prompt = lastUserText(body.messages);
      const ctx = chatContext(engine, provider, request, text, model, prompt);
      return serve(ctx, async () => {
        if (json === undefined)
          return errorResponse("openai", 400, "We could not parse the JSON body of your request.");
        if (!model || prompt === undefined)
          return errorResponse("openai", 400, "'model' and 'messages' are required properties.");
        if (!hasModel(engine, provider, model))
          return errorResponse(
            "openai",
            404,
            `The model \`${model}\` does not exist or you do not have access to it.`,
          );
        const answer = engine.answer(provider, model, prompt);
        const id = engine.identity(provider, model);
        const fingerprint =
          id.systemFingerprint ?? (provider === "openai" ? "fp_fixture0001" : undefined);
        return HttpResponse.json({
          id: `chatcmpl-fixture-${engine.poll}-${tokens(answer)}`,
          object: "chat.completion",
          created: 1_760_000_000 + engine.poll,
          model: id.resolvedModel ?? model,
          ...(fingerprint !== undefined ? { system_fingerprint: fingerprint } : {}),
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: answer, refusal: null },
              logprobs: null,
              finish_reason: "stop",
            },
          ],
          usage: {
            prompt_tokens: tokens(prompt),
            completion_tokens: tokens(answer),
            total_tokens: tokens(prompt) + tokens(answer),
          },
        });
      });
    }),
  ];
}
