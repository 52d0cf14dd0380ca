// The real S3 server for tests: Ceph's RADOS Gateway on loopback, started by scripts/s3-rgw.sh
// (.ci/run does it and exports the AWS_* variables). Without it these tests cannot run: in CI
// that is a failure, on a developer's machine the suites say how to start it.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, DeleteBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll } from "vitest";

export const S3_ENDPOINT = process.env["AWS_ENDPOINT_URL"];
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
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

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

/** A process environment with its own mirror cache: one "host". */
export async function hostEnv(): Promise<NodeJS.ProcessEnv> {
  const d = await mkdtemp(join(tmpdir(), "obs-host-"));
  cleanups.push(() => rm(d, { recursive: true, force: true }));
  return { ...process.env, OBS_CACHE_DIR: d };
}
