// A minimal OpenAI-compatible provider (and Ollama under /ollama: /api/tags, one /api/show per
// model, /api/chat) for the benchmark: node:http, canned answers, a fixed latency, nothing else.
// Run in its own process, it costs a few microseconds a request, so the bench measures the run
// rather than the msw scenario server (about 1 ms of CPU a request).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { BENCHMARK_PROMPT_TEXTS, DEFAULT_SURFACES } from "@observatory/test-fixtures";

const [latencyArg, modelsArg, ollamaArg] = process.argv.slice(2);
const latency = Number(latencyArg ?? 20);
const models = Number(modelsArg ?? 200);
const ollamaModels = Number(ollamaArg ?? models);
const tags = JSON.stringify({
  models: Array.from({ length: ollamaModels }, (_, i) => ({
    name: `bench-model-${String(i).padStart(3, "0")}`,
    model: `bench-model-${String(i).padStart(3, "0")}`,
    digest: `sha256:${String(i).padStart(64, "0")}`,
    size: 1000,
  })),
});
const show = JSON.stringify({
  model_info: { "llama.context_length": 8192 },
  capabilities: ["completion", "tools"],
});
const listing = JSON.stringify({
  object: "list",
  data: Array.from({ length: models }, (_, i) => ({
    id: `bench-model-${String(i).padStart(3, "0")}`,
    object: "model",
    owned_by: "bench",
  })),
});
const answers = new Map(
  BENCHMARK_PROMPT_TEXTS.map((p, i) => [p, DEFAULT_SURFACES[i]?.[0] ?? "OK"]),
);
let requests = 0;

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => {
    body += c;
  });
  req.on("end", () => {
    requests++;
    setTimeout(() => {
      res.setHeader("content-type", "application/json");
      if (req.url?.endsWith("/models")) return void res.end(listing);
      if (req.url?.endsWith("/api/tags")) return void res.end(tags);
      if (req.url?.endsWith("/api/show")) return void res.end(show);
      const parsed = JSON.parse(body) as { model: string; messages: Array<{ content: string }> };
      const prompt = parsed.messages.at(-1)?.content ?? "";
      if (req.url?.endsWith("/api/chat")) {
        return void res.end(
          JSON.stringify({
            model: parsed.model,
            message: { role: "assistant", content: answers.get(prompt) ?? "OK" },
            done: true,
            done_reason: "stop",
          }),
        );
      }
      res.end(
        JSON.stringify({
          id: "chatcmpl-bench",
          object: "chat.completion",
          created: 1_763_700_000,
          model: parsed.model,
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: answers.get(prompt) ?? "OK" },
              finish_reason: "stop",
            },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
        }),
      );
    }, latency);
  });
});
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on("message", (m: { cmd: string }) => {
  if (m.cmd === "requests") process.send?.({ requests });
});
