// A webhook receiver on loopback: records every delivery and answers with the status a test
// chooses per path, so the delivery and failure paths of the tools can be watched end to end.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { onCleanup } from "./cleanup.js";

export interface Delivery {
  path: string;
  body: Record<string, unknown>;
  raw: string;
}

export interface Receiver {
  /** e.g. "http://127.0.0.1:41234" */
  url: string;
  deliveries: Delivery[];
}

export async function receiver(statusFor: (path: string) => number = () => 204): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => {
      raw += c;
    });
    req.on("end", () => {
      const path = req.url ?? "";
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // Recorded raw; the test decides whether that matters.
      }
      deliveries.push({ path, body, raw });
      res.writeHead(statusFor(path)).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  onCleanup(
    () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, deliveries };
}
