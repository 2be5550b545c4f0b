/**
 * Automatic re-baselining against runcharter's own expected tables (github.com/johnmackintosh/
 * runcharter, version 0.2.0.9000, commit 5f28f68, tests/testthat/test_outputs.R): the `sustained`
 * table of `runcharter(signals, med_rows = 9, runlength = 9, direction = ...)` for "both", "above"
 * and "below", with `runlength = 0`, and the weekly `highlights` case with the defaults
 * (med_rows 13, runlength 9, direction "both"). Data: runcharter's data/signals.rda (four wards,
 * monthly 2014-01-01 to 2018-07-01, read with R 4.2.2) and the `highlights` data frame written out
 * in test_outputs.R. Dates are turned into 0-based point indices; runcharter's `extend_to` (the next
 * phase's first date, or the last date) is compared with our `extendTo` (the point before the next
 * phase, or the last point).
 */
import { CoreError, rebaseline, type RebaselineDirection } from "../../src/core/index";

/** runcharter data/signals.rda, y by ward in date order (2014-01-01 to 2018-07-01, monthly). */
const SIGNALS: Record<string, number[]> = {
  WardV: [5, 3, 3, 12, 1, 7, 13, 10, 19, 13, 14, 1, 6, 13, 17, 15, 15, 15, 10, 5, 18, 11, 13, 2, 12, 2, 7, 9, 14, 3, 18, 4, 5, 6, 10, 18, 15, 5, 9, 10, 11, 15, 4, 4, 11, 11, 13, 4, 15, 17, 15, 7, 20, 18, 6],
  WardX: [9, 22, 19, 18, 8, 7, 11, 11, 11, 12, 2, 8, 9, 6, 7, 11, 11, 11, 21, 12, 21, 12, 21, 13, 5, 6, 4, 15, 12, 7, 14, 7, 9, 13, 13, 7, 5, 4, 10, 4, 9, 4, 8, 6, 9, 9, 4, 5, 2, 6, 16, 8, 7, 6, 4],
  WardY: [11, 18, 5, 14, 12, 14, 23, 9, 9, 13, 4, 16, 19, 18, 20, 19, 19, 18, 11, 8, 18, 15, 3, 12, 17, 11, 15, 21, 15, 9, 6, 9, 6, 17, 12, 15, 9, 20, 9, 17, 15, 10, 12, 14, 16, 7, 3, 8, 11, 7, 9, 8, 8, 7, 8],
  WardZ: [2, 6, 3, 4, 5, 9, 4, 4, 3, 6, 3, 4, 5, 6, 9, 11, 7, 9, 4, 4, 3, 5, 12, 4, 4, 3, 4, 3, 7, 4, 5, 4, 5, 6, 1, 3, 9, 7, 10, 3, 4, 6, 10, 9, 12, 9, 4, 7, 6, 5, 9, 10, 5, 8, 16],
};
/** Month index of an ISO date, counted from 2014-01 (index 0). */
const month = (iso: string): number => (Number(iso.slice(0, 4)) - 2014) * 12 + Number(iso.slice(5, 7)) - 1;

type Row = [grp: string, median: number, start: string, end: string, extendTo: string, runType: "baseline" | "sustained"];
/** The expected `sustained` tables of test_outputs.R (checkDT, checkDT1, checkDT2, checkDT3). */
const EXPECTED: Array<[label: string, direction: RebaselineDirection, runLength: number, rows: Row[]]> = [
  ["checkDT: direction both", "both", 9, [
    ["WardV", 7, "2014-01-01", "2014-09-01", "2018-07-01", "baseline"],
    ["WardX", 11, "2014-01-01", "2014-09-01", "2016-12-01", "baseline"],
    ["WardY", 12, "2014-01-01", "2014-09-01", "2017-10-01", "baseline"],
    ["WardZ", 4, "2014-01-01", "2014-09-01", "2017-06-01", "baseline"],
    ["WardX", 6, "2016-12-01", "2017-08-01", "2018-07-01", "sustained"],
    ["WardY", 8, "2017-10-01", "2018-06-01", "2018-07-01", "sustained"],
    ["WardZ", 9, "2017-06-01", "2018-03-01", "2018-07-01", "sustained"],
  ]],
  ["checkDT1: direction above", "above", 9, [
    ["WardV", 7, "2014-01-01", "2014-09-01", "2018-07-01", "baseline"],
    ["WardX", 11, "2014-01-01", "2014-09-01", "2018-07-01", "baseline"],
    ["WardY", 12, "2014-01-01", "2014-09-01", "2018-07-01", "baseline"],
    ["WardZ", 4, "2014-01-01", "2014-09-01", "2017-06-01", "baseline"],
    ["WardZ", 9, "2017-06-01", "2018-03-01", "2018-07-01", "sustained"],
  ]],
  ["checkDT2: direction below", "below", 9, [
    ["WardV", 7, "2014-01-01", "2014-09-01", "2018-07-01", "baseline"],
    ["WardX", 11, "2014-01-01", "2014-09-01", "2016-12-01", "baseline"],
    ["WardY", 12, "2014-01-01", "2014-09-01", "2017-10-01", "baseline"],
    ["WardZ", 4, "2014-01-01", "2014-09-01", "2018-07-01", "baseline"],
    ["WardX", 6, "2016-12-01", "2017-08-01", "2018-07-01", "sustained"],
    ["WardY", 8, "2017-10-01", "2018-06-01", "2018-07-01", "sustained"],
  ]],
  ["checkDT3: runlength 0", "above", 0, [
    ["WardV", 7, "2014-01-01", "2014-09-01", "2018-07-01", "baseline"],
    ["WardX", 11, "2014-01-01", "2014-09-01", "2018-07-01", "baseline"],
    ["WardY", 12, "2014-01-01", "2014-09-01", "2018-07-01", "baseline"],
    ["WardZ", 4, "2014-01-01", "2014-09-01", "2018-07-01", "baseline"],
  ]],
];

