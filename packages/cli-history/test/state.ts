// Real state directories for the end-to-end tests, committed through core's writer with a clock
// the test sets (epoch ids are then known days), and the built bins run as child processes.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  canonicalJson,
  type EventDraft,
  extendHistory,
  type HistoryHead,
  type Manifest,
  type ModelRecord,
  openStateWriter,
  readHistory,
  type Snapshot,
  sha256Hex,
} from "@observatory/core";
import { type BinResult, runProcess } from "@observatory/test-fixtures";
import { afterEach } from "vitest";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

export async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "obs-history-e2e-"));
  dirs.push(d);
  return d;
}

export type Models = Array<Partial<ModelRecord> & { id: string }>;

export interface Poll {
  /** The writer's clock for this commit (the epoch id's time). */
  at: string;
  providers: Record<string, Models>;
  events?: EventDraft[];
}

/** Commits one epoch per poll, oldest first, as obs-poll would; returns the epoch ids. */
export async function buildState(
  stateDir: string,
  polls: readonly Poll[],
  options: { retainEpochs?: number; maxEventLogBytes?: number } = {},
): Promise<string[]> {
  let clock = new Date(0);
  const r = await openStateWriter(stateDir, {
    tool: "test",
    version: "0.0.0",
    now: () => clock,
    ...options,
  });
  if (!r.ok) throw new Error(r.message);
  const ids: string[] = [];
  try {
    for (const poll of polls) {
      clock = new Date(poll.at);
      const providers = Object.fromEntries(
        Object.entries(poll.providers).map(([p, models]) => [p, { snapshot: snapshot(p, models) }]),
      );
      const c = await r.writer.commit({
        fingerprintScheme: "semantic-v1",
        providers,
        events: poll.events ?? [],
      });
      ids.push(c.epochId);
    }
  } finally {
    await r.writer.close();
  }
  return ids;
}

function snapshot(provider: string, models: Models): Snapshot {
  return { schema: "observatory.snapshot/1", provider, fingerprint_scheme: "semantic-v1", models };
}

/** Rewrites the current epoch's manifest by hand (and the pointer to its new hash). */
async function editCurrentManifest(
  dir: string,
  edit: (manifest: Manifest) => Promise<void> | void,
): Promise<void> {
  const pointer = JSON.parse(await readFile(join(dir, "current_epoch.json"), "utf8"));
  const path = join(dir, "epochs", `${pointer.epoch_id}.json`);
  const manifest = JSON.parse(await readFile(path, "utf8"));
  await edit(manifest);
  const bytes = canonicalJson(manifest);
  await writeFile(path, bytes);
  pointer.manifest_hash = sha256Hex(bytes);
  await writeFile(join(dir, "current_epoch.json"), `${JSON.stringify(pointer)}\n`);
}

/** Makes the current epoch look written before the history existed (an older obs-poll did). */
export function dropHistoryFromCurrent(dir: string): Promise<void> {
  return editCurrentManifest(dir, (manifest) => {
    delete manifest.history;
  });
}

/** Seals the current epoch's history one entry a segment, as a long history is sealed, the last
 * entry left in the head; returns the segments' hashes, oldest first. */
export async function sealEachEntry(dir: string): Promise<string[]> {
  let head: HistoryHead | null = null;
  await editCurrentManifest(dir, async (manifest) => {
    const { entries } = await readHistory(dir, manifest);
    for (const e of entries) {
      const next = await extendHistory(dir, head, [e], undefined, 1);
      head = next.head;
      manifest.history = next.hash;
    }
    delete manifest.history_quiet; // the quiet epochs are in the head now, with the rest
  });
  return (head as HistoryHead | null)?.segments.map((s) => s.hash) ?? [];
}

export type Bin = "obs-history" | "obs-diff" | "obs-events";

export function binPath(bin: Bin): string {
  return fileURLToPath(new URL(`../bin/${bin}.js`, import.meta.url));
}

export function run(
  bin: Bin,
  stateDir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<BinResult> {
  return runProcess(process.execPath, [binPath(bin), "--state-dir", stateDir, ...args], { env });
}

export const gpt = (prompt: string, extra: Partial<Models[number]> = {}) => ({
  id: "gpt-4o",
  name: "GPT-4o",
  context_length: 128000,
  pricing: { prompt, completion: "0.00001" },
  ...extra,
});

/** Five days of polls: gpt-4o's prompt price goes up 20%, its context doubles, o1 comes and
 * goes, and mistral lists a model whose id carries an escape sequence. */
export const WEEK: Poll[] = [
  { at: "2026-11-01T06:00:00.000Z", providers: { openai: [gpt("0.0000025"), { id: "o1" }] } },
  { at: "2026-11-02T06:00:00.000Z", providers: { openai: [gpt("0.0000025"), { id: "o1" }] } },
  { at: "2026-11-03T06:00:00.000Z", providers: { openai: [gpt("0.000003"), { id: "o1" }] } },
  {
    at: "2026-11-04T06:00:00.000Z",
    providers: {
      openai: [gpt("0.000003", { context_length: 256000 })],
      mistral: [{ id: "evil\u001b[31m-red", context_length: 32000 }],
    },
  },
  {
    at: "2026-11-05T06:00:00.000Z",
    providers: { openai: [gpt("0.0000027", { context_length: 256000 })] },
  },
];
