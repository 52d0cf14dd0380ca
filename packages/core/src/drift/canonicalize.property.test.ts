// Property tests: however odd the answer, a canonicalizer returns a result instead of throwing,
// its canonical values are fixed points, and surface changes never change the value.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REFUSAL } from "./canon-text.js";
import { canonicalJson } from "./canonical-json.js";
import { canonicalize } from "./canonicalize.js";
import { BUILTIN_PROBES } from "./probes.js";

const [, arithmetic, , fraction, json, toolCall] = BUILTIN_PROBES;

// Fragments that steer random text into every parser's deep paths.
const fragment = fc.constantFrom(
  "```",
  "```json\n",
  "\n",
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  '"',
  "'",
  "\\",
  "=",
  ",",
  ":",
  "/",
  "%",
  "-",
  ".",
  "0",
  "4",
  "3/10",
  "1e999",
  "get_weather(",
  "city=",
  "units=",
  "True",
  "**",
  "__",
  "\\frac{",
  "\\boxed{",
  "I can't",
  "Sure! ",
  "is ",
  "\u2212",
  "\u2044",
  "\uFEFF",
  "\u0301",
  "\uD800",
  "9".repeat(60),
);
const oddText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc
    .array(fc.oneof(fragment, fc.string({ maxLength: 8 })), { maxLength: 60 })
    .map((a) => a.join("")),
);

describe("canonicalize on arbitrary input", () => {
  it.each(BUILTIN_PROBES.map((p) => [p.id, p] as const))(
    "%s never throws and is well formed",
    (_id, probe) => {
      fc.assert(
        fc.property(oddText, (raw) => {
          const result = canonicalize(probe, raw);
          if (result.ok) expect(result.value.length).toBeGreaterThan(0);
          else expect(result.reason.length).toBeGreaterThan(0);
        }),
        { numRuns: 1500 },
      );
    },
  );

  it("treats non-strings and oversize answers as no data", () => {
    for (const raw of [undefined, null, 42, {}, ["OK"], "OK".repeat(9000)]) {
      expect(canonicalize(BUILTIN_PROBES[0]!, raw).ok).toBe(false);
    }
  });

  it.each(BUILTIN_PROBES.map((p) => [p.id, p] as const))(
    "%s values are fixed points",
    (_id, probe) => {
      fc.assert(
        fc.property(oddText, (raw) => {
          const first = canonicalize(probe, raw);
          if (!first.ok || first.value === REFUSAL) return;
          expect(canonicalize(probe, first.value)).toEqual(first);
        }),
        { numRuns: 1500 },
      );
    },
  );
});

describe("wrong answers keep their own value", () => {
  it("an arithmetic answer n is n, with or without the working", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), (n) => {
        const want = { ok: true, value: String(n) };
        expect(canonicalize(arithmetic!, String(n))).toEqual(want);
        expect(canonicalize(arithmetic!, `2+2=${n}`)).toEqual(want);
        expect(canonicalize(arithmetic!, `The answer is **${n}**.`)).toEqual(want);
      }),
    );
  });

  it("a fraction answer p/q is p/q in lowest terms, however it is written", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 9 }),
        (p, q, k) => {
          const g = gcd(p, q);
          const want = { ok: true, value: `${p / g}/${q / g}` };
          expect(canonicalize(fraction!, `${p}/${q}`)).toEqual(want);
          expect(canonicalize(fraction!, `${p * k} / ${q * k}`)).toEqual(want);
          expect(canonicalize(fraction!, `P(both red) = \\frac{${p}}{${q}}`)).toEqual(want);
        },
      ),
    );
  });
});

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

describe("surface changes never change the value", () => {
  const arg = fc.tuple(
    fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/),
    fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((s) => !/["'\\\u2018-\u201F\u2032\u2033]/.test(s)),
  );
  it("tool-call arguments in any order, quoting and spacing", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arg, { minLength: 1, maxLength: 5, selector: ([k]) => k }),
        fc.boolean(),
        fc.boolean(),
        (args, single, spaced) => {
          const q = single ? "'" : '"';
          const sep = spaced ? " , " : ",";
          const call = (list: typeof args) =>
            `get_weather(${list.map(([k, v]) => `${k}${spaced ? " = " : "="}${q}${v}${q}`).join(sep)})`;
          const a = canonicalize(toolCall!, call(args));
          const b = canonicalize(toolCall!, `Sure: \`${call([...args].reverse())}\``);
          expect(a.ok).toBe(true);
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it("JSON documents in any key order and indentation, fenced or in prose", () => {
    const doc = fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()));
    fc.assert(
      fc.property(
        doc,
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom("bare", "fence", "prose"),
        (value, indent, wrap) => {
          const text = JSON.stringify(value, null, indent);
          const raw =
            wrap === "bare"
              ? text
              : wrap === "fence"
                ? `\`\`\`json\n${text}\n\`\`\``
                : `Here it is: ${text} Done.`;
          expect(canonicalize(json!, raw)).toEqual({ ok: true, value: canonicalJson(value) });
        },
      ),
    );
  });
});
