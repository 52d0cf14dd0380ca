// obs-poll --list-providers: which providers are configured, keys masked to their last four
// characters: a PROVIDER record each in NDJSON mode, else a table. Either way it is the data the
// user asked for, so it goes to stdout (--quiet does not hide it).
import { type CommandOutput, ndjson, outputMode, table } from "@observatory/cli-kit";
import { ExitCode } from "@observatory/core";
import { listProvidersInfo, loadEnv } from "@observatory/providers";
import type { ProviderRecord } from "./records.js";

export async function listProviders(json: boolean | undefined): Promise<CommandOutput> {
  const infos = await listProvidersInfo(loadEnv());
  if (outputMode(json).ndjson) {
    const records = infos.map((i): ProviderRecord => ({ type: "PROVIDER", version: 1, ...i }));
    return { stdout: records.map((r) => ndjson(r)).join(""), exitCode: ExitCode.OK };
  }
  const rows = infos.map((i) => [
    i.name,
    i.configured ? "yes" : "no",
    i.keyEnv ?? "-",
    i.key,
    i.baseUrl,
    i.note ?? "",
  ]);
  return {
    stdout: `${table(["provider", "configured", "key variable", "key", "base URL", "note"], rows)}\n`,
    exitCode: ExitCode.OK,
  };
}
