// Gemini routes: GET /v1beta/models paged with pageSize/pageToken (nextPageToken), and
// POST /v1beta/models/{id}:generateContent, whose answer names the serving `modelVersion`.
import { HttpResponse, http } from "msw";
import type { ScenarioEngine } from "../scenario/engine.js";
import { errorResponse } from "./errors.js";
import { hasModel, listingResponse } from "./listing.js";
import { chatContext, readJson, serve, tokens } from "./serve.js";

const provider = "google" as const;

// Page tokens are opaque to clients; here they carry the offset and the poll they belong to.
function encodeToken(offset: number, poll: number): string {
  return Buffer.from(`offset=${offset};poll=${poll}`).toString("base64url");
}

function decodeToken(token: string): number | undefined {
  const m = /^offset=(\d+);poll=\d+$/.exec(Buffer.from(token, "base64url").toString());
  return m ? Number(m[1]) : undefined;
}

function page(engine: ScenarioEngine, url: URL): Response {
  const { envelope, entries } = engine.catalog(provider);
  const asked = Number(url.searchParams.get("pageSize") ?? "50");
  const size = Math.min(
    Math.max(1, Math.min(asked || 50, 1000)),
    engine.maxPageSize(provider) ?? 1000,
  );
  const token = url.searchParams.get("pageToken");
  const start = token ? decodeToken(token) : 0;
  if (start === undefined) return errorResponse("google", 400, "Invalid page token.");
  const end = Math.min(entries.length, start + size);
  return listingResponse(engine, provider, {
    ...envelope,
    models: entries.slice(start, end),
    ...(end < entries.length ? { nextPageToken: encodeToken(end, engine.poll) } : {}),
  });
}

function promptOf(body: unknown): string | undefined {
  const contents = (body as { contents?: unknown })?.contents;
  if (!Array.isArray(contents)) return undefined;
  const last = contents[contents.length - 1] as { parts?: Array<{ text?: unknown }> } | undefined;
  if (!Array.isArray(last?.parts)) return undefined;
  return last.parts.map((p) => (typeof p?.text === "string" ? p.text : "")).join("");
}

export function googleHandlers(engine: ScenarioEngine) {
  return [
    http.get("*/google/v1beta/models", ({ request }) =>
      serve({ engine, provider, route: "models", request }, async () =>
        page(engine, new URL(request.url)),
      ),
    ),
    http.post("*/google/v1beta/models/*", async ({ request }) => {
      const last = decodeURIComponent(new URL(request.url).pathname.split("/").pop() ?? "");
      const [model, method] = last.split(":");
      const { text, json } = await readJson(request);
      const prompt = promptOf(json);
      const ctx = chatContext(engine, provider, request, text, model || undefined, prompt);
      return serve(ctx, async () => {
        if (method !== "generateContent" || !model)
          return errorResponse("google", 404, `Method ${method ?? ""} not found.`);
        if (prompt === undefined)
          return errorResponse(
            "google",
            400,
            "* GenerateContentRequest.contents: contents is not specified",
          );
        if (!hasModel(engine, provider, model))
          return errorResponse(
            "google",
            404,
            `models/${model} is not found for API version v1beta, or is not supported for generateContent.`,
          );
        const answer = engine.answer(provider, model, prompt);
        const id = engine.identity(provider, model);
        return HttpResponse.json({
          candidates: [
            {
              content: { parts: [{ text: answer }], role: "model" },
              finishReason: "STOP",
              index: 0,
            },
          ],
          usageMetadata: {
            promptTokenCount: tokens(prompt),
            candidatesTokenCount: tokens(answer),
            totalTokenCount: tokens(prompt) + tokens(answer),
          },
          modelVersion: id.modelVersion ?? model,
          responseId: `fixture-${engine.poll}-${tokens(answer)}`,
        });
      });
    }),
  ];
}
