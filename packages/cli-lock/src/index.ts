// @observatory/cli-lock: obs-lock and obs-check: experiments pinned to an epoch.
export {};
