/**
 * The median of a stretch of a typed series without sorting or copying it: the center line of run
 * charts (and of g charts), for series up to millions of points.
 */

import { medianInPlace, quickselect } from "../numeric";
import { ScratchSlot, scratchFloat64 } from "../scratch";

/** Below this many points a plain copy and quickselect is as fast as anything cleverer. */
const SMALL_RANGE = 4096;

/** About how many evenly spaced points the bracket is estimated from. */
const SAMPLE_SIZE = 8192;

/**
 * Half-width of the bracket, in sample ranks. The rank of the true median within a random sample
 * of s points has a standard deviation of about sqrt(s)/2; 2·sqrt(s) is four of them, so a random
 * sample misses the median about once in 30,000 calls, and a miss only costs the fallback.
 */
const BRACKET_HALF_WIDTH = Math.ceil(2 * Math.sqrt(SAMPLE_SIZE));

/**
 * Median of `series[start..end)`, skipping `NaN` (missing) and, when `mask` is given, points whose
 * mask entry is 0; `NaN` when nothing is left. The middle pair of an even count is averaged as
 * `(a + b) / 2`, as R's `median` does. A zero median is always +0 (-0 and 0 compare equal, so
 * which of them a selection lands on depends on where they sit). The series is not changed.
 *
 * Why not copy and select: on long series the 8-byte-per-point copy that quickselect needs costs
 * more (allocation, page faults, garbage collection) than finding the median. So, after Floyd &
 * Rivest (1975, "Algorithm 489", Commun ACM 18:173), which narrows the search with a sample:
 *
 * 1. take about {@link SAMPLE_SIZE} evenly spaced points and sort them;
 * 2. take two values around the sample's median as a bracket `[low, high]`;
 * 3. in one pass, count the points below `low` and copy those inside the bracket (a few percent
 *    of them) into a small buffer;
 * 4. if the middle rank(s) fall inside the bracket, select them in the buffer; the counts are
 *    exact, so the answer is exactly the median, not an estimate.
 *
 * When the sample misled (periodic data aligned with the sample spacing, or one value repeated
 * across the bracket more often than the buffer holds) it falls back to a full copy and
 * quickselect, so the result never depends on the sample, only the time does.
 *
 * Runs in O(n) time: one counting pass plus a selection among about n / 20 values; allocates the
 * sample and a buffer of n / 6 values, about a quarter of which it fills (the full copy only for
 * short ranges and on fallback).
 *
 * @param series values, `NaN` for missing
 * @param start first index of the range
 * @param end one past the last index of the range
 * @param mask optional: only points with `mask[i] === 1` count
 * @returns the median, or `NaN` when no point counts
 * @example
 * medianOfRange(Float64Array.from([3, 1, NaN, 2, 8]), 0, 5, null); // => 2.5
 * medianOfRange(Float64Array.from([3, 1, NaN, 2, 8]), 0, 5, Uint8Array.from([1, 1, 1, 1, 0])); // => 2
 */
export function medianOfRange(series: Float64Array, start: number, end: number, mask: Uint8Array | null): number {
  return selectMedian(series, start, end, mask) + 0; // -0 + 0 is +0
}

/** {@link medianOfRange} before the sign of a zero result is settled. */
function selectMedian(series: Float64Array, start: number, end: number, mask: Uint8Array | null): number {
  if (end - start < SMALL_RANGE) return copyAndSelect(series, start, end, mask);
  const sample = evenSample(series, start, end, mask);
  if (sample.length < SAMPLE_SIZE / 4) return copyAndSelect(series, start, end, mask); // mostly missing
  sample.sort();
  const middle = sample.length >> 1;
  const low = sample[Math.max(0, middle - BRACKET_HALF_WIDTH)];
  const high = sample[Math.min(sample.length - 1, middle + BRACKET_HALF_WIDTH)];

  // Expected fill is 2·BRACKET_HALF_WIDTH / sample.length of the points; allow four times that.
  const capacity = Math.ceil(((end - start) * 8 * BRACKET_HALF_WIDTH) / sample.length) + 64;
  const inside = new Float64Array(capacity);
  let below = 0;
  let insideCount = 0;
  let count = 0;
  for (let i = start; i < end; i++) {
    if (mask !== null && mask[i] === 0) continue;
    const value = series[i];
    if (value !== value) continue;
    count++;
    // no branch on either comparison alone: each is true for about half the points
    below += +(value < low);
    if ((+(value >= low) & +(value <= high)) === 1) {
      if (insideCount < capacity) inside[insideCount] = value;
      insideCount++;
    }
  }

  const upperRank = count >> 1; // 0-based ranks of the middle pair (equal when count is odd)
  const lowerRank = (count - 1) >> 1;
  if (lowerRank < below || upperRank >= below + insideCount) return copyAndSelect(series, start, end, mask);
  if (low === high) return low; // every point in the bracket has this one value
  if (insideCount > capacity) return copyAndSelect(series, start, end, mask);
  const upper = quickselect(inside, upperRank - below, 0, insideCount - 1);
  if (lowerRank === upperRank) return upper;
  // quickselect left everything before the upper rank <= it: the lower middle is their maximum
  let lower = inside[0];
  for (let i = 1; i < upperRank - below; i++) if (inside[i] > lower) lower = inside[i];
  return (lower + upper) / 2;
}

/** The straightforward median: copy the counted points, then quickselect (short ranges, fallback). */
function copyAndSelect(series: Float64Array, start: number, end: number, mask: Uint8Array | null): number {
  const scratch = scratchFloat64(ScratchSlot.Median, Math.max(0, end - start));
  let count = 0;
  for (let i = start; i < end; i++) {
    const value = series[i];
    if (value === value && (mask === null || mask[i] === 1)) scratch[count++] = value;
  }
  return medianInPlace(scratch, count);
}

/** About {@link SAMPLE_SIZE} counted points taken at even spacing (missing and masked ones skipped). */
function evenSample(series: Float64Array, start: number, end: number, mask: Uint8Array | null): Float64Array {
  const step = (end - start) / SAMPLE_SIZE;
  const sample = new Float64Array(SAMPLE_SIZE);
  let taken = 0;
  for (let k = 0; k < SAMPLE_SIZE; k++) {
    const i = start + Math.floor(k * step);
    const value = series[i];
    if (value === value && (mask === null || mask[i] === 1)) sample[taken++] = value;
  }
  return sample.subarray(0, taken);
}
