// Where everything lives inside a state directory. docs/state-contract.md documents this layout.
import { join } from "node:path";

export const POINTER_FILE = "current_epoch.json";
export const EPOCHS_DIR = "epochs";
export const OBJECTS_DIR = "objects";
export const EVENTS_FILE = "events.jsonl";
export const LOCKS_DIR = "locks";
export const INSTANCE_LOCK_TARGET = "observatory";
export const ABORTED_SUFFIX = ".aborted.json";

export function pointerPath(stateDir: string): string {
  return join(stateDir, POINTER_FILE);
}
export function epochsDir(stateDir: string): string {
  return join(stateDir, EPOCHS_DIR);
}
export function manifestPath(stateDir: string, epochId: string): string {
  return join(stateDir, EPOCHS_DIR, `${epochId}.json`);
}
export function objectsDir(stateDir: string): string {
  return join(stateDir, OBJECTS_DIR);
}
export function objectPath(stateDir: string, hash: string): string {
  return join(stateDir, OBJECTS_DIR, `${hash}.json`);
}
export function eventsPath(stateDir: string): string {
  return join(stateDir, EVENTS_FILE);
}
export function locksDir(stateDir: string): string {
  return join(stateDir, LOCKS_DIR);
}
