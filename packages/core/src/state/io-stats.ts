// Counters for the durability work a commit does; the benchmark reports them per commit.
export const ioStats = { fsyncs: 0, bytesWritten: 0 };

export function resetIoStats(): void {
  ioStats.fsyncs = 0;
  ioStats.bytesWritten = 0;
}
