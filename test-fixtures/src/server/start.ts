// The loopback fixture server: the msw handlers over node:http on 127.0.0.1 and an ephemeral
// port, with helpers giving each provider's base-URL override and a ready-made env.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createHandlers } from "../handlers/index.js";
import { FIXTURE_PROVIDER_INFO, FIXTURE_PROVIDERS, type FixtureProvider } from "../providers.js";
import { ScenarioEngine } from "../scenario/engine.js";
import type { ScenarioSpec } from "../scenario/spec.js";
import { mswRequestListener } from "./bridge.js";

export interface FixtureServerOptions {
  scenario?: ScenarioSpec;
  /** Keys the server accepts (and `env()` hands out); others get the provider's auth error. */
  keys?: Partial<Record<FixtureProvider, string>>;
  /** Default 0: an ephemeral port. */
  port?: number;
}

export interface FixtureServer {
  /** e.g. "http://127.0.0.1:43121". */
  url: string;
  /** A provider's base-URL override, e.g. baseUrl("openai") -> "http://127.0.0.1:P/openai/v1". */
  baseUrl(provider: FixtureProvider): string;
  /** Every OBS_<PROVIDER>_BASE_URL plus a key for every provider that takes one. */
  env(): Record<string, string>;
  scenario: ScenarioEngine;
  close(): Promise<void>;
}

/** The key `env()` gives a provider unless the options name one. */
export function fixtureKey(provider: FixtureProvider): string {
  return `fixture-${provider}-key-0001`;
}

export async function startFixtureServer(
  options: FixtureServerOptions = {},
): Promise<FixtureServer> {
  const keys: Partial<Record<FixtureProvider, string>> = {};
  for (const p of FIXTURE_PROVIDERS) {
    if (FIXTURE_PROVIDER_INFO[p].keyEnv) keys[p] = options.keys?.[p] ?? fixtureKey(p);
  }
  const engine = new ScenarioEngine(options.scenario ?? {}, keys);
  const server = createServer(mswRequestListener(createHandlers(engine)));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const baseUrl = (p: FixtureProvider) => `${url}/${p}${FIXTURE_PROVIDER_INFO[p].basePath}`;

  return {
    url,
    baseUrl,
    env() {
      const env: Record<string, string> = {};
      for (const p of FIXTURE_PROVIDERS) {
        const info = FIXTURE_PROVIDER_INFO[p];
        env[info.baseUrlEnv] = baseUrl(p);
        const key = keys[p];
        if (info.keyEnv && key) env[info.keyEnv] = key;
      }
      return env;
    },
    scenario: engine,
    close() {
      engine.close();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
