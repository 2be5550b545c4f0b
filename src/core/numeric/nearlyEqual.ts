/** Comparing decimal numbers honestly: equal within a relative tolerance. */

/** Relative tolerance for "the same number written in decimal" (issue 3: numbers compare honestly). */
export const RELATIVE_TOLERANCE = 1e-9;

/**
 * Whether two numbers are equal within {@link RELATIVE_TOLERANCE} of the larger magnitude (exactly
 * equal numbers, including zeros, always are). Used to decide that 87.2 lies ON the median
 * (87.1 + 87.3) / 2 even though float64 gives 87.19999999999999.
 *
 * @example
 * nearlyEqual(87.2, (87.1 + 87.3) / 2); // => true
 * nearlyEqual(Infinity, 5); // => false
 */
export function nearlyEqual(a: number, b: number): boolean {
  if (a === b) return true;
  // an infinity equals only itself (without this, Infinity would be "within tolerance" of anything)
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}
