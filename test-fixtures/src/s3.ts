// The real S3 server for tests: Ceph's RADOS Gateway on loopback, started by scripts/s3-rgw.sh
// (.ci/run does it and exports the AWS_* variables). Without it the S3 suites cannot run: in CI
// that is a failure, on a developer's machine they are skipped and say how to start it.
// A subpath of its own (@observatory/test-fixtures/s3): only S3 suites load the SDK.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, DeleteBucketCommand, S3Client } from "@aws-sdk/client-s3";

export const S3_ENDPOINT = process.env["AWS_ENDPOINT_URL"];
// As the observatory does: the SDK's notice that its 2027 releases need Node 22.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
if (!S3_ENDPOINT && process.env["CI"])
  throw new Error("CI runs the S3 tests against radosgw: scripts/s3-rgw.sh start must run first");
/** For describe.skipIf: true when no S3 server is configured (never in CI, see above). */
export const NO_S3 = !S3_ENDPOINT;
export const HOW_TO_START =
  'start the test server: eval "$(bash scripts/s3-rgw.sh start /tmp/obs-rgw)"';

function client(): S3Client {
  return new S3Client({ endpoint: S3_ENDPOINT, forcePathStyle: true, region: "us-east-1" });
}

const cleanups: Array<() => Promise<void>> = [];
/** Removes the temp directories made by hostEnv (call from afterAll). */
export async function cleanupS3(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
}

/** A new empty bucket (the test's own; the observatory never creates buckets). */
export async function freshBucket(): Promise<string> {
  const name = `obs-test-${randomBytes(6).toString("hex")}`;
  await client().send(new CreateBucketCommand({ Bucket: name }));
  return name;
}

export async function dropBucket(name: string): Promise<void> {
  await client()
    .send(new DeleteBucketCommand({ Bucket: name }))
    .catch(() => undefined);
}

/** The AWS variables the S3 server needs (to pass to a spawned bin). */
export function s3Env(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"])
    if (process.env[k]) out[k] = process.env[k]!;
  return out;
}

/** One "host": the S3 variables and a mirror cache of its own. */
export async function hostEnv(): Promise<Record<string, string>> {
  const d = await mkdtemp(join(tmpdir(), "obs-host-"));
  cleanups.push(() => rm(d, { recursive: true, force: true }));
  return { ...s3Env(), OBS_CACHE_DIR: d };
}

/** What the fault proxy does to one request it matches. */
export type Fault = "503" | "drop-after-forward" | "drop-before-forward";

export interface FaultRule {
  /** e.g. "PUT", and a test on the path (bucket/key). */
  method: string;
  path: RegExp;
  fault: Fault;
  /** How many matching requests to spoil (default: every one). */
  times?: number;
}

export interface FaultProxy {
  url: string;
  /** Requests seen, as "METHOD path". */
  seen: string[];
  rules: FaultRule[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the S3 server that spoils chosen requests: a 503 (the store busy), a
 * connection dropped before the request reaches the store, or dropped after the store applied it
 * (the client never hears that its write landed).
 */
export async function faultProxy(upstream: string = S3_ENDPOINT ?? ""): Promise<FaultProxy> {
  const { createServer, request } = await import("node:http");
  const target = new URL(upstream);
  const seen: string[] = [];
  const rules: FaultRule[] = [];
  const server = createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    seen.push(line);
    const rule = rules.find(
      (r) =>
        r.method === req.method &&
        r.path.test(req.url ?? "") &&
        (r.times === undefined || r.times > 0),
    );
    if (rule && rule.times !== undefined) rule.times--;
    if (rule?.fault === "503") {
      req.resume();
      res.writeHead(503, { "content-type": "application/xml" });
      res.end("<Error><Code>SlowDown</Code><Message>busy</Message></Error>");
      return;
    }
    if (rule?.fault === "drop-before-forward") {
      req.resume();
      req.socket.destroy();
      return;
    }
    const up = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (upRes) => {
        if (rule?.fault === "drop-after-forward") {
          upRes.resume();
          upRes.on("end", () => req.socket.destroy());
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on("error", () => req.socket.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    rules,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * A static web server over a directory, as a CDN or nginx would serve a bucket's files to
 * routers: GET with a strong ETag and If-None-Match (304). Counts the requests it answers.
 */
export async function staticServer(dir: string): Promise<{
  url: string;
  requests: string[];
  close(): Promise<void>;
}> {
  const { createServer } = await import("node:http");
  const { readFile } = await import("node:fs/promises");
  const { createHash } = await import("node:crypto");
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    requests.push(`${req.method} ${path}`);
    if (req.method !== "GET" || path.includes("..")) {
      res.writeHead(405).end();
      return;
    }
    const body = await readFile(join(dir, path)).catch(() => null);
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    const etag = `"${createHash("md5").update(body).digest("hex")}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { etag, "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
