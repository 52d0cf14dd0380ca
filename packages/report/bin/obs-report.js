#!/usr/bin/env node
// --help and --version alone print what the build rendered (no yargs); anything else runs the tool.
import { printPrebuilt } from "../dist/prebuilt.js";

if (!printPrebuilt(new URL("../dist/", import.meta.url), "obs-report"))
  import("../dist/obs-report.js").then((m) => m.main(process.argv.slice(2)));
