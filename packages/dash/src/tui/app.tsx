// The interactive dashboard: loads a world from its source, re-reads it on `r` and (with
// --watch) when the state directory changes, and turns keys into view state through the pure
// reducer in state.ts. A failed read is a message screen, never a crash.
import { useApp, useInput } from "ink";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Loaded, WorldSource } from "../load/source.js";
import { panelContext } from "../panels/context.js";
import { applyFilter } from "../panels/filter.js";
import { headerFacts } from "../panels/header.js";
import { buildPanels } from "../panels/index.js";
import type { PanelId } from "../panels/types.js";
import { chromeLines, Dashboard } from "./dashboard.js";
import { Message } from "./message.js";
import { initialUi, onKey, splitKeys, type UiState } from "./state.js";
import { theme } from "./theme.js";
import { type Size, useSize } from "./use-size.js";

export interface AppProps {
  source: WorldSource;
  /** Re-read when the state directory changes. */
  watch: boolean;
  /** For the secrets that must never be shown. */
  env: NodeJS.ProcessEnv;
  colour: boolean;
  panel?: PanelId;
  /** Fixed size (tests); default: the terminal's, following resizes. */
  size?: Size;
  now?: () => number;
  /** How often ages are redrawn; 0: never (tests). Default 5 s. */
  tickMs?: number;
}

type Flash = (prev: Loaded | null, next: Loaded) => string | null;

export function App(props: AppProps) {
  const { exit } = useApp();
  const now = props.now ?? Date.now;
  const size = useSize(props.size);
  const t = useMemo(() => theme(props.colour), [props.colour]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [ui, setUiState] = useState(() => initialUi(props.panel));
  // Keys can arrive faster than renders (a paste, tmux send-keys): each one must see the state
  // the previous one left, not the state of the last render.
  const uiRef = useRef(ui);
  const setUi = useCallback((next: UiState | ((u: UiState) => UiState)) => {
    uiRef.current = typeof next === "function" ? next(uiRef.current) : next;
    setUiState(uiRef.current);
  }, []);
  const [nowMs, setNowMs] = useState(now);
  const current = useRef<Loaded | null>(null);
  const seq = useRef(0);

  const apply = useCallback(
    async (read: () => Promise<Loaded>, flash?: Flash) => {
      const mine = ++seq.current;
      const next = await read();
      if (mine !== seq.current) return; // a newer read started meanwhile
      const prev = current.current;
      current.current = next;
      setLoaded(next);
      setNowMs(now());
      const message = flash?.(prev, next) ?? null;
      if (message !== null) setUi((u) => ({ ...u, flash: message }));
    },
    [now, setUi],
  );

  // The source and the watch flag are fixed for the app's life: read and watch once, on mount.
  // biome-ignore lint/correctness/useExhaustiveDependencies: mount-only effect
  useEffect(() => {
    const { source } = props;
    const stop = props.watch
      ? source.watch((change) => {
          const cur = current.current;
          if (change.pointer || !cur?.ok) void apply(() => source.load(), newEpochFlash);
          else void apply(() => source.reloadLogAndLocks(cur.world));
        })
      : () => {};
    void apply(() => source.load());
    return stop;
  }, []);

  useEffect(() => {
    const every = props.tickMs ?? 5000;
    if (every <= 0) return;
    const id = setInterval(() => setNowMs(now()), every);
    return () => clearInterval(id);
  }, [props.tickMs, now]);

  const ctx = useMemo(() => panelContext(props.env, nowMs), [props.env, nowMs]);
  const world = loaded?.ok ? loaded.world : null;
  const panels = useMemo(() => (world ? buildPanels(world, ctx) : null), [world, ctx]);
  const header = useMemo(() => (world ? headerFacts(world, ctx) : null), [world, ctx]);
  const full = panels?.views[ui.panel] ?? null;
  const view = full ? applyFilter(full, ui.filters[ui.panel]) : null;

  // The input handler may be one render behind the screen (ink re-subscribes it in an effect):
  // it reads what it needs from here, which every render updates.
  const latest = useRef({ panels, header, size });
  latest.current = { panels, header, size };

  useInput((input, key) => {
    const { panels, header, size } = latest.current;
    if (panels === null || header === null) {
      if (input === "q" || key.escape) exit();
      else if (input === "r") void apply(() => props.source.load());
      return;
    }
    const page = Math.max(1, size.rows - 1 - chromeLines(header));
    for (const [k, info] of splitKeys(input, key)) {
      const u = uiRef.current;
      const all = panels.views[u.panel];
      const rows = applyFilter(all, u.filters[u.panel]).rows.length;
      const r = onKey(u, k, info, { rows, page, fields: all.fields });
      setUi(r.ui);
      if (r.effect === "quit") return exit();
      if (r.effect === "refresh") void apply(() => props.source.load(), refreshFlash);
    }
  });

  if (loaded === null || !loaded.ok || view === null || header === null || full === null) {
    return (
      <Message
        stateDir={props.source.stateDir}
        failure={loaded !== null && !loaded.ok ? loaded.failure : null}
        size={size}
        theme={t}
        watching={props.watch}
      />
    );
  }
  return (
    <Dashboard
      stateDir={props.source.stateDir}
      header={header}
      view={view}
      total={full.rows.length}
      ui={ui}
      size={size}
      theme={t}
      watching={props.watch}
    />
  );
}

const epochOf = (l: Loaded | null) => (l?.ok ? l.world.epoch.id : null);

const newEpochFlash: Flash = (prev, next) => {
  const id = epochOf(next);
  return id !== null && id !== epochOf(prev) ? `the pointer moved: now epoch ${id}` : null;
};

const refreshFlash: Flash = (prev, next) => {
  const id = epochOf(next);
  if (id === null) return null;
  return id === epochOf(prev) ? `refreshed: still epoch ${id}` : `refreshed: now epoch ${id}`;
};
