// uPlot's minified build and stylesheet, read from the installed package so the page carries
// them inline. uPlot: ~51 kB of JavaScript for time series on a canvas, fast enough to redraw
// tens of thousands of points on every pick; it ships no dependencies.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { PageAssets } from "./html.js";

const require = createRequire(import.meta.url);

let cached: Promise<PageAssets> | null = null;

export function pageAssets(): Promise<PageAssets> {
  cached ??= (async () => ({
    uplotJs: await readFile(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8"),
    uplotCss: await readFile(require.resolve("uplot/dist/uPlot.min.css"), "utf8"),
  }))();
  return cached;
}
