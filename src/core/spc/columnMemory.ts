/** Where `controlChart`'s result columns live: borrowed scratch memory, or new memory shared by columns. */

import { SCRATCH_MAX_LENGTH, type ScratchSlot, scratchFloat64, scratchUint32, scratchUint8 } from "../scratch";

/**
 * Where the result columns of one computation live: six `Float64Array`s (the value and the five
 * lines), three `Uint8Array`s (signal, baseline, included) and one `Uint32Array` (phase), each asked
 * for once. Working arrays that never reach the result always come from scratch.ts.
 */
export type ColumnMemory = { float64(slot: ScratchSlot): Float64Array; uint8(slot: ScratchSlot): Uint8Array; uint32(slot: ScratchSlot): Uint32Array };

/** Result columns in borrowed memory (see scratch.ts), for a caller that copies them out at once. */
export function borrowedColumns(n: number): ColumnMemory {
  return {
    float64: (slot) => scratchFloat64(slot, n),
    uint8: (slot) => scratchUint8(slot, n),
    uint32: (slot) => scratchUint32(slot, n),
  };
}

/**
 * Result columns in new memory. Short series take two allocations in all (one buffer of doubles,
 * one of flags and phases) instead of ten: each off-heap buffer costs about 3 µs to make and
 * collect (scratch.ts). Long ones get one array per column: there one 48 MB buffer for a million
 * points measured slower than six of 8 MB (analyzeRunChart + columns on a collected heap 183 against 64 ms, bench/core.ts).
 */
export function freshColumns(n: number): ColumnMemory {
  if (n > SCRATCH_MAX_LENGTH) return { float64: () => new Float64Array(n), uint8: () => new Uint8Array(n), uint32: () => new Uint32Array(n) };
  const doubles = new Float64Array(6 * n);
  const flags = new ArrayBuffer(7 * n); // the phases (4 bytes a point) first, so they stay aligned
  let nextDouble = 0;
  let nextFlag = 4 * n;
  return {
    float64: () => doubles.subarray(n * nextDouble, n * ++nextDouble),
    uint8: () => new Uint8Array(flags, (nextFlag += n) - n, n),
    uint32: () => new Uint32Array(flags, 0, n),
  };
}
