// A one-line progress display for benchmark runs, on a terminal only.
export function progressPrinter(enabled: boolean, stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  return {
    update(done: number, total: number) {
      if (!enabled) return;
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      stream.write(`\r\x1b[2Kbenchmarking: ${done}/${total} calls`);
    },
    clear() {
      if (enabled) stream.write("\r\x1b[2K");
    },
  };
}
