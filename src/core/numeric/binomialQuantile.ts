/** The binomial quantile (R's `qbinom`), for the Anhøj crossings limit. */

import { CoreError } from "../errors";

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
