// v1's structural lock hashes, recomputed exactly as v1 computed them (ExperimentInvariantManager.
// _snapshot_hashes in the seed), so a v1 lock can be checked against the v1 data it came from.
import { sha256Hex } from "@observatory/core";

export interface V1StructuralHashes {
  /** sha256 of "provider:raw_hash|..." over the snapshot files in name order. */
  registry: string;
  /** sha256 of "provider/model_id|..." in the same order, ids sorted per provider. */
  modelIds: string;
}

/** Python orders str by code point; JS's default sort orders by UTF-16 unit. */
export function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Python's f"{value}" for the JSON values a snapshot's provider field could hold. */
function pyStr(value: unknown): string {
  if (value === undefined) return "";
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function truthy(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.keys(value).length > 0
  );
}

/**
 * `rawSnapshots` in file-name order with their parsed JSON (null when unreadable). Like v1, an
 * unreadable or empty snapshot file is skipped, so a lock taken while a file was already torn
 * still verifies against the same torn tree.
 */
export function v1StructuralHashes(
  rawSnapshots: ReadonlyArray<{ file: string; json: unknown }>,
): V1StructuralHashes {
  const registry: string[] = [];
  const ids: string[] = [];
  const files = [...rawSnapshots].sort((a, b) => byCodePoint(a.file, b.file));
  for (const { json } of files) {
    if (!truthy(json)) continue;
    const provider = pyStr(json["provider"]);
    const semantic = json["semantic_registry_hash"];
    // v1 preferred a semantic hash when a snapshot carried one (Python truthiness).
    const hasSemantic =
      semantic !== undefined &&
      semantic !== null &&
      semantic !== "" &&
      semantic !== 0 &&
      semantic !== false;
    registry.push(`${provider}:${pyStr(hasSemantic ? semantic : (json["raw_hash"] ?? ""))}`);
    const models = json["models"];
    const keys =
      models !== null && typeof models === "object" && !Array.isArray(models)
        ? Object.keys(models)
        : [];
    for (const id of keys.sort(byCodePoint)) ids.push(`${provider}/${id}`);
  }
  return { registry: sha256Hex(registry.join("|")), modelIds: sha256Hex(ids.join("|")) };
}
