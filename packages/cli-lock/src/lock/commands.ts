// obs-lock's commands: turn parsed flags into a handler call and its result into what the user
// sees. Handlers return data; only main prints.
import { type CommandOutput, lockOptions, ndjson, outputMode } from "@observatory/cli-kit";
import { toOutput } from "@observatory/cli-poll";
import { ExitCode, ObsError, terminalSafe as safe } from "@observatory/core";
import { loadEnv } from "@observatory/providers";
import { plural } from "../text.js";
import { type CreateReport, createLock } from "./create.js";
import { formatAge, parseDuration } from "./duration.js";
import { listLockFiles, lockPath, readLockFile, validateLockName } from "./files.js";
import { provenance } from "./provenance.js";
import { listRecord, renderList, renderMarkdown, renderShow } from "./render.js";
import { describeScope } from "./scope.js";

export interface CreateArgs {
  name?: string | undefined;
  json?: boolean | undefined;
  "benchmark-before-lock"?: boolean | undefined;
  "max-age"?: string | undefined;
  models?: string[] | undefined;
  providers?: string[] | undefined;
  notes?: string | undefined;
  force?: boolean | undefined;
  probes?: string | undefined;
  timeout?: number | undefined;
  wait?: unknown;
}

export async function createCommand(stateDir: string, a: CreateArgs): Promise<CommandOutput> {
  if (a.name === undefined) {
    throw new ObsError("USAGE", "name the lock to create", {
      hint: "obs-lock NAME, or obs-lock --list (obs-lock --help)",
      exitCode: ExitCode.USAGE,
    });
  }
  const name = validateLockName(a.name);
  const maxAgeMs = a["max-age"] === undefined ? null : parseDuration(a["max-age"]);
  const started = Date.now();
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  let report: CreateReport;
  try {
    report = await createLock({
      stateDir,
      name,
      notes: a.notes ?? "",
      force: a.force === true,
      models: a.models,
      providers: a.providers,
      maxAgeMs,
      benchmarkBeforeLock: a["benchmark-before-lock"] === true,
      probesFile: a.probes,
      providerOptions: { env: loadEnv(), callTimeoutMs: (a.timeout ?? 60) * 1000 },
      signal: controller.signal,
      ...lockOptions(a.wait),
    });
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
  const mode = outputMode(a.json);
  let stdout = "";
  let stderr = "";
  if (report.benchmark) {
    const bench = toOutput("obs-bench", report.benchmark, mode, Date.now() - started);
    stdout += bench.stdout ?? "";
    stderr += bench.stderr ?? "";
  }
  if (mode.ndjson) stdout += ndjson({ type: "LOCK_CREATED", path: report.path, lock: report.lock });
  stderr += renderCreated(report);
  return { stdout, stderr, exitCode: ExitCode.OK };
}

/** Scope, warnings and paths can carry model ids and user paths: sanitised for the terminal. */
function renderCreated(r: CreateReport): string {
  const l = r.lock;
  const cov = l.coverage;
  const lines = [
    `obs-lock: locked ${l.name} to epoch ${l.epoch_id} (manifest ${l.manifest_hash.slice(0, 16)}…)`,
    `  scope:     ${safe(describeScope(l.scope))} (${l.models.length} models)`,
    `  baselines: ${cov.pairs} canonical values (${plural(cov.models, "model")} x ${plural(cov.probes, "probe")}), ` +
      (l.benchmark_stale
        ? `some from before this epoch (newest ${l.benchmark_epoch}): marked stale`
        : "measured in this epoch"),
    `  file:      ${safe(r.path)}`,
  ];
  for (const w of r.warnings) lines.push(`  warning: ${safe(w)}`);
  lines.push(`check it with: obs-check ${l.name}   (or obs-poll --benchmark | obs-check --all)`);
  return `${lines.join("\n")}\n`;
}

export async function listCommand(stateDir: string, json?: boolean): Promise<CommandOutput> {
  const files = await listLockFiles(stateDir);
  if (outputMode(json).ndjson)
    return { stdout: files.map((f) => ndjson(listRecord(f))).join(""), exitCode: ExitCode.OK };
  return { stderr: renderList(files), exitCode: ExitCode.OK };
}

export async function showCommand(
  stateDir: string,
  name: string,
  json?: boolean,
): Promise<CommandOutput> {
  const f = await readLockFile(stateDir, validateLockName(name));
  if (f === null) {
    throw new ObsError("NO_SUCH_LOCK", `no such lock: ${name}`, {
      hint: "obs-lock --list shows the locks in this state directory",
      exitCode: ExitCode.NOT_FOUND,
    });
  }
  if (f.kind === "invalid") {
    throw new ObsError("LOCK_INVALID", `lock ${name} cannot be read: ${safe(f.reason)}`, {
      exitCode: ExitCode.STATE,
    });
  }
  if (outputMode(json).ndjson) return { stdout: ndjson(f.lock), exitCode: ExitCode.OK };
  if (f.kind === "v1") {
    const created = safe(f.lock.created_at ?? "at an unknown time");
    const age = f.lock.created_at ? ` (${formatAge(Date.now() - Date.parse(created))} ago)` : "";
    return {
      stderr:
        `lock ${name} (v1 lockfile, created ${created}${age})\n` +
        "  behaviour: UNLOCKED_BEHAVIORAL (response hashes only)\n" +
        `  re-lock under v2: obs-lock ${name} --force --benchmark-before-lock\n`,
      exitCode: ExitCode.OK,
    };
  }
  return { stderr: renderShow(f.lock, lockPath(stateDir, name)), exitCode: ExitCode.OK };
}

export async function exportCommand(
  stateDir: string,
  name: string,
  format: "md" | "json",
): Promise<CommandOutput> {
  const p = await provenance(stateDir, validateLockName(name));
  const stdout = format === "json" ? `${JSON.stringify(p, null, 2)}\n` : renderMarkdown(p);
  return { stdout, exitCode: ExitCode.OK };
}
