#!/usr/bin/env node
// observatory <command> ...: runs the obs-* tool the command names, in this process.
import { main } from "../dist/index.js";

main(process.argv.slice(2));
