import { pkg } from "../../tsup.base.ts";

// splitting: the bin's entry parses arguments with cli-kit alone; the report is a dynamic import
// that becomes a chunk of its own, loaded only when the command runs.
export default pkg({ entry: ["src/index.ts", "src/obs-report.ts"], splitting: true });
