// Structural comparison of two snapshots of one provider's listing: what was added, removed or
// changed. Across fingerprint schemes it is a rebaseline: one count, never a per-model flood.
import type { ModelRecord } from "../model.js";
import type { Severity } from "../severity.js";
import { metadataChangeSeverity } from "./change-severity.js";
import { diffCanonical, type FieldChange } from "./diff.js";
import { fingerprintOf, uniqueById } from "./fingerprint.js";
import { DEFAULT_SEVERITY_THRESHOLDS, type SeverityThresholds } from "./severity-thresholds.js";

/** The part of a stored provider snapshot the comparison needs. */
export interface SnapshotModels {
  /** The fingerprint scheme the snapshot was recorded under (FINGERPRINT_SCHEME, legacy...). */
  scheme: string;
  /** A legacy snapshot may carry records with only `id`; ids are all a rebaseline needs. */
  models: readonly ModelRecord[];
}

export interface ModelChange {
  id: string;
  before: string;
  after: string;
  changes: FieldChange[];
  /** The METADATA_CHANGED severity: the size of its price and context changes. */
  severity: Severity;
}

export interface CompareOptions {
  /** How large a price rise or context shrink must be to be WARN or HIGH (default: 2x, 10x, any). */
  severity?: SeverityThresholds;
}

export type SnapshotComparison =
  | {
      rebaseline: false;
      added: string[];
      removed: string[];
      /** Models present in both whose semantic fields differ, sorted by id. */
      changed: ModelChange[];
    }
  | {
      rebaseline: true;
      fromScheme: string;
      toScheme: string;
      /** Models re-fingerprinted under the new scheme: every distinct id in the current listing. */
      count: number;
      /** Additions and removals are still real news across a scheme change. */
      added: string[];
      removed: string[];
    };

/**
 * Compare a provider's previous and current snapshot. Ids are compared exactly (after NFC);
 * a provider that failed this poll should not be compared at all (its snapshot is carried
 * forward), because poll failure is not removal.
 */
export function compareSnapshots(
  previous: SnapshotModels,
  current: SnapshotModels,
  options: CompareOptions = {},
): SnapshotComparison {
  const thresholds = options.severity ?? DEFAULT_SEVERITY_THRESHOLDS;
  const before = uniqueById(previous.models);
  const after = uniqueById(current.models);
  const added = [...after.keys()].filter((id) => !before.has(id)).sort();
  const removed = [...before.keys()].filter((id) => !after.has(id)).sort();
  if (previous.scheme !== current.scheme) {
    return {
      rebaseline: true,
      fromScheme: previous.scheme,
      toScheme: current.scheme,
      count: after.size,
      added,
      removed,
    };
  }
  const changed: ModelChange[] = [];
  for (const [id, now] of after) {
    const then = before.get(id);
    if (then === undefined) continue;
    const fpBefore = fingerprintOf(then);
    const fpAfter = fingerprintOf(now);
    if (fpBefore !== fpAfter) {
      changed.push({
        id,
        before: fpBefore,
        after: fpAfter,
        changes: diffCanonical(then, now),
        severity: metadataChangeSeverity(then, now, thresholds),
      });
    }
  }
  changed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rebaseline: false, added, removed, changed };
}
