// A tiny node:http -> msw bridge. msw cannot intercept undici's own request API
// (mswjs/msw#2165), so the handlers are served over real loopback HTTP instead: each incoming
// request becomes a Fetch Request, msw's getResponse answers it, and the Response is written back.
import type { IncomingMessage, ServerResponse } from "node:http";
import { getResponse, type HttpHandler } from "msw";

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function toRequest(req: IncomingMessage, body: Buffer, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD" && body.length > 0;
  return new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method,
    headers,
    signal,
    ...(hasBody ? { body } : {}),
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  try {
    for (;;) {
      if (res.destroyed) return void (await reader.cancel());
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done);
            res.off("close", done);
            resolve();
          };
          res.on("drain", done);
          res.on("close", done);
        });
      }
    }
    res.end();
  } catch {
    res.destroy();
  }
}

// The first literal path segment of a handler pattern: "openai" for a "*/openai/v1/..." route.
function firstSegment(path: unknown): string | null {
  if (typeof path !== "string") return null;
  const seg = path.replace(/^\*?\//, "").split("/")[0] ?? "";
  return seg === "" || /[*:]/.test(seg) ? null : seg;
}

/**
 * Handlers grouped by their first path segment (the provider). msw tries every handler's
 * pattern on every request; with a dozen providers that matching dominated the server's CPU
 * and made the fixture server, not the client, the bottleneck in benchmarks.
 */
function routeTable(handlers: HttpHandler[]): (url: string) => HttpHandler[] {
  const groups = new Map<string, HttpHandler[]>();
  const anywhere: HttpHandler[] = [];
  for (const h of handlers) {
    const seg = firstSegment(h.info.path);
    if (seg === null) anywhere.push(h);
    else groups.set(seg, [...(groups.get(seg) ?? []), h]);
  }
  return (url) => {
    const seg = url.replace(/^\//, "").split(/[/?]/)[0] ?? "";
    const group = groups.get(seg);
    return group ? [...group, ...anywhere] : handlers;
  };
}

/** A node:http request listener answering from msw handlers; 404 JSON when none matches. */
export function mswRequestListener(handlers: HttpHandler[]) {
  const candidates = routeTable(handlers);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const abort = new AbortController();
    // The client going away (a timeout on its side) must release handlers that are waiting.
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    void (async () => {
      try {
        const request = toRequest(req, await readBody(req), abort.signal);
        const response = await getResponse(candidates(req.url ?? "/"), request);
        if (abort.signal.aborted) return;
        if (!response) {
          res.writeHead(404, { "content-type": "application/json" });
          res.end(
            JSON.stringify({ error: { message: `no fixture route for ${req.method} ${req.url}` } }),
          );
          return;
        }
        // Response.error() is how a handler asks for a dropped connection.
        if (response.type === "error") return void req.socket.destroy();
        await writeResponse(res, response);
      } catch (e) {
        if (res.headersSent) return void res.destroy();
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `fixture bridge failed: ${String(e)}` } }));
      }
    })();
  };
}
