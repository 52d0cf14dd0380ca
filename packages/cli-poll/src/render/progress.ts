// The one-line progress display: listings, canaries and benchmark probes, on stderr, and only
// when stderr is a terminal and the user did not ask for --quiet. Piped stderr (cron, CI, a log
// file) never sees a carriage return.
import { PHASES, type Phase, type ProgressSnapshot } from "../run/progress.js";

const LABEL: Record<Phase, string> = {
  listing: "listing",
  canaries: "canaries",
  benchmarks: "benchmarks",
};

export function progressLine(s: ProgressSnapshot): string {
  return PHASES.filter((p) => s[p].total > 0)
    .map((p) => `${LABEL[p]} ${s[p].done}/${s[p].total}`)
    .join(" · ");
}

export function progressEnabled(
  stderr: { isTTY?: boolean },
  verbosity: "quiet" | "normal" | "verbose",
): boolean {
  return stderr.isTTY === true && verbosity !== "quiet";
}

export function progressPrinter(enabled: boolean, stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  let shown = false;
  return {
    update(s: ProgressSnapshot) {
      if (!enabled) return;
      const now = Date.now();
      const finished = PHASES.every((p) => s[p].done === s[p].total);
      if (!finished && now - last < 100) return;
      last = now;
      const line = progressLine(s);
      if (line === "") return;
      shown = true;
      stream.write(`\r\x1b[2K${line}`);
    },
    clear() {
      if (enabled && shown) stream.write("\r\x1b[2K");
    },
  };
}
