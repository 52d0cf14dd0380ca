// Whether obs-check reads stdin, and what it got. Read when it is a pipe (a FIFO from a shell's
// `|`, a socket from a parent process) or a file (`< run.ndjson`), or with --stdin; never when it
// is a terminal or /dev/null (cron, most CI), so a plain `obs-check --all` there checks the
// current epoch. An empty pipe is returned as "" and is a failure downstream: the run before the
// pipe printed nothing. Some CI runners hand every step an empty pipe: --no-stdin is for them.
import { fstatSync } from "node:fs";

/** Everything on stdin, or null when it is not read. */
export async function pipedStdin(flag: boolean | undefined): Promise<string | null> {
  if (flag === false) return null;
  if (flag !== true && !stdinIsPiped()) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function stdinIsPiped(): boolean {
  if (process.stdin.isTTY) return false;
  try {
    const st = fstatSync(0);
    // A character device that is not a terminal is /dev/null (or the like): nothing was piped.
    return st.isFIFO() || st.isFile() || st.isSocket();
  } catch {
    // No stdin at all (closed descriptor).
    return false;
  }
}
