// The routing chapter of `pnpm demo`, after the drift poll: routing code asks obs-oracle for a
// long-context Anthropic model, gets one other than the model whose JSON behaviour just drifted,
// and `status` on the drifted model says why. obs-oracle prints JSON when piped (as here), so
// the lines below are built from its answers.
import type { BinRun } from "../bins.js";

export interface OracleStepContext {
  env: NodeJS.ProcessEnv;
  stateDir: string;
  say: (s?: string) => void;
  runBin: (bin: string, args: string[], env: NodeJS.ProcessEnv) => Promise<BinRun>;
}

/** The model whose json probe the demo scenario changes; DRIFT is confirmed at poll 5. */
export const DRIFTED_MODEL = "anthropic/claude-sonnet-4-5-20250929";
export const ROUTE_FILTER = "provider=anthropic,context>=200k";

interface Answer {
  model?: { key: string; contextLength: number | null; reliability: number | null } | null;
  excluded?: Record<string, number>;
  healthy?: boolean;
  reasons?: Array<{ code: string; message: string }>;
  epoch?: { id: string; ageMs: number; stale: boolean };
}

export interface OracleStepResult {
  /** The model route picked, or null. */
  routed: string | null;
  /** route avoided the drifted model and status gave DRIFT as the reason. */
  ok: boolean;
}

/** Call after the poll that confirms the drift. */
export async function oracleAfterDrift(ctx: OracleStepContext): Promise<OracleStepResult> {
  const oracle = (args: string[]) =>
    ctx.runBin("obs-oracle", ["--state-dir", ctx.stateDir, ...args], ctx.env);
  const run = async (args: string[]): Promise<Answer | null> => {
    const r = await oracle(args);
    const answer = r.records[0] as Answer | undefined;
    if (answer === undefined) ctx.say(`  exit ${r.code}: ${r.stderr.trim()}`);
    return answer ?? null;
  };

  ctx.say(`obs-oracle route "${ROUTE_FILTER}"`);
  const route = await run(["route", ROUTE_FILTER]);
  const routed = route?.model?.key ?? null;
  if (route) {
    const drift = route.excluded?.["DRIFT"] ?? 0;
    const epoch = route.epoch;
    ctx.say(
      routed
        ? `  -> ${routed} (reliability ${route.model?.reliability ?? "unmeasured"}); ${drift} model(s) excluded for drift`
        : `  -> no model matches; ${drift} model(s) excluded for drift`,
    );
    if (epoch) ctx.say(`  read from epoch ${epoch.id}, ${Math.round(epoch.ageMs / 1000)} s old`);
  }

  ctx.say(`obs-oracle status ${DRIFTED_MODEL}`);
  const status = await run(["status", DRIFTED_MODEL]);
  if (status) {
    ctx.say(`  -> ${status.healthy ? "HEALTHY" : "UNHEALTHY"}`);
    for (const r of status.reasons ?? []) ctx.say(`     ${r.code}: ${r.message}`);
  }
  const healthy = await oracle(["healthy", DRIFTED_MODEL]);
  ctx.say(`obs-oracle healthy ${DRIFTED_MODEL}  (for scripts)\n  -> exit ${healthy.code}`);

  const ok =
    routed !== null &&
    routed !== DRIFTED_MODEL &&
    (status?.reasons ?? []).some((r) => r.code === "DRIFT");
  if (!ok) ctx.say("  UNEXPECTED: the oracle did not route around the drifted model");
  return { routed, ok };
}
