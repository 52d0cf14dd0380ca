// The ObjectStore on S3-compatible storage (AWS S3, MinIO, R2, B2, Ceph RGW) through
// @aws-sdk/client-s3, loaded only when a state lives in a bucket. Region, credentials and
// endpoint come from the SDK's own sources (AWS_REGION, AWS_ACCESS_KEY_ID, profiles,
// AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_S3); a custom endpoint means path-style addressing, which
// MinIO and Ceph need and every S3-compatible store accepts.
//
// Servers differ on conditional writes: Ceph RGW matches If-Match only against the ETag without
// its quotes, AWS accepts both forms. A 412 on a replace is therefore checked: when the object's
// ETag is still the one we sent, the other form is tried once. A 412 that follows a retried
// request (the first attempt may have landed before the connection dropped) is checked too: an
// object already holding exactly our bytes is our write.
import type { S3Client as Client, ListObjectsV2CommandOutput } from "@aws-sdk/client-s3";
import { describeError, ExitCode, ObsError } from "../errors.js";
import {
  bareEtag,
  type Created,
  type ListedObject,
  type ObjectMeta,
  type ObjectStore,
  type Replaced,
  type StoredObject,
} from "./object-store.js";

type Sdk = typeof import("@aws-sdk/client-s3");

export interface S3StoreOptions {
  bucket: string;
  prefix: string;
  /** Overrides for tests; by default everything comes from the AWS environment. */
  endpoint?: string;
  env?: NodeJS.ProcessEnv;
}

