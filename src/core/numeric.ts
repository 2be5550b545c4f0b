/**
 * Numeric helpers shared by every analysis in core: compensated summation, the median, and the
 * "equal within 1e-9 relative" comparison used to decide whether a point lies on a center line.
 */

import { CoreError } from "./errors";

/** Relative tolerance for "the same number written in decimal" (issue 3: numbers compare honestly). */
export const RELATIVE_TOLERANCE = 1e-9;

/**
 * Sum with Neumaier's compensated summation, so that the mean of decimal inputs is correctly rounded
 * in the cases where naive `sum / n` is one unit in the last place off (qicharts2 computes in R's
 * extended precision; see test/fixtures/README.md, gotcha 2).
 *
 * Runs in O(n).
 *
 * @example
 * compensatedSum([0.1, 0.2, 0.3]); // => 0.6
 */
export function compensatedSum(values: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const value of values) {
    const t = sum + value;
    if (Math.abs(sum) >= Math.abs(value)) compensation += sum - t + value;
    else compensation += value - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/**
 * Arithmetic mean with compensated summation; `NaN` for an empty list.
 *
 * @example
 * mean([1, 2, 3, 4]); // => 2.5
 */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return compensatedSum(values) / values.length;
}

/**
 * Median of a list of numbers (the list is copied, not changed); `NaN` for an empty list.
 * The middle pair of an even-length list is averaged as `(a + b) / 2`, as R's `median` does.
 *
 * Runs in O(n log n).
 *
 * @example
 * median([5, 1, 3, 2]); // => 2.5
 */
