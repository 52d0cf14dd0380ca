// @observatory/core/errors: the part of core a command line needs before it has parsed its
// arguments (exit codes, the error type, redaction, terminal-safe text), without the schemas and
// state code behind the main entry. A bin's --help loads this and nothing heavier.
export * from "./errors.js";
export * from "./redact.js";
export * from "./terminal-text.js";