export async function openS3Store(options: S3StoreOptions): Promise<ObjectStore> {
  // The SDK warns on every process under Node 20 that its releases after January 2027 will need
  // Node 22; the version installed with this package runs on Node 20, so that notice would only
  // clutter every command's output.
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  const sdk = await import("@aws-sdk/client-s3");
  const env = options.env ?? process.env;
  const endpoint = options.endpoint ?? env["AWS_ENDPOINT_URL_S3"] ?? env["AWS_ENDPOINT_URL"];
  const client = new sdk.S3Client({
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    // The SDK needs a region to sign; S3-compatible stores mostly ignore it.
    ...(env["AWS_REGION"] || env["AWS_DEFAULT_REGION"] ? {} : { region: "us-east-1" }),
    // Only what the API requires: several S3-compatible servers reject the newer default
    // checksum headers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  });
  return new S3Store(sdk, client, options.bucket, options.prefix, endpoint);
}

class S3Store implements ObjectStore {
  readonly label: string;
  constructor(
    private readonly sdk: Sdk,
    private readonly client: Client,
    private readonly bucket: string,
    private readonly prefix: string,
    private readonly endpoint: string | undefined,
  ) {
    this.label = `s3://${bucket}${prefix ? `/${prefix}` : ""}`;
  }

  private key(k: string): string {
    return this.prefix ? `${this.prefix}/${k}` : k;
  }

  async get(key: string): Promise<StoredObject | null> {
    const r = await this.getIfChanged(key, null);
    return r === "unchanged" ? null : r;
  }

  async getIfChanged(key: string, etag: string | null): Promise<StoredObject | "unchanged" | null> {
    try {
      const out = await this.client.send(
        new this.sdk.GetObjectCommand({
          Bucket: this.bucket,
          Key: this.key(key),
          ...(etag === null ? {} : { IfNoneMatch: `"${etag}"` }),
        }),
      );
      const body = Buffer.from(await out.Body!.transformToByteArray());
      return {
        body,
        etag: bareEtag(out.ETag),
        ...(out.LastModified ? { lastModified: out.LastModified } : {}),
        ...(out.Metadata && Object.keys(out.Metadata).length > 0 ? { meta: out.Metadata } : {}),
      };
    } catch (e) {
      const status = statusOf(e);
      if (status === 304) return "unchanged";
      if (status === 404 && nameOf(e) !== "NoSuchBucket") return null;
      throw this.failure(e, "GetObject", key);
    }
  }

  /** One PutObject, with a precondition or none; the ETag it was given. Throws the SDK's error
   * as it is: each caller decides what a 412 means. */
  private async send(
    key: string,
    body: Uint8Array,
    condition: { IfNoneMatch: "*" } | { IfMatch: string } | object = {},
    meta?: ObjectMeta,
  ): Promise<string> {
    const out = await this.client.send(
      new this.sdk.PutObjectCommand({
        Bucket: this.bucket,
        Key: this.key(key),
        Body: body,
        ContentType: contentType(key),
        ...(meta ? { Metadata: meta } : {}),
        ...condition,
      }),
    );
    return bareEtag(out.ETag);
  }

  async create(key: string, body: Uint8Array, meta?: ObjectMeta): Promise<Created> {
    try {
      return { created: true, etag: await this.send(key, body, { IfNoneMatch: "*" }, meta) };
    } catch (e) {
      // 409: a concurrent conditional write to the same key is in progress (AWS).
      if (statusOf(e) === 412 || statusOf(e) === 409) return { created: false };
      throw this.failure(e, "PutObject", key);
    }
  }

  async replace(
    key: string,
    body: Uint8Array,
    etag: string | null,
    meta?: ObjectMeta,
  ): Promise<Replaced> {
    if (etag === null) {
      const r = await this.create(key, body, meta);
      return r.created ? { ok: true, etag: r.etag } : this.ownWrite(key, body);
    }
    for (const form of [etag, `"${etag}"`]) {
      try {
        return { ok: true, etag: await this.send(key, body, { IfMatch: form }, meta) };
      } catch (e) {
        const status = statusOf(e);
        if (status !== 412 && status !== 409 && status !== 404)
          throw this.failure(e, "PutObject", key);
        const now = await this.get(key);
        if (now !== null && Buffer.compare(now.body, Buffer.from(body)) === 0)
          return { ok: true, etag: now.etag };
        // Still the ETag we hold: the server wants the other form of it.
        if (now === null || now.etag !== etag || form !== etag) return { ok: false };
      }
    }
    return { ok: false };
  }

  /** After a 412 on create: the object may be our own write of a retried request. */
  private async ownWrite(key: string, body: Uint8Array): Promise<Replaced> {
    const now = await this.get(key);
    if (now !== null && Buffer.compare(now.body, Buffer.from(body)) === 0)
      return { ok: true, etag: now.etag };
    return { ok: false };
  }

  async put(key: string, body: Uint8Array): Promise<string> {
    try {
      return await this.send(key, body);
    } catch (e) {
      throw this.failure(e, "PutObject", key);
    }
  }

  async list(prefix: string): Promise<ListedObject[]> {
    const out: ListedObject[] = [];
    const strip = this.prefix ? this.prefix.length + 1 : 0;
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await this.client.send(
          new this.sdk.ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.key(prefix),
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
      } catch (e) {
        throw this.failure(e, "ListBucket", prefix);
      }
      for (const c of page.Contents ?? []) {
        if (!c.Key) continue;
        out.push({
          key: c.Key.slice(strip),
          size: c.Size ?? 0,
          lastModified: c.LastModified ?? new Date(0),
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(
        new this.sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(key) }),
      );
    } catch (e) {
      if (statusOf(e) === 404 && nameOf(e) !== "NoSuchBucket") return;
      throw this.failure(e, "DeleteObject", key);
    }
  }

  /** What went wrong, said in the operator's terms: the bucket, the permission, the endpoint. */
  private failure(e: unknown, action: string, key: string): ObsError {
    const name = nameOf(e);
    const status = statusOf(e);
    const where = `${this.label}/${key}`;
    const at = this.endpoint ? ` at ${this.endpoint}` : "";
    if (name === "NoSuchBucket")
      return new ObsError("S3_NO_BUCKET", `the bucket ${this.bucket} does not exist${at}`, {
        hint: `create it (aws s3 mb s3://${this.bucket}) or point --state-dir at an existing bucket; the observatory never creates buckets`,
        exitCode: ExitCode.USAGE,
        cause: e,
      });
    if (name === "InvalidAccessKeyId" || name === "SignatureDoesNotMatch")
      return new ObsError(
        "S3_CREDENTIALS",
        `the object store${at} refused the credentials (${name}) for ${where}`,
        {
          hint: "check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or AWS_PROFILE",
          exitCode: ExitCode.USAGE,
          cause: e,
        },
      );
    if (status === 403 || name === "AccessDenied")
      return new ObsError(
        "S3_ACCESS_DENIED",
        `access denied: ${action} on ${where} needs the permission s3:${action}`,
        {
          hint: `grant s3:${action} on arn:aws:s3:::${this.bucket}${action === "ListBucket" ? "" : "/*"} to these credentials (README: "Sharing state across hosts" lists what a poller and a router need)`,
          exitCode: ExitCode.USAGE,
          cause: e,
        },
      );
    if (name === "CredentialsProviderError" || /could not load credentials/i.test(String(e)))
      return new ObsError("S3_CREDENTIALS", `no AWS credentials found for ${this.label}`, {
        hint: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE",
        exitCode: ExitCode.USAGE,
        cause: e,
      });
    return new ObsError(
      "S3_UNAVAILABLE",
      `the object store${at} failed ${action} on ${where}: ${status ? `HTTP ${status} ` : ""}${describeError(e)}`,
      {
        hint: "the store was retried (AWS_MAX_ATTEMPTS sets how often); nothing was committed by this step",
        exitCode: ExitCode.STATE,
        cause: e,
      },
    );
  }
}

function statusOf(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}
function nameOf(e: unknown): string | undefined {
  return (e as { name?: string; Code?: string })?.Code ?? (e as { name?: string })?.name;
}
function contentType(key: string): string {
  return key.endsWith(".jsonl") ? "application/x-ndjson" : "application/json";
}
