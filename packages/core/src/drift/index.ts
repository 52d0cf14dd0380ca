// Drift engine: semantic fingerprints, canonicalizers, the three-state detector. Pure, no I/O.
export {};
