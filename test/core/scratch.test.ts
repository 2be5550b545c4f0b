// Borrowed working memory (src/core/scratch.ts) must never show through: a result is the same
// whatever ran before it, a result never changes when later calls run, and series longer than the
// pool's limit give the same figures as short ones.
import { analyzeRunChart, controlChart, controlChartColumns, type ControlChartInput } from "../../src/core";
import { SCRATCH_MAX_LENGTH, ScratchSlot, scratchFloat64, scratchUint8 } from "../../src/core/scratch";

const columnsCopy = (input: ControlChartInput) => {
  const c = controlChartColumns(input);
  return { ...c, value: Array.from(c.value), centerLine: Array.from(c.centerLine), lcl: Array.from(c.lcl), ucl: Array.from(c.ucl), sigmaSignal: Array.from(c.sigmaSignal), phase: Array.from(c.phase), included: Array.from(c.included), baseline: Array.from(c.baseline) };
};

const OTHERS: ControlChartInput[] = [
  { chart: "p", values: [3, 4, 12, 5, 6, 2, 8, 1, 0], denominators: [20, 20, 30, 25, 20, 10, 40, 15, 9] },
  { chart: "up", values: [3, 4, 12, 5, 6, 2, 8, 1, 0], denominators: [20, 20, 30, 25, 20, 10, 40, 15, 9] },
  { chart: "t", values: [2.5, 7, 1.2, 9, 3, 4.4, 11] },
  { chart: "g", values: [0, 4, 12, 3, 30, 2, 7], baseline: 5 },
  { chart: "mr", values: [5, 9, 2, 8, 1, 7] },
  { chart: "i", values: [10, 12, null, 9, 30, 11, 10, 13], exclude: [4], phases: [5] },
];

describe("borrowed working memory (scratch.ts)", () => {
  const series: (number | null)[] = [81, 79.5, 83, null, 80.2, 84.1, 85, 86.3, 85.9, 87, 88.2, 87.5, 89, 90.1, 88.8, 91, 90.5, 92, 91.7, 93, 92.2, 94, 93.1, 95];

  it("gives the same control chart and run chart whatever ran before", () => {
    const before = { i: controlChart({ chart: "i", values: series }), runs: analyzeRunChart(series, { baseline: 12 }), p: controlChart(OTHERS[0]!) };
    for (const other of OTHERS) {
      controlChart(other);
      controlChartColumns(other);
      analyzeRunChart(other.values);
    }
    expect(controlChart({ chart: "i", values: series })).toEqual(before.i);
    expect(analyzeRunChart(series, { baseline: 12 })).toEqual(before.runs);
    expect(controlChart(OTHERS[0]!)).toEqual(before.p);
  });

  it("never changes a result already returned when later calls run", () => {
    const first = controlChartColumns({ chart: "i", values: series, baseline: 12 });
    const copy = columnsCopy({ chart: "i", values: series, baseline: 12 });
    const points = controlChart({ chart: "c", values: [3, 5, 4, 6] });
    const pointsCopy = structuredClone(points);
    for (const other of OTHERS) {
      controlChart(other);
      controlChartColumns(other);
    }
    controlChartColumns({ chart: "i", values: series.map((v) => (v === null ? null : -v)) });
    expect(Array.from(first.value)).toEqual(copy.value);
    expect(Array.from(first.centerLine)).toEqual(copy.centerLine);
    expect(Array.from(first.ucl)).toEqual(copy.ucl);
    expect(Array.from(first.sigmaSignal)).toEqual(copy.sigmaSignal);
    expect(Array.from(first.baseline)).toEqual(copy.baseline);
    expect(Array.from(first.phase)).toEqual(copy.phase);
    expect(points).toEqual(pointsCopy);
  });

  it("keeps the columns of one result apart, though they share two buffers", () => {
    const c = controlChartColumns({ chart: "i", values: [1, 3, 2, 4] });
    c.lcl.fill(-99);
    c.sigmaSignal.fill(7);
    expect(Array.from(c.ucl)).not.toContain(-99);
    expect(Array.from(c.centerLine)).not.toContain(-99);
    expect(Array.from(c.value)).toEqual([1, 3, 2, 4]);
    expect(Array.from(c.baseline)).toEqual([1, 1, 1, 1]);
    expect(Array.from(c.included)).toEqual([1, 1, 1, 1]);
    expect(Array.from(c.phase)).toEqual([0, 0, 0, 0]);
  });

  it("gives the same figures for a series longer than the pool's limit as pooled pieces of it would", () => {
    const n = SCRATCH_MAX_LENGTH + 10;
    const long = Array.from({ length: n }, (_, i) => 50 + ((i * 37) % 11) - (i % 5 === 0 ? 3 : 0));
    const objects = controlChart({ chart: "i", values: long, baseline: 24 });
    const columns = controlChartColumns({ chart: "i", values: long, baseline: 24 });
    const short = controlChart({ chart: "i", values: long.slice(0, 24), baseline: 24 });
    expect(objects.points.slice(0, 24).map((p) => [p.centerLine, p.ucl, p.lcl])).toEqual(short.points.map((p) => [p.centerLine, p.ucl, p.lcl]));
    expect(objects.points.map((p) => p.ucl)).toEqual(Array.from(columns.ucl));
  });

  it("hands out zero-filled arrays of the length asked, new ones above the limit", () => {
    const a = scratchFloat64(ScratchSlot.Median, 5);
    a.fill(3);
    expect(Array.from(scratchFloat64(ScratchSlot.Median, 5))).toEqual([0, 0, 0, 0, 0]);
    expect(scratchFloat64(ScratchSlot.Median, 7)).toHaveLength(7);
    const big = scratchUint8(ScratchSlot.Included, SCRATCH_MAX_LENGTH + 1);
    expect(big).not.toBe(scratchUint8(ScratchSlot.Included, SCRATCH_MAX_LENGTH + 1));
  });
});
