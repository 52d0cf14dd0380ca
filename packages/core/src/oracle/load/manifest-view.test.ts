// The oracle's hand check of a manifest against core's ManifestSchema: it accepts what the writer
// writes, and never accepts what the schema rejects (a manifest it turns down goes to the full
// reader, so stricter costs time, looser would cost correctness).
import { describe, expect, it } from "vitest";
import { ManifestSchema } from "../../state/schemas.js";
import { manifestView } from "./manifest-view.js";

const H = (c: string) => c.repeat(64);
const E1 = "20261206T120000.000Z-0000";
const E0 = "20261205T120000.000Z-0003";
const T = "2026-12-06T12:00:00.000Z";

function manifest(): Record<string, unknown> {
  return {
    schema: "observatory.manifest/1",
    epoch_id: E1,
    parent: { epoch_id: E0, manifest_hash: H("a") },
    created_at: T,
    fingerprint_scheme: "semantic-v1",
    writer: { tool: "obs-poll", version: "0.1.0" },
    providers: {
      openai: { status: "fresh", snapshot: H("b"), polled_at: T },
      anthropic: {
        status: "carried_forward",
        snapshot: H("c"),
        from_epoch: E0,
        polled_at: T,
        error: { code: "HTTP_503", message: "unavailable" },
      },
      mistral: { status: "error", snapshot: null, error: { code: "TIMEOUT", message: "t" } },
    },
    registry: H("d"),
    benchmarks: null,
    cooldowns: H("e"),
    routing: H("f"),
  };
}

type Edit = (m: Record<string, unknown>) => void;
const provider = (name: string) => (m: Record<string, unknown>) =>
  (m["providers"] as Record<string, Record<string, unknown>>)[name]!;

const ACCEPTED: Array<[string, Edit]> = [
  ["as the writer writes it", () => {}],
  ["a first epoch (no parent)", (m) => (m["parent"] = null)],
  ["written before the routing index", (m) => delete m["routing"]],
  ["without a registry", (m) => Object.assign(m, { registry: null, routing: null })],
  ["no providers", (m) => (m["providers"] = {})],
  ["carried forward without an error", (m) => delete provider("anthropic")(m)["error"]],
  [
    "with a history and quiet epochs",
    (m) => Object.assign(m, { history: H("9"), history_quiet: [E1] }),
  ],
];

const REJECTED: Array<[string, Edit]> = [
  ["another schema", (m) => (m["schema"] = "observatory.manifest/2")],
  ["a bad epoch id", (m) => (m["epoch_id"] = "20261206T120000Z")],
  ["a short hash", (m) => (m["registry"] = "abc")],
  ["an upper-case hash", (m) => (m["cooldowns"] = H("E"))],
  ["a parent without its hash", (m) => (m["parent"] = { epoch_id: E0 })],
  ["a time that is no time", (m) => (m["created_at"] = "2026-13-45T99:00:00.000Z")],
  ["no fingerprint scheme", (m) => (m["fingerprint_scheme"] = "")],
  ["a writer without a version", (m) => (m["writer"] = { tool: "obs-poll" })],
  ["an unknown provider status", (m) => (provider("openai")(m)["status"] = "stale")],
  ["a fresh provider without a snapshot", (m) => (provider("openai")(m)["snapshot"] = null)],
  ["an error without its error", (m) => delete provider("mistral")(m)["error"]],
  [
    "an error code that is not text",
    (m) => (provider("mistral")(m)["error"] = { code: 5, message: "" }),
  ],
  ["a carried provider without its epoch", (m) => delete provider("anthropic")(m)["from_epoch"]],
  ["providers as a list", (m) => (m["providers"] = [])],
  ["routing as a number", (m) => (m["routing"] = 5)],
  ["a history that is no hash", (m) => (m["history"] = "head")],
  ["an empty list of quiet epochs", (m) => (m["history_quiet"] = [])],
  ["a quiet epoch that is no epoch id", (m) => (m["history_quiet"] = ["yesterday"])],
  ["more quiet epochs than a manifest lists", (m) => (m["history_quiet"] = Array(65).fill(E1))],
  [
    "nothing in it",
    (m) => {
      for (const k of Object.keys(m)) delete m[k];
    },
  ],
];

describe("manifestView", () => {
  it.each(ACCEPTED)("accepts a manifest %s, as the schema does", (_name, edit) => {
    const m = manifest();
    edit(m);
    expect(ManifestSchema.safeParse(m).success).toBe(true);
    expect(manifestView(m)).toEqual(m);
  });

  it.each(REJECTED)("rejects a manifest with %s, as the schema does", (_name, edit) => {
    const m = manifest();
    edit(m);
    expect(ManifestSchema.safeParse(m).success).toBe(false);
    expect(manifestView(m)).toBeNull();
  });

  it("is stricter than the schema only on the form of times (the full reader takes those)", () => {
    const m = manifest();
    m["created_at"] = "2026-12-06T13:00:00+01:00";
    expect(ManifestSchema.safeParse(m).success).toBe(true);
    expect(manifestView(m)).toBeNull();
  });
});
