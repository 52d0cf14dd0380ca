// What "the state verifies" means in this suite, checked through core's read side: the pointer
// names a manifest whose hash matches, every object it references hashes to its name, every
// other kept manifest verifies too, every object file is intact, lock files parse, the parent
// chain is unbroken, and the model history reads whole with an entry for every committed epoch. Leftovers of a killed writer (temp files, aborted manifests) are reported,
// not counted as problems: the contract lets them exist until the next writer recovers.
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import {
  LockSchema,
  listManifestIds,
  loadEpoch,
  readCurrentEpoch,
  readEvents,
  readHistory,
} from "@observatory/core";
import { isQuarantined, isTempName, listFiles, sha256 } from "./files.js";

export interface StateCheck {
  epochId: string | null;
  manifestHash: string | null;
  /** Everything wrong, as "file: reason"; empty when the state verifies. */
  problems: string[];
  /** Committed epochs from the pointer back along the parent links, newest first. */
  chain: string[];
  tempFiles: string[];
  quarantined: string[];
  abortedManifests: string[];
  events: { valid: number; invalid: number; legacy: number };
}

export async function checkState(stateDir: string): Promise<StateCheck> {
  const problems: string[] = [];
  const read = await readCurrentEpoch(stateDir);
  for (const p of read.problems) problems.push(`${p.file}: ${p.reason}`);
  if (read.fellBack) problems.push("reader fell back from the pointer's epoch");

  // Every kept manifest, committed or not yet pruned, verifies with all its objects.
  const ids = await listManifestIds(stateDir);
  const manifests = new Map<
    string,
    {
      parent: { epoch_id: string; manifest_hash: string } | null;
      hash: string;
      /** Whether the manifest names a model history (false: written before it existed). */
      history: boolean;
    }
  >();
  for (const id of ids) {
    const load = await loadEpoch(stateDir, id, null);
    if (!load.ok) {
      for (const p of load.problems) problems.push(`${p.file}: ${p.reason} (epoch ${id})`);
      continue;
    }
    manifests.set(id, {
      parent: load.epoch.manifest.parent,
      hash: load.epoch.manifestHash,
      history: load.epoch.manifest.history !== undefined,
    });
  }

  // Every object file is whole: its bytes hash to its name, referenced or not.
  const files = await listFiles(stateDir);
  for (const f of files) {
    const name = basename(f);
    if (!f.startsWith("objects/") || isTempName(name) || isQuarantined(f)) continue;
    const bytes = await readFile(join(stateDir, f));
    if (`${sha256(bytes)}.json` !== name) problems.push(`${f}: bytes do not hash to the name`);
  }

  // Lock files are whole.
  for (const f of files) {
    if (!/^locks\/[^/]+\.lock\.json$/.test(f)) continue;
    try {
      const r = LockSchema.safeParse(JSON.parse(await readFile(join(stateDir, f), "utf8")));
      if (!r.success) problems.push(`${f}: does not match the lock schema`);
    } catch {
      problems.push(`${f}: not valid JSON`);
    }
  }

  // The chain from the pointer back: each parent link names the parent's real manifest hash.
  const chain: string[] = [];
  let id = read.epoch?.epochId ?? null;
  while (id !== null) {
    chain.push(id);
    const m = manifests.get(id);
    const parent = m?.parent ?? null;
    if (parent === null) break;
    const pm = manifests.get(parent.epoch_id);
    if (pm === undefined) break; // pruned by retention
    if (pm.hash !== parent.manifest_hash)
      problems.push(`epochs/${id}.json: parent ${parent.epoch_id} hash does not match`);
    id = parent.epoch_id;
  }

  // The model history of the pointer's epoch reads whole, in epoch order, and has an entry for
  // every committed epoch of the chain: a commit whose changes it lacks lost them.
  if (read.epoch?.manifest.history !== undefined) {
    const history = await readHistory(stateDir, read.epoch.manifest);
    for (const p of history.problems) problems.push(`${p.file}: ${p.reason}`);
    const seen = new Set<string>();
    let last = "";
    // Where the history (re)starts: its last baseline. A history restarted after its head was
    // damaged (with a STATE_CORRUPT saying so) knows nothing before it.
    let begins = "";
    for (const e of history.entries) {
      if (e.e <= last) problems.push(`model history: entry ${e.e} out of order after ${last}`);
      last = e.e;
      seen.add(e.e);
      if (e.b) begins = e.e;
    }
    for (const c of chain) {
      const m = manifests.get(c);
      // Epochs written before the history existed are not in it.
      if (c >= begins && m?.history !== false && !seen.has(c))
        problems.push(`model history: no entry for committed epoch ${c}`);
    }
  }
  for (const f of files) {
    const name = basename(f);
    if (!f.startsWith("history/") || isTempName(name) || isQuarantined(f)) continue;
    const bytes = await readFile(join(stateDir, f));
    if (`${sha256(bytes)}.json` !== name) problems.push(`${f}: bytes do not hash to the name`);
  }

  const events = await readEvents(stateDir);
  const aborted = (await readdir(join(stateDir, "epochs")).catch(() => [] as string[])).filter(
    (n) => n.endsWith(".aborted.json"),
  );
  return {
    epochId: read.epoch?.epochId ?? null,
    manifestHash: read.epoch?.manifestHash ?? null,
    problems,
    chain,
    tempFiles: files.filter((f) => isTempName(basename(f))),
    quarantined: files.filter(isQuarantined),
    abortedManifests: aborted,
    events: { valid: events.events.length, invalid: events.invalid, legacy: events.legacy },
  };
}
