// A terminal for end-to-end tests: a tmux server on a socket of its own, one fixed-size window
// running a command, keys sent as a user types them, the screen read back with capture-pane.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";

const run = promisify(execFile);
/** tmux, never as a client of a tmux the tests themselves may be running in. */
const exec = (cmd: string, args: string[]) =>
  run(cmd, args, { env: { ...process.env, TMUX: undefined } });

/** Fails with a clear message when tmux is missing (CI has it: tmux 3.3a). */
export async function requireTmux(): Promise<string> {
  try {
    const { stdout } = await exec("tmux", ["-V"]);
    return stdout.trim();
  } catch {
    throw new Error(
      "tmux is required by the obs-dash end-to-end test and was not found on PATH (apt-get install tmux)",
    );
  }
}

export interface TmuxOptions {
  columns: number;
  rows: number;
  /** The command line, run by /bin/sh in the window. */
  command: string;
}

export class Terminal {
  readonly socket = `obs-dash-test-${process.pid}-${randomBytes(4).toString("hex")}`;

  private constructor() {}

  static async start(o: TmuxOptions): Promise<Terminal> {
    const t = new Terminal();
    // -f /dev/null: no user config can change keys or sizes.
    await t.tmux(
      "-f",
      "/dev/null",
      "new-session",
      "-d",
      "-s",
      "dash",
      "-x",
      String(o.columns),
      "-y",
      String(o.rows),
      o.command,
    );
    return t;
  }

  async tmux(...args: string[]): Promise<string> {
    const { stdout } = await exec("tmux", ["-L", this.socket, ...args]);
    return stdout;
  }

  /** The screen as text; with `escapes`, with its colours and attributes. */
  screen(escapes = false): Promise<string> {
    return this.tmux("capture-pane", "-p", ...(escapes ? ["-e"] : []), "-t", "dash");
  }

  /** Keys by tmux name (Enter, Escape, Tab, BTab, Down) or single characters. */
  keys(...keys: string[]): Promise<string> {
    return this.tmux("send-keys", "-t", "dash", ...keys);
  }

  /** Text typed literally. */
  type(text: string): Promise<string> {
    return this.tmux("send-keys", "-t", "dash", "-l", text);
  }

  resize(columns: number, rows: number): Promise<string> {
    return this.tmux("resize-window", "-t", "dash", "-x", String(columns), "-y", String(rows));
  }

  /** Polls the screen until `test` holds; a slow CI machine gets 20 s. */
  async until(test: (screen: string) => boolean, what: string, ms = 20_000): Promise<string> {
    const deadline = Date.now() + ms;
    let last = "";
    for (;;) {
      last = await this.screen();
      if (test(last)) return last;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  see(text: string): Promise<string> {
    return this.until((s) => s.includes(text), JSON.stringify(text));
  }

  async stop(): Promise<void> {
    await this.tmux("kill-server").catch(() => undefined);
  }
}

/** A POSIX shell word. */
export function sh(word: string): string {
  return `'${word.replace(/'/g, "'\\''")}'`;
}
