// Tools talk only through the state contract (issue 17): a tool package never depends on another
// tool package. What two tools share moves down into core, providers, notify or cli-kit; one tool
// runs another as a process (obs-lock --benchmark-before-lock runs obs-bench), never imports it.
// Fails when a tool's package.json gains a workspace dependency outside that list. Only what
// ships counts: devDependencies may name other tools, for tests that run their built bins.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");

/** Tool packages, by directory under packages/. */
const TOOLS = ["cli-poll", "cli-lock", "migrate-v1", "oracle", "dash"] as const;
/** The workspace packages a tool may depend on at run time. */
const ALLOWED = new Set(["core", "providers", "notify", "cli-kit"].map((p) => `@observatory/${p}`));
/** The fields that put a package into a tool's install (devDependencies do not ship). */
const SHIPPED = ["dependencies", "optionalDependencies", "peerDependencies"] as const;

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

async function manifest(dir: string): Promise<Manifest | null> {
  const text = await readFile(join(dir, "package.json"), "utf8").catch(() => null);
  return text === null ? null : (JSON.parse(text) as Manifest);
}

/** Every workspace package's name: packages/* and test-fixtures. */
async function workspaceNames(): Promise<Set<string>> {
  const dirs = (await readdir(join(root, "packages"))).map((d) => join(root, "packages", d));
  dirs.push(join(root, "test-fixtures"));
  const names = new Set<string>();
  for (const dir of dirs) {
    const m = await manifest(dir);
    if (m) names.add(m.name);
  }
  return names;
}

describe("tool packages depend on no other tool package", () => {
  it.each(TOOLS)(
    "%s ships with workspace dependencies on core, providers, notify, cli-kit only",
    async (tool) => {
      const m = await manifest(join(root, "packages", tool));
      expect(m, `packages/${tool}/package.json`).not.toBeNull();
      const workspace = await workspaceNames();
      const offending = SHIPPED.flatMap((field) =>
        Object.entries(m![field] ?? {})
          .filter(([name, range]) => workspace.has(name) || range.startsWith("workspace:"))
          .filter(([name]) => !ALLOWED.has(name))
          .map(([name]) => `${field}: ${name}`),
      );
      expect(offending, `${m!.name} depends on another tool or workspace package`).toEqual([]);
    },
  );

  it("knows every tool package it guards", async () => {
    const names = await workspaceNames();
    for (const tool of TOOLS) expect(names.has(`@observatory/${tool}`), tool).toBe(true);
  });
});
