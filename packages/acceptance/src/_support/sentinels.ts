// Sentinel secrets: a key for every keyed provider and a webhook token, each unmistakable and
// random per run, and the needles a leak would show up as: each whole secret, its base64, the
// marker, and every 8-character window of it (so a truncated or partly masked copy still counts;
// the documented mask "****" + last 4 characters shows too little to match).
import { randomBytes } from "node:crypto";
import {
  FIXTURE_PROVIDER_INFO,
  FIXTURE_PROVIDERS,
  type FixtureProvider,
} from "@observatory/test-fixtures";

export const MARKER = "SENTINEL";

const ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
function random(n: number): string {
  return [...randomBytes(n)].map((b) => ALNUM[b % ALNUM.length]).join("");
}

/** Some keys have the providers' real shapes (caught by pattern redaction too), some have none
 * (only the tools' knowledge of their own secrets can catch those). */
const SHAPES: Partial<Record<FixtureProvider, (r: string) => string>> = {
  openai: (r) => `sk-proj-${MARKER}${r}`,
  anthropic: (r) => `sk-ant-${MARKER}${r}`,
  google: (r) => `AIza${MARKER}${r}${r}`,
  xai: (r) => `xai-${MARKER}${r}`,
  openrouter: (r) => `sk-or-v1-${MARKER}${r}`,
};

export interface Sentinels {
  keys: Partial<Record<FixtureProvider, string>>;
  /** Env vars holding the keys, as the tools read them. */
  keyEnv: Record<string, string>;
  hookToken: string;
  /** Every secret value. */
  secrets: string[];
  needles: string[];
}

export function makeSentinels(): Sentinels {
  const keys: Partial<Record<FixtureProvider, string>> = {};
  const keyEnv: Record<string, string> = {};
  for (const p of FIXTURE_PROVIDERS) {
    const env = FIXTURE_PROVIDER_INFO[p].keyEnv;
    if (!env) continue;
    const r = random(20);
    keys[p] = SHAPES[p]?.(r) ?? `${MARKER}${r}`;
    keyEnv[env] = keys[p]!;
  }
  const hookToken = `${MARKER}hook${random(24)}`;
  const secrets = [...Object.values(keys), hookToken] as string[];
  const needles = new Set<string>([MARKER]);
  for (const s of secrets) {
    needles.add(s);
    needles.add(Buffer.from(s).toString("base64"));
    for (let i = 0; i + 8 <= s.length; i++) needles.add(s.slice(i, i + 8));
  }
  // Windows inside a provider's public prefix ("sk-or-v1") are not secret.
  const prefixes = ["sk-proj-", "sk-ant-", "sk-or-v1-", "xai-", "AIza"];
  for (const n of needles) if (prefixes.some((p) => p.includes(n))) needles.delete(n);
  return { keys, keyEnv, hookToken, secrets, needles: [...needles] };
}

/** The needles found in `text`, longest first (so a whole secret is named before its pieces). */
export function leaksIn(text: string, needles: readonly string[]): string[] {
  return needles.filter((n) => text.includes(n)).sort((a, b) => b.length - a.length);
}
