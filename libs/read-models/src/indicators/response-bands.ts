// Bands of minutes from report to first response, for the roll-up behind indicator 12 and the response-time
// dashboard (rm_timeliness). Counts per band give the dashboard's histogram exactly and the median and 90th
// percentile to within the width of the band they fall in: 10 minutes below the 12-hour deadline, 30 minutes up
// to a day, 2 hours up to 3 days, then 12 hours, a day, a week; beyond a year, one band.

/** Upper edges, in hours, of the buckets of `hoursHistogram`: under 1, 1–3, 3–6, 6–12 (the deadline), 12–24 … 72 and more. */
export const HOURS_BUCKET_EDGES = [1, 3, 6, 12, 24, 48, 72] as const;

/** [from, step] in minutes: bands of `step` minutes from `from` until the next segment. */
const SEGMENTS: readonly (readonly [number, number])[] = [
  [0, 10],
  [12 * 60, 30],
  [24 * 60, 120],
  [72 * 60, 12 * 60],
  [7 * 24 * 60, 24 * 60],
  [30 * 24 * 60, 7 * 24 * 60],
];
/** From here on, one band: a year. */
const LAST = 365 * 24 * 60;

/** The lower edge (minutes) of the band that `minutes` falls in; a response before the report counts as 0. */
export function bandOf(minutes: number): number {
  if (!(minutes > 0)) return 0;
  if (minutes >= LAST) return LAST;
  let i = SEGMENTS.length - 1;
  while (SEGMENTS[i]![0] > minutes) i--;
  const [from, step] = SEGMENTS[i]!;
  return Math.min(from + Math.floor((minutes - from) / step) * step, LAST);
}

/** The width (minutes) of the band whose lower edge is `lo`; 0 for the last one, which has no upper edge. */
export function bandWidth(lo: number): number {
  if (lo >= LAST) return 0;
  let i = SEGMENTS.length - 1;
  while (SEGMENTS[i]![0] > lo) i--;
  return Math.min(SEGMENTS[i]![1], LAST - lo);
}

/** The resolution, in hours, of a percentile read from the bands at `hours`: the width of its band. */
export function resolutionAt(hours: number): number {
  return bandWidth(bandOf(hours * 60)) / 60;
}

/** Per band (lower edge, minutes): the number of cases and the sum of their seconds to the first response. */
export type Bands = Map<number, { n: number; seconds: number }>;

/** Adds a band's count and seconds into `bands`. */
export function addBand(bands: Bands, lo: number, n: number, seconds: number): void {
  const b = bands.get(lo);
  if (b) {
    b.n += n;
    b.seconds += seconds;
  } else bands.set(lo, { n, seconds });
}

/**
 * The p-quantile (0..1) in hours, as percentile_cont gives it over the cases' hours (linear interpolation between
 * ranks), with each band's c cases taken as spread evenly across the band and shifted to their known mean
 * (kept within the band): a band of one case gives its exact value. Null when no case is counted.
 */
export function percentileOfBands(bands: Bands, p: number): number | null {
  const sorted = [...bands.entries()].filter(([, b]) => b.n > 0).sort((a, b) => a[0] - b[0]);
  let before = 0;
  const ranked: RankedBand[] = sorted.map(([lo, { n, seconds }]) => {
    const band = { lo, n, seconds, before };
    before += n;
    return band;
  });
  return percentileOfRankedBands(ranked, before, p);
}

/** A band with the number of cases in the bands below it: its cases hold the ranks before … before + n - 1. */
export interface RankedBand {
  lo: number;
  n: number;
  seconds: number;
  before: number;
}

/**
 * percentileOfBands from the bands around the ranks it reads (those holding ranks floor(p(total - 1)) and the
 * next), each with its count of cases below: what the SQL of timelinessSets returns, one row a group, instead of
 * every band. The same arithmetic, so the same value to the last bit.
 */
export function percentileOfRankedBands(bands: readonly RankedBand[], total: number, p: number): number | null {
  if (total === 0) return null;
  const valueAt = (k: number): number => {
    for (const { lo, n, seconds, before } of bands) {
      if (before <= k && k < before + n) {
        const width = bandWidth(lo);
        const mean = seconds / n / 60;
        const even = lo + ((k - before + 0.5) * width) / n;
        const minutes = width === 0 ? mean : Math.min(lo + width, Math.max(lo, even + mean - (lo + width / 2)));
        return minutes / 60;
      }
    }
    throw new Error(`no band holds rank ${k} of ${total}`);
  };
  const rank = p * (total - 1);
  const below = Math.floor(rank);
  const low = valueAt(below);
  return below === rank ? low : low + (rank - below) * (valueAt(below + 1) - low);
}

/** The dashboard's histogram over HOURS_BUCKET_EDGES, exact: every edge is an edge of the bands. */
export function coarseHistogram(bands: Bands): number[] {
  const out: number[] = HOURS_BUCKET_EDGES.map(() => 0).concat(0);
  for (const [lo, { n }] of bands) {
    const i = HOURS_BUCKET_EDGES.findIndex((edge) => lo < edge * 60);
    out[i === -1 ? HOURS_BUCKET_EDGES.length : i]! += n;
  }
  return out;
}
