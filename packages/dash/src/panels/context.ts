// What every panel needs besides the world: the clock (ages) and the redactor that keeps
// secrets out of anything shown, whatever a state file happens to contain.
import { redact } from "@observatory/core";

export interface PanelContext {
  nowMs: number;
  redact: (text: string) => string;
}

/** Values of the environment's key, token and webhook variables: never to be shown. */
export function secretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([k, v]) => v !== undefined && /KEY|TOKEN|SECRET|WEBHOOK|PASSWORD/i.test(k))
    .map(([, v]) => v as string);
}

export function panelContext(env: NodeJS.ProcessEnv, nowMs: number): PanelContext {
  const secrets = secretsFromEnv(env);
  return { nowMs, redact: (text) => redact(text, secrets) };
}
