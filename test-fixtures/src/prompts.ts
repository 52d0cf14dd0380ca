// The six tiered benchmark prompts (seed spec, "Change 4") and the surface forms a healthy model
// answers them with. The fixture server matches prompts by exact text; core owns the canonical
// list used by the tools, this copy only lets scenarios say "prompt 3" instead of the text.

export const BENCHMARK_PROMPT_TEXTS = [
  "Return exactly: OK",
  "2+2=?",
  "Complete this sequence: 1, 1, 2, 3, 5, __",
  "A box contains 3 red balls and 2 blue balls. You draw 2 without replacement. " +
    "What is P(both red)? Reply with ONLY the fraction, nothing else.",
  'Output exactly this JSON, no explanation: {"name":"test","values":[1,2,3],"nested":{"ok":true}}',
  "You have a function: get_weather(city: str, units: str). " +
    "Call it for Tokyo in celsius. Reply ONLY with the function call in this format: " +
    'get_weather(city="Tokyo", units="celsius")',
] as const;

/** The canary prompt is the first benchmark prompt. */
export const CANARY_PROMPT = BENCHMARK_PROMPT_TEXTS[0];

const JSON_ANSWER = '{"name":"test","values":[1,2,3],"nested":{"ok":true}}';

/**
 * Surface variants of each prompt's correct answer: different bytes, same canonical value, so a
 * detector that hashes responses would see noise where there is none.
 */
export const DEFAULT_SURFACES: readonly (readonly string[])[] = [
  ["OK", "ok.", "**OK**", "OK!"],
  ["4", "4.", "**4**", "The answer is 4."],
  ["8", "8.", "The next number is 8.", "**8**"],
  ["3/10", "3/10.", "6/20", "3 / 10"],
  [
    JSON_ANSWER,
    `\`\`\`json\n${JSON_ANSWER}\n\`\`\``,
    JSON.stringify(JSON.parse(JSON_ANSWER), null, 2),
  ],
  [
    'get_weather(city="Tokyo", units="celsius")',
    '`get_weather(city="Tokyo", units="celsius")`',
    "get_weather(city='Tokyo', units='celsius')",
  ],
];

/** Answer to a prompt the scenario does not know. */
export const UNKNOWN_PROMPT_ANSWER = "OK";

/** Index of a benchmark prompt by its text, or -1. */
export function promptIndex(text: string): number {
  return (BENCHMARK_PROMPT_TEXTS as readonly string[]).indexOf(text);
}
