// Is a 200 listing that lost most of a provider's models news, or a provider glitch? A listing
// that drops from N >= minModels to nothing, or loses more than `share` of them at once without
// growing, is held
// as suspect: the previous snapshot is carried forward and no model is reported removed, until
// the shrink has persisted for `polls` consecutive polls. Then it is accepted as real. Pure.

export interface SuspectPolicy {
  /** Largest share of the previous models a listing may lose at once (default 0.5). */
  share: number;
  /** Consecutive polls a shrink must persist before removals are reported (default 2). */
  polls: number;
  /** Providers with fewer models than this are never judged (default 20). */
  minModels: number;
}

export const DEFAULT_SUSPECT: SuspectPolicy = { share: 0.5, polls: 2, minModels: 20 };

export interface SuspectVerdict {
  previous_models: number;
  listed_models: number;
  removed_models: number;
  /** This poll's place in the run of suspect polls (1 = first). */
  streak: number;
  polls_required: number;
}

/**
 * null: the listing is taken as it is (not a suspicious shrink, or one that has persisted long
 * enough). `priorStreak`: consecutive suspect polls before this one.
 */
export function judgeShrink(
  previousCount: number,
  listedCount: number,
  removedCount: number,
  priorStreak: number,
  policy: SuspectPolicy,
): SuspectVerdict | null {
  if (!isSuspiciousShrink(previousCount, listedCount, removedCount, policy)) return null;
  const streak = priorStreak + 1;
  if (streak >= policy.polls) return null;
  return {
    previous_models: previousCount,
    listed_models: listedCount,
    removed_models: removedCount,
    streak,
    polls_required: policy.polls,
  };
}

/** Is this shrink suspicious at all (whether held or, after enough polls, accepted)? */
export function isSuspiciousShrink(
  previousCount: number,
  listedCount: number,
  removedCount: number,
  policy: SuspectPolicy,
): boolean {
  if (previousCount < policy.minModels) return false;
  // A listing that grew is not a glitch, however many ids it replaced: a truncated page, an
  // empty answer or a misrouted catalogue does not invent more models than it lost (the first
  // poll after a long gap, or after obs-migrate, legitimately sees heavy churn).
  return (
    listedCount === 0 ||
    (removedCount / previousCount > policy.share && listedCount <= previousCount)
  );
}
