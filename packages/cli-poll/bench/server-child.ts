// Child side of server-process.ts: starts the fixture server, answers IPC commands.
import { type ScenarioSpec, startFixtureServer } from "@observatory/test-fixtures";

const scenario = JSON.parse(process.argv[2] ?? "{}") as ScenarioSpec;
const server = await startFixtureServer({ scenario });
process.send?.(server.env());
process.on("message", (m: { id: number; cmd: string; arg?: unknown }) => {
  let value: unknown = null;
  if (m.cmd === "advance") value = server.scenario.advance();
  if (m.cmd === "clearCalls") server.scenario.clearCalls();
  if (m.cmd === "calls") {
    value = server.scenario
      .calls(m.arg as { provider?: never })
      .map((c) => ({ provider: c.provider, route: c.route }));
  }
  process.send?.({ id: m.id, value });
});
