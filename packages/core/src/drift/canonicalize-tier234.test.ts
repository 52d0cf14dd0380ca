// Corpus of realistic raw answers to the fraction (tier 2), JSON (tier 3) and tool-call (tier 4)
// prompts.
import { describe } from "vitest";
import { corpus, noData, refusal, right, wrong } from "./_corpus.js";
import { BUILTIN_PROBES } from "./probes.js";

const [, , , fraction, json, toolCall] = BUILTIN_PROBES;

describe("fraction: P(both red)", () => {
  corpus(fraction!, [
    right("3/10"),
    right("3/10."),
    right("3 / 10"),
    right("**3/10**"),
    right("`3/10`"),
    right("0.3"),
    right("0.30"),
    right(".3"),
    right("6/20"),
    right("30%"),
    right("30 %"),
    right("\\frac{3}{10}"),
    right("$\\dfrac{3}{10}$"),
    right("\\boxed{\\frac{3}{10}}"),
    right("3\u204410"), // fraction slash
    right("P(both red) = 3/10"),
    right("P = 3/5 \u00d7 2/4 = 6/20 = 3/10"),
    right("(3/5)(2/4) = 6/20 = 3/10"),
    right("3/10 (or 0.3)"),
    right("The probability is 3/10."),
    right("three tenths"),
    right("3 out of 10"),
    right("3/10\n\nExplanation: 3/5 \u00d7 2/4 = 6/20."),
    wrong("1/3", "1/3"),
    wrong("3/5", "3/5"),
    wrong("2/5", "2/5"),
    wrong("9/25", "9/25"),
    wrong("0.36", "9/25"),
    wrong("3/20", "3/20"),
    wrong("P = 3/5 \u00d7 3/5 = 9/25", "9/25"),
    wrong("0.33", "33/100"),
    wrong("1", "1/1"),
    refusal("I'm sorry, but I can't provide that."),
    refusal("I cannot answer probability questions."),
    noData("The probability of drawing two red balls is the product of two draws."),
    noData("3/0"),
    noData(""),
  ]);
});

const J = '{"name":"test","values":[1,2,3],"nested":{"ok":true}}';
const PRETTY = JSON.stringify(JSON.parse(J), null, 2);

describe("json: Output exactly this JSON", () => {
  corpus(json!, [
    right(J),
    right(` ${J}\n`),
    right(PRETTY),
    right(`\`\`\`json\n${J}\n\`\`\``),
    right(`\`\`\`json\n${PRETTY}\n\`\`\``),
    right(`\`\`\`\n${J}\n\`\`\``),
    right(`\`${J}\``),
    right('{"nested":{"ok":true},"name":"test","values":[1,2,3]}'),
    right('{ "values": [1, 2, 3], "nested": { "ok": true }, "name": "test" }'),
    right(`Here is the JSON:\n${J}`),
    right(`Here is the JSON: ${J} Hope this helps!`),
    right(`Sure! \`\`\`json\n${J}\n\`\`\`\nLet me know if you need anything else.`),
    right(`${J}\n\nThis JSON has a name, a list of values and a nested object.`),
    right('{"name":"test","values":[1.0,2.0,3.0],"nested":{"ok":true}}'),
    right('{"name":"t\\u0065st","values":[1,2,3],"nested":{"ok":true}}'),
    right('{"name":"test","values":[1,2,3],"nested":{"ok":true}}\n```'),
    right(`Note: [no explanation]\n${J}`),
    wrong('{"name":"test","values":[1,2,3]}', '{"name":"test","values":[1,2,3]}'),
    wrong(
      '{"name":"test","values":[3,2,1],"nested":{"ok":true}}',
      '{"name":"test","nested":{"ok":true},"values":[3,2,1]}',
    ),
    wrong(
      '{"name":"test","values":[1,2,3],"nested":{"ok":"true"}}',
      '{"name":"test","nested":{"ok":"true"},"values":[1,2,3]}',
    ),
    wrong(
      '{"name":"Test","values":[1,2,3],"nested":{"ok":true}}',
      '{"name":"Test","nested":{"ok":true},"values":[1,2,3]}',
    ),
    wrong(
      '{"name":"test","values":["1","2","3"],"nested":{"ok":true}}',
      '{"name":"test","nested":{"ok":true},"values":["1","2","3"]}',
    ),
    wrong(
      '{"data":{"name":"test","values":[1,2,3],"nested":{"ok":true}}}',
      '{"data":{"name":"test","nested":{"ok":true},"values":[1,2,3]}}',
    ),
    wrong('[{"name":"test"}]', '[{"name":"test"}]'),
    wrong("{}", "{}"),
    wrong('"test"', '"test"'),
    refusal("I'm sorry, I can't output raw JSON."),
    refusal("I cannot do that."),
    noData('{"name":"test","values":[1,2,3],"nested":{"ok":true}'),
    noData("{'name': 'test', 'values': [1, 2, 3], 'nested': {'ok': True}}"),
    // YAML instead of JSON: the only JSON in it is the list, a wrong value (format drift).
    wrong("name: test\nvalues: [1, 2, 3]", "[1,2,3]"),
    noData(""),
  ]);
});

