// obs-lock's commands: turn parsed flags into a handler call and its result into what the user
// sees. Handlers return data; only main prints. Loaded after the arguments are parsed;
// --benchmark-before-lock runs obs-bench as a child process and passes its records on.
import { type CommandOutput, lockOptions, ndjson, outputMode } from "@observatory/cli-kit";
import {
  ExitCode,
  listLockFiles,
  lockPath,
  ObsError,
  readLockFile,
  requireState,
  terminalSafe as safe,
  validateLockName,
} from "@observatory/core";
import type { LockCreatedRecord, ProvenanceRecord } from "../records.js";
import { type CreateReport, createLock } from "./create.js";
import { formatAge, parseDuration } from "./duration.js";
import { provenance } from "./provenance.js";
import {
  type HumanOptions,
  listRecord,
  lockFileRecord,
  renderCreated,
  renderList,
  renderMarkdown,
  renderShow,
} from "./render.js";

/** How a command speaks: records on stdout or not, and how much on stderr. */
export interface Voice {
  json?: boolean | undefined;
  verbosity: "quiet" | "normal" | "verbose";
  /** Columns for human output; null: unlimited. */
  width: number | null;
}

const human = (v: Voice): HumanOptions => ({ width: v.width, verbose: v.verbosity === "verbose" });
const stderrOf = (v: Voice, text: () => string) => (v.verbosity === "quiet" ? "" : text());

export interface CreateArgs {
  name?: string | undefined;
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

export async function createCommand(
  stateDir: string,
  a: CreateArgs,
  voice: Voice,
): Promise<CommandOutput> {
  if (a.name === undefined) {
    throw new ObsError("USAGE", "name the lock to create", {
      hint: "obs-lock NAME, or obs-lock --list (obs-lock --help)",
      exitCode: ExitCode.USAGE,
    });
  }
  const name = validateLockName(a.name);
  const maxAgeMs = a["max-age"] === undefined ? null : parseDuration(a["max-age"]);
  const waitOptions = lockOptions(a.wait);
  const benchmarkBeforeLock = a["benchmark-before-lock"] === true;
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
      benchmarkBeforeLock,
      probesFile: a.probes,
      timeoutSeconds: a.timeout,
      wait: a.wait,
      quiet: voice.verbosity === "quiet",
      signal: controller.signal,
      ...waitOptions,
    });
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
  const mode = outputMode(voice.json);
  let stdout = "";
  let stderr = "";
  if (mode.ndjson) {
    // obs-bench's records (its events, EPOCH_COMMITTED, RUN) come first, as it printed them;
    // its summary already went to stderr as it ran.
    stdout += report.benchmark ?? "";
    const record: LockCreatedRecord = {
      type: "LOCK_CREATED",
      version: 1,
      path: report.path,
      lock: report.lock,
    };
    stdout += ndjson(record);
  }
  stderr += renderCreated(report, human(voice));
  return { stdout, stderr: stderrOf(voice, () => stderr), exitCode: ExitCode.OK };
}

export async function listCommand(stateDir: string, voice: Voice): Promise<CommandOutput> {
  await requireState(stateDir);
  const files = await listLockFiles(stateDir);
  return {
    ...(outputMode(voice.json).ndjson
      ? { stdout: files.map((f) => ndjson(listRecord(f))).join("") }
      : {}),
    stderr: stderrOf(voice, () => renderList(files, human(voice))),
    exitCode: ExitCode.OK,
  };
}

export async function showCommand(
  stateDir: string,
  name: string,
  voice: Voice,
): Promise<CommandOutput> {
  validateLockName(name);
  await requireState(stateDir);
  const f = await readLockFile(stateDir, name);
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
  const path = lockPath(stateDir, name);
  const stdout = outputMode(voice.json).ndjson ? ndjson(lockFileRecord(f, path)) : undefined;
  const text = () => {
    if (f.kind === "v2") return renderShow(f.lock, path, human(voice));
    const created = safe(f.lock.created_at ?? "at an unknown time");
    const age = f.lock.created_at ? ` (${formatAge(Date.now() - Date.parse(created))} ago)` : "";
    return (
      `lock ${name} (v1 lockfile, created ${created}${age})\n` +
      "  behaviour: UNLOCKED_BEHAVIORAL (response hashes only)\n" +
      `  re-lock under v2: obs-lock ${name} --force --benchmark-before-lock\n`
    );
  };
  return {
    ...(stdout === undefined ? {} : { stdout }),
    stderr: stderrOf(voice, text),
    exitCode: ExitCode.OK,
  };
}

/** The provenance statement: Markdown for a paper, or one PROVENANCE record (--json). */
export async function exportCommand(
  stateDir: string,
  name: string,
  format: "md" | "json",
): Promise<CommandOutput> {
  validateLockName(name);
  await requireState(stateDir);
  const p = await provenance(stateDir, name);
  if (format === "md") return { stdout: renderMarkdown(p), exitCode: ExitCode.OK };
  const record: ProvenanceRecord = { type: "PROVENANCE", version: 1, ...p };
  return { stdout: ndjson(record), exitCode: ExitCode.OK };
}
