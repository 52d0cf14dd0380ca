// The manifest as the oracle's short path reads it, checked by hand like the routing index
// (views.ts says why): zod's first parse of a manifest costs obs-oracle route a tenth of its
// start-up. The check is ManifestSchema's or stricter, never looser (times must be as the writer
// writes them, toISOString's form): whatever it does not accept goes to core's full reader, which
// parses with zod, so a manifest is never read wrongly, at worst slowly.
// test: load/manifest-view.test.ts holds it to the schema.
import { QUIET_EPOCHS_MAX } from "../../state/quiet.js";
import type { Manifest } from "../../state/schemas.js";
import {
  isWrittenEpochId as epochId,
  isWrittenTime as isoTime,
  isSha256 as sha,
} from "../../state/written-form.js";
import { isObj, type Obj, str } from "./_checks.js";

const shaOrNull = (v: unknown) => v === null || sha(v);
const nonEmpty = (v: unknown) => typeof v === "string" && v.length > 0;
const providerError = (v: unknown) => isObj(v) && str(v["code"]) && str(v["message"]);

function providerEntry(p: unknown): boolean {
  if (!isObj(p)) return false;
  switch (p["status"]) {
    case "fresh":
      return sha(p["snapshot"]) && isoTime(p["polled_at"]);
    case "carried_forward":
      return (
        sha(p["snapshot"]) &&
        epochId(p["from_epoch"]) &&
        isoTime(p["polled_at"]) &&
        (p["error"] === undefined || providerError(p["error"]))
      );
    case "error":
      return p["snapshot"] === null && providerError(p["error"]);
    default:
      return false;
  }
}

const quietIds = (v: unknown) =>
  Array.isArray(v) && v.length >= 1 && v.length <= QUIET_EPOCHS_MAX && v.every(epochId);

/** The manifest, or null when the hand check does not accept it (the full reader then decides). */
export function manifestView(v: unknown): Manifest | null {
  if (!isObj(v) || v["schema"] !== "observatory.manifest/1") return null;
  const parent = v["parent"];
  const writer = v["writer"];
  const providers = v["providers"];
  const ok =
    epochId(v["epoch_id"]) &&
    (parent === null ||
      (isObj(parent) && epochId(parent["epoch_id"]) && sha(parent["manifest_hash"]))) &&
    isoTime(v["created_at"]) &&
    nonEmpty(v["fingerprint_scheme"]) &&
    isObj(writer) &&
    nonEmpty(writer["tool"]) &&
    nonEmpty(writer["version"]) &&
    isObj(providers) &&
    Object.values(providers as Obj).every(providerEntry) &&
    shaOrNull(v["registry"]) &&
    shaOrNull(v["benchmarks"]) &&
    shaOrNull(v["cooldowns"]) &&
    (v["routing"] === undefined || shaOrNull(v["routing"])) &&
    (v["history"] === undefined || sha(v["history"])) &&
    (v["history_quiet"] === undefined || quietIds(v["history_quiet"]));
  return ok ? (v as unknown as Manifest) : null;
}
