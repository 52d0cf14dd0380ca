import { pkg } from "../../tsup.base.ts";

export default pkg();
