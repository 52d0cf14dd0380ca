// The page's own styles (uPlot brings its own), inlined as text.
export const PAGE_CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #212529; background: #fff; }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
h1 { font-size: 22px; margin: 16px 0 8px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #dee2e6; }
h3 { font-size: 15px; margin: 14px 0 4px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 10px; }
.meta dt { color: #6c757d; }
.meta dd { margin: 0; font-family: ui-monospace, monospace; word-break: break-all; }
.grid { border-collapse: collapse; width: 100%; font-size: 13px; }
.grid th, .grid td { border-bottom: 1px solid #e9ecef; padding: 3px 6px; text-align: left; vertical-align: top; }
.grid td { font-family: ui-monospace, monospace; word-break: break-all; }
.grid td.nw, .st { white-space: nowrap; word-break: normal; }
#change-table th { cursor: pointer; user-select: none; }
#change-table th:hover { background: #f1f3f5; }
.muted { color: #6c757d; }
.st { padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; }
.st-fresh, .st-CLEAN { background: #d3f9d8; color: #2b8a3e; }
.st-carried_forward, .st-UNVERIFIED { background: #fff3bf; color: #8a6100; }
.st-error, .st-VIOLATED, .st-INVALID { background: #ffe3e3; color: #c92a2a; }
.picker { margin: 6px 0; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.picker select { max-width: 480px; }
.hover { min-height: 20px; font-family: ui-monospace, monospace; font-size: 12px; }
.chart { margin: 8px 0 16px; }
.lock { border: 1px solid #dee2e6; border-radius: 4px; padding: 4px 12px; margin: 8px 0; }
.prov { white-space: pre-wrap; font-size: 12px; background: #f8f9fa; padding: 6px; }
.ev { font-size: 12px; }
`;
