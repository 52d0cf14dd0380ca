import { describe, expect, it } from "vitest";
import { helpAsked } from "./cli.js";

describe("helpAsked", () => {
  it.each([
    [["help"], ["--help"]],
    [
      ["help", "export"],
      ["export", "--help"],
    ],
    [
      ["--state-dir", "s", "help", "route"],
      ["--state-dir", "s", "route", "--help"],
    ],
    [
      ["--state-dir=s", "help"],
      ["--state-dir=s", "--help"],
    ],
    // Not the word in command position: left to the parser (a lock or a directory named help).
    [
      ["exp", "help"],
      ["exp", "help"],
    ],
    [
      ["--state-dir", "help"],
      ["--state-dir", "help"],
    ],
  ])("%j -> %j", (argv, want) => {
    expect(helpAsked(argv)).toEqual(want);
  });
});
