// One screen line: styled segments inside a single truncating Text, so a line never wraps onto
// the next one whatever the width. Every segment is passed through terminalSafe: panel views are
// sanitised already (a no-op then), but the header, messages and filter text are drawn here too,
// and ink would pass an ESC or a newline in them straight to the terminal.
import { terminalSafe } from "@observatory/core";
import { Text } from "ink";
import type { TextStyle } from "./theme.js";

export interface Segment {
  text: string;
  style?: TextStyle;
}

export function Line({ segments, style }: { segments: Segment[]; style?: TextStyle }) {
  return (
    <Text wrap="truncate-end" {...style}>
      {segments.length === 0
        ? " "
        : segments.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
            <Text key={i} {...s.style}>
              {terminalSafe(s.text)}
            </Text>
          ))}
    </Text>
  );
}
