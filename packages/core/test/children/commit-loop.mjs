// Child for the crash test: opens the state dir as the single writer and commits epochs in a
// loop until it is killed. Prints "committed <epoch>" only after commit() has returned.
import { openStateWriter } from "../../dist/index.js";

const [stateDir] = process.argv.slice(2);
const opened = await openStateWriter(stateDir, { tool: "crash-test", version: "0", staleMs: 2000 });
if (!opened.ok) {
  process.stdout.write("locked\n");
  process.exit(4);
}
const w = opened.writer;
process.stdout.write("opened\n");
for (let i = 0; ; i++) {
  const n = Math.floor(Math.random() * 1000);
  const models = Array.from({ length: 20 + (n % 7) }, (_, k) => ({
    id: `m-${k}`,
    context_length: n + k,
  }));
  const c = await w.commit({
    fingerprintScheme: "semantic-v1",
    providers: {
      openai: {
        snapshot: {
          schema: "observatory.snapshot/1",
          provider: "openai",
          fingerprint_scheme: "semantic-v1",
          models,
        },
      },
      ...(i % 3 === 0 ? { mistral: { error: { code: "server", message: "HTTP 503" } } } : {}),
    },
    registry: { n },
    benchmarks: { i },
    events: [
      {
        type: "MODEL_ADDED",
        severity: "INFO",
        provider: "openai",
        model_id: `m-${n}`,
        fingerprint: "f".repeat(64),
      },
      {
        type: "POLL_ERROR",
        severity: "WARN",
        provider: "mistral",
        error: { kind: "server", message: "x".repeat(n) },
      },
    ],
  });
  process.stdout.write(`committed ${c.epochId}\n`);
}
