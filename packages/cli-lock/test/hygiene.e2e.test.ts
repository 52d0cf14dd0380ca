// Terminal hygiene (invariant 12): a provider lists a model whose id carries escape sequences,
// CR, a newline and a bidi override, then adds another; a lock's notes carry the same. obs-check's
// report (the real bin) and obs-lock's list, show and provenance renderings (their human text is
// printed only when stdout is a terminal, so they are called on the real lock) show them escaped;
// NDJSON and --json keep the exact strings.
import { lockPath, readLockFile } from "@observatory/core";
import {
  HOSTILE_ID as HOSTILE,
  hostileModel,
  rawTerminalPieces as raw,
  HOSTILE_ID_SHOWN as SHOWN,
} from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { provenance } from "../src/lock/provenance.js";
import { renderList, renderMarkdown, renderShow } from "../src/lock/render.js";
import { checkOf, harness } from "./harness.js";

const GPT = "openai/gpt-4o";

describe("obs-check and obs-lock: provider and state strings reach the terminal escaped", () => {
  it("a hostile model id and hostile notes are escaped for humans and exact in NDJSON", async () => {
    const h = await harness(
      {
        seed: 1,
        catalogs: {
          openai: {
            add: [
              {
                fromPoll: 1,
                models: [hostileModel()],
              },
              {
                fromPoll: 2,
                models: [hostileModel(`${HOSTILE}2`)],
              },
            ],
          },
        },
      },
      ["openai"],
    );
    await h.poll(GPT);
    const env = { NO_COLOR: "1" };
    const locked = await h.run(
      "obs-lock",
      ["exp", "--providers", "openai", "--notes", HOSTILE],
      env,
    );
    expect(locked.code).toBe(0);
    await h.poll(GPT);

    const check = await h.run("obs-check", ["exp"], env);
    expect(check.code).toBe(1);
    expect(raw(check.stderr)).toEqual([]);
    expect(check.stderr).toContain(`+ openai/${SHOWN}2 added`);
    expect(checkOf(check, "exp")["structure"]).toMatchObject({ added: [`openai/${HOSTILE}2`] });

    const listed = await h.run("obs-lock", ["--list", "--json"], env);
    expect(listed.records[0]).toMatchObject({ name: "exp", notes: HOSTILE });

    const file = await readLockFile(h.stateDir, "exp");
    if (file?.kind !== "v2") throw new Error("no v2 lock");
    expect(file.lock.models).toContain(`openai/${HOSTILE}`);
    const list = renderList([file], { width: 100, verbose: false });
    expect(raw(list)).toEqual([]);
    expect(list).toContain(SHOWN.slice(0, 10));
    const show = renderShow(file.lock, lockPath(h.stateDir, "exp"), { width: 100, verbose: false });
    expect(raw(show)).toEqual([]);
    expect(show).toContain(`notes:           ${SHOWN}`);
    const md = renderMarkdown(await provenance(h.stateDir, "exp"));
    expect(raw(md)).toEqual([]);
    expect(md).toContain(`Notes: ${SHOWN}`);
    expect(md).toContain(`\`openai/${SHOWN}\``);
  });
});
