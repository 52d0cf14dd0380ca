// The storage interface under a remote state: named byte objects with the two conditional writes
// the state contract needs (create only if absent; replace only if unchanged, a compare-and-swap
// on the pointer). Keys are relative to the state's prefix and use the local layout's names
// (current_epoch.json, epochs/<id>.json, objects/<sha256>.json, history/<sha256>.json, locks/).

export interface StoredObject {
  body: Buffer;
  /** The object's ETag without surrounding quotes. */
  etag: string;
  lastModified?: Date;
  /** The object's user metadata (x-amz-meta-*), names in lower case; absent when it has none
   * or the store does not say (a plain HTTPS mirror). */
  meta?: Record<string, string>;
}

/** User metadata written with an object: hints only, never trusted without a check. */
export type ObjectMeta = Record<string, string>;

export interface ListedObject {
  key: string;
  size: number;
  lastModified: Date;
}

export type Created = { created: true; etag: string } | { created: false };
export type Replaced = { ok: true; etag: string } | { ok: false };

export interface ObjectStore {
  /** Where it is, for messages: s3://bucket/prefix. Never holds a credential. */
  readonly label: string;
  /** The object, or null when there is none. */
  get(key: string): Promise<StoredObject | null>;
  /** One conditional GET: "unchanged" when the object's ETag is still `etag`. */
  getIfChanged(key: string, etag: string | null): Promise<StoredObject | "unchanged" | null>;
  /** Writes only if no object has the key (If-None-Match: *). */
  create(key: string, body: Uint8Array, meta?: ObjectMeta): Promise<Created>;
  /** Replaces only if the object's ETag is still `etag` (If-Match); null: only if absent. */
  replace(key: string, body: Uint8Array, etag: string | null, meta?: ObjectMeta): Promise<Replaced>;
  /** An unconditional write (experiment locks, replaced on --force). */
  put(key: string, body: Uint8Array): Promise<string>;
  /** Every object under a key prefix, in key order. */
  list(prefix: string): Promise<ListedObject[]>;
  delete(key: string): Promise<void>;
}

/** An ETag as compared here: without the quotes HTTP puts around it, and without W/. */
export function bareEtag(etag: string | undefined): string {
  return (etag ?? "").replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}
