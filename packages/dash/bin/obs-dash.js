#!/usr/bin/env node
import("../dist/obs-dash.js").then((m) => m.main(process.argv.slice(2)));
