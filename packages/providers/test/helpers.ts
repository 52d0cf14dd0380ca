// Test harness: a fixture server per test and adapters pointed at it with fast retry and
// short deadlines, all closed after the test.
import type { FixtureServer, FixtureServerOptions } from "@observatory/test-fixtures";
import { startFixtureServer } from "@observatory/test-fixtures";
import { afterEach } from "vitest";
import {
  createProvider,
  type Provider,
  type ProviderOptions,
  type RequestLog,
} from "../src/index.js";

const open: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

export interface Harness {
  server: FixtureServer;
  logs: RequestLog[];
  waits: number[];
  provider(name: string, options?: ProviderOptions): Provider;
}

export async function harness(options: FixtureServerOptions = {}): Promise<Harness> {
  const server = await startFixtureServer(options);
  open.push(server);
  const logs: RequestLog[] = [];
  const waits: number[] = [];
  return {
    server,
    logs,
    waits,
    provider(name, extra = {}) {
      const p = createProvider(name, {
        env: server.env(),
        listTimeoutMs: 2_000,
        callTimeoutMs: 2_000,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        sleep: async (ms) => void waits.push(ms),
        log: (entry) => logs.push(entry),
        ...extra,
      });
      open.push(p);
      return p;
    },
  };
}
