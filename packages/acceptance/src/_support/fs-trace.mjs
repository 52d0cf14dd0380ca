// Preloaded into a bin (NODE_OPTIONS=--import <this file>) by the acceptance suite. It records,
// in the order they happen, every file-system mutation and fsync under OBS_ACC_TRACE_ROOT and the
// start and end of every HTTP request, one JSON line each, in OBS_ACC_TRACE_FILE. With
// OBS_ACC_KILL_BEFORE=n the process SIGKILLs itself just before its n-th traced file-system step,
// so a test can crash a real bin between any two steps of a commit.
//
// Plain JavaScript on purpose: node loads it before the bin, with no build step. It patches the
// fs modules' functions and re-syncs the ESM named exports, so `import { rename } from
// "node:fs/promises"` in the bins sees the wrappers.
import dc from "node:diagnostics_channel";
import fs from "node:fs";
import fsp from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import { resolve, sep } from "node:path";
import { threadId } from "node:worker_threads";

const TRACE_FILE = process.env.OBS_ACC_TRACE_FILE;
const ROOT = process.env.OBS_ACC_TRACE_ROOT ? resolve(process.env.OBS_ACC_TRACE_ROOT) : null;
const KILL_BEFORE = Number(process.env.OBS_ACC_KILL_BEFORE ?? 0);
// The crash is injected into the bin the test started, not into the tools it runs as children
// (obs-lock --benchmark-before-lock runs obs-bench): they are traced, never killed by count.
delete process.env.OBS_ACC_KILL_BEFORE;
const appendLine = fs.appendFileSync.bind(fs);
let steps = 0;

function under(p) {
  if (ROOT === null || p === undefined || p === null) return null;
  let s;
  if (typeof p === "string") s = p;
  else if (p instanceof URL) s = p.pathname;
  else if (Buffer.isBuffer(p)) s = p.toString();
  else return null;
  const abs = resolve(s);
  return abs === ROOT || abs.startsWith(ROOT + sep) ? abs : null;
}

function record(entry) {
  if (!TRACE_FILE) return;
  appendLine(TRACE_FILE, `${JSON.stringify({ pid: process.pid, tid: threadId, ...entry })}\n`);
}

/** A traced file-system step: maybe die first (crash injection), then record it. */
function step(op, path, extra = {}) {
  steps++;
  if (KILL_BEFORE > 0 && steps === KILL_BEFORE) process.kill(process.pid, "SIGKILL");
  record({ op, path, step: steps, ...extra });
}

const WRITE_FLAGS = fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT;
function writes(flags) {
  if (flags === undefined || flags === null) return false;
  if (typeof flags === "number")
    return (flags & WRITE_FLAGS) !== 0 || (flags & fs.constants.O_APPEND) !== 0;
  return /[wa+]/.test(String(flags));
}
function flagText(flags) {
  if (typeof flags !== "number") return String(flags);
  const c = fs.constants;
  const names = [];
  if (flags & c.O_WRONLY) names.push("WRONLY");
  if (flags & c.O_RDWR) names.push("RDWR");
  if (flags & c.O_CREAT) names.push("CREAT");
  if (flags & c.O_EXCL) names.push("EXCL");
  if (flags & c.O_APPEND) names.push("APPEND");
  if (flags & c.O_TRUNC) names.push("TRUNC");
  return names.join("|") || "RDONLY";
}

// Which path a file handle or descriptor was opened on, so its writes and fsyncs can be named.
const handlePaths = new WeakMap();
const fdPaths = new Map();
let handleProtoPatched = false;

function patchHandleProto(fh) {
  if (handleProtoPatched) return;
  handleProtoPatched = true;
  const proto = Object.getPrototypeOf(fh);
  for (const [name, op] of [
    ["sync", "fsync"],
    ["datasync", "fsync"],
    ["write", "write"],
    ["writeFile", "write"],
    ["appendFile", "write"],
    ["truncate", "truncate"],
  ]) {
    const orig = proto[name];
    if (typeof orig !== "function") continue;
    proto[name] = function (...args) {
      const p = handlePaths.get(this);
      if (p) step(op, p);
      return orig.apply(this, args);
    };
  }
}

