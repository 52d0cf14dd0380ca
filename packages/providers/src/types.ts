// What adapters return. Shapes are plain data so obs-poll can put them straight into snapshots.
import type { ModelRecord, ServingIdentity } from "@observatory/core";
import type { Outcome } from "./outcome.js";
import type { ProviderKind, ProviderName } from "./registry.js";

/**
 * Something the listing kept but changed or chose, for obs-poll to turn into an event. Codes:
 * UNSAFE_NUMBER (a count or price that is not a finite safe number, kept as a string),
 * DUPLICATE_ID (an id listed more than once; one record kept, chosen by content),
 * METADATA_TRUNCATED (nesting past 32 levels or a record over its size cap), and
 * WARNINGS_TRUNCATED (past 100 warnings, one last count). Messages are one line, exact and
 * secret-free; provider text in them (model ids) is not sanitised for a terminal.
 */
export interface ListingWarning {
  code: string;
  message: string;
  model_id?: string;
}

export interface ModelListing {
  provider: ProviderName;
  /** In the provider's order, one record per id. */
  models: ModelRecord[];
  /** Requests it took (pagination; Ollama counts its /api/show calls too). */
  pages: number;
  /** Entries without a usable id, left out (reported, not silently dropped). */
  skipped: number;
  warnings: ListingWarning[];
}

/** The determinism knobs actually sent; empty when the model rejected them. */
export interface SamplingKnobs {
  temperature?: number;
  top_p?: number;
  seed?: number;
}

export interface Completion {
  text: string;
  latencyMs: number;
  /** Serving identity as the response reported it (resolved model, modelVersion, fingerprint, digest). */
  identity: ServingIdentity;
  finishReason?: string;
  knobs: SamplingKnobs;
}

export interface Provider {
  readonly name: ProviderName;
  readonly kind: ProviderKind;
  readonly baseUrl: string;
  /** All models, every page; transient failures retried with bounded backoff. */
  listModels(): Promise<Outcome<ModelListing>>;
  /** One small call ("Return exactly: OK"): is the model callable? Not retried. */
  canary(modelId: string): Promise<Outcome<Completion>>;
  /** One benchmark call (temperature 0, top_p 1, seed 0 where supported). Not retried. */
  complete(modelId: string, prompt: string): Promise<Outcome<Completion>>;
  /** Closes the provider's connection pool once in-flight calls end. */
  close(): Promise<void>;
}

/** The dialect-specific half of an adapter; create.ts adds limits and scrubbing. */
export interface DialectAdapter {
  listModels(): Promise<Outcome<ModelListing>>;
  complete(modelId: string, prompt: string, maxTokens: number): Promise<Outcome<Completion>>;
}
