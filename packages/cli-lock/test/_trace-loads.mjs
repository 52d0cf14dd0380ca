// node --import ./_trace-loads.mjs <bin> ...: at exit, prints on stderr one line
// "loaded: <url> <url> ..." with every module URL the ESM loader loaded.
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";

const { port1, port2 } = new MessageChannel();
const seen = new Set();
port1.on("message", (url) => seen.add(url));
port1.unref();
register(
  "data:text/javascript," +
    encodeURIComponent(
      "let p; export function initialize(d){p=d.port} export async function load(u,c,n){p.postMessage(u); return n(u,c)}",
    ),
  { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] },
);
process.on("exit", () => process.stderr.write(`loaded: ${[...seen].join(" ")}\n`));
