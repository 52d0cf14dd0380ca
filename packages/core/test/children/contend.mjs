// Child for the concurrency test: waits for the start signal, then tries to become the writer.
// The winner commits several epochs whose every object carries the round number, and holds the
// lock until the test says all contenders have reported.
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { openStateWriter } from "../../dist/index.js";

const [stateDir, signalDir, round] = process.argv.slice(2);
process.stdout.write("ready\n");
while (!existsSync(`${signalDir}/go`)) await sleep(2);
const opened = await openStateWriter(stateDir, { tool: "contend", version: "0" });
if (!opened.ok) {
  process.stdout.write("locked\n");
  process.exit(4);
}
const w = opened.writer;
for (let k = 0; k < 5; k++) {
  const snap = (p) => ({
    schema: "observatory.snapshot/1",
    provider: p,
    fingerprint_scheme: "semantic-v1",
    models: [{ id: `round-${round}-${k}` }],
  });
  await w.commit({
    fingerprintScheme: "semantic-v1",
    providers: {
      a: { snapshot: snap("a") },
      b: { snapshot: snap("b") },
      c: { snapshot: snap("c") },
    },
    registry: { marker: `round-${round}-${k}` },
    benchmarks: { marker: `round-${round}-${k}` },
    events: [],
  });
}
process.stdout.write("committed\n");
while (!existsSync(`${signalDir}/release`)) await sleep(2);
await w.close();
process.exit(0);
