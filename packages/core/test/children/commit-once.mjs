// Child for the fencing tests: opens the state dir as the single writer (stale period 2 s) and
// commits one epoch with one event. With OBS_TEST_STOP_AT set it stops itself at that point.
// Prints "opened", then "committed <epoch>" or "error <code>", and exits 0 / the error's code.
import { openStateWriter } from "../../dist/index.js";

const [stateDir, marker] = process.argv.slice(2);
try {
  const opened = await openStateWriter(stateDir, {
    tool: "fence-test",
    version: "0",
    staleMs: 2000,
    retainEpochs: 2,
  });
  if (!opened.ok) {
    process.stdout.write("locked\n");
    process.exit(4);
  }
  process.stdout.write("opened\n");
  const w = opened.writer;
  const c = await w.commit({
    fingerprintScheme: "semantic-v1",
    providers: {
      openai: {
        snapshot: {
          schema: "observatory.snapshot/1",
          provider: "openai",
          fingerprint_scheme: "semantic-v1",
          models: [{ id: marker }],
        },
      },
    },
    registry: { marker },
    events: [
      {
        type: "MODEL_ADDED",
        severity: "INFO",
        provider: "openai",
        model_id: marker,
        fingerprint: "f".repeat(64),
      },
    ],
  });
  await w.close();
  process.stdout.write(`committed ${c.epochId}\n`);
} catch (e) {
  process.stdout.write(`error ${e.code ?? e.message}\n`);
  process.exit(e.exitCode ?? 70);
}
