// The fixture server in a process of its own, so the benchmark charges the provider side's CPU
// to the "provider", not to the run being measured. Driven over IPC.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ScenarioSpec } from "@observatory/test-fixtures";

interface Reply {
  id: number;
  value: unknown;
}

export interface RemoteServer {
  env: Record<string, string>;
  call<T>(cmd: "advance" | "calls" | "clearCalls", arg?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startServerProcess(scenario: ScenarioSpec): Promise<RemoteServer> {
  const child = fork(
    fileURLToPath(new URL("./server-child.ts", import.meta.url)),
    [JSON.stringify(scenario)],
    {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  const pending = new Map<number, (v: unknown) => void>();
  let next = 0;
  const env = await new Promise<Record<string, string>>((resolve) => {
    child.once("message", (m) => resolve(m as Record<string, string>));
  });
  child.on("message", (m) => {
    const r = m as Reply;
    pending.get(r.id)?.(r.value);
    pending.delete(r.id);
  });
  return {
    env,
    call: <T>(cmd: string, arg?: unknown) =>
      new Promise<T>((resolve) => {
        const id = next++;
        pending.set(id, (v) => resolve(v as T));
        child.send({ id, cmd, arg });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}
