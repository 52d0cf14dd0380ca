// Child that takes and releases the instance lock as fast as it can, `rounds` times.
import { acquireInstanceLock } from "../../dist/index.js";

const [stateDir, rounds] = process.argv.slice(2);
let held = 0;
for (let i = 0; i < Number(rounds); i++) {
  const r = await acquireInstanceLock(stateDir, { tool: "cycle" });
  if (r.ok) {
    held++;
    await r.lock.release();
  }
}
process.stdout.write(`done ${held}\n`);
