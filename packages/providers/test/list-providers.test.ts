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
    // Ollama takes no key: the way out is a running server, not a key.
    expect(ollama.hint).toBe(`is Ollama running at http://127.0.0.1:${port}?`);
    expect(`${ollama.note} ${ollama.hint}`).not.toMatch(/API key/i);
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
    expect(skipped).toEqual([
      {
        name: "venice",
        reason: "VENICE_API_KEY is not set",
        hint: "set VENICE_API_KEY in the environment or .env",
      },
    ]);
    const listed = await providers[1]!.listModels();
    expect(listed.ok).toBe(true);
    await Promise.all(providers.map((p) => p.close()));
  });

  it("probes Ollama by default, so a run's listing asks /api/tags a second time", async () => {
    const h = await harness();
    const { providers } = await loadProviders({ env: h.server.env(), only: ["ollama"] });
    await providers[0]!.listModels();
    await providers[0]!.close();
    expect(h.server.scenario.calls({ provider: "ollama", route: "models" })).toHaveLength(2);
  });

  it("with probe: false makes no request: the listing is the probe", async () => {
    const h = await harness();
    const { providers } = await loadProviders({
      env: h.server.env(),
      only: ["ollama"],
      probe: false,
    });
    expect(providers.map((p) => p.name)).toEqual(["ollama"]);
    expect(h.server.scenario.calls()).toHaveLength(0);
    await providers[0]!.listModels();
    await providers[0]!.close();
    expect(h.server.scenario.calls({ provider: "ollama", route: "models" })).toHaveLength(1);
  });

  it("with probe: false counts Ollama as configured when its base URL is set or it is named", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    const named = await loadProviders({ env: {}, only: ["ollama"], probe: false });
    const byUrl = await loadProviders({ env: { OLLAMA_BASE_URL: url }, probe: false });
    const byObsUrl = await loadProviders({ env: { OBS_OLLAMA_BASE_URL: url }, probe: false });
    const neither = await loadProviders({ env: {}, probe: false });
    for (const loaded of [named, byUrl, byObsUrl])
      expect(loaded.providers.map((p) => p.name)).toEqual(["ollama"]);
    expect(byUrl.providers[0]!.baseUrl).toBe(url);
    expect(neither.providers).toEqual([]);
    expect(neither.skipped.find((s) => s.name === "ollama")).toEqual({
      name: "ollama",
      reason: "not probed, and no base URL set (OLLAMA_BASE_URL or OBS_OLLAMA_BASE_URL)",
      hint: "is Ollama running at http://localhost:11434? Set OLLAMA_BASE_URL, or name ollama to poll it",
    });
    // Unreachable is now the listing's outcome, carried forward by the caller.
    const listed = await byUrl.providers[0]!.listModels();
    expect(listed.ok ? "ok" : listed.error.kind).toBe("network");
    await Promise.all([named, byUrl, byObsUrl].flatMap((l) => l.providers.map((p) => p.close())));
  });

  it("refuses unknown provider names", async () => {
    await expect(loadProviders({ env: {}, only: ["openai", "gemini"] })).rejects.toThrow(
      /unknown provider "gemini"/,
    );
  });
});
