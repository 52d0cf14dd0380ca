// `pnpm bench` for core: prints figures, asserts nothing (targets are compared in the output).
import { runStateBench } from "./state.js";

await runStateBench();
