import { pkg } from "../../tsup.base.ts";

export default pkg({ entry: ["src/index.ts", "src/obs-migrate.ts"] });