export function median(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

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

/**
 * Reorder `values[left..right]` in place so that `values[k]` holds the value it would hold if that
 * range were sorted ascending, everything before it is `<=` and everything after it is `>=`.
 * Floyd & Rivest's SELECT (Floyd RW, Rivest RL. "Algorithm 489: the algorithm SELECT". Commun ACM
 * 1975;18(3):173), which first narrows the range around k by sampling, so it needs about 1.5n
 * comparisons instead of quickselect's 3.4n. The values must not contain `NaN`.
 *
 * Used for O(n) medians: a million-point run chart needs no sort.
 *
 * Runs in O(n) expected time, O(log n) stack.
 *
 * @param values the numbers to partition (changed in place)
 * @param k the 0-based rank to place, `left <= k <= right`
 * @param left first index of the range (default 0)
 * @param right last index of the range, inclusive (default `values.length - 1`)
 * @returns `values[k]` after partitioning: the k-th smallest value of the range
 * @example
 * quickselect(Float64Array.from([9, 1, 8, 2, 7]), 2); // => 7
 */
export function quickselect(values: Float64Array, k: number, left = 0, right = values.length - 1): number {
  while (right > left) {
    if (right - left > 600) {
      // recurse on a sample-sized window expected to contain the k-th value
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      quickselect(values, k, newLeft, newRight);
    }
    const pivot = values[k];
    let i = left;
    let j = right;
    swap(values, left, k);
    if (values[right] > pivot) swap(values, right, left);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
    }
    if (values[left] === pivot) swap(values, left, j);
    else {
      j++;
      swap(values, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
  return values[k];
}

function swap(values: Float64Array, a: number, b: number): void {
  const t = values[a];
  values[a] = values[b];
  values[b] = t;
}

/**
 * Median of the first `length` entries of a typed array, found with {@link quickselect} (the entries
 * are reordered). The middle pair of an even count is averaged as `(a + b) / 2`, which is the
 * correctly rounded midpoint, as R's `median` gives. `NaN` when `length` is 0. The values must not
 * contain `NaN`.
 *
 * Runs in O(n) expected time, no extra memory beyond O(log n) stack.
 *
 * @param values the numbers (reordered in place)
 * @param length how many leading entries to use (default: all)
 * @returns the median
 * @example
 * medianInPlace(Float64Array.from([81.1, 81.3])); // => 81.19999999999999
 * medianInPlace(Float64Array.from([5, 1, 3, 2, 4])); // => 3
 */
export function medianInPlace(values: Float64Array, length = values.length): number {
  if (length <= 0) return Number.NaN;
  const mid = length >> 1;
  const upper = quickselect(values, mid, 0, length - 1);
  if (length % 2 === 1) return upper;
  let lower = values[0];
  for (let i = 1; i < mid; i++) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}

/**
 * Quantile function of the binomial distribution: the smallest integer `c` in `0..trials` with
 * `P(X <= c) >= probability` for `X ~ Binomial(trials, successProbability)`. This is R's
 * `qbinom(probability, trials, successProbability)`; the Anhøj crossings limit is
 * `qbinom(0.05, n - 1, 0.5)` (Chen 2010; Anhøj & Olesen 2014).
 *
 * Up to 1,000 trials the distribution is summed exactly from 0 (relative error about 1e-13).
 * Beyond that the search starts from the normal approximation and the point probabilities come
 * from Loader's saddle-point formula (Loader 2000, "Fast and accurate computation of binomial
 * probabilities", as used by R's `dbinom`), summed over the few thousand terms that matter.
 *
 * Runs in O(min(trials, 1000)) for small counts and about O(sqrt(trials)) beyond.
 *
 * @param probability the lower-tail probability, in (0, 1)
 * @param trials number of trials, an integer >= 0
 * @param successProbability success probability of one trial, in (0, 1) (default 0.5)
 * @returns the quantile, an integer from 0 to `trials`
 * @throws {CoreError} invalid_option when an argument is out of range
 * @example
 * binomialQuantile(0.05, 23, 0.5); // => 8
 * binomialQuantile(0.05, 0, 0.5); // => 0
 * binomialQuantile(0.05, 999999, 0.5); // => 499177
 */
export function binomialQuantile(probability: number, trials: number, successProbability = 0.5): number {
  if (!(probability > 0 && probability < 1)) {
    throw new CoreError("invalid_option", `binomialQuantile: invalid probability ${String(probability)} (expected a number between 0 and 1)`);
  }
  if (!Number.isInteger(trials) || trials < 0) {
    throw new CoreError("invalid_option", `binomialQuantile: invalid trials ${String(trials)} (expected an integer >= 0)`);
  }
  if (!(successProbability > 0 && successProbability < 1)) {
    throw new CoreError(
      "invalid_option",
      `binomialQuantile: invalid successProbability ${String(successProbability)} (expected a number between 0 and 1)`,
    );
  }
  if (trials === 0) return 0;
  const p = successProbability;
  const q = 1 - p;
  const ratio = p / q;
  if (trials <= 1000) {
    let pmf = Math.pow(q, trials);
    if (pmf > 0) {
      let cdf = pmf;
      let c = 0;
      while (cdf < probability && c < trials) {
        pmf *= ((trials - c) / (c + 1)) * ratio;
        c++;
        cdf += pmf;
      }
      return c;
    }
  }
  // Large counts: start near the normal approximation, then walk to the exact answer.
  const sd = Math.sqrt(trials * p * q);
  let c = Math.max(0, Math.min(trials, Math.floor(trials * p + normalQuantile(probability) * sd)));
  let cdf = binomialCdfAt(c, trials, p);
  if (cdf >= probability) {
    while (c > 0) {
      const below = cdf - binomialPmf(c, trials, p);
      if (below < probability) break;
      cdf = below;
      c--;
    }
    return c;
  }
  while (c < trials && cdf < probability) {
    c++;
    cdf += binomialPmf(c, trials, p);
  }
  return c;
}

/** P(X <= k) summed downward from k until the terms no longer change the sum. */
function binomialCdfAt(k: number, trials: number, p: number): number {
  const backRatio = (1 - p) / p;
  let term = binomialPmf(k, trials, p);
  let sum = term;
  for (let j = k; j > 0 && term > sum * 1e-17; j--) {
    term *= (j / (trials - j + 1)) * backRatio;
    sum += term;
  }
  return sum;
}

/** Binomial point probability by Loader's saddle-point expansion (accurate to a few ulps). */
function binomialPmf(k: number, trials: number, p: number): number {
  const q = 1 - p;
  if (k === 0) return Math.pow(q, trials);
  if (k === trials) return Math.pow(p, trials);
  const lc =
    stirlingError(trials) - stirlingError(k) - stirlingError(trials - k) - devianceTerm(k, trials * p) - devianceTerm(trials - k, trials * q);
  return Math.exp(lc) * Math.sqrt(trials / (2 * Math.PI * k * (trials - k)));
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln(n!) - ln(sqrt(2 pi n) (n/e)^n), the error of Stirling's formula, for integer n >= 1. */
function stirlingError(n: number): number {
  if (n <= 15) {
    let logFactorial = 0;
    for (let i = 2; i <= n; i++) logFactorial += Math.log(i);
    return logFactorial - (n + 0.5) * Math.log(n) + n - LOG_SQRT_2PI;
  }
  // Stirling's series: 1/12n - 1/360n^3 + 1/1260n^5 - 1/1680n^7 + 1/1188n^9
  const nn = n * n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / nn) / nn) / nn) / nn) / n;
}

/** x ln(x / m) + m - x, computed without cancellation when x is close to m (Loader 2000). */
function devianceTerm(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * Standard normal quantile by Acklam's rational approximation (relative error below 1.2e-9); used
 * only as a starting point for searches, never as a final answer.
 */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const r = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const r = p - 0.5;
  const s = r * r;
  return ((((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r) / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
}
