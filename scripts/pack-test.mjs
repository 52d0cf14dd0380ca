#!/usr/bin/env node
// pnpm test:pack: the packages as a user gets them from npm. Packs every publishable package with
// pnpm pack (which turns workspace:* into real versions), installs the umbrella and the oracle SDK
// with npm into an empty project outside the workspace, and uses them there: the observatory bin
// (npx, --help, --version, a poll against the loopback fixture server), the SDK from ESM and
// CommonJS, and its types under TypeScript's node16 and bundler resolution. Prints the tarball
// sizes and the install time. Needs the packages built (pnpm build) and the npm registry for
// third-party dependencies. OBS_PACK_KEEP=1 keeps the temp directory.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
/** Every package that is published, by directory; the rest of the workspace stays private. */
const PUBLISHED = {
  core: "@observatory/core",
  providers: "@observatory/providers",
  notify: "@observatory/notify",
  "cli-kit": "@observatory/cli-kit",
  "cli-poll": "@observatory/cli-poll",
  "cli-lock": "@observatory/cli-lock",
  "cli-history": "@observatory/cli-history",
  report: "@observatory/report",
  "migrate-v1": "@observatory/migrate-v1",
  oracle: "@observatory/oracle",
  dash: "@observatory/dash",
  observatory: "model-observatory",
};
const SHIPPED = /^(dist\/|bin\/|README\.md$|LICENSE$|package\.json$)/;
const started = Date.now();
let last = started;

const { startFixtureServer, fixtureEnv } = await import(
  join(ROOT, "test-fixtures/dist/index.js")
).catch(() => fail("test-fixtures is not built: run pnpm build first"));

const root = await mkdtemp(join(tmpdir(), "obs-pack-test-"));
if (!relative(ROOT, root).startsWith("..")) fail(`temp dir ${root} is inside the workspace`);
const project = join(root, "project");
const tarballs = join(project, "tarballs");
await mkdir(tarballs, { recursive: true });
let server;
let ok = false;
try {
  await run();
  ok = true;
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await server?.close();
  if (ok && !process.env.OBS_PACK_KEEP) await rm(root, { recursive: true, force: true });
  else console.log(`kept ${root}`);
}

