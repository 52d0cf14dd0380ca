// @observatory/test-fixtures: Recorded provider responses, msw handlers, the loopback scenario server and v1 state trees.
export {};
