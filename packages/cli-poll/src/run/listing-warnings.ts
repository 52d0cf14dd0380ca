// Warnings a listing carries (numbers past 2^53 kept as decimal strings, duplicate ids), as the
// providers package reports them, in one shape for events. Read defensively: the field is the
// providers package's, and older builds have none.
import type { ModelListing } from "@observatory/providers";

export interface ListingWarning {
  kind: string;
  model_id?: string;
  message: string;
}

export function listingWarnings(listing: ModelListing): ListingWarning[] {
  const raw = (listing as { warnings?: unknown }).warnings;
  if (!Array.isArray(raw)) return [];
  const out: ListingWarning[] = [];
  for (const w of raw) {
    if (typeof w === "string") {
      out.push({ kind: "warning", message: w });
      continue;
    }
    if (w === null || typeof w !== "object") continue;
    const o = w as Record<string, unknown>;
    const id = o["model_id"] ?? o["modelId"] ?? o["id"];
    const kind = o["kind"] ?? o["type"] ?? o["code"];
    out.push({
      kind: typeof kind === "string" ? kind : "warning",
      ...(typeof id === "string" && id !== "" ? { model_id: id } : {}),
      message: typeof o["message"] === "string" ? o["message"] : JSON.stringify(o),
    });
  }
  return out;
}
