// Tones to ink text props. With colour off (NO_COLOR, FORCE_COLOR=0, or a terminal without
// colour) no style at all is emitted: the words and the ">" cursor mark carry every meaning.
import type { Tone } from "../panels/types.js";

export interface TextStyle {
  color?: string;
  dimColor?: boolean;
  bold?: boolean;
  inverse?: boolean;
}

const TONES: Record<Tone, TextStyle> = {
  plain: {},
  dim: { dimColor: true },
  good: { color: "green" },
  warn: { color: "yellow" },
  bad: { color: "red" },
  accent: { color: "cyan" },
};

export interface Theme {
  colour: boolean;
  tone(t: Tone | undefined): TextStyle;
  /** Emphasis (titles, the active tab, the selected row). */
  strong(): TextStyle;
  selected(): TextStyle;
}

export function theme(colour: boolean): Theme {
  if (!colour) return { colour, tone: () => ({}), strong: () => ({}), selected: () => ({}) };
  return {
    colour,
    tone: (t) => TONES[t ?? "plain"],
    strong: () => ({ bold: true }),
    selected: () => ({ inverse: true }),
  };
}

/**
 * Whether to colour: https://no-color.org (NO_COLOR set and not empty turns it off), and
 * FORCE_COLOR=0 as chalk reads it. chalk alone ignores NO_COLOR, so this decides for ink.
 */
export function colourEnabled(env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): boolean {
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
  const force = env["FORCE_COLOR"];
  if (force === "0" || force === "false") return false;
  if (force !== undefined) return true;
  return stdoutIsTTY && env["TERM"] !== "dumb";
}
