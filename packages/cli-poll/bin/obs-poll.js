#!/usr/bin/env node
import("../dist/obs-poll.js").then((m) => m.main(process.argv.slice(2)));
