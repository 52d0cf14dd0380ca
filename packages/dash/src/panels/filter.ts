// The `/` filter: space-separated terms, all of which a row must match.
//
//   sev>=HIGH   severity at or above (also >, <=, <, =) on the one ordered scale
//   type=DRIFT  a named field contains the text (comma: any of several), case-insensitive
//   gpt-4o      free text: the row's text contains it (model key, provider, lock name...)
//
// Which fields a panel has is listed in its error message and in the README. Pure.
import { SEVERITIES, type Severity, severityRank } from "@observatory/core";
import type { PanelView, Row } from "./types.js";

type Term =
  | { kind: "text"; text: string }
  | { kind: "field"; name: string; values: string[] }
  | { kind: "severity"; op: ">=" | ">" | "<=" | "<" | "="; rank: number };

export interface Filter {
  source: string;
  terms: Term[];
}

export type FilterParse = { ok: true; filter: Filter } | { ok: false; error: string };

const FIELD = /^([a-z]+)(>=|<=|!=|=|>|<)(.*)$/i;

/** Parses `source` for a panel whose rows have the fields `fields`. */
export function parseFilter(source: string, fields: readonly string[]): FilterParse {
  const terms: Term[] = [];
  for (const word of source.trim().split(/\s+/).filter(Boolean)) {
    const m = FIELD.exec(word);
    if (!m) {
      terms.push({ kind: "text", text: word.toLowerCase() });
      continue;
    }
    const name = m[1]!.toLowerCase();
    const op = m[2]!;
    const value = m[3]!;
    if (!fields.includes(name)) {
      const have =
        fields.length > 0
          ? `this panel filters on ${fields.join(", ")}`
          : "this panel has only free text";
      return { ok: false, error: `unknown field "${name}": ${have}` };
    }
    if (value === "") return { ok: false, error: `"${word}" needs a value` };
    if (name === "sev") {
      const sev = value.toUpperCase();
      if (!SEVERITIES.includes(sev as Severity)) {
        return {
          ok: false,
          error: `unknown severity "${value}": one of ${SEVERITIES.join(" < ")}`,
        };
      }
      if (op === "!=") return { ok: false, error: "sev takes >=, >, <=, < or =" };
      terms.push({ kind: "severity", op: op as ">=", rank: severityRank(sev as Severity) });
      continue;
    }
    if (op !== "=") return { ok: false, error: `"${name}" takes = only (sev takes >=, <=...)` };
    terms.push({ kind: "field", name, values: value.toLowerCase().split(",").filter(Boolean) });
  }
  return { ok: true, filter: { source: source.trim(), terms } };
}

export function matches(row: Row, filter: Filter): boolean {
  return filter.terms.every((t) => {
    if (t.kind === "text") return row.search.includes(t.text);
    const value = row.fields?.[t.kind === "severity" ? "sev" : t.name];
    if (value === undefined) return false;
    if (t.kind === "field") return t.values.some((v) => value.toLowerCase().includes(v));
    const rank = severityRank(value as Severity);
    return rank >= 0 && COMPARE[t.op](rank, t.rank);
  });
}

const COMPARE: Record<">=" | ">" | "<=" | "<" | "=", (a: number, b: number) => boolean> = {
  ">=": (a, b) => a >= b,
  ">": (a, b) => a > b,
  "<=": (a, b) => a <= b,
  "<": (a, b) => a < b,
  "=": (a, b) => a === b,
};

/** The view with only the rows the filter keeps (the same view without a filter). */
export function applyFilter(view: PanelView, filter: Filter | null): PanelView {
  if (filter === null || filter.terms.length === 0) return view;
  return { ...view, rows: view.rows.filter((r) => matches(r, filter)) };
}
