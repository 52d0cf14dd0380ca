import { pkg } from "../../tsup.base";

export default pkg();
