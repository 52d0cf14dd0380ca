// Human tables and paragraphs that fit a width. A check report names model ids, probe values and
// reasons that can each be 80 characters; boxed tables of them were ~290 columns. Here a table is
// plain aligned columns: the lowest-value columns go first, then long cells wrap. width null
// (--wide) keeps every column at its natural width. Text is sanitised (terminalSafe) before it is
// measured, cut or painted, so a cut never lands inside an escape and colour never counts as width.
import { c, type TableCell } from "@observatory/cli-kit";
import { terminalSafe } from "@observatory/core/errors";

export interface Column {
  head: string;
  /** Dropped when the table does not fit; the highest number goes first. Never, when unset. */
  drop?: number;
  /** Narrowest this column wraps to; unset: never narrower than its widest cell. */
  min?: number;
}

interface Cell {
  text: string;
  paint: ((s: string) => string) | null;
}

const GAP = "  ";

/** Display width, one column per code point (sanitised text has no control characters). */
export const width = (s: string): number => [...s].length;

function cell(v: TableCell): Cell {
  if (typeof v === "number") return { text: String(v), paint: null };
  if (typeof v === "string") return { text: terminalSafe(v), paint: null };
  return { text: terminalSafe(v.text), paint: v.paint };
}

interface Layout {
  /** Indexes of the columns shown. */
  keep: number[];
  widths: number[];
  natural: number[];
  cells: Cell[][];
}

