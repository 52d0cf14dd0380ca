// obs-migrate's human report (invariant 12): names and messages from a v1 tree of unknown
// provenance are shown escaped, on a terminal (table) and in a log (plain lines) alike.
import { describe, expect, it } from "vitest";
import { renderReport } from "./render.js";
import { emptyReport, type MigrationReport } from "./report.js";

const HOSTILE = "gpt\u001b]0;pwned\u0007\u001b[2J\rFAKE LINE\nok\u202e";
const SHOWN = "gpt\\x1b]0;pwned\\x07\\x1b[2J\\rFAKE LINE\\nok\\u202e";
const raw = (s: string) =>
  ["\u0007", "\r", "\u202e", "\u001b]", "\u001b[2J", "\nok", "\nFAKE"].filter((x) => s.includes(x));

function hostileReport(): MigrationReport {
  const r = emptyReport("/tmp/state", "migrated", "migrated 1 provider");
  r.epoch = { epoch_id: "20261121T052029.123Z-0000", manifest_hash: "a".repeat(64) };
  r.fingerprint_scheme = "semantic-v1";
  r.providers = [{ provider: "openai", file: `snapshots/${HOSTILE}.json`, models: 3 }];
  r.provider_errors = [{ provider: "mistral", message: `bad listing: ${HOSTILE}` }];
  r.locks = [
    {
      name: HOSTILE,
      v1_file: `locks/${HOSTILE}.json`,
      model_ids: "verified",
      registry: "unverifiable",
      result: "invalid",
      path: null,
    },
  ];
  r.skipped = [{ file: `locks/${HOSTILE}.json`, reason: `invalid lock name ${HOSTILE}` }];
  r.quarantined = [{ file: HOSTILE, reason: HOSTILE, to: null }];
  return r;
}

describe("renderReport: v1 names and messages are escaped", () => {
  it.each([true, false])("tty=%s", (tty) => {
    const out = renderReport(hostileReport(), tty);
    expect(raw(out)).toEqual([]);
    expect(out).toContain(`lock         ${SHOWN}:`);
    expect(out).toContain(`skipped      locks/${SHOWN}.json: invalid lock name ${SHOWN}`);
    expect(out).toContain(`bad listing: ${SHOWN}`);
  });
});
