// Data for `--list-providers` and for choosing which providers a run polls: which are
// configured, keys masked to their last 4 characters, and whether Ollama answers.
import { describeError, maskKey, redact } from "@observatory/core";
import { request } from "undici";
import { resolveProviderConfig } from "./config.js";
import { assertProviderName, createProvider } from "./create.js";
import type { Env } from "./env.js";
import type { ProviderOptions } from "./options.js";
import { PROVIDER_NAMES, PROVIDERS, type ProviderKind, type ProviderName } from "./registry.js";
import type { Provider } from "./types.js";

export interface ProviderInfo {
  name: ProviderName;
  kind: ProviderKind;
  keyEnv?: string;
  /** "****abcd", or "(not set)". */
  key: string;
  configured: boolean;
  baseUrl: string;
  /** The variable that set the base URL, or "default". */
  baseUrlSource: string;
  /** Ollama only: did GET /api/tags answer 200? */
  reachable?: boolean;
  /** Why a provider is not usable, secret-free. */
  note?: string;
  /** What to do about it: set the key, or (Ollama, which takes none) start the server. */
  hint?: string;
}

function ollamaHint(baseUrl: string): string {
  return `is Ollama running at ${redact(baseUrl)}?`;
}

/** Does Ollama answer GET /api/tags within the timeout? */
export async function probeOllama(
  baseUrl: string,
  timeoutMs = 3_000,
): Promise<{ reachable: boolean; note?: string }> {
  try {
    const res = await request(`${baseUrl}/api/tags`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body.dump();
    return res.statusCode === 200
      ? { reachable: true }
      : { reachable: false, note: `HTTP ${res.statusCode}` };
  } catch (e) {
    return { reachable: false, note: describeError(e) };
  }
}

export interface ListProvidersOptions {
  /** Probe Ollama (default true). */
  probeOllama?: boolean;
  probeTimeoutMs?: number;
}

export async function listProvidersInfo(
  env: Env,
  options: ListProvidersOptions = {},
): Promise<ProviderInfo[]> {
  const out: ProviderInfo[] = [];
  for (const name of PROVIDER_NAMES) {
    const spec = PROVIDERS[name];
    let info: ProviderInfo;
    try {
      const config = resolveProviderConfig(name, env);
      info = {
        name,
        kind: spec.kind,
        ...(spec.keyEnv ? { keyEnv: spec.keyEnv } : {}),
        key: spec.keyEnv ? maskKey(config.apiKey) : "(none needed)",
        configured: spec.keyEnv ? config.apiKey !== undefined : false,
        baseUrl: redact(config.baseUrl),
        baseUrlSource: config.baseUrlSource,
      };
      if (!spec.keyEnv && options.probeOllama !== false) {
        const probe = await probeOllama(config.baseUrl, options.probeTimeoutMs);
        info.reachable = probe.reachable;
        info.configured = probe.reachable;
        if (probe.note) {
          info.note = `not reachable: ${probe.note}`;
          info.hint = ollamaHint(config.baseUrl);
        }
      } else if (spec.keyEnv && !config.apiKey) {
        info.note = `${spec.keyEnv} is not set`;
        info.hint = `set ${spec.keyEnv} in the environment or .env`;
      }
    } catch (e) {
      info = {
        name,
        kind: spec.kind,
        ...(spec.keyEnv ? { keyEnv: spec.keyEnv } : {}),
        key: spec.keyEnv ? maskKey(env[spec.keyEnv]?.trim()) : "(none needed)",
        configured: false,
        baseUrl: "(invalid)",
        baseUrlSource: spec.baseUrlEnv,
        note: describeError(e),
      };
    }
    out.push(info);
  }
  return out;
}

export interface LoadedProviders {
  providers: Provider[];
  /** Providers left out, why (no key, Ollama unreachable, bad base URL) and what to do. */
  skipped: Array<{ name: ProviderName; reason: string; hint?: string }>;
}

export interface LoadProvidersOptions extends ProviderOptions, ListProvidersOptions {
  /** Only these providers (unknown names throw ObsError(USAGE)). */
  only?: readonly string[];
  /**
   * Probe Ollama with GET /api/tags before including it (default true, as --list-providers
   * does). With `probe: false` no request is made: Ollama counts as configured when its base
   * URL is set explicitly (OLLAMA_BASE_URL or OBS_OLLAMA_BASE_URL) or it is named in `only`,
   * and the caller treats its listing as the probe: a failing listing is that provider's
   * POLL_ERROR (its snapshot carried forward), and /api/tags is asked once per run, not twice.
   */
  probe?: boolean;
}

/**
 * Adapters for every configured provider (or only those named). Ollama is included when it
 * answers (or, with `probe: false`, when it is set up explicitly). Unknown names throw
 * ObsError(USAGE); a named provider without a key is skipped with its reason and hint, so the
 * caller decides whether that is an error.
 */
export async function loadProviders(options: LoadProvidersOptions = {}): Promise<LoadedProviders> {
  const env = options.env ?? process.env;
  const wanted = options.only ?? PROVIDER_NAMES;
  for (const name of wanted) assertProviderName(name);
  const probe = options.probe !== false;
  const infos = await listProvidersInfo(env, {
    ...options,
    probeOllama: probe && wanted.includes("ollama") && options.probeOllama !== false,
  });
  const providers: Provider[] = [];
  const skipped: LoadedProviders["skipped"] = [];
  for (const info of infos) {
    if (!wanted.includes(info.name)) continue;
    if (!probe && info.kind === "ollama" && info.baseUrl !== "(invalid)") {
      if (info.baseUrlSource !== "default" || options.only?.includes("ollama"))
        info.configured = true;
      else {
        info.note = "not probed, and no base URL set (OLLAMA_BASE_URL or OBS_OLLAMA_BASE_URL)";
        info.hint = `${ollamaHint(info.baseUrl)} Set OLLAMA_BASE_URL, or name ollama to poll it`;
      }
    }
    if (info.configured) providers.push(createProvider(info.name, { ...options, env }));
    else
      skipped.push({
        name: info.name,
        reason: info.note ?? "not configured",
        ...(info.hint ? { hint: info.hint } : {}),
      });
  }
  return { providers, skipped };
}
