// One committed epoch, read once through core's read side (pointer -> manifest -> objects, every
// hash verified, fallback to the last good epoch), plus the routing oracle for the models'
// health, so the dashboard says "healthy" exactly when obs-oracle does. Core's epoch is the one
// shown. The oracle reads only what routing needs, so it can settle on another epoch: when a
// writer committed in between, both are read again; when core fell back over damage the oracle
// does not read, health is left out (and the view says why) rather than mixing two epochs.
import { stat } from "node:fs/promises";
import {
  describeError,
  detectV1,
  type LoadedEpoch,
  noStateError,
  type Pointer,
  RoutingOracle,
  readCurrentEpoch,
  readPointer,
  type StateProblem,
  stateV1Error,
} from "@observatory/core";
import { stateCorrupt } from "../errors.js";

export interface EpochRead {
  epoch: LoadedEpoch;
  /** The pointer as read (null when it was missing or unreadable). */
  pointer: Pointer | null;
  /** The pointer's epoch did not verify; an older good epoch is shown. */
  fellBack: boolean;
  problems: StateProblem[];
  /** The oracle on this very epoch, or null with the reason it is not. */
  oracle: RoutingOracle | null;
  oracleProblem: string | null;
}

const ATTEMPTS = 5;

export async function readEpoch(stateDir: string, now: () => Date): Promise<EpochRead> {
  const v1 = await detectV1(stateDir);
  if (v1.length > 0) throw stateV1Error(stateDir, v1);
  for (let attempt = 1; ; attempt++) {
    const r = await readCurrentEpoch(stateDir);
    if (r.epoch === null) {
      if (r.problems.length > 0) throw stateCorrupt(stateDir, r.problems);
      throw noStateError(stateDir, await exists(stateDir));
    }
    const base = { epoch: r.epoch, pointer: r.pointer, fellBack: r.fellBack, problems: r.problems };
    let oracle: RoutingOracle;
    try {
      oracle = await RoutingOracle.open(stateDir, { now });
    } catch (e) {
      return {
        ...base,
        oracle: null,
        oracleProblem: `the routing oracle cannot read this state (${describeError(e)})`,
      };
    }
    const e = oracle.epoch;
    if (e.id === r.epoch.epochId && e.manifestHash === r.epoch.manifestHash) {
      return { ...base, oracle, oracleProblem: null };
    }
    const again = await readPointer(stateDir);
    const moved = again.kind === "ok" && again.pointer.epoch_id !== r.pointer?.epoch_id;
    if (moved && attempt < ATTEMPTS) continue; // a commit landed between the two reads
    return {
      ...base,
      oracle: null,
      oracleProblem: `health not shown: the routing oracle reads epoch ${e.id}, this view epoch ${r.epoch.epochId}`,
    };
  }
}

async function exists(dir: string): Promise<boolean> {
  return stat(dir).then(
    () => true,
    () => false,
  );
}
