import { describe, expect, it } from "vitest";
import { decimalToExponent, respellValue, stringify } from "./respell.js";

describe("decimalToExponent", () => {
  it.each([
    ["0.000003", "3e-06"],
    ["0.00000022", "2.2e-07"],
    ["0.0000001234567890123", "1.234567890123e-07"],
    ["15", "1.5e+01"],
    ["1", "1e+00"],
    ["-1", "-1e+00"],
    ["0", "0.0"],
    ["0.000", "0.0"],
    ["120.50", "1.205e+02"],
  ])("%s -> %s keeps the exact decimal value", (input, expected) => {
    expect(decimalToExponent(input)).toBe(expected);
    expect(Number(decimalToExponent(input))).toBe(Number(input));
  });

  it("leaves strings that are not plain decimals alone", () => {
    expect(decimalToExponent("3e-06")).toBeUndefined();
    expect(decimalToExponent("gpt-4o")).toBeUndefined();
  });
});

describe("respelling", () => {
  const doc = {
    data: [
      {
        id: "volink-génie-7b",
        name: "Volink Génie 7B",
        version: "2.5",
        pricing: { prompt: "0.000003", overrides: [{ prompt: "0.5" }] },
        top_p: 0.95,
      },
    ],
  };

  it("changes the bytes of prices, names and floats but not what they mean", () => {
    const respelled = respellValue(doc, { floats: true, unicode: "NFD", idKeys: new Set(["id"]) });
    const text = stringify(respelled, true);
    expect(text).not.toBe(JSON.stringify(doc));
    expect(text).toContain('"prompt":"3e-06"');
    expect(text).toContain('"prompt":"5e-01"');
    expect(text).toContain('"top_p":9.5e-01');
    const back = JSON.parse(text) as typeof doc;
    const entry = back.data[0]!;
    expect(entry.name).not.toBe(doc.data[0]!.name);
    expect(entry.name.normalize("NFC")).toBe(doc.data[0]!.name);
    expect(entry.id).toBe("volink-génie-7b");
    expect(entry.version).toBe("2.5");
    expect(Number(entry.pricing.prompt)).toBe(0.000003);
    expect(entry.top_p).toBe(0.95);
  });

  it("stringify without floats matches JSON.stringify", () => {
    expect(stringify(doc)).toBe(JSON.stringify(doc));
  });
});
