// One hostile provider string for every terminal-hygiene test: an OSC title change, a bell, a
// clear-screen, a carriage return, a forged line and a right-to-left override, in a model id.
export const HOSTILE_ID = "gpt\u001b]0;pwned\u0007\u001b[2J\rFAKE LINE\nok\u202e";

/** How core's terminalSafe shows it. */
export const HOSTILE_ID_SHOWN = "gpt\\x1b]0;pwned\\x07\\x1b[2J\\rFAKE LINE\\nok\\u202e";

/** The hostile string's raw pieces found in `s`: none may reach a terminal. */
export function rawTerminalPieces(s: string): string[] {
  return ["\u0007", "\r", "\u202e", "\u001b]", "\u001b[2J", "\nok", "\nFAKE"].filter((x) =>
    s.includes(x),
  );
}

/** An OpenAI-shaped listing entry with this id. */
export function hostileModel(id: string = HOSTILE_ID) {
  return { id, object: "model", created: 1, owned_by: "system" };
}
