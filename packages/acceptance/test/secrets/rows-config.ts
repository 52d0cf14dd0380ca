// Secrets sweep rows: help, configuration and the error paths of setting a tool up.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { copyV1Tree } from "@observatory/test-fixtures";
import { asideDir, every, type Invocation, noKeys } from "./invocation.js";

export const CONFIG_ROWS: Invocation[] = [
  { name: "obs-poll --help", track: "aside", bin: "obs-poll", args: ["--help"], exits: [0] },
  {
    name: "obs-poll --list-providers",
    track: "aside",
    bin: "obs-poll",
    args: ["--list-providers", "--json"],
    exits: [0],
  },
  {
    name: "obs-poll: unknown flag",
    track: "aside",
    bin: "obs-poll",
    args: ["--bogus"],
    exits: [2],
  },
  {
    name: "obs-poll: unknown provider",
    track: "aside",
    bin: "obs-poll",
    args: ["--providers", "nosuch"],
    exits: [2],
  },
  {
    name: "obs-poll: invalid webhook config holding the token",
    track: "aside",
    bin: "obs-poll",
    args: (c) => ["--webhooks", c.badHooks],
    // Reported (WARN and stderr) and the poll goes on; the token never shows.
    exits: [0],
  },
  {
    name: "obs-poll: a base URL that is not a URL, with a key in it",
    track: "aside",
    bin: "obs-poll",
    args: ["--no-canary", "--providers", "mistral"],
    env: (c) => ({ OBS_MISTRAL_BASE_URL: `not a url ${c.s.keys.mistral}` }),
    exits: [2, 3],
  },
  {
    name: "obs-poll: keys from a .env file, every listing rejected",
    track: "aside",
    bin: "obs-poll",
    args: ["--no-canary"],
    scenario: every({ type: "status", status: 401 }, "models"),
    env: noKeys,
    setup: async (c) => {
      const dir = asideDir(c, "dotenv");
      await mkdir(dir, { recursive: true });
      const lines = Object.entries(c.s.keyEnv).map(([k, v]) => `${k}="${v}"`);
      await writeFile(join(c.aside, ".env"), `${lines.join("\n")}\n`);
      return dir;
    },
    cwd: (c) => c.aside,
    exits: [3],
  },
  {
    name: "obs-poll: a base URL with the key as userinfo and as a query parameter",
    track: "aside",
    bin: "obs-poll",
    args: ["--no-canary", "--providers", "openai,google"],
    scenario: every({ type: "status", status: 401 }, "models"),
    env: (c) => {
      const u = new URL(c.w.server.baseUrl("openai"));
      return {
        OBS_OPENAI_BASE_URL: `http://user:${c.s.keys.openai}@${u.host}${u.pathname}`,
        OBS_GOOGLE_BASE_URL: `${c.w.server.baseUrl("google")}?key=${c.s.keys.google}`,
      };
    },
    setup: async (c) => asideDir(c, "userinfo"),
    exits: [3],
  },
  {
    name: "obs-poll: providers unreachable",
    track: "aside",
    bin: "obs-poll",
    args: ["--no-canary", "--providers", "openai,anthropic"],
    env: () => ({
      OBS_OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
      OBS_ANTHROPIC_BASE_URL: "http://127.0.0.1:9/v1",
    }),
    setup: async (c) => asideDir(c, "unreachable"),
    exits: [3],
  },
  {
    name: "obs-poll: a v1 state directory",
    track: "aside",
    bin: "obs-poll",
    args: [],
    setup: async (c) => {
      const dir = asideDir(c, "v1-refused");
      await copyV1Tree("seed-hybrid", dir);
      return dir;
    },
    exits: [2],
  },
  {
    name: "obs-poll: the state directory is a file",
    track: "aside",
    bin: "obs-poll",
    args: ["--no-canary", "--providers", "openai"],
    setup: async (c) => {
      const path = asideDir(c, "a-file");
      await mkdir(c.aside, { recursive: true });
      await writeFile(path, "not a directory");
      return path;
    },
    exits: [5],
  },
];
