// One committed epoch, read once: core's read side (pointer -> manifest -> objects, every hash
// verified, fallback to the last good epoch) plus the routing oracle opened on the same epoch,
// so the dashboard's "health" is exactly what obs-oracle answers. If a writer commits between
// the two reads, both are read again: every panel shows one epoch, never a mix.
import { stat } from "node:fs/promises";
import {
  detectV1,
  isObsError,
  type LoadedEpoch,
  type Pointer,
  readCurrentEpoch,
  type StateProblem,
} from "@observatory/core";
import { OracleErrorCode, RoutingOracle } from "@observatory/oracle";
import { noEpoch, stateCorrupt, stateUnreadable, stateV1 } from "../errors.js";

export interface EpochRead {
  epoch: LoadedEpoch;
  /** The pointer as read (null when it was missing or unreadable). */
  pointer: Pointer | null;
  /** The pointer's epoch did not verify; an older good epoch is shown. */
  fellBack: boolean;
  problems: StateProblem[];
  oracle: RoutingOracle;
}

const ATTEMPTS = 5;

export async function readEpoch(stateDir: string, now: () => Date): Promise<EpochRead> {
  const v1 = await detectV1(stateDir);
  if (v1.length > 0) throw stateV1(stateDir, v1);
  for (let attempt = 1; ; attempt++) {
    const r = await readCurrentEpoch(stateDir);
    if (r.epoch === null) {
      if (r.problems.length > 0) throw stateCorrupt(stateDir, r.problems);
      throw noEpoch(stateDir, await exists(stateDir));
    }
    const oracle = await openOracle(stateDir, now);
    const same =
      oracle.epoch.id === r.epoch.epochId && oracle.epoch.manifestHash === r.epoch.manifestHash;
    if (same || attempt >= ATTEMPTS) {
      if (!same) {
        const moving = { file: "current_epoch.json", reason: "kept moving while being read" };
        throw stateCorrupt(stateDir, [moving]);
      }
      return {
        epoch: r.epoch,
        pointer: r.pointer,
        fellBack: r.fellBack,
        problems: r.problems,
        oracle,
      };
    }
  }
}

async function openOracle(stateDir: string, now: () => Date): Promise<RoutingOracle> {
  try {
    return await RoutingOracle.open(stateDir, { now });
  } catch (e) {
    // The oracle checks the registry and benchmark objects' shapes; core only their hashes.
    if (isObsError(e) && e.code === OracleErrorCode.STATE_UNUSABLE)
      throw stateUnreadable(e.message);
    if (isObsError(e) && e.code === OracleErrorCode.NO_EPOCH) throw noEpoch(stateDir, true);
    throw e;
  }
}

async function exists(dir: string): Promise<boolean> {
  return stat(dir).then(
    () => true,
    () => false,
  );
}
