/**
 * Configurable rules (issue 18): Making Data Count shift and trend lengths. NHSRplotthedots 0.2.2's
 * 7 stays the default (its 60 reference cases in makingDataCount.test.ts run with the defaults);
 * the Power BI SPC visual (AUS-DOH-Safety-and-Quality/PowerBI-SPC, docs/PatternDetection/shift.md:
 * "The SPC visual defaults this to a minimum of seven points, however this can be adjusted") is the
 * peer that lets users choose.
 */
import { CoreError, makingDataCount, mdcShift, mdcTrend } from "../../src/core/index";

describe("Making Data Count shift and trend lengths", () => {
  // six points above the mean of a stable stretch: a shift of 6, not of 7
  const values = [10, 11, 9, 10, 11, 9, 10, 12, 12, 12, 12, 12, 12, 8, 9];

  it("keeps NHSRplotthedots' 7 by default and flags a 6-point shift when asked", () => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mdcShift(values, mean).some(Boolean)).toBe(false);
    expect(mdcShift(values, mean, 6).map((flag, i) => (flag ? i : -1)).filter((i) => i >= 0)).toEqual([7, 8, 9, 10, 11, 12]);
    const points = makingDataCount(values, { improvementDirection: "increase", shiftLength: 6 }).points;
    expect(points[8].specialCauseType).toBe("7 Points Above CL"); // the peer's label names the rule
    expect(makingDataCount(values, { improvementDirection: "increase" }).points[8].specialCauseType).toBe("Common Cause");
  });

  it("flags a 5-point trend with trendLength 5, and not by default", () => {
    const rising = [3, 1, 2, 3, 4, 5, 2];
    expect(mdcTrend(rising).every((d) => d === 0)).toBe(true);
    expect(mdcTrend(rising, 5)).toEqual([0, 1, 1, 1, 1, 1, 0]);
    expect(makingDataCount(rising, { improvementDirection: "decrease", trendLength: 5 }).points[3].pointType).toBe("special_cause_concern");
  });

  it("refuses a length below 2 or not whole", () => {
    expect(() => makingDataCount([1, 2], { improvementDirection: "increase", shiftLength: 1 })).toThrow(
      new CoreError("invalid_option", "makingDataCount: shiftLength must be a whole number of points, 2 or more, got 1"),
    );
    expect(() => makingDataCount([1, 2], { improvementDirection: "increase", trendLength: 6.5 })).toThrow(/trendLength must be a whole number/);
  });
});
