import { describe, expect, it } from "vitest";
import { parseRouteFilter } from "./filter.js";

describe("route filter language", () => {
  it.each([
    ["", {}],
    ["context>=200000", { minContext: 200_000 }],
    ["context>200000", { minContext: 200_001 }],
    ["context>=128k", { minContext: 128_000 }],
    ["context>=1M", { minContext: 1_000_000 }],
    ["reliability>=0.9", { minReliability: 0.9 }],
    ["cost<=mid", { maxCost: "mid" }],
    ["cost<mid", { maxCost: "low" }],
    ["cost<=FREE", { maxCost: "free" }],
    ["latency<=800", { maxLatencyMs: 800 }],
    ["latency<=2s", { maxLatencyMs: 2000 }],
    ["latency<=250ms", { maxLatencyMs: 250 }],
    ["provider=anthropic", { provider: "anthropic" }],
    ["tools=yes", { requireTools: true }],
    ["tools=any", { requireTools: false }],
    ["prefer=latency", { prefer: "latency" }],
    ["calls>=10", { minCalls: 10 }],
    ["calls>9", { minCalls: 10 }],
    ["calls>=0", { minCalls: 0 }],
    ["modality=image", { modality: "image" }],
    ["modality=Audio", { modality: "audio" }],
    ["modality=any", { modality: "any" }],
    ["drift=include", { excludeDrift: false }],
    ["drift=exclude", { excludeDrift: true }],
    ["drift>=high", { excludeDrift: "HIGH" }],
    ["deprecated=include,expired=include", { excludeDeprecated: false, excludeExpired: false }],
    [
      " context>200000 , reliability>=0.9,cost<=mid, prefer=latency ",
      { minContext: 200_001, minReliability: 0.9, maxCost: "mid", prefer: "latency" },
    ],
  ])("%j", (filter, query) => {
    expect(parseRouteFilter(filter)).toEqual(query);
  });

  it("reads > as strictly greater, even for fractions", () => {
    const q = parseRouteFilter("reliability>0.9");
    expect(q.minReliability).toBeGreaterThan(0.9);
    // 0.9 fails, the next representable reliability above it passes.
    expect(0.9 >= q.minReliability!).toBe(false);
    expect(0.9000000000000001 >= q.minReliability!).toBe(true);
    const lat = parseRouteFilter("latency<800").maxLatencyMs!;
    expect(800 <= lat).toBe(false);
    expect(799.9999 <= lat).toBe(true);
  });

  it.each([
    ["contxt>5", 'bad filter term "contxt>5": unknown field "contxt"'],
    ["context>lots", 'bad filter term "context>lots": "lots" is not a token count'],
    ["context<5", 'bad filter term "context<5": context takes > or >='],
    ["reliability>1.5", 'bad filter term "reliability>1.5": "1.5" is not a number from 0 to 1'],
    ["reliability>", 'bad filter term "reliability>": "" is not a number from 0 to 1'],
    ["cost<=cheap", 'bad filter term "cost<=cheap": "cheap" is not a cost class'],
    ["cost<free", 'bad filter term "cost<free": nothing is cheaper than free'],
    ["prefer=speed", 'bad filter term "prefer=speed": "speed" is not one of reliability'],
    ["drift>=BAD", 'bad filter term "drift>=BAD": "BAD" is not a severity'],
    ["context", 'bad filter term "context": expected FIELD OP VALUE'],
    ["context>1,,prefer=cost", 'bad filter term "": expected FIELD OP VALUE'],
    ["prefer=cost,prefer=latency", 'bad filter term "prefer=latency": prefer is given twice'],
    ["calls>=1.5", 'bad filter term "calls>=1.5": "1.5" is not a whole number of calls'],
    ["calls<5", 'bad filter term "calls<5": calls takes >= or >'],
    ["modality=music", 'bad filter term "modality=music": "music" is not one of text, image'],
    ["provider=a b", 'bad filter term "provider=a b": "a b" is not a provider name'],
  ])("%j is refused, naming the term", (filter, message) => {
    expect(() => parseRouteFilter(filter)).toThrowError(
      expect.objectContaining({ code: "FILTER_INVALID", exitCode: 2 }),
    );
    expect(() => parseRouteFilter(filter)).toThrow(message);
  });
});
