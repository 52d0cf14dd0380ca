// The Chromium the browser tests drive (Debian's `chromium` package, through playwright-core with
// its executablePath: nothing is downloaded). OBS_CHROMIUM names another binary.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export function findChromium(): string | null {
  const named = process.env["OBS_CHROMIUM"];
  const candidates = [
    ...(named ? [named] : []),
    ...(process.env["PATH"] ?? "")
      .split(delimiter)
      .flatMap((d) => ["chromium", "chromium-browser"].map((n) => join(d, n))),
    "/usr/bin/chromium",
  ];
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {}
  }
  return null;
}

export const NO_BROWSER =
  "no Chromium found (looked for OBS_CHROMIUM, chromium and chromium-browser on PATH, /usr/bin/chromium): install it with `apt-get install -y chromium` (.ci/run does) to run the browser test";
