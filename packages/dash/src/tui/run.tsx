// Runs the interactive dashboard on the terminal: the alternate screen (so quitting gives the
// shell back as it was), ink's renderer, and the exit code once the user quits.
import ansiEscapes from "ansi-escapes";
import { render } from "ink";
import { stateSource } from "../load/source.js";
import type { PanelId } from "../panels/types.js";
import { App } from "./app.js";

export interface TuiOptions {
  stateDir: string;
  watch: boolean;
  colour: boolean;
  panel?: PanelId;
  env: NodeJS.ProcessEnv;
}

export async function runTui(o: TuiOptions): Promise<number> {
  const out = process.stdout;
  const leave = () => out.write(ansiEscapes.exitAlternativeScreen);
  out.write(ansiEscapes.enterAlternativeScreen);
  process.once("exit", leave);
  try {
    const app = render(
      <App
        source={stateSource(o.stateDir)}
        watch={o.watch}
        colour={o.colour}
        env={o.env}
        {...(o.panel ? { panel: o.panel } : {})}
      />,
      { exitOnCtrlC: true },
    );
    await app.waitUntilExit();
    return 0;
  } finally {
    process.off("exit", leave);
    leave();
  }
}
