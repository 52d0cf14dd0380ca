#!/usr/bin/env node
import("../dist/obs-oracle.js").then((m) => m.main(process.argv.slice(2)));
