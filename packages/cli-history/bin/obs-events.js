#!/usr/bin/env node
// --help and --version alone print what the build rendered (no yargs); anything else runs the tool.
import { printPrebuilt } from "../dist/prebuilt.js";

if (!printPrebuilt(new URL("../dist/", import.meta.url), "obs-events"))
  import("../dist/obs-events.js").then((m) => m.main(process.argv.slice(2)));
