// The docs' examples must work as written.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseProbeFile } from "../src/drift/probe-file.js";
import { WebhookConfigSchema } from "../src/notify/schema.js";

const root = join(import.meta.dirname, "..", "..", "..");
async function jsonBlocks(file: string): Promise<string[]> {
  const text = await readFile(join(root, file), "utf8");
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe("documentation examples", () => {
  it("docs/probes.md's probe file parses, with the canonical expected values it promises", async () => {
    const [block] = await jsonBlocks("docs/probes.md");
    const r = parseProbeFile(block);
    expect(r.ok && r.probes.map((p) => [p.id, p.expected, p.severity])).toEqual([
      ["capital", "paris", "INFO"],
      ["sum-17", "17", "INFO"],
      ["dice", "1/36", "MEDIUM"],
      ["schema", '{"ok":true}', "CRITICAL"],
      ["weather-call", 'get_weather(city="Paris",units="celsius")', "CRITICAL"],
    ]);
  });

  it("the README's webhooks.json is a valid config", async () => {
    const blocks = await jsonBlocks("README.md");
    const hooks = blocks.find((b) => b.includes('"webhooks"'));
    const cfg = WebhookConfigSchema.parse(JSON.parse(hooks!.replaceAll("…", "x")));
    expect(cfg.webhooks.map((h) => h.min_severity)).toEqual(["WARN", "HIGH", "INFO"]);
  });
});
