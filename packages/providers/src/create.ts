// Builds provider adapters from an environment: the dialect adapter wrapped with the per-provider
// concurrency limit and a final scrub of the key from everything returned.
import { ExitCode, ObsError, secretRedactor } from "@observatory/core";
import { ANTHROPIC_VERSION, anthropicAdapter } from "./adapters/anthropic.js";
import { googleAdapter } from "./adapters/google.js";
import { ollamaAdapter } from "./adapters/ollama.js";
import { openAiCompatibleAdapter } from "./adapters/openai-compatible.js";
import { Transport } from "./adapters/transport.js";
import { type ProviderConfig, resolveProviderConfig } from "./config.js";
import { scrubSecrets } from "./internal/scrub.js";
import { type ProviderOptions, resolveOptions } from "./options.js";
import { fail, type Outcome } from "./outcome.js";
import { isProviderName, PROVIDER_NAMES, type ProviderName } from "./registry.js";
import type { Completion, DialectAdapter, Provider } from "./types.js";

/** The canary prompt: the first benchmark prompt, tiny and cheap. */
export const CANARY_PROMPT = "Return exactly: OK";

function authHeaders(config: ProviderConfig): Record<string, string> {
  const key = config.apiKey ?? "";
  switch (config.spec.kind) {
    case "openai-compatible":
      return { authorization: `Bearer ${key}` };
    case "anthropic":
      return { "x-api-key": key, "anthropic-version": ANTHROPIC_VERSION };
    case "google":
      return { "x-goog-api-key": key };
    case "ollama":
      return {};
  }
}

function dialect(config: ProviderConfig, t: Transport): DialectAdapter {
  switch (config.spec.kind) {
    case "openai-compatible":
      return openAiCompatibleAdapter(t, config.spec);
    case "anthropic":
      return anthropicAdapter(t);
    case "google":
      return googleAdapter(t);
    case "ollama":
      return ollamaAdapter(t);
  }
}

export function assertProviderName(name: string): asserts name is ProviderName {
  if (!isProviderName(name)) {
    throw new ObsError("UNKNOWN_PROVIDER", `unknown provider "${name}"`, {
      hint: `Known providers: ${PROVIDER_NAMES.join(", ")}`,
      exitCode: ExitCode.USAGE,
    });
  }
}

/**
 * An adapter for one provider. Throws ObsError (exit code USAGE) for an unknown name, a
 * missing key or an invalid base URL; everything that can happen on the wire is an Outcome.
 */
export function createProvider(name: string, options: ProviderOptions = {}): Provider {
  assertProviderName(name);
  const config = resolveProviderConfig(name, options.env ?? process.env);
  const { spec } = config;
  if (spec.keyEnv && !config.apiKey) {
    throw new ObsError("PROVIDER_KEY_MISSING", `${name}: ${spec.keyEnv} is not set`, {
      hint: `Set ${spec.keyEnv} in the environment or in .env`,
      exitCode: ExitCode.USAGE,
    });
  }
  const resolved = resolveOptions(options, spec.concurrency);
  const t = new Transport(config, resolved, authHeaders(config));
  const adapter = dialect(config, t);
  const redactor = secretRedactor(t.secrets);
  const jsonSafe = t.secrets.every((s) => JSON.stringify(s) === `"${s}"`);
  const scrub = <T>(value: T): T => scrubSecrets(value, redactor, jsonSafe);
  // Checked when the limiter starts the call, not when it is queued: after an abort no new call
  // begins, while calls already in flight finish.
  const unlessCancelled = (call: () => Promise<Outcome<Completion>>) =>
    resolved.signal?.aborted
      ? Promise.resolve(
          fail<Completion>({
            kind: "cancelled",
            provider: name,
            message: `${name}: call not started, the run was interrupted`,
          }),
        )
      : call();
  const checkId = (modelId: string) => {
    if (!modelId.trim()) throw new Error(`${name}: empty model id`);
  };

  return {
    name,
    kind: spec.kind,
    baseUrl: config.baseUrl,
    listModels: async () => scrub(await adapter.listModels()),
    canary: async (modelId) => {
      checkId(modelId);
      return scrub(
        await t.limiter.run(() =>
          unlessCancelled(() => adapter.complete(modelId, CANARY_PROMPT, resolved.canaryMaxTokens)),
        ),
      );
    },
    complete: async (modelId, prompt) => {
      checkId(modelId);
      return scrub(
        await t.limiter.run(() =>
          unlessCancelled(() => adapter.complete(modelId, prompt, resolved.benchmarkMaxTokens)),
        ),
      );
    },
    close: () => t.close(),
  };
}
