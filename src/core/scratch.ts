/**
 * Reusable working memory for the typed arrays a computation on a short series needs and then drops.
 *
 * Why: V8 gives a typed array of more than 64 bytes (more than 8 doubles) its own off-heap
 * ArrayBuffer, which costs far more to make and collect than an array kept on the heap. A 24-point
 * control chart needs about a dozen such arrays, so their allocation was most of its time
 * (`npm run bench` times a thousand 24-point charts).
 * Series up to {@link SCRATCH_MAX_LENGTH} points borrow arrays here instead; longer ones allocate
 * as before (there the computation dominates, and a pool would keep megabytes alive for good).
 *
 * Rules that keep this safe (core is synchronous and calls no user code while it computes):
 * - each use takes its own {@link ScratchSlot}, so two arrays live at once never share memory;
 * - a borrowed array never leaves the function that borrowed it: results are always fresh memory;
 * - a borrowed array is zero-filled, like a new one.
 */

/** Series up to this many points borrow their working arrays; longer ones get new ones. */
export const SCRATCH_MAX_LENGTH = 4096;

/** One named use of working memory; two arrays alive at the same time must use different slots. */
export const ScratchSlot = Object.freeze({
  /** the input series (analyzeRunChart, controlChart) */
  Series: 0,
  /** controlChart: the denominators as given */
  Denominators: 1,
  /** controlChart: the plotted values (ratios, moving ranges) */
  Plotted: 2,
  /** controlChart: numerators of the points with both parts */
  Numerators: 3,
  /** controlChart: denominators of the points with both parts */
  PerPoint: 4,
  /** controlChart (object form): the lines */
  CenterLine: 5,
  Lcl: 6,
  Ucl: 7,
  Lcl95: 8,
  Ucl95: 9,
  /** t chart: the transformed values; Laney: the z-scores */
  Transformed: 10,
  /** median: the copy that quickselect reorders */
  Median: 11,
  /** controlChart: the points the limits come from */
  InBase: 12,
  /** controlChart: the included points */
  Included: 13,
  /** controlChart (object form): the flags and phases of the result */
  Signal: 14,
  Baseline: 15,
  Phase: 16,
});
export type ScratchSlot = (typeof ScratchSlot)[keyof typeof ScratchSlot];

type Typed = Float64Array | Uint8Array | Uint32Array;

/** Per slot: the buffer (grown as needed) and the view last handed out, reused while the length is the same. */
type Pool<T extends Typed> = { buffers: (T | undefined)[]; views: (T | undefined)[]; make: (n: number) => T };

function pool<T extends Typed>(make: (n: number) => T): Pool<T> {
  return { buffers: [], views: [], make };
}

const FLOAT64 = pool((n) => new Float64Array(n));
const UINT8 = pool((n) => new Uint8Array(n));
const UINT32 = pool((n) => new Uint32Array(n));

function borrow<T extends Typed>(from: Pool<T>, slot: ScratchSlot, n: number): T {
  if (n > SCRATCH_MAX_LENGTH) return from.make(n);
  let view = from.views[slot];
  if (view === undefined || view.length !== n) {
    let buffer = from.buffers[slot];
    if (buffer === undefined || buffer.length < n) from.buffers[slot] = buffer = from.make(Math.max(n, 64));
    from.views[slot] = view = buffer.subarray(0, n) as T;
  }
  view.fill(0);
  return view;
}

/**
 * A zero-filled `Float64Array` of length `n` for working data: borrowed from `slot` when `n` is at
 * most {@link SCRATCH_MAX_LENGTH}, otherwise new. Valid until the next borrow of the same slot.
 *
 * @example
 * Array.from(scratchFloat64(ScratchSlot.Median, 3)); // => [0, 0, 0]
 */
export function scratchFloat64(slot: ScratchSlot, n: number): Float64Array {
  return borrow(FLOAT64, slot, n);
}

/**
 * A zero-filled `Uint8Array` of length `n` for working flags, as {@link scratchFloat64}.
 *
 * @example
 * Array.from(scratchUint8(ScratchSlot.Included, 2)); // => [0, 0]
 */
export function scratchUint8(slot: ScratchSlot, n: number): Uint8Array {
  return borrow(UINT8, slot, n);
}

/**
 * A zero-filled `Uint32Array` of length `n` for working indices, as {@link scratchFloat64}.
 *
 * @example
 * Array.from(scratchUint32(ScratchSlot.Phase, 2)); // => [0, 0]
 */
export function scratchUint32(slot: ScratchSlot, n: number): Uint32Array {
  return borrow(UINT32, slot, n);
}
