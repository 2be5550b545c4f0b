/** Rounding as R rounds: half to even. */

/**
 * Round to the nearest integer, ties to even (IEC 60559 "round half to even"), which is what R's
 * `round()` does since R 4.0.0. `Math.round` sends every tie up (`Math.round(2.5) === 3`,
 * `Math.round(-2.5) === -2`), so it cannot be used where a figure must match R.
 *
 * Runs in O(1).
 *
 * @param value any number; `NaN` and infinities are returned unchanged
 * @returns the nearest integer, the even one on a tie
 * @example
 * roundHalfEven(2.5); // => 2
 * roundHalfEven(3.5); // => 4
 * roundHalfEven(-2.5); // => -2
 * roundHalfEven(7.4998); // => 7
 */
export function roundHalfEven(value: number): number {
  if (!Number.isFinite(value)) return value;
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
