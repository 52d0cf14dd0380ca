// One screen line: styled segments inside a single truncating Text, so a line never wraps onto
// the next one whatever the width.
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
              {s.text}
            </Text>
          ))}
    </Text>
  );
}
