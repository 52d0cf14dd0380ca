// All fixture routes as msw `http` handlers, each provider mounted under `/<provider>` + its
// real URL path. Usable with msw's setupServer too, for code that uses global fetch.
import type { HttpHandler } from "msw";
import { FIXTURE_PROVIDER_INFO, FIXTURE_PROVIDERS } from "../providers.js";
import type { ScenarioEngine } from "../scenario/engine.js";
import { anthropicHandlers } from "./anthropic.js";
import { googleHandlers } from "./google.js";
import { ollamaHandlers } from "./ollama.js";
import { openaiHandlers } from "./openai.js";

export function createHandlers(engine: ScenarioEngine): HttpHandler[] {
  const handlers: HttpHandler[] = [];
  for (const provider of FIXTURE_PROVIDERS) {
    switch (FIXTURE_PROVIDER_INFO[provider].dialect) {
      case "openai":
        handlers.push(...openaiHandlers(engine, provider));
        break;
      case "anthropic":
        handlers.push(...anthropicHandlers(engine));
        break;
      case "google":
        handlers.push(...googleHandlers(engine));
        break;
      case "ollama":
        handlers.push(...ollamaHandlers(engine));
        break;
    }
  }
  return handlers;
}
