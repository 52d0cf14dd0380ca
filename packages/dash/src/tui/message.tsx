// What the view shows instead of a dashboard: reading, no epoch yet, a corrupt or v1 state. The
// message and hint are the same words the one-shot summary prints; q quits, r tries again, and
// with --watch the view turns into the dashboard as soon as an epoch is committed.
import { Box } from "ink";
import type { Failure } from "../errors.js";
import { cut } from "../panels/layout.js";
import { Line } from "./line.js";
import type { Theme } from "./theme.js";
import type { Size } from "./use-size.js";

export interface MessageProps {
  stateDir: string;
  failure: Failure | null;
  size: Size;
  theme: Theme;
  watching: boolean;
}

export function Message({ stateDir, failure, size, theme: t, watching }: MessageProps) {
  const width = size.columns;
  const body: Array<{ text: string; tone: "plain" | "bad" | "dim" | "accent" }> =
    failure === null
      ? [{ text: `reading ${stateDir} ...`, tone: "dim" }]
      : [
          { text: `${failure.code}: ${failure.message}`, tone: "bad" },
          ...(failure.hint ? [{ text: `hint: ${failure.hint}`, tone: "plain" as const }] : []),
          ...(watching
            ? [
                {
                  text: "watching the state directory: this view updates when an epoch is committed",
                  tone: "accent" as const,
                },
              ]
            : []),
        ];
  const lines = body.flatMap((l) =>
    wrap(l.text, width - 4).map((text) => ({ text, tone: l.tone })),
  );
  const filler = Math.max(0, size.rows - 1 - 3 - lines.length - 1);
  return (
    <Box flexDirection="column" width={width}>
      <Line
        segments={[
          { text: " MODEL OBSERVATORY ", style: { ...t.strong(), ...t.selected() } },
          { text: `  ${stateDir}`, style: t.tone("dim") },
          ...(watching ? [{ text: "  watching", style: t.tone("accent") }] : []),
        ]}
      />
      <Line segments={[]} />
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Line key={i} segments={[{ text: `  ${l.text}`, style: t.tone(l.tone) }]} />
      ))}
      {Array.from({ length: filler }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: filler lines
        <Line key={`f${i}`} segments={[]} />
      ))}
      <Line segments={[{ text: "r retry  q/Esc quit", style: t.tone("dim") }]} />
    </Box>
  );
}

/** Splits text into lines of at most `width` characters at spaces (long words are cut). */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(10, width);
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= w) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line !== "") out.push(line);
  return out.map((l) => cut(l, w));
}
