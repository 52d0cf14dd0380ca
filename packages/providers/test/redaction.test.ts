// Error text is redacted before it is cut to one short line: a key straddling the cut must not
// leave its head behind (the cut head no longer matches the key or any key pattern).
import type { FaultRule, Route } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { harness } from "./helpers.js";
import { fragmentsIn, type KeyedProvider, REAL_KEY_SHAPES } from "./key-shapes.js";

const KEYED = Object.keys(REAL_KEY_SHAPES) as KeyedProvider[];
const MODEL: Record<KeyedProvider, string> = {
  openai: "gpt-4o",
  anthropic: "claude-opus-4-6",
  google: "gemini-2.0-flash",
  xai: "grok-3",
  mistral: "mistral-small-latest",
  deepseek: "deepseek-chat",
  openrouter: "openrouter/polaris-alpha",
  venice: "llama-3.2-3b",
  volink: "volink-chat-small",
  zhipu: "glm-4.5",
  moonshot: "moonshot-v1-8k",
};

/** `n` characters of text ending in "key: ": providers cut their detail at 200 characters. */
const lead = (n: number) => `${"request rejected; ".repeat(12).slice(0, n - 5)}key: `;

function echoRules(provider: string, message: string): FaultRule[] {
  return (["models", "chat"] as Route[]).map((route) => ({
    provider: provider as FaultRule["provider"],
    route,
    fault: { type: "status", status: 400, message },
  }));
}

describe("error text is redacted before it is truncated", () => {
  it("no provider's real-shaped key leaves a fragment when the cut falls inside it", async () => {
    const h = await harness({
      keys: REAL_KEY_SHAPES,
      scenario: {
        faults: KEYED.flatMap((p) => echoRules(p, `${lead(190)}${REAL_KEY_SHAPES[p]} end`)),
      },
    });
    for (const name of KEYED) {
      const p = h.provider(name, { retry: { attempts: 1 } });
      const outs = [await p.listModels(), await p.complete(MODEL[name], "2+2=?")];
      const text = JSON.stringify(outs);
      expect(text, name).toContain("request rejected");
      expect(fragmentsIn(text, REAL_KEY_SHAPES[name], 6), name).toEqual([]);
    }
  });

  it("an unconfigured key shape echoed by Ollama's proxy is caught whole, not cut first", async () => {
    const foreign = REAL_KEY_SHAPES.openai;
    // 182 + "sk-proj-" leaves 10 random characters: too few for the pattern, enough to matter.
    const message = `${lead(182)}${foreign} end`;
    const h = await harness({ scenario: { faults: echoRules("ollama", message) } });
    const p = h.provider("ollama", { retry: { attempts: 1 } });
    const outs = [await p.listModels(), await p.complete("llama3.2:latest", "2+2=?")];
    const text = JSON.stringify(outs);
    expect(text).toContain("request rejected");
    expect(fragmentsIn(text, foreign.slice("sk-proj-".length), 6)).toEqual([]);
  });
});
