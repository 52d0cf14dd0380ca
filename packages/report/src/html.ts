// The page: one HTML string with uPlot, the styles, the script and the data inlined, so it opens
// from disk with no network (a Content-Security-Policy forbids any fetch). Every provider string
// reaches the page either escaped here or as JSON the script puts in the DOM as text, never as
// markup.

import type { LockRow, ProviderRow, ReportData } from "./data.js";
import { CLIENT_JS } from "./page/client.js";
import { PAGE_CSS } from "./page/style.js";

export interface PageAssets {
  uplotJs: string;
  uplotCss: string;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for an HTML text node or a quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** JSON safe inside a <script> element: no "<" (so no "</script>" or "<!--"), no U+2028/9. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A library's code inside a <script> element: its own "</script" spelled so it cannot close it. */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1");
}

const CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const STATUS_TEXT: Record<ProviderRow["status"], string> = {
  fresh: "fresh",
  carried_forward: "carried forward",
  error: "error",
};

function providerRows(rows: readonly ProviderRow[]): string {
  if (rows.length === 0) return `<p class="muted">No providers in this epoch.</p>`;
  const body = rows
    .map((p) => {
      const detail =
        p.status === "carried_forward"
          ? `last fresh in ${p.fromEpoch ?? "?"}${p.error ? `; ${p.error}` : ""}`
          : (p.error ?? "");
      return `<tr><td>${escapeHtml(p.name)}</td><td><span class="st st-${p.status}">${STATUS_TEXT[p.status]}</span></td><td class="nw">${escapeHtml(p.polledAt ?? "never")}</td><td>${escapeHtml(detail)}</td></tr>`;
    })
    .join("");
  return `<table class="grid"><thead><tr><th>provider</th><th>status</th><th>last successful poll</th><th>detail</th></tr></thead><tbody>${body}</tbody></table>`;
}

function lockRows(locks: readonly LockRow[]): string {
  if (locks.length === 0) return `<p class="muted">No experiment locks.</p>`;
  return locks
    .map((l) => {
      const counts = Object.entries(l.counts)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${k}`)
        .join(", ");
      const violations = l.violations
        .map((v) => `<li><b>${escapeHtml(v.kind)}</b>: ${escapeHtml(v.detail)}</li>`)
        .join("");
      return `<div class="lock"><h3>${escapeHtml(l.name)} <span class="st st-${l.status}">${l.status}</span></h3><p class="muted">${l.models} models${counts ? `; pairs: ${escapeHtml(counts)}` : ""}</p>${violations ? `<ul>${violations}</ul>` : ""}<pre class="prov">${escapeHtml(l.provenance)}</pre></div>`;
    })
    .join("");
}

function behaviourRows(data: ReportData): string {
  if (data.behaviour.length === 0)
    return `<p class="muted">No behavioural drift in this range.</p>`;
  const body = data.behaviour
    .map((d) => {
      const ev = d.evidence;
      const evidence = `${ev.old_value} → ${ev.new_value}; ${ev.rule} rule, streak ${ev.streak}, ${Math.round(ev.window_frequency * 100)}% of ${ev.window_size}; samples ${ev.samples.join(" | ")}`;
      return `<tr><td>${escapeHtml(d.epoch ?? "")}</td><td>${escapeHtml(d.severity)}</td><td>${escapeHtml(d.model)}</td><td>${escapeHtml(d.probe)}</td><td>${d.tier}</td><td class="ev">${escapeHtml(evidence)}</td></tr>`;
    })
    .join("");
  return `<table class="grid"><thead><tr><th>epoch</th><th>severity</th><th>model</th><th>probe</th><th>tier</th><th>evidence</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** The whole page. */
export function renderPage(data: ReportData, assets: PageAssets): string {
  const r = data.range;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Model Observatory report: ${escapeHtml(r.fromAt.slice(0, 10))} to ${escapeHtml(r.toAt.slice(0, 10))}</title>
<style>${assets.uplotCss}</style>
<style>${PAGE_CSS}</style>
</head><body>
<header>
<h1>Model Observatory report</h1>
<dl class="meta">
<dt>state directory</dt><dd>${escapeHtml(data.stateDir)}</dd>
<dt>epochs covered</dt><dd>${escapeHtml(r.from)} (${escapeHtml(r.fromAt)}) to ${escapeHtml(r.to)} (${escapeHtml(r.toAt)}), ${r.epochs} epochs</dd>
<dt>current epoch</dt><dd>${escapeHtml(data.epochId)}</dd>
<dt>generated</dt><dd>${escapeHtml(data.generatedAt)}</dd>
</dl>
${providerRows(data.providers)}
</header>
<main>
<section id="charts"><h2>Prices and context over time</h2>
<div class="picker"><label>model <input id="model-filter" type="search" placeholder="filter ${data.models.length} models"></label>
<select id="model-picker" aria-label="model"></select> <span id="model-count" class="muted"></span></div>
<div id="hover" class="hover muted">Hover a chart: epoch, value and relative change.</div>
<div id="price-chart" class="chart"></div>
<div id="context-chart" class="chart"></div>
</section>
<section id="drift"><h2>Drift timeline</h2>
<div id="drift-chart" class="chart"></div>
<h3>Behavioural drift</h3>
${behaviourRows(data)}
</section>
<section id="locks"><h2>Experiment locks</h2>
${lockRows(data.locks)}
</section>
<section id="changes"><h2>Changes from ${escapeHtml(r.from)} to ${escapeHtml(r.to)}</h2>
<div class="picker"><input id="change-filter" type="search" placeholder="filter model, field, kind"> <span id="change-count" class="muted"></span></div>
<table class="grid" id="change-table"><thead><tr><th data-k="0">model</th><th data-k="1">change</th><th data-k="2">field</th><th data-k="3">old</th><th data-k="4">new</th><th data-k="5">relative</th></tr></thead><tbody></tbody></table>
</section>
</main>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${inlineScript(assets.uplotJs)}</script>
<script>${inlineScript(CLIENT_JS)}</script>
</body></html>
`;
}
