#!/usr/bin/env node
import("../dist/obs-lock.js").then((m) => m.main(process.argv.slice(2)));
