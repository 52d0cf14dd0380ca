// A fault-injection hook for tests of paused writers: with OBS_TEST_STOP_AT naming a point
// ("acquiring": the lock directory made, before proper-lockfile probes it; "locked"; or a commit
// step: "objects", "manifest", "events", "pointer", "retention"; on an S3 state "publish": the
// epoch's objects, manifest and events uploaded, the remote pointer not yet replaced), the
// process stops itself there with SIGSTOP, as a frozen VM or a sleeping laptop would, until a
// SIGCONT. Unset (always, outside tests) it does nothing.
export async function testStop(point: string): Promise<void> {
  const at = process.env["OBS_TEST_STOP_AT"];
  if (!at?.split(",").includes(point)) return;
  // Resumed, it goes straight on: the fence, not the lock's refresh timer, must catch the loss.
  process.kill(process.pid, "SIGSTOP");
}
