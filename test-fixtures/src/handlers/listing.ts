// Serialises a listing document the way the scenario spells it at this poll.
import { HttpResponse } from "msw";
import type { FixtureProvider } from "../providers.js";
import { idKeys } from "../scenario/catalog.js";
import type { ScenarioEngine } from "../scenario/engine.js";
import { respellValue, stringify } from "../scenario/respell.js";

export function listingResponse(
  engine: ScenarioEngine,
  provider: FixtureProvider,
  doc: Record<string, unknown>,
): Response {
  const spelling = engine.respell(provider);
  const value = spelling
    ? respellValue(doc, {
        floats: spelling.floats,
        ...(spelling.unicode ? { unicode: spelling.unicode } : {}),
        idKeys: idKeys(provider),
      })
    : doc;
  return new HttpResponse(stringify(value, spelling?.floats ?? false), {
    status: 200,
    headers: { "content-type": "application/json" },
  });
}

/** Is `model` served by the provider at this poll? */
export function hasModel(
  engine: ScenarioEngine,
  provider: FixtureProvider,
  model: string,
): boolean {
  const { entries } = engine.catalog(provider);
  return entries.some((e) => {
    const id = provider === "google" ? String(e.name ?? "").replace(/^models\//, "") : undefined;
    if (id !== undefined) return id === model;
    if (provider === "ollama") return e.name === model || e.model === model;
    return e.id === model;
  });
}
