import { pkg } from "../../tsup.base.ts";

// Splitting puts the terminal UI (ink, React) in a chunk of its own that only the interactive
// path imports, so the one-shot summary starts without loading it.
export default pkg({ entry: ["src/index.ts", "src/obs-dash.ts"], splitting: true });
