// `pnpm bench` for core: prints figures against their targets; asserts nothing.
import { runDriftBench } from "./drift.js";
import { runHistoryBench } from "./history.js";
import { runStateBench } from "./state.js";

await runStateBench();
await runDriftBench();
await runHistoryBench();