// One table for the path-taking functions: which arguments are paths, and what the step is.
const PATH_OPS = {
  writeFile: "writeFile",
  appendFile: "append",
  unlink: "unlink",
  rm: "rm",
  rmdir: "rmdir",
  mkdir: "mkdir",
  utimes: "utimes",
  truncate: "truncate",
  copyFile: "copyFile",
  cp: "cp",
  symlink: "symlink",
  link: "link",
  rename: "rename",
};
const TWO_PATHS = new Set(["rename", "copyFile", "cp", "link", "symlink"]);

function wrapPathFn(obj, name, op, suffix) {
  const key = name + suffix;
  const orig = obj[key];
  if (typeof orig !== "function") return;
  obj[key] = function (...args) {
    const a = under(args[0]);
    const b = TWO_PATHS.has(name) ? under(args[1]) : null;
    if (a || b) step(op, a ?? String(args[0]), b ? { to: b } : {});
    return orig.apply(this, args);
  };
}

for (const [name, op] of Object.entries(PATH_OPS)) {
  wrapPathFn(fsp, name, op, "");
  wrapPathFn(fs, name, op, "");
  wrapPathFn(fs, name, op, "Sync");
}

{
  const orig = fsp.open;
  fsp.open = async function (path, flags, ...rest) {
    const p = under(path);
    if (p && writes(flags)) step("open", p, { flags: flagText(flags) });
    const fh = await orig.call(this, path, flags, ...rest);
    if (p) {
      patchHandleProto(fh);
      handlePaths.set(fh, p);
    }
    return fh;
  };
}
{
  const orig = fs.openSync;
  fs.openSync = function (path, flags, ...rest) {
    const p = under(path);
    if (p && writes(flags)) step("open", p, { flags: flagText(flags) });
    const fd = orig.call(this, path, flags, ...rest);
    if (p) fdPaths.set(fd, p);
    return fd;
  };
}
{
  const orig = fs.open;
  fs.open = function (path, ...rest) {
    const p = under(path);
    const flags = typeof rest[0] === "function" ? "r" : rest[0];
    if (p && writes(flags)) step("open", p, { flags: flagText(flags) });
    const cb = rest.pop();
    return orig.call(this, path, ...rest, (err, fd) => {
      if (!err && p) fdPaths.set(fd, p);
      cb(err, fd);
    });
  };
}
for (const [name, op] of [
  ["fsync", "fsync"],
  ["fdatasync", "fsync"],
  ["write", "write"],
]) {
  for (const suffix of ["", "Sync"]) {
    const orig = fs[name + suffix];
    if (typeof orig !== "function") continue;
    fs[name + suffix] = function (fd, ...args) {
      const p = fdPaths.get(fd);
      if (p) step(op, p);
      return orig.call(this, fd, ...args);
    };
  }
}

syncBuiltinESMExports();

// HTTP: undici (the providers' and webhooks' client) reports requests on diagnostics channels.
if (TRACE_FILE) {
  const ids = new WeakMap();
  let next = 0;
  const urlOf = (r) => `${r.origin ?? ""}${String(r.path ?? "").split("?")[0]}`;
  dc.subscribe("undici:request:create", ({ request }) => {
    ids.set(request, ++next);
    record({ op: "http-start", id: next, url: urlOf(request) });
  });
  dc.subscribe("undici:request:trailers", ({ request }) => {
    record({ op: "http-end", id: ids.get(request), url: urlOf(request) });
  });
  dc.subscribe("undici:request:error", ({ request }) => {
    record({ op: "http-error", id: ids.get(request), url: urlOf(request) });
  });
}
