// Small text helpers for human output.

/** "1 model", "2 models". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
