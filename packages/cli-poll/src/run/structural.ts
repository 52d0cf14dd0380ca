// Turns a comparison of two listings into events: additions, removals, field-level metadata
// changes, or one rebaseline across fingerprint schemes.
import {
  compareSnapshots,
  type EventDraft,
  FINGERPRINT_SCHEME,
  modelFingerprint,
  type SeverityThresholds,
  type Snapshot,
  type SnapshotComparison,
} from "@observatory/core";

export interface Structural {
  comparison: SnapshotComparison | null;
  events: EventDraft[];
}

/** `previous` null: the provider's first listing, every model is new. */
export function structuralChanges(
  provider: string,
  previous: Snapshot | null,
  current: Snapshot,
  /** When a price or context change is WARN or HIGH (default: core's defaults). */
  severity?: SeverityThresholds,
): Structural {
  if (previous === null) {
    return {
      comparison: null,
      events: current.models.map((m) => ({
        type: "MODEL_ADDED",
        severity: "INFO",
        provider,
        model_id: m.id,
        fingerprint: modelFingerprint(m),
      })),
    };
  }
  const comparison = compareSnapshots(
    { scheme: previous.fingerprint_scheme, models: previous.models },
    { scheme: current.fingerprint_scheme, models: current.models },
    severity ? { severity } : {},
  );
  const byId = new Map(current.models.map((m) => [m.id, m]));
  const events: EventDraft[] = [];
  if (comparison.rebaseline) {
    events.push({
      type: "MIGRATION_REBASELINE",
      severity: "INFO",
      provider,
      count: comparison.count,
      from_scheme: comparison.fromScheme,
      to_scheme: comparison.toScheme,
    });
  }
  for (const id of comparison.added) {
    const m = byId.get(id);
    events.push({
      type: "MODEL_ADDED",
      severity: "INFO",
      provider,
      model_id: id,
      fingerprint: m ? modelFingerprint(m) : "",
    });
  }
  const before = new Map(previous.models.map((m) => [m.id, m]));
  for (const id of comparison.removed) {
    const m = before.get(id);
    events.push({
      type: "MODEL_REMOVED",
      severity: "WARN",
      provider,
      model_id: id,
      ...(m && previous.fingerprint_scheme === FINGERPRINT_SCHEME
        ? { fingerprint: modelFingerprint(m) }
        : {}),
    });
  }
  if (!comparison.rebaseline) {
    for (const ch of comparison.changed) {
      events.push({
        type: "METADATA_CHANGED",
        severity: ch.severity,
        provider,
        model_id: ch.id,
        changes: ch.changes,
        old_fingerprint: ch.before,
        new_fingerprint: ch.after,
      });
    }
  }
  return { comparison, events };
}
