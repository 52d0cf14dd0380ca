// Kept apart from schemas.ts (zod), for the oracle's hand check of a manifest (manifest-view.ts),
// which obs-oracle's start-up loads without zod.

/** At most this many quiet epochs are listed in a manifest's `history_quiet` (about 2 KB of ids). */
export const QUIET_EPOCHS_MAX = 64;
