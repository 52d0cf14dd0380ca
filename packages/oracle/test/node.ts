// Runs node on a script or file asynchronously (never spawnSync: some suites serve fixtures
// from this process) and collects its output.
import { runProcess } from "@observatory/test-fixtures";

export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<NodeRun> {
  return runProcess(process.execPath, args, options);
}
