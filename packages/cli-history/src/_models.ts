// Which model a user means: "provider/id" exactly, or a suffix after a "/" that only one model
// has ("gpt-4o" for "openai/gpt-4o"). An ambiguous suffix is a usage error listing the
// candidates; an unknown name is "not found" with the nearest names the history has seen.
import { closest } from "@observatory/cli-kit/suggest";
import { ExitCode, ObsError } from "@observatory/core/errors";

/** Suffixes match on a "/" boundary, so "gpt-4o" is not a suffix of "openai/chatgpt-4o". */
export function resolveModel(typed: string, known: readonly string[], tool: string): string {
  if (known.includes(typed)) return typed;
  const lower = typed.toLowerCase();
  const exact = known.filter((k) => k.toLowerCase() === lower);
  if (exact.length === 1) return exact[0]!;
  const suffix = known.filter((k) => k.toLowerCase().endsWith(`/${lower}`));
  if (suffix.length === 1) return suffix[0]!;
  if (suffix.length > 1)
    throw new ObsError(
      "AMBIGUOUS_MODEL",
      `"${typed}" matches ${suffix.length} models: ${suffix.slice(0, 10).join(", ")}${suffix.length > 10 ? ", ..." : ""}`,
      { hint: `name one as provider/id, e.g. ${tool} ${suffix[0]}`, exitCode: ExitCode.USAGE },
    );
  throw new ObsError("MODEL_NOT_FOUND", `no model "${typed}" in the history`, {
    hint: didYouMean(typed, known),
    exitCode: ExitCode.NOT_FOUND,
  });
}

/** Up to five names near `typed`: containing it, then the nearest by edit distance. */
export function suggestModels(typed: string, known: readonly string[]): string[] {
  const lower = typed.toLowerCase();
  const bare = lower.slice(lower.lastIndexOf("/") + 1);
  const out: string[] = [];
  const add = (k: string | null) => {
    if (k !== null && !out.includes(k)) out.push(k);
  };
  if (bare.length >= 3) for (const k of known) if (k.toLowerCase().includes(bare)) add(k);
  add(closest(typed, known));
  const ids = new Map(known.map((k) => [k.slice(k.indexOf("/") + 1), k]));
  const id = closest(lower.includes("/") ? lower.slice(lower.indexOf("/") + 1) : lower, ids.keys());
  add(id === null ? null : (ids.get(id) ?? null));
  return out.slice(0, 5);
}

function didYouMean(typed: string, known: readonly string[]): string {
  const near = suggestModels(typed, known);
  if (near.length > 0) return `did you mean ${near.join(", ")}?`;
  return known.length === 0
    ? "the history holds no model yet"
    : `names are provider/id; the history has seen ${known.length} models (obs-diff lists what changed)`;
}
