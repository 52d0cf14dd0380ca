// A bare loopback server for bodies the fixture server cannot produce: its scenario engine
// builds and serialises catalogs recursively, so it cannot serve a listing nested 100,000 deep
// or a 200,000-item page. Still 127.0.0.1 and undici's real path; never a real network.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RawServer {
  url: string;
  /** Bytes written into response bodies so far (what the client made the server send). */
  sent: number;
  env(provider: string, path: string, key?: string): Record<string, string>;
}

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

export async function rawServer(handler: RawHandler): Promise<RawServer> {
  const state = { sent: 0 };
  const server = createServer((req, res) => {
    const write = res.write.bind(res);
    res.write = ((chunk: Buffer | string, ...rest: never[]) => {
      state.sent += Buffer.byteLength(chunk);
      return write(chunk, ...rest);
    }) as typeof res.write;
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  open.push(
    () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  );
  return {
    url,
    get sent() {
      return state.sent;
    },
    env(provider, path, key = "raw-server-key-0001") {
      const upper = provider.toUpperCase();
      return { [`OBS_${upper}_BASE_URL`]: `${url}${path}`, [`${upper}_API_KEY`]: key };
    },
  };
}

/** Answers every request with `body` as JSON text, written in 64 KiB chunks. */
export function jsonBody(body: string): RawHandler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    for (let i = 0; i < body.length; i += 65_536) res.write(body.slice(i, i + 65_536));
    res.end();
  };
}

/** An object nested `depth` levels deep under `key`, as JSON text, built without recursion. */
export function nested(depth: number, key = "a", leaf = "1"): string {
  return `${`{"${key}":`.repeat(depth)}${leaf}${"}".repeat(depth)}`;
}
