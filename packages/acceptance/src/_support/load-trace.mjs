// `node --import <this> <bin> ...` records which packages and files the process loaded, one per
// line, into the file OBS_LOAD_TRACE names, at exit. ESM loads only (require() is not seen).
import { writeFileSync } from "node:fs";
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";

const { port1, port2 } = new MessageChannel();
const seen = new Set();
port1.on("message", (url) => {
  // A dependency by its package name; a workspace package by "<package>/<dist file>".
  const m = /.*node_modules\/((?:@[^/]+\/)?[^/]+)|packages\/([^/]+)\/dist\/([^/]+)/.exec(url);
  if (m) seen.add(m[1] ?? `${m[2]}/${m[3]}`);
});
port1.unref();
register(
  `data:text/javascript,${encodeURIComponent(
    "let p; export function initialize(d){p=d.port} export async function load(u,c,n){p.postMessage(u); return n(u,c)}",
  )}`,
  { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] },
);
process.on("exit", () => {
  const out = process.env["OBS_LOAD_TRACE"];
  if (out) writeFileSync(out, [...seen].sort().join("\n"));
});
