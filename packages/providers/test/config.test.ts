import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isObsError } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { createProvider, loadEnv, parseDotEnv, resolveProviderConfig } from "../src/index.js";

describe("parseDotEnv", () => {
  it("reads the usual .env forms", () => {
    const env = parseDotEnv(
      [
        "# comment",
        "OPENAI_API_KEY=sk-plain",
        "export ANTHROPIC_API_KEY = 'single quoted # not a comment'",
        'GOOGLE_API_KEY="double\\nquoted"',
        "XAI_API_KEY=value # trailing comment",
        "EMPTY=",
        "not a line",
        "OPENAI_API_KEY=sk-later-wins",
      ].join("\n"),
    );
    expect(env).toEqual({
      OPENAI_API_KEY: "sk-later-wins",
      ANTHROPIC_API_KEY: "single quoted # not a comment",
      GOOGLE_API_KEY: "double\nquoted",
      XAI_API_KEY: "value",
      EMPTY: "",
    });
  });
});

describe("loadEnv", () => {
  it("lets the real environment win over .env", () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-env-"));
    writeFileSync(join(dir, ".env"), "OPENAI_API_KEY=from-file\nMISTRAL_API_KEY=file-only\n");
    const env = loadEnv({ cwd: dir, env: { OPENAI_API_KEY: "from-env" } });
    expect(env.OPENAI_API_KEY).toBe("from-env");
    expect(env.MISTRAL_API_KEY).toBe("file-only");
  });

  it("works without a .env file", () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-env-"));
    expect(loadEnv({ cwd: dir, env: { A: "1" } })).toEqual({ A: "1" });
  });
});

describe("resolveProviderConfig", () => {
  it("uses the provider's real endpoint by default", () => {
    expect(resolveProviderConfig("deepseek", {}).baseUrl).toBe("https://api.deepseek.com");
    expect(resolveProviderConfig("zhipu", {}).baseUrl).toBe("https://open.bigmodel.cn/api/paas/v4");
    expect(resolveProviderConfig("ollama", {}).baseUrl).toBe("http://localhost:11434");
  });

  it("prefers OBS_<P>_BASE_URL, then the seed's OPENAI_BASE_URL / OLLAMA_BASE_URL", () => {
    const both = {
      OBS_OPENAI_BASE_URL: "http://127.0.0.1:9/openai/v1/",
      OPENAI_BASE_URL: "https://proxy.example",
    };
    expect(resolveProviderConfig("openai", both)).toMatchObject({
      baseUrl: "http://127.0.0.1:9/openai/v1",
      baseUrlSource: "OBS_OPENAI_BASE_URL",
    });
    // The seed's OPENAI_BASE_URL was an origin: /v1 is added; a value with a path is kept.
    expect(
      resolveProviderConfig("openai", { OPENAI_BASE_URL: "https://proxy.example" }).baseUrl,
    ).toBe("https://proxy.example/v1");
    expect(
      resolveProviderConfig("openai", { OPENAI_BASE_URL: "https://proxy.example/openai/v1" })
        .baseUrl,
    ).toBe("https://proxy.example/openai/v1");
    expect(
      resolveProviderConfig("ollama", { OLLAMA_BASE_URL: "http://gpu-box:11434" }).baseUrl,
    ).toBe("http://gpu-box:11434");
  });

  it("refuses a base URL that is not http(s), as a usage error", () => {
    try {
      resolveProviderConfig("xai", { OBS_XAI_BASE_URL: "not a url" });
      expect.unreachable();
    } catch (e) {
      expect(isObsError(e) && e.exitCode).toBe(2);
    }
  });
});

describe("createProvider", () => {
  it("refuses unknown providers and missing keys with usage errors naming the variable", () => {
    expect(() => createProvider("nope", { env: {} })).toThrow(/unknown provider/);
    expect(() => createProvider("openai", { env: { OPENAI_API_KEY: "  " } })).toThrow(
      /OPENAI_API_KEY/,
    );
  });
});
