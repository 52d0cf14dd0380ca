// Raw answers for the simulation: healthy surface variants, a changed behaviour, and random
// wrong answers, as text, so the real canonicalizers sit inside the simulated loop.
import type { Rng } from "./_prng.js";
import { BUILTIN_PROBES, type Probe } from "./probes.js";

export interface AnswerModel {
  probe: Probe;
  /** Surface forms of the healthy answer; the first is the plain one. */
  right: readonly string[];
  /** Surface forms of the answer after a permanent behaviour change. */
  changed: readonly string[];
  /** A random wrong answer (a canonical flip); the space is large, so flips rarely repeat. */
  wrong(rng: Rng): string;
  /** One fixed wrong answer, for the "consistent alternative" scenario. */
  sticky: string;
}

const WORDS = ["token", "okay", "hello", "yes", "sure", "done", "fine", "ack", "right", "ko"];
const CITIES = [
  "Kyoto",
  "Osaka",
  "Paris",
  "London",
  "Seoul",
  "Berlin",
  "Lima",
  "Oslo",
  "Rome",
  "Cairo",
  "Delhi",
  "Sydney",
  "Madrid",
  "Toronto",
  "Nairobi",
  "Dublin",
  "Vienna",
  "Hanoi",
  "Quito",
  "Perth",
];
const UNITS = ["celsius", "fahrenheit", "kelvin", "metric", "imperial", "C", "F", "Celsius"];

function letters(rng: Rng): string {
  const n = rng.int(2, 7);
  let out = "";
  for (let i = 0; i < n; i++) out += String.fromCharCode(97 + rng.int(0, 25));
  return out;
}

const J = (o: unknown) => JSON.stringify(o);
const healthy = { name: "test", values: [1, 2, 3], nested: { ok: true } };
const dropped = { name: "test", values: [1, 2, 3] };

export const ANSWER_MODELS: readonly AnswerModel[] = [
  {
    probe: BUILTIN_PROBES[0]!,
    right: ["OK", "ok.", "**OK**", "OK!", "Sure! OK", "`OK`"],
    changed: ["Okay", "Okay.", "**Okay**", "okay!"],
    wrong: (rng) => (rng.next() < 0.3 ? `${rng.pick(WORDS)} ${rng.int(0, 999)}` : letters(rng)),
    sticky: "OK, OK",
  },
  {
    probe: BUILTIN_PROBES[1]!,
    right: ["4", "4.", "**4**", "The answer is 4.", "2 + 2 = 4", "Four"],
    changed: ["5", "2+2=5", "**5**", "The answer is 5."],
    wrong: (rng) => `2+2=${rng.int(-1000, 10000)}`,
    sticky: "22",
  },
  {
    probe: BUILTIN_PROBES[2]!,
    right: ["8", "8.", "The next number is 8.", "1, 1, 2, 3, 5, 8", "**8**"],
    changed: ["1, 1, 2, 3, 5, 8, 13", "13", "The next numbers are 8, 13"],
    wrong: (rng) => `1, 1, 2, 3, 5, ${rng.int(-1000, 10000)}`,
    sticky: "7",
  },
  {
    probe: BUILTIN_PROBES[3]!,
    right: ["3/10", "3/10.", "6/20", "3 / 10", "0.3", "30%", "\\frac{3}{10}"],
    changed: ["3/20", "0.15", "**3/20**"],
    wrong: (rng) => `${rng.int(1, 200)}/${rng.int(201, 999)}`,
    sticky: "1/3",
  },
  {
    probe: BUILTIN_PROBES[4]!,
    right: [
      J(healthy),
      `\`\`\`json\n${J(healthy)}\n\`\`\``,
      JSON.stringify(healthy, null, 2),
      `Here it is: ${J(healthy)}`,
    ],
    changed: [J(dropped), `\`\`\`json\n${J(dropped)}\n\`\`\``],
    wrong: (rng) => J({ ...healthy, values: [rng.int(0, 99), rng.int(0, 99), rng.int(0, 99)] }),
    sticky: J({ ...healthy, nested: { ok: "true" } }),
  },
  {
    probe: BUILTIN_PROBES[5]!,
    right: [
      'get_weather(city="Tokyo", units="celsius")',
      "get_weather(city='Tokyo', units='celsius')",
      '`get_weather(units="celsius", city="Tokyo")`',
      '```python\nget_weather(city="Tokyo", units="celsius")\n```',
    ],
    changed: [
      'get_weather(city="Tokyo", units="fahrenheit")',
      "get_weather(city='Tokyo', units='fahrenheit')",
    ],
    wrong: (rng) =>
      `get_weather(city="${rng.pick(CITIES)}", units="${rng.pick(UNITS)}", days=${rng.int(1, 30)})`,
    sticky: 'get_weather("Tokyo", "celsius")',
  },
];
