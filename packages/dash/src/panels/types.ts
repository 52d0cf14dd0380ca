// What a panel is, whatever draws it: columns, rows of short cells, a tone per cell for colour,
// and a detail line per row with everything the truncated cells leave out. The interactive view
// and the text summary both draw these, so they never show different things.

export const PANEL_IDS = ["providers", "events", "registry", "benchmarks", "experiments"] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export const PANEL_TITLES: Readonly<Record<PanelId, string>> = {
  providers: "Providers",
  events: "Events",
  registry: "Registry",
  benchmarks: "Benchmarks",
  experiments: "Experiments",
};

/** Colour intent, mapped to colours only when colour is on; the text always says the same. */
export type Tone = "plain" | "dim" | "good" | "warn" | "bad" | "accent";

export interface Column {
  title: string;
  /** Width the column never shrinks below (its cells are cut to fit). */
  min: number;
  /** Width it never grows past; undefined: takes what is left. */
  max?: number;
  align?: "left" | "right";
}

export interface Cell {
  text: string;
  tone?: Tone;
}

export interface Row {
  /** Stable identity, to keep the cursor on the same row across refreshes. */
  id: string;
  cells: Cell[];
  /** Everything about the row in one line: shown under the table for the selected row. */
  detail: string;
  /** What free-text filters match against (lower case). */
  search: string;
  /** Named values `name=value` filters match (e.g. sev, type, health); values as shown. */
  fields?: Readonly<Record<string, string>>;
}

export interface PanelView {
  id: PanelId;
  title: string;
  columns: Column[];
  rows: Row[];
  /** Shown instead of the table when there are no rows. */
  empty: string;
  /** One line under the title: totals, or what the panel is missing. */
  summary: string;
  /** The names `name=value` filters can use on this panel (see filter.ts). */
  fields: readonly string[];
}