function layout(
  columns: readonly Column[],
  rows: ReadonlyArray<ReadonlyArray<TableCell>>,
  max: number | null,
): Layout {
  const cells = rows.map((r) => r.map(cell));
  let keep = columns.map((_, i) => i);
  const natural = columns.map((col, i) =>
    Math.max(width(col.head), ...cells.map((r) => width(r[i]?.text ?? ""))),
  );
  const widths = [...natural];
  const total = () =>
    keep.reduce((n, i) => n + (widths[i] ?? 0), 0) + GAP.length * (keep.length - 1);
  if (max !== null) {
    // Drop the low-value columns first, while that alone is needed to fit...
    const droppable = keep
      .filter((i) => columns[i]?.drop !== undefined)
      .sort((a, b) => (columns[b]?.drop ?? 0) - (columns[a]?.drop ?? 0));
    for (const i of droppable) {
      if (total() <= max) break;
      keep = keep.filter((k) => k !== i);
    }
    // ...then narrow the widest wrapping column, one character at a time.
    while (total() > max) {
      let widest = -1;
      for (const i of keep) {
        const min = columns[i]?.min;
        if (min === undefined || (widths[i] ?? 0) <= Math.max(min, width(columns[i]?.head ?? "")))
          continue;
        if (widest === -1 || (widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
      }
      if (widest === -1) break;
      widths[widest] = (widths[widest] ?? 1) - 1;
    }
  }
  return { keep, widths, natural, cells };
}

function render(columns: readonly Column[], l: Layout): string[] {
  const { keep, widths, cells } = l;
  const line = (parts: string[]) => parts.join(GAP).trimEnd();
  const out = [
    line(keep.map((i) => c.bold(pad(terminalSafe(columns[i]?.head ?? ""), widths[i] ?? 0)))),
  ];
  for (const r of cells) {
    const wrapped = keep.map((i) => chunks(r[i]?.text ?? "", widths[i] ?? 1));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let n = 0; n < height; n++) {
      out.push(
        line(
          keep.map((i, k) => {
            const text = wrapped[k]?.[n] ?? "";
            const padded = pad(text, widths[i] ?? 0);
            const paint = r[i]?.paint;
            return paint && text !== "" ? paint(text) + padded.slice(text.length) : padded;
          }),
        ),
      );
    }
  }
  return out;
}

/**
 * Lines of a table no wider than `max` (when it can be: every column at its minimum may still not
 * fit a tiny terminal), or at natural widths when `max` is null.
 */
export function fitTable(
  columns: readonly Column[],
  rows: ReadonlyArray<ReadonlyArray<TableCell>>,
  max: number | null,
): string[] {
  return render(columns, layout(columns, rows, max));
}

/**
 * A table whose first column repeats (a model id per probe). When that column would have to wrap
 * to fit, each value becomes a heading line over an indented table of its rows instead, so a
 * 100-character model id is printed once, whole, not as six rows of fragments.
 */
export function groupedTable(
  columns: readonly Column[],
  rows: ReadonlyArray<ReadonlyArray<TableCell>>,
  max: number | null,
): string[] {
  const flat = layout(columns, rows, max);
  if (max === null || flat.widths[0] === flat.natural[0]) return render(columns, flat);
  const groups = new Map<string, Array<ReadonlyArray<TableCell>>>();
  for (const r of rows) {
    const key = cell(r[0] ?? "").text;
    groups.set(key, [...(groups.get(key) ?? []), r.slice(1)]);
  }
  const out: string[] = [];
  for (const [key, inner] of groups) {
    out.push(...chunks(key, max));
    out.push(...fitTable(columns.slice(1), inner, max - 2).map((l) => `  ${l}`));
  }
  return out;
}

function pad(s: string, w: number): string {
  return s + " ".repeat(Math.max(0, w - width(s)));
}

/**
 * `text` cut into pieces of at most `w` columns (`first` for the first piece).
 */
export function chunks(text: string, w: number, first = w): string[] {
  const chars = [...text];
  if (chars.length <= first) return [text];
  const commands = commandSpans(chars.join(""));
  const out: string[] = [];
  let start = 0;
  while (chars.length - start > (out.length === 0 ? first : w)) {
    const room = out.length === 0 ? first : w;
    let end = start + room;
    // A space near the end of the piece, else a "/", "-", "," or "." (model ids and JSON values
    // have few spaces), else exactly at the width. `--force` is never split while a space will do.
    const floor = start + Math.floor(room / 2);
    const at = (breaks: string) => {
      for (let j = end; j > floor; j--) if (breaks.includes(chars[j - 1] || "\0")) return j;
      return -1;
    };
    const space = chars[end] === " " ? end : at(" ");
    const mark = at("/-,.");
    end = space > 0 ? space : mark > 0 ? mark : end;
    // A command to copy (`obs-lock NAME --force ...`) is never split over two lines when it fits
    // on one: the piece ends before it instead.
    const command = commands.find((c) => c.from > start && c.from < end && c.to > end);
    if (command && command.to - command.from <= w) end = command.from;
    out.push(chars.slice(start, end).join("").trimEnd());
    start = end;
    while (chars[start] === " ") start++;
  }
  if (start < chars.length) out.push(chars.slice(start).join(""));
  return out;
}

/** Where `obs-<tool> args...` runs (in code points), up to a ";", ")" or "," that ends it. */
function commandSpans(text: string): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = [];
  for (const m of text.matchAll(/\bobs-[a-z]+(?: +[^\s;),]+)*/g)) {
    const from = [...text.slice(0, m.index)].length;
    out.push({ from, to: from + [...m[0]].length });
  }
  return out;
}

/**
 * A labelled paragraph: `indent + label + " " + text`, continued under the text's first column.
 * `label` is painted after measuring; `text` is sanitised here. max null: one line.
 */
export function paragraph(
  indent: string,
  label: string,
  paint: (s: string) => string,
  text: string,
  max: number | null,
): string[] {
  const safe = terminalSafe(text);
  const lead = label === "" ? indent : `${indent}${label} `;
  const first = label === "" ? indent : `${indent}${paint(label)} `;
  if (max === null) return [`${first}${safe}`];
  // A continuation indent past half the width would leave no room: continue at the indent.
  const hang = width(lead) > max / 2 ? `${indent}  ` : " ".repeat(width(lead));
  const [head = "", ...rest] = chunks(
    safe,
    Math.max(10, max - width(hang)),
    Math.max(10, max - width(lead)),
  );
  return [`${first}${head}`, ...rest.map((p) => `${hang}${p}`)];
}
