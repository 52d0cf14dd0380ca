import { pkg } from "../../tsup.base.ts";

export default pkg({ entry: ["src/index.ts", "src/obs-poll.ts", "src/obs-bench.ts"] });
