// node --import ./_trace-loads.mjs <bin> ...: prints, at exit on stderr, the packages whose
// modules were loaded ("loaded: cli-kit/index.js core/errors-entry.js ..."), for start-up tests.
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";

const { port1, port2 } = new MessageChannel();
const seen = new Set();
port1.on("message", (url) => {
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
process.on("exit", () => process.stderr.write(`loaded: ${[...seen].sort().join(" ")}\n`));
