// obs-oracle on a terminal (invariant 12): a provider listed a model whose id carries escape
// sequences, CR, a newline and a bidi override. list, route, status and healthy show it escaped,
// on one line; the JSON answers keep the exact id.
import { describe, expect, it } from "vitest";
import { type Command, execute, type Io } from "../src/cli/execute.js";
import { calls, commitEpoch, model, tempStateDir } from "./state.js";

const T0 = new Date("2026-06-01T00:00:00.000Z");
const HOSTILE = "gpt\u001b]0;pwned\u0007\u001b[2J\rFAKE LINE\nok\u202e";
const SHOWN = "gpt\\x1b]0;pwned\\x07\\x1b[2J\\rFAKE LINE\\nok\\u202e";
const KEY = `openai/${HOSTILE}`;

/** The hostile id's raw pieces: none may reach a terminal. */
const raw = (s: string) =>
  ["\u0007", "\r", "\u202e", "\u001b]", "\u001b[2J", "\nok", "\nFAKE"].filter((x) => s.includes(x));

async function state(): Promise<string> {
  const dir = await tempStateDir();
  await commitEpoch(dir, {
    at: T0,
    providers: { openai: [model(HOSTILE, { context_length: 999_999 }), model("gpt-4o")] },
    calls: [...calls("openai", HOSTILE, 10, 100), ...calls("openai", "gpt-4o", 10, 300)],
    bench: [{ key: "openai/gpt-4o", probe: "json", verdict: "DRIFT" }],
  });
  return dir;
}

const io = (tty: boolean, colour = false): Io => ({
  env: colour ? {} : { NO_COLOR: "1" },
  stdoutIsTTY: tty,
  now: () => new Date(T0.getTime() + 60_000),
});

/** obs-oracle's words for a command line, as the entry passes them to execute(). */
function run(args: string[], stateDir: string, i: Io) {
  const [command = "summary", ...rest] = args;
  const by = rest[0] === "--by" ? rest[1] : undefined;
  return execute(
    {
      command: command as Command,
      stateDir,
      json: false,
      verbosity: "normal",
      ...(command === "route" ? { filter: rest } : {}),
      ...(command === "status" || command === "healthy" ? { key: rest[0]! } : {}),
      ...(by ? { by: by as "context" } : {}),
    },
    i,
  );
}

describe("obs-oracle: provider strings reach the terminal escaped", () => {
  // Labels, not the arguments, name the cases: the test report is printed on a terminal too.
  it.each([
    ["list", ["list", "--by", "context"]],
    ["route", ["route", "prefer=context"]],
    ["status", ["status", KEY]],
    ["healthy", ["healthy", KEY]],
    ["policy", ["policy"]],
    ["(summary)", []],
  ] as Array<[string, string[]]>)(
    "%s on a terminal, with and without colour",
    async (_label, args) => {
      const dir = await state();
      for (const colour of [false, true]) {
        const out = await run(args, dir, io(true, colour));
        expect(raw(`${out.stdout}${out.stderr}`)).toEqual([]);
        if (args.length > 0 && args[0] !== "policy") expect(out.stdout).toContain(SHOWN);
      }
    },
  );

  it("list keeps its columns: the escaped id is one row, measured as shown", async () => {
    const out = await run(["list", "--by", "context"], await state(), io(true));
    const lines = out.stdout!.split("\n");
    const row = lines.findIndex((l) => l.includes(SHOWN));
    expect(lines[row + 1]).toMatch(/^openai\/gpt-4o /);
    // The numbers after the id line up with the header's right-aligned context column.
    expect(lines[row]!.indexOf("999,999") + 7).toBe(lines[0]!.indexOf("context") + 7);
  });

  it("JSON keeps the exact id", async () => {
    const out = await run(["status", KEY], await state(), io(false));
    expect(JSON.parse(out.stdout!).key).toBe(KEY);
  });
});
