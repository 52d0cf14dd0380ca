// The page as text: provider strings never become markup, the data round-trips through the
// script element, and nothing is loaded from the network.
import { describe, expect, it } from "vitest";
import { buildReport, type ReportInput } from "./data.js";
import { escapeHtml, renderPage, scriptJson } from "./html.js";

const EVIL = "<script>window.__evil=1</script>";
const ASSETS = { uplotJs: "var uPlot = {}; // '</script>' in a library", uplotCss: ".u{}" };

function input(): ReportInput {
  const evil = `mistral/${EVIL}`;
  return {
    stateDir: `/state/${EVIL}`,
    epochId: "20261102T000000.000Z-0000",
    generatedAt: "2026-11-02T00:00:00.000Z",
    providers: [
      { name: "mistral", status: "error", polledAt: null, fromEpoch: null, error: `http: ${EVIL}` },
    ],
    entries: [
      {
        e: "20261101T000000.000Z-0000",
        b: true,
        c: [
          ["openai/gpt-4o", "listed", false, true],
          ["openai/gpt-4o", "context_length", null, 128000],
          ["openai/gpt-4o", "pricing.prompt", null, "0.0000025"],
        ],
      },
      {
        e: "20261102T000000.000Z-0000",
        c: [
          [evil, "listed", false, true],
          [evil, "context_length", null, 32000],
          [evil, "name", null, EVIL],
          ["openai/gpt-4o", "pricing.prompt", "0.0000025", "0.000003"],
        ],
      },
    ],
    events: [
      {
        v: 2,
        type: "BEHAVIOR_DRIFT",
        epoch_id: "20261102T000000.000Z-0000",
        ts: "2026-11-02T00:00:00.000Z",
        severity: "HIGH",
        provider: "mistral",
        model_id: EVIL,
        probe: "json",
        tier: 1,
        evidence: {
          old_value: EVIL,
          new_value: "b",
          rule: "streak",
          samples: [EVIL],
          streak: 3,
          window_frequency: 1,
          window_size: 3,
        },
      },
    ],
    locks: [
      {
        name: "exp",
        status: "VIOLATED",
        lockedEpoch: "20261101T000000.000Z-0000",
        models: 1,
        counts: { DRIFT: 1 },
        violations: [{ kind: "BEHAVIOUR", detail: EVIL }],
        provenance: `Notes: ${EVIL}`,
      },
    ],
  };
}

const range = { from: "20261101T000000.000Z-0000", to: "20261102T000000.000Z-0000" };

describe("the report page", () => {
  it("never carries a provider's <script> as markup", () => {
    const html = renderPage(buildReport(input(), range), ASSETS);
    // The only <script> elements are the page's own three (data, uPlot, the page script).
    expect(html.match(/<script/gi)).toHaveLength(3);
    expect(html).not.toContain("<script>window.__evil");
    expect(html).toContain("&lt;script&gt;window.__evil=1&lt;/script&gt;");
    // A library's own "</script>" cannot close its element.
    expect(html).toContain("'<\\/script>'");
  });

  it("keeps the data intact through the script element", () => {
    const data = buildReport(input(), range);
    const html = renderPage(data, ASSETS);
    const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(
      html,
    )?.[1];
    expect(JSON.parse(json!)).toEqual(JSON.parse(JSON.stringify(data)));
    expect(data.models).toEqual([`mistral/${EVIL}`, "openai/gpt-4o"]);
  });

  it("loads nothing from the network", () => {
    const html = renderPage(buildReport(input(), range), ASSETS);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
  });

  it("escapes text and script JSON", () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    expect(scriptJson({ s: "</script>\u2028" })).toBe('{"s":"\\u003c/script\\u003e\\u2028"}');
  });
});

describe("the report's data", () => {
  it("steps at each change, from the value at the range's start", () => {
    const data = buildReport(input(), range);
    const m = data.models.indexOf("openai/gpt-4o");
    const prompt = data.series[m]!.find((s) => data.fields[s[0] as number] === "pricing.prompt")!;
    const at = (s: (number | null)[]): unknown[] =>
      s.slice(1).map((v, k) => (k % 2 === 0 ? data.epochs[v as number] : v));
    expect(at(prompt)).toEqual([0, 0.0000025, 86_400_000, 0.000003]);
  });

  it("lists obs-diff's rows between the range's ends", () => {
    const data = buildReport(input(), range);
    expect(data.changes).toEqual([
      [`mistral/${EVIL}`, "added", "context_length", null, 32000, null],
      [`mistral/${EVIL}`, "added", "name", null, EVIL, null],
      [
        "openai/gpt-4o",
        "changed",
        "pricing.prompt",
        "0.0000025",
        "0.000003",
        expect.closeTo(0.2, 9),
      ],
    ]);
  });

  it("filters by provider and counts events per day by severity", () => {
    const data = buildReport(input(), { ...range, providers: new Set(["openai"]) });
    expect(data.models).toEqual(["openai/gpt-4o"]);
    expect(data.behaviour).toEqual([]);
    const all = buildReport(input(), range);
    expect(all.drift.days).toEqual(["2026-11-02"]);
    expect(all.drift.counts[all.drift.severities.indexOf("HIGH")]).toEqual([1]);
    expect(all.behaviour[0]).toMatchObject({ model: `mistral/${EVIL}`, probe: "json", tier: 1 });
  });
});
