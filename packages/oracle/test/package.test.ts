// The package as routing code installs it: a small dependency closure (no undici, no yargs),
// an ESM and a CJS build with types, a one-line bin, and README examples that run.

import { existsSync, realpathSync } from "node:fs";
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DAYS, stateWithPast } from "./history-state.js";
import { runNode } from "./node.js";
import { calls, commitEpoch, model, tempStateDir } from "./state.js";

const PKG_DIR = fileURLToPath(new URL("..", import.meta.url));
const SONNET = "anthropic/claude-sonnet-4-5-20250929";
const readJson = async (path: string) => JSON.parse(await readFile(path, "utf8"));

/** Node's lookup: <dir>/node_modules/<name>, then the same from each parent directory. */
function findPackage(fromDir: string, name: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return null;
  }
}

/** Every package reachable through dependencies (and installed optional ones), by name. */
async function closure(rootDir: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const visited = new Set<string>();
  const queue = [rootDir];
  while (queue.length > 0) {
    const dir = queue.pop()!;
    if (visited.has(dir)) continue;
    visited.add(dir);
    const pkg = await readJson(join(dir, "package.json"));
    const required = Object.keys(pkg.dependencies ?? {});
    const optional = Object.keys(pkg.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      const found = findPackage(dir, name);
      if (found === null) {
        if (required.includes(name))
          throw new Error(`${pkg.name}: dependency ${name} not installed`);
        continue;
      }
      seen.add(name);
      queue.push(found);
    }
  }
  return seen;
}

async function stateWithModels(): Promise<string> {
  const dir = await tempStateDir();
  await commitEpoch(dir, {
    providers: {
      openai: [model("gpt-4o")],
      anthropic: [model(SONNET.slice("anthropic/".length), { context_length: 200_000 })],
    },
    calls: [
      ...calls("openai", "gpt-4o", 5),
      ...calls("anthropic", SONNET.slice("anthropic/".length), 5, 200),
    ],
    bench: [{ key: SONNET, probe: "json", verdict: "DRIFT" }],
  });
  return dir;
}

/** A directory whose node_modules holds only @observatory/oracle, as an installed dependency. */
async function consumerDir(): Promise<string> {
  const dir = dirname(await tempStateDir());
  await mkdir(join(dir, "node_modules", "@observatory"), { recursive: true });
  await symlink(PKG_DIR, join(dir, "node_modules", "@observatory", "oracle"), "dir");
  return dir;
}

