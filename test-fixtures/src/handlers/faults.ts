// Builds the response for an injected fault. Text-bearing bodies echo the presented credential
// on purpose: the adapters' redaction must catch it.
import { HttpResponse } from "msw";
import type { Dialect } from "../providers.js";
import type { Fault } from "../scenario/spec.js";
import { defaultFaultMessage, errorResponse } from "./errors.js";

/**
 * Resolves after `ms` (never, when ms is Infinity) or as soon as any signal aborts. Listeners
 * are removed either way: the server-wide closing signal lives as long as the server.
 */
function waitUntil(ms: number, signals: AbortSignal[]): Promise<void> {
  return new Promise((resolve) => {
    if (signals.some((s) => s.aborted)) return resolve();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      if (timer) clearTimeout(timer);
      for (const s of signals) s.removeEventListener("abort", done);
      resolve();
    };
    if (Number.isFinite(ms)) timer = setTimeout(done, ms);
    for (const s of signals) s.addEventListener("abort", done, { once: true });
  });
}

/** Resolves when the request is abandoned by the client or the server closes. */
export function waitForAbort(...signals: AbortSignal[]): Promise<void> {
  return waitUntil(Number.POSITIVE_INFINITY, signals);
}

/** Waits `ms`, or less if aborted. */
export function sleep(ms: number, ...signals: AbortSignal[]): Promise<void> {
  return ms > 0 ? waitUntil(ms, signals) : Promise.resolve();
}

function oversizeBody(bytes: number, credential: string): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
  const head = new TextEncoder().encode(`{"data":[{"id":"${credential}","pad":"`);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === 0) {
        controller.enqueue(head);
        sent += head.length;
        return;
      }
      if (sent >= bytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
}

export async function faultResponse(
  fault: Fault,
  dialect: Dialect,
  credential: string,
  normal: () => Promise<Response>,
  signals: AbortSignal[],
): Promise<Response> {
  switch (fault.type) {
    case "status": {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined)
        headers["retry-after"] = String(fault.retryAfterSeconds);
      const message = fault.message ?? defaultFaultMessage(fault.status, credential);
      return errorResponse(dialect, fault.status, message, headers);
    }
    case "html":
      return HttpResponse.html(
        `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>` +
          `<h1>Bad Gateway</h1><p>upstream refused credential ${credential}</p></body></html>`,
        { status: fault.status ?? 200 },
      );
    case "truncated": {
      const text = await (await normal()).text();
      return new HttpResponse(text.slice(0, Math.floor(text.length / 2)), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }
    case "malformed":
      return new HttpResponse(`{"error": unexpected token near ${credential}`, {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    case "wrong_shape":
      // Every dialect's key field present with the wrong type, so no adapter can mistake it
      // for an empty answer.
      return HttpResponse.json({
        unexpected: true,
        echo: credential,
        data: "not a list",
        models: "not a list",
        choices: "not a list",
        candidates: "not a list",
        content: "not a list",
        message: "not an object",
      });
    case "hang":
      await waitForAbort(...signals);
      return HttpResponse.error();
    case "oversize":
      return new HttpResponse(oversizeBody(fault.bytes ?? 8 * 1024 * 1024, credential), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    case "reset":
      return HttpResponse.error();
  }
}
