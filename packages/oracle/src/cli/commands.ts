// The commands: each takes an open oracle and its (already parsed) arguments and returns the
// record to print as JSON, the human text and the exit code. Only execute.ts picks which of the
// two is printed.
import { ExitCode, ObsError, parseRouteFilter, type RoutingOracle } from "@observatory/core";
import type {
  ListRecord,
  PolicyRecord,
  RouteRecord,
  StatusRecord,
  SummaryRecord,
} from "../records.js";
import { unknownModel } from "./errors.js";
import type { Command, OracleRun } from "./execute.js";
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
  /** The JSON record (with type and version), as docs/schemas/records describes it. */
  record: RouteRecord | StatusRecord | ListRecord | PolicyRecord | SummaryRecord;
  human: (s: Style) => string;
  exitCode: number;
  /** Lines for --verbose: what the answer was computed from. */
  detail: string[];
}

type Handler = (oracle: RoutingOracle, run: OracleRun) => Result;

const V = { version: 1 } as const;

export const HANDLERS: Readonly<Record<Command, Handler>> = {
  route(oracle, run) {
    const query = parseRouteFilter((run.filter ?? []).join(","));
    if (run.modality !== undefined) {
      if (query.modality !== undefined) {
        throw new ObsError("USAGE", "--modality and the filter term modality= both given", {
          hint: "give the modality once: --modality image, or the term modality=image",
          exitCode: ExitCode.USAGE,
        });
      }
      query.modality = run.modality;
    }
    const c = oracle.explain(query);
    const record: RouteRecord = {
      type: "ORACLE_ROUTE",
      ...V,
      model: c.model,
      matched: c.matched,
      considered: c.considered,
      excluded: c.excluded,
      query: c.query,
      epoch: c.epoch,
    };
    return {
      record,
      human: (s) => renderRoute(record, s),
      exitCode: c.model ? ExitCode.OK : 1,
      detail: [`query: ${JSON.stringify(c.query)}`],
    };
  },
  status(oracle, run) {
    const a = oracle.status(run.key!);
    if (!a.found) throw unknownModel(a.key, a.suggestions);
    const record: StatusRecord = { type: "ORACLE_STATUS", ...V, ...a };
    return { record, human: (s) => renderStatus(a, s), exitCode: ExitCode.OK, detail: [] };
  },
  healthy(oracle, run) {
    const a = oracle.status(run.key!);
    if (!a.found) throw unknownModel(a.key, a.suggestions);
    const record: StatusRecord = { type: "ORACLE_STATUS", ...V, ...a };
    return {
      record,
      human: (s) => renderHealthy(a, s),
      exitCode: a.healthy ? ExitCode.OK : 1,
      detail: [],
    };
  },
  list(oracle, run) {
    const a = oracle.list(run.by);
    const record: ListRecord = { type: "ORACLE_LIST", ...V, ...a };
    return { record, human: (s) => renderList(a, s), exitCode: ExitCode.OK, detail: [] };
  },
  policy(oracle) {
    const a = oracle.policy();
    const record: PolicyRecord = { type: "ORACLE_POLICY", ...V, ...a };
    return { record, human: (s) => renderPolicy(a, s), exitCode: ExitCode.OK, detail: [] };
  },
  summary(oracle) {
    const all = oracle.list();
    const healthy = all.models.filter((m) => m.healthy).length;
    const drifted = all.models.filter((m) => m.reason === "DRIFT").length;
    const record: SummaryRecord = {
      type: "ORACLE_SUMMARY",
      ...V,
      listed: all.models.length,
      healthy,
      drifted,
      epoch: all.epoch,
    };
    return {
      record,
      human: (s) =>
        `${all.models.length} models listed, ${healthy} healthy, ${drifted} with recent drift\n${epochLine(all.epoch, s)}\nrun obs-oracle --help for route, status, healthy, list and policy`,
      exitCode: ExitCode.OK,
      detail: [],
    };
  },
};
