// The state the dashboard's tests read: four polls of a small scenario in which every thing a
// panel shows happens once. Built by the real obs-poll, obs-lock and obs-check against the
// loopback fixture server, once per test run (global-setup.ts), then only read.
//
//   openai     fresh; gpt-4o stays put, gpt-4o-mini's arithmetic answer changes at poll 3, so
//              poll 4 leaves it a candidate on a 2-poll streak (CAND 2/3)
//   anthropic  fresh; claude-sonnet-4-5's JSON answer changes at poll 2: DRIFT at poll 4
//   deepseek   its listing fails at poll 4 (carried forward), its chat fails too (NO DATA)
//   mistral    drops open-mistral-nemo at poll 3 (MODEL_REMOVED)
//   xai        its key is always rejected: a provider in error, with no snapshot
//   locks      exp-drift (claude + gpt-4o: violated at poll 4), exp-clean (gpt-4o), and a
//              locks/broken.lock.json that is not a lock
import type { ScenarioSpec } from "@observatory/test-fixtures";

export const PROVIDERS = ["openai", "anthropic", "deepseek", "mistral", "xai"] as const;
export const CLAUDE = "anthropic/claude-sonnet-4-5-20250929";
export const GPT = "openai/gpt-4o";
export const MINI = "openai/gpt-4o-mini";
export const DEEPSEEK = "deepseek/deepseek-chat";
export const BENCHMARKED = [CLAUDE, GPT, MINI, DEEPSEEK].join(",");
/** Written into a lock's notes: a secret that must never be shown. */
export const SECRET_IN_NOTES = "fixture-openai-key-0001";

export const SCENARIO: ScenarioSpec = {
  seed: 5,
  catalogs: { mistral: { remove: [{ fromPoll: 3, ids: ["open-mistral-nemo"] }] } },
  answers: [
    {
      provider: "anthropic",
      model: "claude-sonnet-4-5-20250929",
      prompt: 4,
      change: { fromPoll: 2, surfaces: ['{"name":"test","values":[1,2,3]}'] },
    },
    {
      provider: "openai",
      model: "gpt-4o-mini",
      prompt: 1,
      change: { fromPoll: 3, surfaces: ["5"] },
    },
  ],
  faults: [
    { provider: "xai", route: "models", fault: { type: "status", status: 401 } },
    { provider: "deepseek", route: "models", fromPoll: 4, fault: { type: "html", status: 502 } },
    { provider: "deepseek", route: "chat", fromPoll: 4, fault: { type: "status", status: 500 } },
  ],
};