const CALL = 'get_weather(city="Tokyo", units="celsius")';

describe("tool call: get_weather", () => {
  corpus(toolCall!, [
    right(CALL),
    right('get_weather(city="Tokyo",units="celsius")'),
    right("get_weather(city='Tokyo', units='celsius')"),
    right('get_weather(units="celsius", city="Tokyo")'),
    right('get_weather( city = "Tokyo" , units = "celsius" )'),
    right('get_weather(city="Tokyo", units="celsius",)'),
    right("get_weather(city=\u201cTokyo\u201d, units=\u201ccelsius\u201d)"),
    right("get_weather(city=\u2018Tokyo\u2019, units=\u2018celsius\u2019)"),
    right(`\`${CALL}\``),
    right(`\`\`\`python\n${CALL}\n\`\`\``),
    right(`\`\`\`\n${CALL}\n\`\`\``),
    right(`Sure (here you go): ${CALL}`),
    right(`${CALL}\n\nThis will fetch the current weather in Tokyo.`),
    right('get_weather(\n  city="Tokyo",\n  units="celsius"\n)'),
    right(`Function call: ${CALL}`),
    right(`**${CALL}**`),
    wrong(
      'get_weather(city="Tokyo", units="fahrenheit")',
      'get_weather(city="Tokyo",units="fahrenheit")',
    ),
    wrong(
      'get_weather(city="tokyo", units="celsius")',
      'get_weather(city="tokyo",units="celsius")',
    ),
    wrong(
      'get_weather(city="Kyoto", units="celsius")',
      'get_weather(city="Kyoto",units="celsius")',
    ),
    wrong('get_weather("Tokyo", "celsius")', 'get_weather("Tokyo","celsius")'),
    wrong('get_weather(city="Tokyo")', 'get_weather(city="Tokyo")'),
    wrong(
      'get_weather(location="Tokyo", units="celsius")',
      'get_weather(location="Tokyo",units="celsius")',
    ),
    wrong("get_weather(city=Tokyo, units=celsius)", "get_weather(city=Tokyo,units=celsius)"),
    wrong('weather(city="Tokyo", units="celsius")', 'weather(city="Tokyo",units="celsius")'),
    wrong(
      'get_weather(city: "Tokyo", units: "celsius")',
      'unparsed:get_weather(city: "Tokyo", units: "celsius")',
    ),
    wrong(
      '{"name": "get_weather", "arguments": {"city": "Tokyo", "units": "celsius"}}',
      'json:{"arguments":{"city":"Tokyo","units":"celsius"},"name":"get_weather"}',
    ),
    wrong(
      'get_weather(city="Tokyo", units="celsius", days=1)',
      'get_weather(city="Tokyo",days=1,units="celsius")',
    ),
    refusal("I'm sorry, but I can't call functions."),
    refusal("I cannot access real-time weather data."),
    noData('get_weather(city="Tokyo", units="cel'),
    noData("The weather in Tokyo is 22\u00b0C and sunny."),
    noData(""),
  ]);
});
