// node --import trace-loads.mjs <bin> ...: at exit, every module URL the ESM loader loaded, for
// start-up tests (test-fixtures' loadedNames turns them into package names). Printed on stderr
// as one line "loaded: <url> <url> ...", or, when OBS_LOAD_TRACE names a file, written there one
// per line (for tests that read the bin's stderr as it is).
import { writeFileSync } from "node:fs";
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";

const { port1, port2 } = new MessageChannel();
const seen = new Set();
port1.on("message", (url) => seen.add(url));
port1.unref();
register(
  `data:text/javascript,${encodeURIComponent(
    "let p; export function initialize(d){p=d.port} export async function load(u,c,n){p.postMessage(u); return n(u,c)}",
  )}`,
  { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] },
);
process.on("exit", () => {
  const out = process.env["OBS_LOAD_TRACE"];
  if (out) writeFileSync(out, [...seen].join("\n"));
  else process.stderr.write(`loaded: ${[...seen].join(" ")}\n`);
});
