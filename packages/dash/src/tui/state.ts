// The interactive view's own state and how each key changes it. Pure: the App feeds it keys and
// the facts of the screen (rows per panel, page height), and performs the effect it returns.
import { type Filter, parseFilter } from "../panels/filter.js";
import { PANEL_IDS, type PanelId } from "../panels/types.js";

export interface UiState {
  panel: PanelId;
  /** Selected row and first visible row, per panel (into the filtered rows). */
  cursor: Record<PanelId, number>;
  top: Record<PanelId, number>;
  filters: Record<PanelId, Filter | null>;
  /** The `/` prompt while it is open. */
  prompt: { text: string; error: string | null } | null;
  /** A one-line message in the footer until the next key. */
  flash: string | null;
}

/** The subset of ink's Key the view uses. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

export interface Screen {
  /** Rows (after the filter) of the current panel. */
  rows: number;
  /** Table rows that fit on the screen. */
  page: number;
  /** Filter fields of the current panel. */
  fields: readonly string[];
}

export type Effect = "quit" | "refresh" | null;

const zero = (): Record<PanelId, number> =>
  Object.fromEntries(PANEL_IDS.map((p) => [p, 0])) as Record<PanelId, number>;

export function initialUi(panel: PanelId = "providers"): UiState {
  return {
    panel,
    cursor: zero(),
    top: zero(),
    filters: Object.fromEntries(PANEL_IDS.map((p) => [p, null])) as Record<PanelId, Filter | null>,
    prompt: null,
    flash: null,
  };
}

/**
 * Keys that arrived as one string (typed fast, pasted, sent by tmux), one at a time. A terminal
 * chunk without escape sequences reaches ink whole, with Enter, Tab and Backspace inside it.
 */
export function splitKeys(input: string, key: KeyInfo): Array<[string, KeyInfo]> {
  const chars = Array.from(input);
  if (chars.length <= 1) return [[input, key]];
  return chars.map((ch): [string, KeyInfo] => {
    if (ch === "\r" || ch === "\n") return ["", { return: true }];
    if (ch === "\t") return ["", { tab: true }];
    if (ch === "\u007f" || ch === "\b") return ["", { backspace: true }];
    return [ch, {}];
  });
}

export function onKey(
  ui: UiState,
  input: string,
  key: KeyInfo,
  screen: Screen,
): { ui: UiState; effect: Effect } {
  if (ui.prompt !== null) return { ui: onPromptKey(ui, input, key, screen), effect: null };
  const s: UiState = { ...ui, flash: null };
  const p = s.panel;
  if (key.escape) {
    // Esc closes what is open first (a filter), and quits only from a plain view.
    if (s.filters[p] !== null) return { ui: withFilter(s, null), effect: null };
    return { ui: s, effect: "quit" };
  }
  if (input === "q" && !key.ctrl) return { ui: s, effect: "quit" };
  if (input === "r" && !key.ctrl) return { ui: s, effect: "refresh" };
  if (key.tab) {
    const i = PANEL_IDS.indexOf(p);
    const next = (i + (key.shift ? PANEL_IDS.length - 1 : 1)) % PANEL_IDS.length;
    return { ui: { ...s, panel: PANEL_IDS[next]! }, effect: null };
  }
  if (/^[1-5]$/.test(input))
    return { ui: { ...s, panel: PANEL_IDS[Number(input) - 1]! }, effect: null };
  if (input === "/") {
    return {
      ui: { ...s, prompt: { text: s.filters[p]?.source ?? "", error: null } },
      effect: null,
    };
  }
  const move = (to: number) => ({ ui: scrollTo(s, to, screen), effect: null });
  const c = s.cursor[p];
  if (input === "j" || key.downArrow) return move(c + 1);
  if (input === "k" || key.upArrow) return move(c - 1);
  if (key.pageDown || input === " " || (key.ctrl && input === "d")) return move(c + screen.page);
  if (key.pageUp || input === "b" || (key.ctrl && input === "u")) return move(c - screen.page);
  if (input === "g" || key.home) return move(0);
  if (input === "G" || key.end) return move(screen.rows - 1);
  return { ui: s, effect: null };
}

function onPromptKey(ui: UiState, input: string, key: KeyInfo, screen: Screen): UiState {
  const prompt = ui.prompt!;
  if (key.escape) return { ...ui, prompt: null };
  if (key.return) {
    if (prompt.text.trim() === "") return { ...withFilter(ui, null), prompt: null };
    const r = parseFilter(prompt.text, screen.fields);
    if (!r.ok) return { ...ui, prompt: { ...prompt, error: r.error } };
    return { ...withFilter(ui, r.filter), prompt: null };
  }
  if (key.backspace || key.delete) {
    return { ...ui, prompt: { text: Array.from(prompt.text).slice(0, -1).join(""), error: null } };
  }
  if (key.ctrl && input === "u") return { ...ui, prompt: { text: "", error: null } };
  if (key.ctrl || key.meta || key.tab || input === "") return ui;
  // Printable input only: a paste arrives as one string.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
  const text = input.replace(/[\u0000-\u001f\u007f]/g, "");
  return { ...ui, prompt: { text: prompt.text + text, error: null } };
}

function withFilter(ui: UiState, filter: Filter | null): UiState {
  const p = ui.panel;
  return {
    ...ui,
    filters: { ...ui.filters, [p]: filter },
    cursor: { ...ui.cursor, [p]: 0 },
    top: { ...ui.top, [p]: 0 },
  };
}

/** Moves the cursor (clamped to the rows) and scrolls just enough to keep it on screen. */
export function scrollTo(ui: UiState, to: number, screen: Screen): UiState {
  const p = ui.panel;
  const cursor = Math.max(0, Math.min(to, screen.rows - 1));
  return {
    ...ui,
    cursor: { ...ui.cursor, [p]: cursor },
    top: { ...ui.top, [p]: visibleTop(ui.top[p], cursor, screen) },
  };
}

/** The first visible row that keeps `cursor` on a page of `screen.page` rows. */
export function visibleTop(top: number, cursor: number, screen: Screen): number {
  const page = Math.max(1, screen.page);
  let t = top;
  if (cursor < t) t = cursor;
  if (cursor >= t + page) t = cursor - page + 1;
  return Math.max(0, Math.min(t, Math.max(0, screen.rows - page)));
}
