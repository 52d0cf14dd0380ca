// Child that takes the instance lock, holds it for the given time, releases it and exits.
import { acquireInstanceLock } from "../../dist/index.js";

const [stateDir, holdMs] = process.argv.slice(2);
const r = await acquireInstanceLock(stateDir, { tool: "holder-test" });
process.stdout.write(r.ok ? "held\n" : "locked\n");
if (r.ok) {
  await new Promise((res) => setTimeout(res, Number(holdMs)));
  await r.lock.release();
  process.stdout.write("released\n");
}
