// A read-only mirror over plain HTTPS: any static host (a CDN, a web server, a bucket's public
// endpoint) serving a state's files under their layout names. Routers read through it holding
// no credentials: GETs only, conditional on the pointer's ETag; there is no listing, so events
// and experiment locks are not read from it (the oracle needs neither).
import { ExitCode, ObsError } from "../errors.js";
import {
  bareEtag,
  type Created,
  type ListedObject,
  type ObjectStore,
  type Replaced,
  type StoredObject,
} from "./object-store.js";

export class HttpStore implements ObjectStore {
  constructor(readonly label: string) {}

  private url(key: string): string {
    return `${this.label.replace(/\/+$/, "")}/${key}`;
  }

  async get(key: string): Promise<StoredObject | null> {
    const r = await this.getIfChanged(key, null);
    return r === "unchanged" ? null : r;
  }

  async getIfChanged(key: string, etag: string | null): Promise<StoredObject | "unchanged" | null> {
    let res: Response;
    try {
      res = await fetch(this.url(key), {
        headers: etag === null ? {} : { "if-none-match": `"${etag}"` },
        redirect: "follow",
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      throw new ObsError(
        "S3_UNAVAILABLE",
        `cannot reach the mirror ${this.label}: ${String((e as Error).message ?? e)}`,
        {
          hint: "check the URL and the network; the oracle keeps answering from the epoch it has",
          exitCode: ExitCode.STATE,
          cause: e,
        },
      );
    }
    if (res.status === 304) return "unchanged";
    if (res.status === 404 || res.status === 403) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new ObsError(
        "S3_UNAVAILABLE",
        `the mirror ${this.label} answered HTTP ${res.status} for ${key}`,
        {
          exitCode: ExitCode.STATE,
        },
      );
    }
    const body = Buffer.from(await res.arrayBuffer());
    const modified = res.headers.get("last-modified");
    return {
      body,
      etag: bareEtag(res.headers.get("etag") ?? ""),
      ...(modified ? { lastModified: new Date(modified) } : {}),
    };
  }

  async list(): Promise<ListedObject[]> {
    return [];
  }

  create(): Promise<Created> {
    return Promise.reject(this.readOnly());
  }
  replace(): Promise<Replaced> {
    return Promise.reject(this.readOnly());
  }
  put(): Promise<string> {
    return Promise.reject(this.readOnly());
  }
  delete(): Promise<void> {
    return Promise.reject(this.readOnly());
  }

  private readOnly(): ObsError {
    return new ObsError(
      "USAGE",
      `${this.label} is a read-only mirror; nothing can be written there`,
      {
        hint: "write to the bucket itself (--state-dir s3://bucket/prefix); routers read the mirror",
        exitCode: ExitCode.USAGE,
      },
    );
  }
}