describe.each(EXPECTED)("runcharter %s (signals, med_rows 9)", (_label, direction, runLength, rows) => {
  it.each(Object.keys(SIGNALS))("%s: same medians, start, end and extend_to", (ward) => {
    const result = rebaseline(SIGNALS[ward], { baseline: 9, runLength, direction });
    const expected = rows.filter((row) => row[0] === ward);
    const last = SIGNALS[ward].length - 1;
    expect(result.phases.map((p) => [p.kind, p.median, p.start, p.end, p.extendTo])).toEqual(
      expected.map(([, median, start, end, extendTo, kind], k) => [kind, median, month(start), month(end), k + 1 < expected.length ? month(extendTo) - 1 : Math.min(month(extendTo), last)]),
    );
  });
});

/** The weekly `highlights` data frame of test_outputs.R (metric, 2018-01-01 onwards, every 7 days). */
const HIGHLIGHTS = [
  100, 62.5, 100, 100, 100, 90, 90, 85.7, 87.5, 100, 100, 100, 100, 100, 71.4, 75, 83.3, 75, 90.9, 100, 90.9, 76.9, 81.8, 100, 100, 84.6, 100, 100, 100, 100, 100, 80, 91.7,
  87.5, 100, 100, 87.5, 85.7, 80, 66.7, 100, 80, 100, 85.7, 80, 100, 100, 81.8, 83.3, 66.7, 85.7, 100, 50, 100, 100, 75, 100, 80, 83.3, 100, 100, 100, 100, 100, 100,
];
const week = (iso: string): number => Math.round((Date.parse(iso) - Date.parse("2018-01-01")) / (7 * 86_400_000));

describe("runcharter checkDT6 (weekly highlights, defaults med_rows 13, runlength 9, direction both)", () => {
  const result = rebaseline(HIGHLIGHTS);

  it("re-baselines once: 100 (2018-01-01 to 2018-03-26), then 81.8 (2018-04-09 to 2018-06-25)", () => {
    expect(result.phases.map((p) => [p.kind, p.median, p.start, p.end, p.extendTo])).toEqual([
      ["baseline", 100, week("2018-01-01"), week("2018-03-26"), week("2018-04-09") - 1],
      ["sustained", 81.8, week("2018-04-09"), week("2018-06-25"), week("2019-03-25")],
    ]);
  });

  it("highlights the run's points that are off the old median (runcharter plots y != prev_median), and draws each median from its phase on", () => {
    const highlighted = result.highlighted.flatMap((flag, i) => (flag ? [i] : []));
    expect(highlighted).toEqual([14, 15, 16, 17, 18, 20, 21, 22, 25]);
    expect(result.centerLine[13]).toBe(100);
    expect(result.centerLine[14]).toBe(81.8);
    expect(result.centerLine[64]).toBe(81.8);
  });
});

describe("rebaseline: repeated shifts, blanks and bad options", () => {
  it("re-baselines repeatedly, skipping blanks and points on the median", () => {
    const values = [5, 5, 5, 4, 6, 8, null, 8, 5, 9, 8, 12, 12, 12, 12];
    const result = rebaseline(values, { baseline: 5, runLength: 4 });
    // run 1: 8, 8, 9, 8 above 5 (blank and the 5 on the median skipped) -> median 8
    expect(result.phases.map((p) => [p.median, p.start, p.end])).toEqual([
      [5, 0, 4],
      [8, 5, 10],
      [12, 11, 14],
    ]);
  });

  it("keeps the baseline alone when too few months follow it", () => {
    expect(rebaseline([1, 2, 3], { baseline: 2, runLength: 9 }).phases).toHaveLength(1);
  });

  it("refuses a bad baseline, run length or direction", () => {
    expect(() => rebaseline([1, 2], { baseline: 3 })).toThrow(new CoreError("invalid_option", "rebaseline: baseline 3 must be a whole number of months from 1 to 2"));
    expect(() => rebaseline([1, 2], { baseline: 1, runLength: -1 })).toThrow(/runLength -1/);
    expect(() => rebaseline([1, 2], { baseline: 1, direction: "up" as RebaselineDirection })).toThrow(/direction "up"/);
  });
});
