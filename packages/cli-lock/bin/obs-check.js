#!/usr/bin/env node
import("../dist/obs-check.js").then((m) => m.main(process.argv.slice(2)));
