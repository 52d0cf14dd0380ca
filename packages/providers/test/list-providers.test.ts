// --list-providers data and provider selection.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { listProvidersInfo, loadProviders, PROVIDER_NAMES } from "../src/index.js";
import { harness } from "./helpers.js";

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe("listProvidersInfo", () => {
  it("shows every provider, keys masked to their last 4 characters, and Ollama reachable", async () => {
    const h = await harness();
    const env: Record<string, string> = {
      ...h.server.env(),
      OPENAI_API_KEY: "sk-proj-secretsecretsecret-9xYz",
    };
    delete env.MOONSHOT_API_KEY;
    const infos = await listProvidersInfo(env);
    expect(infos.map((i) => i.name)).toEqual([...PROVIDER_NAMES]);
    const openai = infos.find((i) => i.name === "openai")!;
    expect(openai).toMatchObject({
      configured: true,
      key: "****9xYz",
      baseUrlSource: "OBS_OPENAI_BASE_URL",
    });
    expect(JSON.stringify(infos)).not.toContain("secretsecret");
    expect(infos.find((i) => i.name === "moonshot")).toMatchObject({
      configured: false,
      key: "(not set)",
      note: "MOONSHOT_API_KEY is not set",
    });
    expect(infos.find((i) => i.name === "ollama")).toMatchObject({
      configured: true,
      reachable: true,
    });
  });

  it("says when Ollama is not reachable, without failing", async () => {
    const port = await closedPort();
    const infos = await listProvidersInfo(
      { OLLAMA_BASE_URL: `http://127.0.0.1:${port}` },
      { probeTimeoutMs: 500 },
    );
    const ollama = infos.find((i) => i.name === "ollama")!;
    expect(ollama).toMatchObject({
      configured: false,
      reachable: false,
      baseUrlSource: "OLLAMA_BASE_URL",
    });
    expect(ollama.note).toMatch(/not reachable/);
  });

  it("reports an invalid base URL as a note, not a crash", async () => {
    const infos = await listProvidersInfo(
      { XAI_API_KEY: "x-1234", OBS_XAI_BASE_URL: "::nope::" },
      { probeOllama: false },
    );
    expect(infos.find((i) => i.name === "xai")).toMatchObject({ configured: false, key: "****" });
  });
});

describe("loadProviders", () => {
  it("returns adapters for configured providers and says why the others were skipped", async () => {
    const h = await harness();
    const env = h.server.env();
    delete env.VENICE_API_KEY;
    const { providers, skipped } = await loadProviders({
      env,
      only: ["openai", "venice", "ollama"],
    });
    expect(providers.map((p) => p.name)).toEqual(["openai", "ollama"]);
    expect(skipped).toEqual([{ name: "venice", reason: "VENICE_API_KEY is not set" }]);
    const listed = await providers[1]!.listModels();
    expect(listed.ok).toBe(true);
    await Promise.all(providers.map((p) => p.close()));
  });

  it("refuses unknown provider names", async () => {
    await expect(loadProviders({ env: {}, only: ["openai", "gemini"] })).rejects.toThrow(
      /unknown provider "gemini"/,
    );
  });
});
