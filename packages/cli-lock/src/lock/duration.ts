// --max-age values: a number and a unit, so "6" can never be misread as hours or seconds.
import { ExitCode, ObsError } from "@observatory/core/errors";

const UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** "90s", "30m", "6h", "2d", "1w" -> milliseconds. */
export function parseDuration(text: string, flag = "--max-age"): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/.exec(text.trim());
  if (!m) {
    throw new ObsError("BAD_DURATION", `${flag} takes a number and a unit, got "${text}"`, {
      hint: "units: s, m, h, d, w (e.g. 90s, 30m, 6h, 2d, 1w)",
      exitCode: ExitCode.USAGE,
    });
  }
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** A short human age: "42s", "12m", "3h", "5d". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172_800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}
