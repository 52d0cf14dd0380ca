// Durations on the command line: 500ms, 45s, 30m, 24h, 7d, or "never" for no limit.
import { ExitCode, ObsError } from "@observatory/core";

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

export function parseDuration(flag: string, value: string): number {
  if (value === "never") return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (!m) {
    throw new ObsError("USAGE", `--${flag} ${value}: not a duration`, {
      hint: "use a number and a unit: 500ms, 45s, 30m, 24h, 7d (or never)",
      exitCode: ExitCode.USAGE,
    });
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
