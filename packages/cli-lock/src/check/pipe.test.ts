import { describe, expect, it } from "vitest";
import { pipedEpoch } from "./pipe.js";

const E1 = "20261121T050001.000Z-0000";
const E2 = "20261121T050002.000Z-0000";
const HASH = "a".repeat(64);

const committed = (id: string, hash = HASH) =>
  JSON.stringify({
    type: "EPOCH_COMMITTED",
    version: 1,
    epoch_id: id,
    manifest_hash: hash,
    tool: "obs-poll",
    providers: { openai: "fresh" },
    events: 3,
  });
const run = (status: string, id: string | null, reason: string | null = null) =>
  JSON.stringify({
    type: "RUN",
    version: 1,
    tool: "obs-poll",
    status,
    epoch_id: id,
    manifest_hash: id === null ? null : HASH,
    exit_code: status === "committed" ? 0 : 3,
    reason,
  });
const lines = (...l: string[]) => `${l.join("\n")}\n`;

describe("pipedEpoch", () => {
  it("a committed RUN record names the epoch; its EPOCH_COMMITTED record agrees", () => {
    const text = lines('{"v":2,"type":"MODEL_ADDED"}', committed(E2), run("committed", E2));
    expect(pipedEpoch(text)).toEqual({ epochId: E2, manifestHash: HASH });
    // A RUN record alone is enough.
    expect(pipedEpoch(lines(run("committed", E1)))).toEqual({ epochId: E1, manifestHash: HASH });
  });

  it("an older writer's stream, without a RUN record, is read by its last EPOCH_COMMITTED record", () => {
    const old = committed(E2).replace('"version":1,', "");
    expect(pipedEpoch(lines(committed(E1), "not json", old))).toEqual({
      epochId: E2,
      manifestHash: HASH,
    });
  });

  it("every status but committed is a failure (exit 3) naming the tool, status and reason", () => {
    for (const [status, reason] of [
      ["nothing_committed", "every provider failed"],
      ["locked", "another instance holds the state directory"],
      ["lock_lost", null],
      ["failed", "EACCES"],
    ] as const) {
      expect(() => pipedEpoch(lines(run(status, null, reason)))).toThrow(
        expect.objectContaining({
          code: "NOTHING_COMMITTED",
          exitCode: 3,
          message: `the run before the pipe committed nothing (obs-poll: ${status}${reason ? `: ${reason}` : ""}); nothing was checked`,
          hint: expect.stringContaining("--epoch <id>"),
        }),
      );
    }
    // An earlier committed run in the same stream does not count: the last run failed.
    expect(() =>
      pipedEpoch(lines(committed(E1), run("committed", E1), run("failed", null, "EIO"))),
    ).toThrow(expect.objectContaining({ exitCode: 3 }));
  });

  it("an interrupted run that committed part of its work is a failure that names that epoch", () => {
    expect(() => pipedEpoch(lines(committed(E1), run("interrupted", E1, "SIGINT")))).toThrow(
      expect.objectContaining({
        exitCode: 3,
        message: expect.stringContaining("(obs-poll: interrupted: SIGINT)"),
        hint: expect.stringContaining(`--epoch ${E1}`),
      }),
    );
  });

  it("empty input or input naming no epoch is the same failure, never the current epoch", () => {
    expect(() => pipedEpoch("")).toThrow(
      expect.objectContaining({
        exitCode: 3,
        message:
          "the run before the pipe committed nothing (it printed nothing on stdout); nothing was checked",
      }),
    );
    expect(() => pipedEpoch(lines('{"v":2,"type":"MODEL_ADDED"}', "junk"))).toThrow(
      expect.objectContaining({ exitCode: 3, message: expect.stringContaining("its 2 lines") }),
    );
    // A malformed epoch id is no epoch.
    expect(() => pipedEpoch(lines('{"type":"EPOCH_COMMITTED","epoch_id":"latest"}'))).toThrow(
      expect.objectContaining({ exitCode: 3 }),
    );
  });

  it("a RUN record and an EPOCH_COMMITTED record that disagree are refused (2)", () => {
    expect(() => pipedEpoch(lines(committed(E1), run("committed", E2)))).toThrow(
      expect.objectContaining({ code: "PIPE_DISAGREES", exitCode: 2 }),
    );
    expect(() => pipedEpoch(lines(committed(E2, "b".repeat(64)), run("committed", E2)))).toThrow(
      expect.objectContaining({ code: "PIPE_DISAGREES" }),
    );
  });

  it("a RUN record of a newer format is refused, not taken for nothing", () => {
    const newer = run("committed", E1).replace('"version":1', '"version":2');
    expect(() => pipedEpoch(lines(newer))).toThrow(
      expect.objectContaining({ code: "RUN_RECORD_UNREADABLE", exitCode: 2 }),
    );
  });
});
