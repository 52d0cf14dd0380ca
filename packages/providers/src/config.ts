// Resolves one provider's effective configuration (base URL and key) from an environment.
import { ExitCode, ObsError } from "@observatory/core";
import type { Env } from "./env.js";
import { PROVIDERS, type ProviderName, type ProviderSpec } from "./registry.js";

export interface ProviderConfig {
  spec: ProviderSpec;
  baseUrl: string;
  /** Which variable set the base URL, or "default". */
  baseUrlSource: string;
  /** Trimmed key; undefined when unset or blank. */
  apiKey: string | undefined;
}

function clean(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

function normalise(url: string, variable: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ObsError("PROVIDER_BASE_URL_INVALID", `${variable} is not a valid URL`, {
      hint: "Use an absolute http(s) URL, e.g. http://127.0.0.1:8080/openai/v1",
      exitCode: ExitCode.USAGE,
    });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new ObsError("PROVIDER_BASE_URL_INVALID", `${variable} must be an http(s) URL`, {
      exitCode: ExitCode.USAGE,
    });
  }
  return url.replace(/\/+$/, "");
}

/**
 * `OBS_<P>_BASE_URL` first, then the seed's `OPENAI_BASE_URL` / `OLLAMA_BASE_URL`, then the
 * default. The seed's OPENAI_BASE_URL was an origin (`https://api.openai.com`); an origin-only
 * value gets `/v1` appended, a value with a path is used as given (the OpenAI SDK convention).
 */
export function resolveProviderConfig(name: ProviderName, env: Env): ProviderConfig {
  const spec = PROVIDERS[name];
  const apiKey = spec.keyEnv ? clean(env[spec.keyEnv]) : undefined;
  const own = clean(env[spec.baseUrlEnv]);
  if (own)
    return {
      spec,
      baseUrl: normalise(own, spec.baseUrlEnv),
      baseUrlSource: spec.baseUrlEnv,
      apiKey,
    };
  const legacyVar = spec.legacyBaseUrlEnv;
  const legacy = legacyVar ? clean(env[legacyVar]) : undefined;
  if (legacyVar && legacy) {
    let url = normalise(legacy, legacyVar);
    if (name === "openai" && new URL(url).pathname.replace(/\/+$/, "") === "") url = `${url}/v1`;
    return { spec, baseUrl: url, baseUrlSource: legacyVar, apiKey };
  }
  return { spec, baseUrl: spec.defaultBaseUrl, baseUrlSource: "default", apiKey };
}
