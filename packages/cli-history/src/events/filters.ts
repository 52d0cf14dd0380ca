// What obs-events' flags select, parsed once into plain predicates. Bad values are usage errors
// (exit 2) that say what is accepted, with "did you mean" for a mistyped event type.
import { closest } from "@observatory/cli-kit/suggest";
import {
  atLeast,
  EventSchema,
  ExitCode,
  epochTime,
  isEpochId,
  ObsError,
  type ObsEvent,
  SEVERITIES,
  type Severity,
} from "@observatory/core";

export const EVENT_TYPES: readonly string[] = EventSchema.options.map((o) => o.shape.type.value);

export interface EventFilterFlags {
  type?: string | undefined;
  model?: string | undefined;
  provider?: string | undefined;
  severity?: string | undefined;
}

function usage(message: string, hint: string): ObsError {
  return new ObsError("USAGE", message, { hint, exitCode: ExitCode.USAGE });
}

function list(value: string): string[] {
  return value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

export function eventTypes(value: string): Set<string> {
  const out = new Set<string>();
  for (const typed of list(value)) {
    const t = typed.toUpperCase().replaceAll("-", "_");
    if (!EVENT_TYPES.includes(t)) {
      const near = closest(t, EVENT_TYPES);
      throw usage(
        `--type ${JSON.stringify(typed)} is not an event type`,
        near ? `did you mean ${near}?` : `event types: ${EVENT_TYPES.join(", ")}`,
      );
    }
    out.add(t);
  }
  return out;
}

/** ">=HIGH" or "HIGH": at least HIGH; "=HIGH": exactly HIGH. */
export function severityTest(value: string): (s: Severity) => boolean {
  const m = /^\s*(>=|=)?\s*([a-z]+)\s*$/i.exec(value);
  const name = m?.[2]?.toUpperCase() as Severity | undefined;
  if (!m || name === undefined || !SEVERITIES.includes(name))
    throw usage(
      `--severity ${JSON.stringify(value)} is not a severity`,
      `give >=S (at least S) or =S (exactly S), S one of ${SEVERITIES.join(", ")}`,
    );
  return m[1] === "=" ? (s) => s === name : (s) => atLeast(s, name);
}

/** "provider/id" exactly, or a suffix after a "/" (gpt-4o), case-insensitive. */
function modelTest(value: string): (e: ObsEvent) => boolean {
  const want = value.toLowerCase();
  return (e) => {
    if (!("model_id" in e) || typeof e.model_id !== "string" || !("provider" in e)) return false;
    const name = `${e.provider}/${e.model_id}`.toLowerCase();
    return name === want || name.endsWith(`/${want}`);
  };
}

export function eventFilter(f: EventFilterFlags): (e: ObsEvent) => boolean {
  const types = f.type === undefined ? null : eventTypes(f.type);
  const providers = f.provider === undefined ? null : new Set(list(f.provider));
  const severity = f.severity === undefined ? null : severityTest(f.severity);
  const model = f.model === undefined ? null : modelTest(f.model);
  return (e) =>
    (types === null || types.has(e.type)) &&
    (providers === null || ("provider" in e && providers.has(e.provider ?? ""))) &&
    (severity === null || severity(e.severity)) &&
    (model === null || model(e));
}

/** A time for --since/--until: an ISO date or time (UTC unless it says), an epoch id (its time),
 * Nd/Nh/Nm ago, or now. Milliseconds since the epoch. */
export function parseTime(spec: string, flag: string, now: Date): number {
  const s = spec.trim();
  if (s === "now") return now.getTime();
  if (isEpochId(s)) return epochTime(s).getTime();
  const ago = /^(\d+(?:\.\d+)?)([dhm])$/.exec(s);
  if (ago) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[ago[2] as "d" | "h" | "m"];
    return now.getTime() - Number(ago[1]) * unit;
  }
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) {
    const iso = s.length === 10 ? `${s}T00:00:00Z` : s.replace(" ", "T");
    const t = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
    if (!Number.isNaN(t)) return t;
  }
  throw usage(
    `${flag} ${JSON.stringify(spec)} is not a time`,
    "give an ISO date or time (2026-11-21, 2026-11-21T05:20Z; UTC unless it says), an epoch id, 7d / 12h / 30m ago, or now",
  );
}
