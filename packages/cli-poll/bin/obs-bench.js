#!/usr/bin/env node
import("../dist/obs-bench.js").then((m) => m.main(process.argv.slice(2)));
