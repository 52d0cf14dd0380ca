// The scenario as data: a JSON-able description of how the fixture providers behave over polls.
// The demo embeds one; tests write small ones inline. Polls count from 1; `advance()` bumps them.
import type { FixtureProvider } from "../providers.js";

/** Which kind of endpoint a request hit. */
export type Route = "models" | "chat" | "show";

/** One injected failure. Bodies that carry text echo the presented credential on purpose: real
 * providers sometimes do, and the adapters must never pass it on. */
export type Fault =
  /** A provider-shaped JSON error with this status (401, 403, 404, 429, 500, 529...). */
  | { type: "status"; status: number; retryAfterSeconds?: number; message?: string }
  /** An HTML page (a proxy or captive portal), status 200 unless given. */
  | { type: "html"; status?: number }
  /** The normal JSON body cut in half. */
  | { type: "truncated" }
  /** A body that is not JSON at all. */
  | { type: "malformed" }
  /** Valid JSON of the wrong shape. */
  | { type: "wrong_shape" }
  /** Never answers; the connection stays open until the client gives up. */
  | { type: "hang" }
  /** A 200 body of `bytes` bytes (default 8 MiB) that never becomes valid JSON. */
  | { type: "oversize"; bytes?: number }
  /** The socket is destroyed without a response. */
  | { type: "reset" };

export interface FaultRule {
  provider?: FixtureProvider;
  route?: Route;
  /** Only requests for this model (chat and show routes). */
  model?: string;
  /** Polls in which the rule applies, inclusive; open-ended when absent. */
  fromPoll?: number;
  untilPoll?: number;
  /** Only the first `times` matching requests (counted since the scenario was set or reset). */
  times?: number;
  /** Seeded probability that a matching request fails (default 1). */
  probability?: number;
  fault: Fault;
}

export interface AnswerRule {
  provider?: FixtureProvider;
  model?: string;
  /** A benchmark prompt index (0-5) or an exact prompt text. */
  prompt: number | string;
  /** Surface variants of the answer; one is picked per call, seeded. Defaults to the prompt's. */
  surfaces?: string[];
  /** Single-call flips: with probability `rate` a call answers from `surfaces` instead. */
  flip?: { rate: number; surfaces: string[] };
  /** A permanent behaviour change from poll `fromPoll` on. */
  change?: { fromPoll: number; surfaces: string[] };
}

/** Serving identity reported in chat responses; later matching rules override earlier ones. */
export interface IdentityRule {
  provider?: FixtureProvider;
  model?: string;
  fromPoll?: number;
  /** The `model` a chat response names (OpenAI resolves aliases to snapshots). */
  resolvedModel?: string;
  systemFingerprint?: string;
  /** Gemini's `modelVersion`. */
  modelVersion?: string;
}

export interface CatalogSpec {
  /** Recorded listing to serve, e.g. "openrouter/models-2025-11-07". */
  source?: string;
  /** Switch to another recorded listing from a poll on (real additions, removals, price moves). */
  timeline?: Array<{ fromPoll: number; source: string }>;
  /** Largest page the server returns, whatever the client asks (Anthropic and Gemini). */
  maxPageSize?: number;
  /** Shuffle the list order every poll (seeded) from this poll on. */
  reorder?: { fromPoll?: number };
  /** Re-spell unchanged metadata: decimal strings and non-integers in exponent form, names NFD. */
  respell?: { fromPoll?: number; floats?: boolean; unicode?: "NFC" | "NFD" };
  add?: Array<{ fromPoll: number; models: unknown[] }>;
  remove?: Array<{ fromPoll: number; ids: string[] }>;
  /** Deep-merge `set` into one model's entry from a poll on (a price change, a new digest...). */
  patch?: Array<{ fromPoll: number; id: string; set: Record<string, unknown> }>;
}

export interface ScenarioSpec {
  /** Seed for every random choice (variants, flips, reorders, probabilistic faults). */
  seed?: number;
  /** Delay before every answer, in ms. */
  latencyMs?: number;
  /** Per-provider delay, overriding `latencyMs`. */
  providerLatencyMs?: Partial<Record<FixtureProvider, number>>;
  catalogs?: Partial<Record<FixtureProvider, CatalogSpec>>;
  answers?: AnswerRule[];
  identities?: IdentityRule[];
  faults?: FaultRule[];
}

/** Does a rule with a poll range apply at `poll`? */
export function inPolls(rule: { fromPoll?: number; untilPoll?: number }, poll: number): boolean {
  return poll >= (rule.fromPoll ?? 1) && poll <= (rule.untilPoll ?? Number.POSITIVE_INFINITY);
}
