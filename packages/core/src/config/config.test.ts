// observatory.config.json: where it is found, what a good file turns into (the environment
// variables its settings stand for), and how a bad one is refused (every problem, with its place).
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findConfigFile } from "./find.js";
import { loadConfigFile } from "./load.js";
import { ObservatoryConfigSchema } from "./schema.js";
import { CONFIG_FILE, SETTINGS } from "./settings.js";

async function dir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "obs-config-"));
}

async function file(content: unknown): Promise<string> {
  const d = await dir();
  const path = join(d, CONFIG_FILE);
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("finding the config file", () => {
  it("takes --config, then OBS_CONFIG, then ./, then $XDG_CONFIG_HOME/observatory/", async () => {
    const cwd = await dir();
    const xdg = await dir();
    const none = { XDG_CONFIG_HOME: xdg };
    expect(findConfigFile(undefined, none, cwd)).toEqual({ path: null, explicit: false });
    await mkdir(join(xdg, "observatory"));
    await writeFile(join(xdg, "observatory", CONFIG_FILE), "{}");
    expect(findConfigFile(undefined, none, cwd).path).toBe(join(xdg, "observatory", CONFIG_FILE));
    await writeFile(join(cwd, CONFIG_FILE), "{}");
    expect(findConfigFile(undefined, none, cwd).path).toBe(join(cwd, CONFIG_FILE));
    expect(findConfigFile(undefined, { ...none, OBS_CONFIG: "x.json" }, cwd)).toEqual({
      path: join(cwd, "x.json"),
      explicit: true,
    });
    expect(findConfigFile("/etc/obs.json", { ...none, OBS_CONFIG: "x.json" }, cwd).path).toBe(
      "/etc/obs.json",
    );
  });
});

describe("loading it", () => {
  it("turns each setting into its variable: paths from the file's directory, lists joined", async () => {
    const path = await file({
      $schema: "./docs/schemas/config.schema.json",
      stateDir: "state",
      providers: ["openai", "anthropic"],
      retention: { epochs: 30 },
      poll: { canaryMax: 0 },
      severity: { priceRiseWarn: 1.5 },
    });
    const d = join(path, "..");
    expect((await loadConfigFile(path)).env).toEqual({
      OBS_STATE_DIR: join(d, "state"),
      OBS_PROVIDERS: "openai,anthropic",
      OBS_RETAIN_EPOCHS: "30",
      OBS_CANARY_MAX: "0",
      OBS_SEVERITY_PRICE_RISE: "1.5",
    });
  });

  it("keeps a bucket as the state location, not a path beside the file", async () => {
    const path = await file({ stateDir: "s3://team-observatory/prod" });
    expect((await loadConfigFile(path)).env["OBS_STATE_DIR"]).toBe("s3://team-observatory/prod");
  });

  it("refuses a bad file with every problem and its place, as a usage error (exit 2)", async () => {
    const path = await file({
      stateDir: "",
      retention: { epoch: 30 },
      poll: { canaryMax: 5000, suspectShare: "half" },
      provders: ["openai"],
    });
    const e = await loadConfigFile(path).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "CONFIG_INVALID", exitCode: 2 });
    const lines = (e as Error).message.split("\n");
    expect(lines[0]).toBe(`${path}: 5 problems`);
    for (const at of [
      "stateDir:",
      "retention:",
      "poll.canaryMax:",
      "poll.suspectShare:",
      "(top level):",
    ])
      expect(
        lines.some((l) => l.trim().startsWith(at)),
        `${at} in ${lines.join(" | ")}`,
      ).toBe(true);
    expect((e as Error).message).toContain("provders");
    expect((e as Error).message).toContain("epoch");
  });

  it("says where JSON breaks, and that a named file is missing", async () => {
    await expect(loadConfigFile(await file('{"stateDir": "x",}'))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining("not JSON"),
    });
    await expect(loadConfigFile("/nonexistent/observatory.config.json")).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining("cannot read the config file"),
    });
  });
});

describe("the settings table", () => {
  it("names every key of the schema, each once, with its own variable", () => {
    const leaves = (shape: Record<string, unknown>, prefix = ""): string[] =>
      Object.entries(shape).flatMap(([k, v]) => {
        const inner = (v as { unwrap?: () => { shape?: Record<string, unknown> } }).unwrap?.();
        return inner?.shape ? leaves(inner.shape, `${prefix}${k}.`) : [`${prefix}${k}`];
      });
    const keys = leaves(ObservatoryConfigSchema.shape).filter((k) => k !== "$schema");
    expect(SETTINGS.map((s) => s.key).sort()).toEqual(keys.sort());
    expect(new Set(SETTINGS.map((s) => s.env)).size).toBe(SETTINGS.length);
  });

  it("is documented, key by key, in docs/configuration.md", async () => {
    const doc = await readFile(
      new URL("../../../../docs/configuration.md", import.meta.url),
      "utf8",
    );
    for (const s of SETTINGS) {
      expect(doc).toContain(`\`${s.key}\``);
      expect(doc).toContain(`\`${s.env}`);
    }
  });
});
