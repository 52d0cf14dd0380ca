// Reading current_epoch.json. A pointer as the writer writes it is recognised by hand; anything
// else goes to the zod schema, loaded only then, so that a reader on a hot path (obs-oracle
// route) loads no validator for the one small file every read starts with.
import { readFile } from "node:fs/promises";
import { pointerPath } from "./layout.js";
import type { StateProblem } from "./read-epoch.js";
import type { Pointer } from "./schemas.js";
import { isSha256, isWrittenEpochId, isWrittenTime } from "./written-form.js";

export type PointerRead =
  | { kind: "ok"; pointer: Pointer }
  | { kind: "absent" }
  | { kind: "bad"; problem: StateProblem };

export async function readPointer(stateDir: string): Promise<PointerRead> {
  let text: string;
  try {
    text = await readFile(pointerPath(stateDir), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { kind: "absent" };
    return { kind: "bad", problem: { file: "current_epoch.json", reason: `unreadable (${code})` } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "bad", problem: { file: "current_epoch.json", reason: "not valid JSON" } };
  }
  if (isWrittenPointer(value)) return { kind: "ok", pointer: value };
  // Not as this version writes it: the schema decides (loaded only now).
  const { PointerSchema } = await import("./schemas.js");
  const r = PointerSchema.safeParse(value);
  if (r.success) return { kind: "ok", pointer: r.data };
  return {
    kind: "bad",
    problem: { file: "current_epoch.json", reason: "does not match the pointer schema" },
  };
}

/**
 * The pointer exactly as this version writes it (PointerSchema's shape, its time in
 * toISOString's form). Never looser than the schema: what it turns down, the schema decides.
 */
export function isWrittenPointer(v: unknown): v is Pointer {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const p = v as Record<string, unknown>;
  return (
    p["schema"] === "observatory.pointer/1" &&
    isWrittenEpochId(p["epoch_id"]) &&
    isSha256(p["manifest_hash"]) &&
    isWrittenTime(p["updated_at"])
  );
}
