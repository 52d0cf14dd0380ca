import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface Child {
  proc: ChildProcess;
  lines: string[];
  /** Resolves when a line matching `re` has been printed (or rejects when the child exits first). */
  waitFor(re: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

export function spawnChild(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Child {
  const path = fileURLToPath(new URL(`./children/${script}`, import.meta.url));
  const proc = spawn(process.execPath, [path, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  const waiters: Array<{ re: RegExp; resolve: (l: string) => void }> = [];
  let buf = "";
  let stderr = "";
  proc.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  proc.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    let nl = buf.indexOf("\n");
    while (nl !== -1) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push(line);
      for (const w of waiters.splice(0)) {
        if (w.re.test(line)) w.resolve(line);
        else waiters.push(w);
      }
      nl = buf.indexOf("\n");
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return {
    proc,
    lines,
    exited,
    waitFor(re) {
      const seen = lines.find((l) => re.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ re, resolve });
        void exited.then((code) =>
          reject(new Error(`child exited (${code}) before ${re}: ${stderr.slice(-500)}`)),
        );
      });
    },
  };
}