describe("@observatory/oracle as a dependency", () => {
  it("pulls neither undici nor yargs into its dependency closure", async () => {
    const deps = await closure(PKG_DIR);
    expect(deps).toContain("@observatory/core");
    expect(deps).toContain("zod");
    const heavy = [...deps].filter((d) => /^(undici|yargs)(-|$)/.test(d));
    expect(heavy).toEqual([]);
  });

  it("declares ESM and CJS entries with types, and its package.json", async () => {
    const pkg = await readJson(join(PKG_DIR, "package.json"));
    expect(pkg.exports["."]).toEqual({
      import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
      require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
    });
    expect(pkg.exports["./package.json"]).toBe("./package.json");
    for (const f of ["index.js", "index.cjs", "index.d.ts", "index.d.cts", "obs-oracle.js"])
      expect(existsSync(join(PKG_DIR, "dist", f)), f).toBe(true);
    // The bin stays a few lines: the prebuilt --help/--version, else the built entry, loaded lazily.
    const bin = await readFile(join(PKG_DIR, pkg.bin["obs-oracle"]), "utf8");
    const code = bin.split("\n").filter((l) => l.trim() !== "" && !/^(#!|\/\/)/.test(l));
    expect(code.length).toBeLessThanOrEqual(4);
    expect(bin.match(/^import .*$/gm)).toEqual([
      'import { printPrebuilt } from "../dist/prebuilt.js";',
    ]);
    expect(bin).toContain('import("../dist/obs-oracle.js")');
  });

  it("leaves the oracle's past out of obs-oracle's bundle, which reads none of it", async () => {
    // tsup.config.ts (withoutPast) puts a stand-in where core imports it lazily; the SDK build
    // gets core's own, from @observatory/core. The S3 mirror (lazy/attach.js) reads the history
    // store to publish commits, which the oracle never makes.
    const names = (await readdir(join(PKG_DIR, "dist"), { recursive: true })).filter(
      (f) => f.endsWith(".js") && !/^index\./.test(f),
    );
    const withPast: string[] = [];
    for (const f of names) {
      const code = await readFile(join(PKG_DIR, "dist", f), "utf8");
      if (/model history begins/.test(code)) withPast.push(f);
    }
    expect(withPast).toEqual([]);
    const entry = await readFile(join(PKG_DIR, "dist", "obs-oracle.js"), "utf8");
    expect(entry).toContain("obs-oracle is built without the oracle's past");
  });

  it("builds obs-oracle's entry as one file, importing only node's built-ins and its lazy build", async () => {
    // tsup.config.ts (lazyFiles): what a common route needs is in the entry; the rest is
    // imported lazily from dist/lazy/, every file of which exists.
    const entry = await readFile(join(PKG_DIR, "dist", "obs-oracle.js"), "utf8");
    const imported = [...entry.matchAll(/(?:^import .*? from |import\()"([^"]+)"/gm)].map(
      (m) => m[1]!,
    );
    const local = imported.filter((p) => p.startsWith("."));
    expect(imported.filter((p) => !p.startsWith(".") && !/^(node:)?[a-z_/]+$/.test(p))).toEqual([]);
    expect(local.length).toBeGreaterThan(0);
    for (const p of local) {
      expect(p).toMatch(/^\.\/lazy\/[a-z-]+\.js$/);
      expect(existsSync(join(PKG_DIR, "dist", p)), p).toBe(true);
    }
  });

  it("works through require() of the CJS build", async () => {
    const state = await stateWithModels();
    const script = `
      const { RoutingOracle } = require("@observatory/oracle");
      RoutingOracle.open(process.env.STATE).then((o) => {
        console.log(JSON.stringify([o.route().model.key, o.isHealthy("${SONNET}"), require.resolve("@observatory/oracle")]));
      });`;
    const r = await runNode(["-e", script], { cwd: await consumerDir(), env: { STATE: state } });
    expect(r.stderr).toBe("");
    const [key, healthy, resolved] = JSON.parse(r.stdout);
    expect([key, healthy]).toEqual(["openai/gpt-4o", false]);
    expect(resolved).toMatch(/dist[\\/]index\.cjs$/);
  });

  it("works through import of the ESM build", async () => {
    const state = await stateWithModels();
    const script = `
      import { RoutingOracle } from "@observatory/oracle";
      const o = await RoutingOracle.open(process.env.STATE);
      console.log(JSON.stringify([o.route().model.key, import.meta.resolve("@observatory/oracle")]));`;
    const r = await runNode(["--input-type=module", "-e", script], {
      cwd: await consumerDir(),
      env: { STATE: state },
    });
    expect(r.stderr).toBe("");
    const [key, resolved] = JSON.parse(r.stdout);
    expect(key).toBe("openai/gpt-4o");
    expect(resolved).toMatch(/dist\/index\.js$/);
  });

  it("reads the past through require(): open at an epoch, valueAt, history, diff, typed errors", async () => {
    const { dir, ids } = await stateWithPast();
    const script = `
      const { RoutingOracle } = require("@observatory/oracle");
      (async () => {
        const o = await RoutingOracle.open(process.env.STATE);
        const pinned = await RoutingOracle.open(process.env.STATE, { epoch: "${ids[3]}" });
        const pruned = await RoutingOracle.open(process.env.STATE, { epoch: "${ids[0]}" }).catch((e) => e.code);
        console.log(JSON.stringify([
          await o.valueAt("openai/gpt-4o", "pricing.prompt", new Date("${DAYS[0]!.toISOString()}")),
          (await o.history("openai/gpt-4o", { field: "pricing.prompt" })).map((r) => r.new),
          (await o.diff("${ids[0]}", "now")).removed.map((r) => r.model),
          [pinned.epoch.id, pinned.pinned, (await pinned.refresh()).changed],
          pruned,
        ]));
      })();`;
    const r = await runNode(["-e", script], { cwd: await consumerDir(), env: { STATE: dir } });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual([
      "0.0000025",
      ["0.0000025", "0.000003"],
      ["openai/o1"],
      [ids[3], true, false],
      "EPOCH_PRUNED",
    ]);
  });

  it("reads the past through import of the ESM build", async () => {
    const { dir, ids } = await stateWithPast();
    const script = `
      import { RoutingOracle } from "@observatory/oracle";
      const o = await RoutingOracle.open(process.env.STATE, { at: new Date("${DAYS[3]!.toISOString()}") });
      const before = await o.valueAt("openai/gpt-4o", "listed", "2026-01-01").catch((e) => e.code);
      console.log(JSON.stringify([
        o.epoch.id,
        await o.valueAt("openai/gpt-4o", "context_length", "@-1"),
        (await o.diff("@-1")).changed.map((c) => [c.field, c.old, c.new]),
        before,
      ]));`;
    const r = await runNode(["--input-type=module", "-e", script], {
      cwd: await consumerDir(),
      env: { STATE: dir },
    });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual([
      ids[3],
      128_000,
      [["context_length", 128_000, 200_000]],
      "BEFORE_HISTORY",
    ]);
  });

  it("runs the README's ESM and CommonJS examples", async () => {
    const readme = await readFile(join(PKG_DIR, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```js\n(\/\/ (example\.[cm]js)\n[\s\S]*?)```/g)];
    expect(blocks.map((b) => b[2])).toEqual(["example.mjs", "example.cjs"]);
    const dir = await consumerDir();
    const state = await stateWithModels();
    for (const [, code, file] of blocks) {
      await writeFile(join(dir, file!), code!);
      const r = await runNode([file!], { cwd: dir, env: { OBS_STATE_DIR: state } });
      expect(r.stderr, file).toBe("");
      expect(r.stdout, file).toContain("use openai/gpt-4o");
      expect(r.stdout, file).toContain(
        `${SONNET} is unhealthy: behaviour drift confirmed on probe json`,
      );
    }
  });

  it("runs the README's examples of the past, ESM and CommonJS", async () => {
    const readme = await readFile(join(PKG_DIR, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```js\n(\/\/ (history\.[cm]js)\n[\s\S]*?)```/g)];
    expect(blocks.map((b) => b[2])).toEqual(["history.mjs", "history.cjs"]);
    const dir = await consumerDir();
    const { dir: state, ids } = await stateWithPast();
    for (const [, code, file] of blocks) {
      await writeFile(join(dir, file!), code!);
      const r = await runNode([file!], { cwd: dir, env: { OBS_STATE_DIR: state } });
      expect(r.stderr, file).toBe("");
      expect(r.stdout, file).toContain(
        "openai/gpt-4o cost 0.0000025 per prompt token on 2026-11-01",
      );
      expect(r.stdout, file).toContain(
        `${DAYS[1]!.toISOString()} pricing.prompt: 0.0000025 -> 0.000003 (+20%)`,
      );
      expect(r.stdout, file).toContain(
        "since 2026-11-01: +openai/gpt-5 -openai/o1, 2 fields changed",
      );
      expect(r.stdout, file).toContain(`on 2026-11-04: epoch ${ids[3]}`);
    }
  });
});
