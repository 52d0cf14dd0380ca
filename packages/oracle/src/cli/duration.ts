// Durations on the command line: 500ms, 45s, 30m, 24h, 7d, or "never" for no limit. Loaded by
// obs-oracle's entry before anything else, so it imports only core's light errors entry.
import { ExitCode, ObsError } from "@observatory/core/errors";

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `label` names where the value came from in an error: the flag, or an environment variable. */
export function parseDuration(flag: string, value: string, label = `--${flag}`): number {
  if (value === "never") return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (!m) {
    throw new ObsError(
      "USAGE",
      `${label} must be a duration like 500ms, 45s, 30m, 24h, 7d or never, got "${value}"`,
      { hint: "a number and a unit: ms, s, m, h or d", exitCode: ExitCode.USAGE },
    );
  }
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** A short human age: 12 s, 5 min, 3 h, 2 d. */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms)) return "forever";
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}
