// Values exactly as this version's writer writes them, recognised by hand (no zod) by readers on
// a hot path: the pointer (read-pointer.ts) and the oracle's manifest check. Never looser than the
// schemas: what these turn down, the zod schemas decide.
import { SHA256_PATTERN } from "./canonical-json.js";
import { isEpochId } from "./epoch-id.js";

export const isSha256 = (v: unknown): v is string =>
  typeof v === "string" && SHA256_PATTERN.test(v);

export const isWrittenEpochId = (v: unknown): v is string => typeof v === "string" && isEpochId(v);

/** An ISO time exactly as Date#toISOString writes it. */
export function isWrittenTime(v: unknown): v is string {
  if (typeof v !== "string" || v.length !== 24) return false;
  const ms = Date.parse(v);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === v;
}