async function run() {
  // 1. Pack, and check what each tarball holds.
  const filters = Object.values(PUBLISHED).flatMap((name) => ["--filter", name]);
  const packed = JSON.parse(
    (
      await sh("pnpm", ["-r", ...filters, "pack", "--json", "--pack-destination", tarballs], {
        cwd: ROOT,
        env: process.env,
      })
    ).stdout,
  );
  const byName = new Map(packed.map((p) => [p.name, p]));
  for (const [dir, name] of Object.entries(PUBLISHED)) {
    const p = byName.get(name) ?? fail(`pnpm pack made no tarball for ${name}`);
    const paths = p.files.map((f) => f.path);
    const stray = paths.filter((f) => !SHIPPED.test(f) || /\.map$|\.test\.|(^|\/)test\//.test(f));
    if (stray.length) fail(`${name} ships files it should not: ${stray.join(", ")}`);
    for (const f of ["LICENSE", "README.md", "package.json"])
      if (!paths.includes(f)) fail(`${name} has no ${f}`);
    p.dir = dir;
    p.size = statSync(p.filename).size;
  }
  step("packed", `${packed.length} tarballs`);

  // 2. An empty project: the umbrella and the SDK, as a user installs them. Their @observatory
  // dependencies are not on the registry yet, so overrides point each one at its tarball.
  const spec = (name) => `file:tarballs/${relative(tarballs, byName.get(name).filename)}`;
  const overrides = Object.fromEntries(Object.values(PUBLISHED).map((n) => [n, spec(n)]));
  delete overrides["model-observatory"];
  await writeJson(join(project, "package.json"), {
    name: "observatory-pack-test",
    private: true,
    dependencies: {
      "model-observatory": spec("model-observatory"),
      "@observatory/oracle": spec("@observatory/oracle"),
    },
    overrides,
  });
  const env = userEnv(project);
  const npm = ["--no-audit", "--no-fund", "--loglevel=error"];
  const t0 = Date.now();
  const installed = await sh("npm", ["install", ...npm], { cwd: project, env });
  const installMs = Date.now() - t0;
  step("npm install", `${seconds(installMs)} (${installed.stdout.trim().split("\n").at(-1)})`);
  for (const p of packed) {
    const manifest = await readFile(join(project, "node_modules", p.name, "package.json"), "utf8");
    if (manifest.includes("workspace:")) fail(`${p.name} was installed with a workspace: range`);
    p.unpacked = du(join(project, "node_modules", p.name));
  }

  // 3. The bin.
  const version = JSON.parse(
    await readFile(join(ROOT, "packages/observatory/package.json")),
  ).version;
  // --no: never fetch a package named "observatory" from the registry if the bin were missing.
  const help = await sh("npx", ["--no", "--", "observatory", "--help"], { cwd: project, env });
  if (!/^ {2}poll .*obs-poll/m.test(help.stdout)) fail(`observatory --help:\n${help.stdout}`);
  for (const [cmd, args] of [
    ["observatory", ["--version"]],
    ["npx", ["--no", "--", "model-observatory", "--version"]],
  ]) {
    const v = await sh(cmd, args, { cwd: project, env });
    if (v.stdout !== `${version}\n`) fail(`${cmd} ${args.join(" ")} printed ${v.stdout}`);
  }
  const typo = await sh("obs", ["pol"], { cwd: project, env, allowFail: true });
  if (typo.code !== 2 || !typo.stderr.includes('did you mean "poll"'))
    fail(`obs pol: exit ${typo.code}\n${typo.stderr}`);
  step(
    "bin",
    `npx observatory --help, observatory --version (${version}), npx model-observatory --version, obs pol: exit 2`,
  );

  server = await startFixtureServer();
  const state = join(root, "state");
  const poll = await sh("observatory", ["poll", "--state-dir", state, "--no-canary", "--json"], {
    cwd: project,
    env: { ...env, ...fixtureEnv(server) },
  });
  const records = poll.stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));
  const committed = records.find((r) => r.type === "EPOCH_COMMITTED");
  if (!committed || records.at(-1)?.type !== "RUN")
    fail(`observatory poll printed no EPOCH_COMMITTED and RUN records:\n${poll.stdout}`);
  const epoch = committed.epoch_id ?? committed.epoch;
  step("observatory poll", `exit 0, epoch ${epoch}, ${records.length} records`);

  // 4. The SDK from ESM and CommonJS, at run time.
  const use = (load) => `${load}
const oracle = await RoutingOracle.open(process.argv[2]);
const answer = oracle.route();
console.log(JSON.stringify({ epoch: answer.epoch.id, models: oracle.candidates().models.length }));
`;
  await writeFile(
    join(project, "esm.mjs"),
    use('import { RoutingOracle } from "@observatory/oracle";'),
  );
  await writeFile(
    join(project, "cjs.cjs"),
    `const { RoutingOracle } = require("@observatory/oracle");\n(async () => {${use("")}})();\n`,
  );
  for (const file of ["esm.mjs", "cjs.cjs"]) {
    const r = await sh(process.execPath, [file, state], { cwd: project, env });
    const answer = JSON.parse(r.stdout);
    if (typeof answer.epoch !== "string" || (epoch && answer.epoch !== epoch))
      fail(`${file}: read epoch ${answer.epoch}, the poll committed ${epoch}`);
  }
  step("@observatory/oracle", "import (ESM) and require (CJS) read the polled epoch");

  // 5. The SDK's types under node16 (ESM and CJS files) and bundler resolution.
  const typescript = JSON.parse(await readFile(join(ROOT, "package.json"))).devDependencies
    .typescript;
  await sh("npm", ["install", ...npm, "--no-save", `typescript@${typescript}`, "@types/node@20"], {
    cwd: project,
    env,
  });
  const typed = (load) => `${load}
export async function pick(stateDir: string): Promise<string | null> {
  const oracle: RoutingOracle = await RoutingOracle.open(stateDir);
  const answer = oracle.route({ minContext: 8000 });
  const epochId: string = answer.epoch.id;
  return answer.model ? \`\${answer.model.key}@\${epochId}\` : null;
}
`;
  const esm = typed('import { RoutingOracle } from "@observatory/oracle";');
  await writeFile(join(project, "types-esm.mts"), esm);
  await writeFile(join(project, "types-bundler.ts"), esm);
  // In a .cts file TypeScript reads the import as a require(): the "require" types (index.d.cts).
  await writeFile(join(project, "types-cjs.cts"), esm);
  const strict = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: "es2022",
    types: ["node"],
  };
  const configs = {
    "tsconfig.node16.json": {
      compilerOptions: { ...strict, module: "node16", moduleResolution: "node16" },
      files: ["types-esm.mts", "types-cjs.cts"],
    },
    // The shipped .d.ts files are checked in full once, above; here only how they resolve.
    "tsconfig.bundler.json": {
      compilerOptions: {
        ...strict,
        skipLibCheck: true,
        module: "preserve",
        moduleResolution: "bundler",
      },
      files: ["types-bundler.ts"],
    },
  };
  for (const [file, config] of Object.entries(configs)) {
    await writeJson(join(project, file), config);
    await sh(join(project, "node_modules/.bin/tsc"), ["-p", file], { cwd: project, env });
  }
  step("types", `tsc ${typescript} --noEmit: node16 (ESM + CJS, lib check) and bundler`);

  console.log("\npackage                   tarball    unpacked  files");
  for (const p of packed)
    console.log(
      `${p.name.padEnd(24)} ${kb(p.size).padStart(8)} ${kb(p.unpacked).padStart(10)} ${String(p.files.length).padStart(6)}`,
    );
  const total = packed.reduce((s, p) => s + p.size, 0);
  console.log(`${"total".padEnd(24)} ${kb(total).padStart(8)}`);
  console.log(
    `\npack test passed in ${seconds(Date.now() - started)}; npm install took ${seconds(installMs)}`,
  );
}

/** The environment of a user in `project`: no pnpm/npm script variables, no workspace bins. */
function userEnv(project) {
  const env = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(npm_|pnpm_|PNPM_|OBS_|INIT_CWD$)/i.test(k)) env[k] = v;
  const path = (process.env.PATH ?? "").split(delimiter).filter((d) => !d.startsWith(ROOT));
  env.PATH = [join(project, "node_modules/.bin"), ...path].join(delimiter);
  env.NO_COLOR = "1";
  return env;
}

function sh(cmd, args, { cwd, env, allowFail = false }) {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("error", rej);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code !== 0 && !allowFail)
        rej(new Error(`${cmd} ${args.join(" ")} exited ${code}\n${stdout}\n${stderr}`));
      else res({ code, stdout, stderr });
    });
  });
}

function du(dir) {
  let size = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules") continue;
    const p = join(dir, e.name);
    size += e.isDirectory() ? du(p) : statSync(p).size;
  }
  return size;
}

function writeJson(file, value) {
  return writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

function step(what, detail) {
  const now = Date.now();
  console.log(`ok  ${what}: ${detail} [${seconds(now - last)}]`);
  last = now;
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function fail(message) {
  throw new Error(`pack test: ${message}`);
}
