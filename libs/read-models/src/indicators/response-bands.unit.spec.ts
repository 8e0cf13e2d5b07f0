import {
  type Bands,
  HOURS_BUCKET_EDGES,
  addBand,
  bandOf,
  bandWidth,
  coarseHistogram,
  percentileOfBands,
  resolutionAt,
} from './response-bands';

/** percentile_cont over exact values, as PostgreSQL computes it. */
function exactPercentile(hours: number[], p: number): number {
  const s = [...hours].sort((a, b) => a - b);
  const rank = p * (s.length - 1);
  const lo = Math.floor(rank);
  return lo === rank ? s[lo]! : s[lo]! + (rank - lo) * (s[lo + 1]! - s[lo]!);
}

function bandsOf(hours: number[]): Bands {
  const bands: Bands = new Map();
  for (const h of hours) addBand(bands, bandOf(h * 60), 1, Math.round(h * 3600));
  return bands;
}

/** A small deterministic generator (mulberry32), so that the figures are the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('response bands', () => {
  it('puts a value in the band of its lower edge, the bands touching end to end', () => {
    expect([
      bandOf(0),
      bandOf(9.99),
      bandOf(10),
      bandOf(719.5),
      bandOf(720),
      bandOf(749),
      bandOf(1440),
      bandOf(1559),
    ]).toEqual([0, 0, 10, 710, 720, 720, 1440, 1440]);
    expect(bandOf(-5)).toBe(0); // a response recorded before the report
    expect(bandOf(400 * 24 * 60)).toBe(365 * 24 * 60);
    expect(bandWidth(365 * 24 * 60)).toBe(0);
    // Every band ends where the next begins.
    for (let lo = 0; lo < 365 * 24 * 60; lo += bandWidth(lo))
      expect(bandOf(lo + bandWidth(lo))).toBe(lo + bandWidth(lo));
    expect([resolutionAt(11.9), resolutionAt(12), resolutionAt(30), resolutionAt(100)]).toEqual([10 / 60, 0.5, 2, 12]);
  });

  it('gives the histogram over HOURS_BUCKET_EDGES exactly', () => {
    const hours = [0, 0.99, 1, 2.5, 5.99, 6, 11.999, 12, 23.9, 24, 47.99, 48, 71.9, 72, 500];
    const want = HOURS_BUCKET_EDGES.map(() => 0).concat(0);
    for (const h of hours) {
      const i = HOURS_BUCKET_EDGES.findIndex((e) => h < e);
      want[i === -1 ? HOURS_BUCKET_EDGES.length : i]!++;
    }
    expect(coarseHistogram(bandsOf(hours))).toEqual(want);
    expect(coarseHistogram(bandsOf(hours))).toEqual([2, 2, 1, 2, 2, 2, 2, 2]);
  });

  it('gives a band of one case its exact value, and none for no case', () => {
    expect(percentileOfBands(bandsOf([4]), 0.5)).toBeCloseTo(4, 9);
    expect(percentileOfBands(bandsOf([3, 40]), 0.5)).toBeCloseTo(21.5, 9);
    expect(percentileOfBands(new Map(), 0.9)).toBeNull();
  });

  it('stays within the band width of percentile_cont on realistic spreads', () => {
    const next = random(2030);
    for (const [name, draw] of [
      ['timely and late, as simulated', () => (next() < 0.8 ? 1 + next() * 10.5 : 12.5 + next() * 59.5)],
      ['long tail', () => -Math.log(1 - next()) * 20],
      ['bunched at the deadline', () => 11.5 + next()],
    ] as const) {
      for (const size of [3, 10, 101, 5000]) {
        const hours = Array.from({ length: size }, draw);
        const bands = bandsOf(hours);
        for (const p of [0.5, 0.9]) {
          const exact = exactPercentile(hours, p);
          const approx = percentileOfBands(bands, p)!;
          expect({ name, size, p, off: Math.abs(approx - exact) <= resolutionAt(exact) + 1e-9 }).toEqual({
            name,
            size,
            p,
            off: true,
          });
        }
      }
    }
  });
});
