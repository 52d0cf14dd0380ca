#!/usr/bin/env node
import("../dist/obs-migrate.js").then((m) => m.main(process.argv.slice(2)));
