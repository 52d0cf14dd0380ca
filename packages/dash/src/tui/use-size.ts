// The terminal's size, re-read on every resize (SIGWINCH reaches node as stdout's "resize"), so
// the layout is recomputed for the new width and height rather than wrapped or clipped.
import { useStdout } from "ink";
import { useEffect, useState } from "react";

export interface Size {
  columns: number;
  rows: number;
}

export function useSize(fixed?: Size): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState<Size>(() => fixed ?? read(stdout));
  const follow = fixed === undefined;
  useEffect(() => {
    if (!follow) return;
    const onResize = () => setSize(read(stdout));
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout, follow]);
  return fixed ?? size;
}

function read(stdout: NodeJS.WriteStream): Size {
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}
