import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { ModelRecord } from "../src/model.js";
import type { Snapshot } from "../src/state/schemas.js";
import { openStateWriter, type StateWriter, type WriterOptions } from "../src/state/writer.js";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

export async function tempStateDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "obs-core-"));
  dirs.push(d);
  return join(d, "state");
}

export function snapshot(
  provider: string,
  models: Array<Partial<ModelRecord> & { id: string }>,
): Snapshot {
  return { schema: "observatory.snapshot/1", provider, fingerprint_scheme: "semantic-v1", models };
}

export async function writer(
  stateDir: string,
  options: Partial<WriterOptions> = {},
): Promise<StateWriter> {
  const r = await openStateWriter(stateDir, { tool: "test", version: "0.0.0", ...options });
  if (!r.ok) throw new Error(r.message);
  return r.writer;
}
