// @observatory/cli-poll: obs-poll and obs-bench: the single-writer poll and benchmark runs.
export {};
