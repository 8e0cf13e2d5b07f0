// Pure, so the unit tests (which do not compile TSX) can reach it.
/** "2–3" for a range target, "100" otherwise. */
export function targetText(
  number: (n: number | null | undefined, digits?: number) => string,
  value: number | null | undefined,
  max: number | null | undefined,
): string {
  if (value === null || value === undefined) return '—';
  return max !== null && max !== undefined ? `${number(value, 2)}–${number(max, 2)}` : number(value, 2);
}
