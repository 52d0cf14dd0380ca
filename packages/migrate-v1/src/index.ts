// @observatory/migrate-v1: obs-migrate: one-shot, idempotent upgrade of v1 state directories.
export {};
