// How the browser doors write months and values, and the chart scales' edge rules.
import { linearScale, valueDomain } from "../../src/faculty/chart/scale";
import { formatPercent, formatValue, isoDate, shortMonth } from "../../src/web/format";

describe("format", () => {
  it("shortMonth(period) writes a month as 'Mar 26', and returns anything else as given", () => {
    expect(shortMonth("2026-03")).toBe("Mar 26");
    expect(shortMonth("2025-12")).toBe("Dec 25");
    expect(shortMonth("March")).toBe("March");
  });

  it("formatValue(value, unit) keeps 2 decimals under 10, 1 under 100, none from 100; '%' only for a percent; null is '–'", () => {
    expect([formatValue(0.6), formatValue(4.349), formatValue(87.25, "%"), formatValue(123.4), formatValue(1234.5, "per 1,000")]).toEqual(["0.60", "4.35", "87.3%", "123", "1,235"]);
    expect(formatValue(-12.34)).toBe("-12.3");
    expect([formatValue(null), formatValue(undefined), formatValue(Number.NaN)]).toEqual(["–", "–", "–"]);
  });

  it("formatPercent(value) rounds a share of teams to a whole percent; isoDate keeps the day", () => {
    expect([formatPercent(66.666), formatPercent(0), formatPercent(null)]).toEqual(["67%", "0%", "–"]);
    expect(isoDate("2026-04-15T09:30:00.000Z")).toBe("2026-04-15");
  });
});

describe("chart scales", () => {
  it("linearScale(domain, range) maps linearly, inverted ranges included; a zero-width domain maps to the middle", () => {
    expect(linearScale([0, 100], [140, 10])(50)).toBe(75);
    expect(linearScale([0, 100], [140, 10])(100)).toBe(10);
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5);
  });

  it("valueDomain pads by 10% of the span, never below 0 for non-negative data, capped at 100 for a percent, and holds the goal", () => {
    expect(valueDomain([50, 90], [95], { percent: true })).toEqual([45.5, 99.5]);
    const [lo, hi] = valueDomain([0.6, 2.6], [], { percent: false });
    expect([lo, hi].map((v) => Number(v.toFixed(9)))).toEqual([0.4, 2.8]);
    expect(valueDomain([2, 4], [], { percent: false })).toEqual([1.8, 4.2]);
    expect(valueDomain([0, 100], [], { percent: true })).toEqual([0, 100]);
    expect(valueDomain([-5, 5], [], { percent: false })).toEqual([-6, 6]);
    expect(valueDomain([], [95], { percent: true })).toEqual([0, 1]);
    expect(valueDomain([3, 3], [], { percent: false })).toEqual([2.7, 3.3]);
  });
});
