// Checks a trace against the contract's write protocol: every file a tool writes in the state
// directory is a temp file (created exclusively, in the same directory), written, fsynced,
// renamed over its target and followed by an fsync of the directory; the one exception is the
// append-only event log, appended and fsynced. Anything else is a violation.
import { basename, dirname } from "node:path";
import { isTempName } from "./files.js";
import { fsSteps, type TraceEntry } from "./trace.js";

export interface ProtocolReport {
  /** Files published by the temp -> fsync -> rename -> dir fsync sequence. */
  atomic: string[];
  /** Appends to an event log, each fsynced. */
  appends: number;
  /** Renames of whole files or directories that were not temp files (quarantine, backups). */
  moves: string[];
  violations: string[];
}

const TEMP = /^\.(.+)\.\d+\.[0-9a-f]+\.tmp$/;

export function checkWriteProtocol(trace: readonly TraceEntry[]): ProtocolReport {
  const report: ProtocolReport = { atomic: [], appends: 0, moves: [], violations: [] };
  const byPid = new Map<number, TraceEntry[]>();
  for (const s of fsSteps(trace)) byPid.set(s.pid, [...(byPid.get(s.pid) ?? []), s]);
  for (const steps of byPid.values()) {
    steps.forEach((s, i) => {
      const later = steps.slice(i + 1);
      const path = s.path!;
      if (["writeFile", "append", "truncate", "copyFile", "cp"].includes(s.op)) {
        report.violations.push(`${s.op} ${path}: written in place`);
      }
      if (s.op === "open") {
        const flags = s.flags ?? "";
        if (isTempName(basename(path))) {
          if (!/CREAT/.test(flags) || !/EXCL/.test(flags))
            report.violations.push(`${path}: temp file not created exclusively (${flags})`);
          const rename = later.findIndex((x) => x.op === "rename" && x.path === path);
          const sync = later.findIndex((x) => x.op === "fsync" && x.path === path);
          const wrote = later.findIndex((x) => x.op === "write" && x.path === path);
          if (rename < 0) return; // removed after a failure, or the process was killed
          const target = later[rename]!.to!;
          const name = TEMP.exec(basename(path))?.[1];
          if (dirname(target) !== dirname(path) || name !== basename(target))
            report.violations.push(`${path}: renamed to ${target}, not its own target`);
          if (wrote < 0 || wrote > rename)
            report.violations.push(`${target}: renamed before written`);
          if (sync < 0 || sync > rename) report.violations.push(`${target}: renamed before fsync`);
          const dirSync = later
            .slice(rename + 1)
            .some((x) => x.op === "fsync" && x.path === dirname(target));
          if (!dirSync) report.violations.push(`${target}: directory not fsynced after rename`);
          report.atomic.push(target);
        } else if (/APPEND/.test(flags) && /^events(\.[0-9TZ.]+)?\.jsonl$/.test(basename(path))) {
          const close = later.findIndex((x) => x.op === "open" && x.path === path);
          const upto = close < 0 ? later : later.slice(0, close);
          const wrote = upto.findIndex((x) => x.op === "write" && x.path === path);
          const sync = upto.findIndex((x) => x.op === "fsync" && x.path === path);
          if (wrote >= 0 && sync < wrote) report.violations.push(`${path}: append not fsynced`);
          if (wrote >= 0) report.appends++;
        } else {
          report.violations.push(`${path}: opened for writing in place (${flags})`);
        }
      }
      if (s.op === "rename" && !isTempName(basename(path))) report.moves.push(`${path} -> ${s.to}`);
    });
  }
  return report;
}
