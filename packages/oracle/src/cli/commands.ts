// The commands: each takes an open oracle and its (already checked) arguments and returns data,
// the human text and the exit code. Only run.ts decides which of the two outputs is printed.
import { ExitCode } from "@observatory/core";
import { unknownModel } from "../errors.js";
import { parseRouteFilter } from "../filter.js";
import type { RoutingOracle } from "../oracle.js";
import type { Args } from "./args.js";
import type { RouteReport } from "./render.js";
import {
  epochLine,
  renderHealthy,
  renderList,
  renderPolicy,
  renderRoute,
  renderStatus,
} from "./render.js";
import type { Style } from "./style.js";

export interface Result {
  data: unknown;
  human: (s: Style) => string;
  exitCode: number;
}

type Handler = (oracle: RoutingOracle, args: Args) => Result;

export const HANDLERS: Readonly<Record<NonNullable<Args["command"]>, Handler>> = {
  route(oracle, args) {
    // Several arguments are joined: route "context>200000" "prefer=latency" reads naturally.
    const query = parseRouteFilter(args.positionals.join(","));
    const { model, epoch } = oracle.route(query);
    const c = oracle.candidates(query);
    const report: RouteReport = {
      model,
      query: c.query,
      matched: c.models.length,
      considered: c.considered,
      excluded: c.excluded,
      epoch,
    };
    return {
      data: report,
      human: (s) => renderRoute(report, s),
      exitCode: model ? ExitCode.OK : 1,
    };
  },
  status(oracle, args) {
    const a = oracle.status(args.positionals[0]!);
    if (!a.found) throw unknownModel(a.key, a.suggestions);
    return { data: a, human: (s) => renderStatus(a, s), exitCode: ExitCode.OK };
  },
  healthy(oracle, args) {
    const a = oracle.status(args.positionals[0]!);
    if (!a.found) throw unknownModel(a.key, a.suggestions);
    return { data: a, human: (s) => renderHealthy(a, s), exitCode: a.healthy ? ExitCode.OK : 1 };
  },
  list(oracle, args) {
    const a = oracle.list(args.by);
    return { data: a, human: (s) => renderList(a, s), exitCode: ExitCode.OK };
  },
  policy(oracle) {
    const a = oracle.policy();
    return { data: a, human: (s) => renderPolicy(a, s), exitCode: ExitCode.OK };
  },
};

/** No command: a one-line summary of the epoch. */
export function summary(oracle: RoutingOracle): Result {
  const all = oracle.list();
  const healthy = all.models.filter((m) => m.healthy).length;
  const drifted = all.models.filter((m) => m.reason === "DRIFT").length;
  const data = { listed: all.models.length, healthy, drifted, epoch: all.epoch };
  return {
    data,
    human: (s) =>
      `${all.models.length} models listed, ${healthy} healthy, ${drifted} with recent drift\n${epochLine(all.epoch, s)}\nrun obs-oracle --help for route, status, healthy, list and policy`,
    exitCode: ExitCode.OK,
  };
}
