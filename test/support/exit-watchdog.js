// A jest reporter: jest without --forceExit waits for every handle a test left open, and a leaked socket or
// timer keeps it waiting for ever ("Jest did not exit one second after the test run has completed"). With
// --forceExit it would exit at once and hide the leak. This is --forceExit guarded: if jest has not exited
// EXIT_GRACE_MS after the run, it lists what is still open (with the test file after which each handle was
// first seen still open) and exits 1, so a hang fails the run instead of stalling CI.
//
// Why not --detectOpenHandles: it implies --runInBand and tracks every async resource with async_hooks, a
// cost on every test of every run for a problem that is rare; this costs two handle listings per test file.
// Rerun the file it names with `npx jest <file> --detectOpenHandles` to get the stacks.
//
// When test files run in worker processes (more than two cores), jest itself kills a worker that does not
// exit and says so; on two cores (this machine, CI) jest runs them in band, in this process.
/* global process, setTimeout, module */
'use strict';

const EXIT_GRACE_MS = Number(process.env.SEN_EXIT_GRACE_MS ?? 60_000);

function describeHandle(h) {
  const name = h?.constructor?.name ?? typeof h;
  if (name === 'Socket' || name === 'TLSSocket') {
    return h.remoteAddress
      ? `${name} to ${h.remoteAddress}:${h.remotePort}`
      : `${name}${h.localPort ? ` on ${h.localPort}` : ''}`;
  }
  if (name === 'Server') {
    const a = typeof h.address === 'function' ? h.address() : null;
    return a && typeof a === 'object' ? `Server listening on ${a.address}:${a.port}` : 'Server';
  }
  if (name === 'ChildProcess') return `ChildProcess ${h.pid} (${h.spawnargs?.join(' ').slice(0, 120)})`;
  return name;
}

// Timers are not handles Node lists (`_getActiveHandles` skips them since Node 11), and a ref'd timer alone keeps
// jest waiting: a CI run failed with "open resources: Timeout, Timeout" and nothing to say whose. So the global
// setTimeout and setInterval are wrapped before any test environment copies them (jest-environment-node copies
// the outer realm's timers into each test's context when it creates it): each timer is recorded with the test
// file that was running and a captured stack, formatted only if the timer is still pending at the end.
const timers = new Map(); // Timeout -> { file, ms, kind, where: Error }
let runningFile = '(outside a test file)';

function trackTimers() {
  for (const kind of ['setTimeout', 'setInterval']) {
    const original = globalThis[kind];
    const wrapped = function (fn, ms, ...args) {
      const t = original.call(this, fn, ms, ...args);
      if (t && typeof t === 'object') timers.set(t, { file: runningFile, ms, kind, where: new Error('created here') });
      return t;
    };
    Object.defineProperties(wrapped, Object.getOwnPropertyDescriptors(original)); // util.promisify.custom & co.
    globalThis[kind] = wrapped;
  }
}

/** Timers still pending and keeping the process alive. */
function pendingTimers() {
  const out = [];
  for (const [t, info] of timers) {
    if (t._destroyed) timers.delete(t);
    else if (typeof t.hasRef !== 'function' || t.hasRef()) out.push(info);
  }
  return out;
}

function describeTimer(info) {
  const frames = String(info.where.stack ?? '')
    .split('\n')
    .slice(2) // the message and this file's wrapper
    .filter((l) => !/node_modules\/(jest-|@jest\/)/.test(l))
    .slice(0, 6)
    .map((l) => `        ${l.trim()}`);
  return `  - ${info.kind}(…, ${info.ms} ms), created during ${info.file}\n${frames.join('\n')}`;
}

class ExitWatchdog {
  constructor() {
    this.seen = new Map(); // handle -> the test file after which it was first seen open
    this.baseline = new Set(this.handles());
    trackTimers();
  }

  onTestFileStart(test) {
    runningFile = test.path;
  }

  handles() {
    const std = new Set([process.stdin, process.stdout, process.stderr]);
    return (process._getActiveHandles?.() ?? []).filter((h) => !std.has(h));
  }

  onTestFileResult(test) {
    for (const h of this.handles()) if (!this.baseline.has(h) && !this.seen.has(h)) this.seen.set(h, test.path);
    runningFile = `(after ${test.path})`;
    pendingTimers(); // drops the timers that fired or were cleared, so the map stays small
  }

  onRunComplete() {
    setTimeout(() => {
      const open = this.handles().filter((h) => !this.baseline.has(h));
      const lines = open.map(
        (h) => `  - ${describeHandle(h)}${this.seen.has(h) ? ` (open since ${this.seen.get(h)})` : ''}`,
      );
      process.stderr.write(
        `\nexit watchdog: jest has not exited ${EXIT_GRACE_MS / 1000} s after the run; failing it.\n` +
          `open resources: ${process.getActiveResourcesInfo().join(', ')}\n` +
          `open handles:\n${lines.join('\n') || '  (none listed)'}\n` +
          `pending timers:\n${pendingTimers().map(describeTimer).join('\n') || '  (none tracked)'}\n` +
          'rerun the file named with `npx jest <file> --detectOpenHandles` for the stacks.\n',
      );
      process.exit(1);
    }, EXIT_GRACE_MS).unref();
  }
}

module.exports = ExitWatchdog;
