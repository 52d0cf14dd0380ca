// The written page in headless Chromium, as a reader opens it from disk: the charts draw, the
// picker switches the model, nothing logs an error, and a hostile model id shows as text. Without
// a browser the test fails in CI (CI=true) and is skipped, saying why, elsewhere.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportCommand } from "../src/index.js";
import { findChromium, NO_BROWSER } from "./browser.js";
import { buildState, EVIL, WEEK } from "./state.js";
import { tempDir } from "./temp.js";

const executablePath = findChromium();
if (executablePath === null) {
  if (process.env["CI"]) throw new Error(NO_BROWSER);
  console.warn(`obs-report browser test skipped: ${NO_BROWSER}`);
}

let browser: Browser;
beforeAll(async () => {
  if (executablePath === null) return;
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function open(): Promise<{ page: Page; errors: string[] }> {
  const dir = await tempDir();
  const state = join(dir, "state");
  await buildState(state, WEEK);
  const out = join(dir, "report.html");
  const r = await reportCommand({ stateDir: state, out }, { stdoutIsTTY: false, now: new Date() });
  expect(r.exitCode).toBe(0);
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  // Any request but the file itself would be a network fetch.
  page.on("request", (req) => {
    if (!req.url().startsWith("file:")) errors.push(`fetched ${req.url()}`);
  });
  await page.goto(pathToFileURL(out).href);
  await page.waitForSelector("body[data-ready='1']", { timeout: 10_000 });
  return { page, errors };
}

/** How many pixels of a chart's canvas are drawn (not transparent). */
function inked(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (el) => {
    const canvas = el.querySelector("canvas");
    if (!canvas) return 0;
    const ctx = canvas.getContext("2d")!;
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) n++;
    return n;
  });
}

describe.skipIf(executablePath === null)("the report in Chromium", () => {
  it("draws the charts, switches models, shows hostile ids as text, logs no errors", async () => {
    const { page, errors } = await open();
    for (const chart of ["#price-chart", "#context-chart", "#drift-chart"])
      expect(await inked(page, chart), chart).toBeGreaterThan(100);

    // The picker starts on the model with the most changes, and switches.
    expect(await page.getAttribute("body", "data-model")).toBe("openai/gpt-4o");
    const before = await page.$eval("#price-chart canvas", (c) =>
      (c as unknown as { toDataURL(): string }).toDataURL(),
    );
    await page.selectOption("#model-picker", { label: "anthropic/claude-3.5-sonnet" });
    expect(await page.getAttribute("body", "data-model")).toBe("anthropic/claude-3.5-sonnet");
    const after = await page.$eval("#price-chart canvas", (c) =>
      (c as unknown as { toDataURL(): string }).toDataURL(),
    );
    expect(after).not.toBe(before);
    expect(await inked(page, "#price-chart")).toBeGreaterThan(100);

    // The filter narrows the picker.
    await page.fill("#model-filter", "mistral");
    expect(await page.$$eval("#model-picker option", (os) => os.map((o) => o.textContent))).toEqual(
      [`mistral/${EVIL}`],
    );

    // The hostile id ran nothing and reads as itself in the picker and the change table.
    expect(await page.evaluate(() => (globalThis as { __evil?: number }).__evil)).toBeUndefined();
    expect(await page.$$("img")).toHaveLength(0);
    const cells = await page.$$eval("#change-table td", (tds) => tds.map((t) => t.textContent));
    expect(cells).toContain(`mistral/${EVIL}`);

    // Sorting by a column reorders the rows.
    await page.click("#change-table th[data-k='2']");
    const fields = await page.$$eval("#change-table tbody tr td:nth-child(3)", (tds) =>
      tds.map((t) => t.textContent ?? ""),
    );
    expect(fields).toEqual([...fields].sort());

    // Hovering the price chart says the epoch, the value and the relative change.
    await page.selectOption("#model-picker", { label: `mistral/${EVIL}` });
    await page.fill("#model-filter", "");
    await page.selectOption("#model-picker", { label: "openai/gpt-4o" });
    const box = (await page.$("#price-chart .u-over"))!;
    const b = (await box.boundingBox())!;
    await page.mouse.move(b.x + b.width - 2, b.y + b.height / 2);
    expect(await page.textContent("#hover")).toMatch(/epoch \d{8}T.*prompt 0\.0000027 \(-10\.0%\)/);

    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

// `pnpm --filter @observatory/report screenshot` (after `pnpm demo`): the README's picture, made
// from the demo's state by this browser. Off in ordinary runs.
const shot = process.env["OBS_REPORT_SCREENSHOT"];
describe.runIf(executablePath !== null && shot !== undefined)("the README's screenshot", () => {
  it("is taken from the demo's report", async () => {
    const state =
      process.env["OBS_REPORT_STATE"] ?? join(import.meta.dirname, "../../../demo-state");
    const out = join(await tempDir(), "report.html");
    const r = await reportCommand(
      { stateDir: state, out },
      { stdoutIsTTY: false, now: new Date() },
    );
    expect(r.exitCode).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
    await page.goto(pathToFileURL(out).href);
    await page.waitForSelector("body[data-ready='1']");
    const b = (await (await page.$("#price-chart .u-over"))!.boundingBox())!;
    await page.mouse.move(b.x + b.width * 0.9, b.y + b.height / 2);
    await page.screenshot({ path: shot!, fullPage: false });
    await page.close();
  }, 60_000);
});
