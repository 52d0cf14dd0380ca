// Child that takes the instance lock and then waits to be killed.
import { acquireInstanceLock } from "../../dist/index.js";

const [stateDir, staleMs] = process.argv.slice(2);
const r = await acquireInstanceLock(stateDir, { staleMs: Number(staleMs) });
process.stdout.write(r.ok ? "held\n" : "locked\n");
setInterval(() => {}, 1000);
