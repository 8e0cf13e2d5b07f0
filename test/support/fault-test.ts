// Fault tests get a deadline of their own, below jest's timeout for them, so that one that gets stuck fails
// saying what it was still waiting for (`waitUntil` and `within` name it) instead of jest's bare "Exceeded
// timeout". And their counts: reduced under `npm test` on a developer's machine, full with SEN_FULL=1 (which
// jest.config.js sets when CI=true, so that CI runs each of them once, at its full counts).

/** True for the full counts of the hardening issue (SEN_FULL=1, `npm run test:reliability`, CI). */
export const FULL = Boolean(process.env.SEN_FULL);

/** `reduced` under a plain `npm test`, `full` with SEN_FULL=1. */
export function count(reduced: number, full: number): number {
  return FULL ? full : reduced;
}

/** Time jest gives a fault test beyond its own deadline: the diagnostic is thrown well before jest's timeout. */
const JEST_MARGIN_MS = 30_000;

let deadlineAt: number | null = null;
let deadlineMs = 0;

/** Milliseconds left before the running fault test's deadline (Infinity outside one). */
export function deadlineLeft(): number {
  return deadlineAt === null ? Infinity : deadlineAt - Date.now();
}

/** What to say when the running test's deadline, not a wait's own limit, cut a wait short. */
export function deadlineNote(): string {
  return deadlineAt === null ? '' : ` (the test's own deadline of ${deadlineMs / 1000} s)`;
}

/**
 * A jest test with a deadline of its own: every `waitUntil` and `within` inside it ends at the deadline at the
 * latest, and jest's timeout for it is the deadline plus a margin.
 */
export function faultTest(name: string, ms: number, body: () => Promise<void>): void {
  it(
    name,
    async () => {
      deadlineAt = Date.now() + ms;
      deadlineMs = ms;
      try {
        await body();
      } finally {
        deadlineAt = null;
      }
    },
    ms + JEST_MARGIN_MS,
  );
}
