// @observatory/core: The state engine: epochs, atomic writes, events, instance lock, fingerprints, canonicalizers and the drift detector. No network I/O.
export {};
