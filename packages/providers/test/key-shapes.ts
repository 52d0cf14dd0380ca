// Keys shaped like each provider's real ones (prefix, length, alphabet), with deterministic
// random parts: tests look for fragments of the random part, which is what must never leak.
import type { ProviderName } from "../src/index.js";

export function filler(n: number, alphabet: string, seed: number): string {
  let x = seed;
  let out = "";
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += alphabet[(x >>> 8) % alphabet.length];
  }
  return out;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const URLSAFE = `${ALNUM}_-`;

export type KeyedProvider = Exclude<ProviderName, "ollama">;

export const REAL_KEY_SHAPES: Record<KeyedProvider, string> = {
  openai: `sk-proj-${filler(48, URLSAFE, 101)}`,
  anthropic: `sk-ant-api03-${filler(93, URLSAFE, 102)}AA`,
  google: `AIza${filler(35, URLSAFE, 103)}`,
  xai: `xai-${filler(80, ALNUM, 104)}`,
  mistral: filler(32, ALNUM, 105),
  deepseek: `sk-${filler(32, HEX, 106)}`,
  openrouter: `sk-or-v1-${filler(64, HEX, 107)}`,
  venice: filler(43, URLSAFE, 108),
  volink: `sk-${filler(48, ALNUM, 109)}`,
  zhipu: `${filler(32, HEX, 110)}.${filler(16, ALNUM, 111)}`,
  moonshot: `sk-${filler(48, ALNUM, 112)}`,
};

/** Every `n`-character run of `key` found in `text`. */
export function fragmentsIn(text: string, key: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= key.length; i++) {
    const w = key.slice(i, i + n);
    if (text.includes(w)) out.push(w);
  }
  return out;
}
