// Where the state lives: a local directory (the default), or a prefix in an S3-compatible
// bucket written `s3://bucket/prefix`. Anything that is not an s3:// URL is a path.
import { ExitCode, ObsError } from "../errors.js";

export type StateLocation =
  | { kind: "local"; dir: string }
  | { kind: "s3"; bucket: string; prefix: string; url: string }
  /** A read-only mirror: any static HTTP(S) host serving the state's files. */
  | { kind: "http"; url: string };

// S3's bucket naming rules (lower case, digits, dots and hyphens, 3-63, letters or digits at
// both ends); a prefix is any run of path segments without empty, "." or ".." ones.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function isRemoteLocation(s: string): boolean {
  return /^(s3|https?):\/\//i.test(s);
}

export function parseStateLocation(s: string): StateLocation {
  if (!isRemoteLocation(s)) return { kind: "local", dir: s };
  if (/^https?:\/\//i.test(s)) {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      throw badLocation(s, "not a valid URL");
    }
    if (url.username || url.password || url.search || url.hash)
      throw badLocation(s, "a mirror URL holds no credentials, query or fragment");
    return { kind: "http", url: `${url.origin}${url.pathname.replace(/\/+$/, "")}` };
  }
  const rest = s.slice("s3://".length);
  const slash = rest.indexOf("/");
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const segments = (slash === -1 ? "" : rest.slice(slash + 1)).split("/").filter((x) => x !== "");
  if (!BUCKET.test(bucket) || bucket.includes("..")) {
    throw badLocation(s, `"${bucket}" is not a valid bucket name`);
  }
  for (const seg of segments) {
    if (seg === "." || seg === ".." || seg.includes("\\") || hasControl(seg))
      throw badLocation(s, `the prefix segment ${JSON.stringify(seg)} is not allowed`);
  }
  const prefix = segments.join("/");
  return { kind: "s3", bucket, prefix, url: `s3://${bucket}${prefix ? `/${prefix}` : ""}` };
}

function badLocation(given: string, why: string): ObsError {
  return new ObsError("USAGE", `bad state location ${JSON.stringify(given)}: ${why}`, {
    hint: "write an S3 location as s3://bucket/prefix (the prefix is optional), e.g. s3://my-team-observatory/prod",
    exitCode: ExitCode.USAGE,
  });
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
