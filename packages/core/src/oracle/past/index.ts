// The oracle's past, loaded only when asked (open({ epoch | at }), history(), valueAt(), diff()):
// the default open() and `obs-oracle route` never load it, nor zod through it.
export { readPinned } from "../load/read-pinned.js";
export { diffPoints, modelHistory, valueAt } from "./questions.js";
export { readEntries } from "./read.js";
