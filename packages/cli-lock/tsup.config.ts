import { pkg } from "../../tsup.base.ts";

export default pkg({ entry: ["src/index.ts", "src/obs-lock.ts", "src/obs-check.ts"] });
