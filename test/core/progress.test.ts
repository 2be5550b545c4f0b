import { countAtLeast, goalMet, isImproving, monthsAtGoal, percentAtLeast, progressFraction } from "../../src/core";
import { coreErrorCode } from "../support/coreErrorCode";


describe("progressFraction(baseline, current, goal)", () => {
  it("is the share of the distance from baseline to goal that is covered", () => {
    expect(progressFraction(40, 55, 70)).toBe(0.5);
    expect(progressFraction(40, 40, 70)).toBe(0);
    expect(progressFraction(40, 70, 70)).toBe(1);
  });

  it("works the same way when lower is better (goal below baseline)", () => {
    expect(progressFraction(12, 3, 0)).toBe(0.75);
    expect(progressFraction(12, 15, 0)).toBe(-0.25);
  });

  it("goes above 1 when the goal is beaten and below 0 when the measure moved the wrong way", () => {
    expect(progressFraction(40, 85, 70)).toBe(1.5);
    expect(progressFraction(40, 30, 70)).toBeCloseTo(-1 / 3, 15);
  });

  it("refuses a baseline equal to the goal (no distance to cover), also in decimal", () => {
    expect(() => progressFraction(50, 60, 50)).toThrow(
      "baseline equals goal (both 50): there is no distance to cover, so progress is undefined (division by zero); check the baseline and goal",
    );
    expect(() => progressFraction(0.3, 0.5, 0.1 + 0.2)).toThrow(/baseline equals goal/);
    expect(coreErrorCode(() => progressFraction(50, 60, 50))).toBe("invalid_value");
  });

  it("refuses arguments that are not finite numbers", () => {
    expect(() => progressFraction(Number.NaN, 1, 2)).toThrow("baseline must be a finite number, got NaN");
    expect(() => progressFraction(1, null as never, 2)).toThrow("current must be a finite number, got null");
  });
});

describe("goalMet(values, goal, direction, months) and monthsAtGoal(values, goal, direction)", () => {
  const compliance = [0.71, 0.8, 0.86, 0.91, null, 0.93, 0.95];

  it("goalMet is true when the last `months` non-blank points all meet the goal (blanks skipped)", () => {
    expect(goalMet(compliance, 0.9, "increase")).toBe(true);
    expect(goalMet(compliance, 0.9, "increase", 3)).toBe(true);
    expect(goalMet(compliance, 0.9, "increase", 4)).toBe(false);
  });

  it("a point at the goal meets it, also in decimal", () => {
    expect(goalMet([0.3, 0.3, 0.1 + 0.2], 0.3, "increase")).toBe(true);
    expect(goalMet([0.3, 0.3, 0.1 + 0.2], 0.3, "decrease")).toBe(true);
  });

  it("reads the goal in the direction of improvement", () => {
    expect(goalMet([5, 2, 1, 2], 2, "decrease")).toBe(true);
    expect(goalMet([5, 2, 1, 3], 2, "decrease")).toBe(false);
  });

  it("is false, not an error, when there are fewer points than months", () => {
    expect(goalMet([95, 96], 90, "increase")).toBe(false);
    expect(goalMet([], 90, "increase", 1)).toBe(false);
  });

  it("monthsAtGoal counts the latest points in a row meeting the goal", () => {
    expect(monthsAtGoal(compliance, 0.9, "increase")).toBe(3);
    expect(monthsAtGoal(compliance, 0.99, "increase")).toBe(0);
    expect(monthsAtGoal([1, 1, 1], 2, "decrease")).toBe(3);
    expect(monthsAtGoal([null, null], 2, "decrease")).toBe(0);
  });

  it("refuses a neutral direction, a bad months count and non-numbers", () => {
    expect(() => goalMet([1], 1, "neutral")).toThrow(`direction must be "increase" or "decrease" to judge a goal, got "neutral"`);
    expect(coreErrorCode(() => goalMet([1], 1, "neutral"))).toBe("invalid_option");
    expect(() => goalMet([1], 1, "increase", 0)).toThrow("months must be a whole number of at least 1, got 0");
    expect(() => goalMet([1], Number.NaN, "increase")).toThrow("goal must be a finite number, got NaN");
    expect(() => monthsAtGoal([1, "2" as never], 1, "increase")).toThrow("point 2 must be a finite number or null, got 2");
  });
});

describe("isImproving(values, direction, options)", () => {
  const before = [50, 52, 49, 51, 50, 48, 51, 49, 50, 52, 49, 51];

  it("a shift on the good side is improvement; on the bad side it is not", () => {
    const after = [...before, 55, 56, 54, 57, 55, 56];
    expect(isImproving(after, "increase", { baseline: 12 })).toBe(true);
    expect(isImproving(after, "decrease", { baseline: 12 })).toBe(false);
  });

  it("a trend the good way is improvement", () => {
    const falling = [...before, 47, 45, 44, 42, 40];
    expect(isImproving(falling, "decrease", { baseline: 12 })).toBe(true);
    expect(isImproving(falling, "increase", { baseline: 12 })).toBe(false);
  });

  it("too few runs counts when the latest useful point is on the good side", () => {
    // 20 useful points in 4 runs of 5 about the median 5: too few runs (the IHI table wants at
    // least 6), while no run is long enough for a shift and no 5 points rise or fall in a row
    const low = [3, 1, 4, 2, 3];
    const high = [8, 6, 9, 7, 8];
    const series = [...low, ...high, ...low, ...high];
    expect(isImproving(series, "increase")).toBe(true);
    expect(isImproving(series, "decrease")).toBe(false);
    // ending low instead, the same clustering is a loss for "increase" and a gain for "decrease"
    const endingLow = [...high, ...low, ...high, ...low];
    expect(isImproving(endingLow, "increase")).toBe(false);
    expect(isImproving(endingLow, "decrease")).toBe(true);
  });

  it("random variation is not improvement", () => {
    expect(isImproving(before, "increase")).toBe(false);
    expect(isImproving(before, "decrease")).toBe(false);
  });

  it("a neutral measure is never improving", () => {
    expect(isImproving([...before, 55, 56, 54, 57, 55, 56], "neutral", { baseline: 12 })).toBe(false);
  });

  it("blank months are skipped, never read as 0", () => {
    const withGaps = [...before, 55, null, 56, 54, null, 57, 55, 56];
    expect(isImproving(withGaps, "increase", { baseline: 12 })).toBe(true);
    expect(isImproving(withGaps, "decrease", { baseline: 12 })).toBe(false);
  });

  it("passes a bad baseline on as core's error", () => {
    expect(() => isImproving([1, 2, 3], "increase", { baseline: 9 })).toThrow(/invalid baseline 9/);
  });
});

describe("percentAtLeast(scores, threshold)", () => {
  it("is the percentage (0 to 100, the API's one percent scale) of scored teams at or above 4 by default", () => {
    expect(percentAtLeast([4, 3.5, 4.5, 2])).toBe(50);
    expect(percentAtLeast([4, 4, 4])).toBe(100);
    expect(percentAtLeast([1, 2])).toBe(0);
  });

  it("leaves teams not scored (null) out of both counts", () => {
    expect(percentAtLeast([4, null, null, 2])).toBe(50);
  });

  it("takes another threshold", () => {
    expect(percentAtLeast([3, 3.5, 2.5], 3)).toBeCloseTo(200 / 3, 12);
  });

  it("is null when no team is scored", () => {
    expect(percentAtLeast([])).toBeNull();
    expect(percentAtLeast([null, null])).toBeNull();
  });

  it("refuses scores and thresholds that are not finite numbers", () => {
    expect(() => percentAtLeast([4, Number.NaN])).toThrow("score 2 must be a finite number or null, got NaN");
    expect(() => percentAtLeast([4], Number.POSITIVE_INFINITY)).toThrow("threshold must be a finite number, got Infinity");
  });

  it("refuses a score off the IHI scale (0.5 to 5.0 in steps of 0.5), as QI.SCORELABEL does, naming which one", () => {
    expect(() => percentAtLeast([4, 3.7])).toThrow(
      "score 2 is 3.7, not a level of the IHI scale (0.5, 1.0, 1.5 ... 5.0): correct it, or leave the cell empty for a team not scored",
    );
    expect(() => percentAtLeast([35, null])).toThrow("score 1 is 35, not a level of the IHI scale");
    expect(() => percentAtLeast([0])).toThrow("score 1 is 0, not a level of the IHI scale");
    expect(percentAtLeast([0.5, 5], 5)).toBe(50);
  });
});

describe("countAtLeast(scores, threshold): the headline with its counts, as the data store's /scores answers it", () => {
  it("counts scored teams and those at 4 or above; the percent is 100 · atLeast / scored", () => {
    expect(countAtLeast([4.5, 2, 4, null])).toEqual({ scored: 3, atLeast: 2, percent: (100 * 2) / 3 });
    expect(countAtLeast([3.5, 5], 3.5)).toEqual({ scored: 2, atLeast: 2, percent: 100 });
  });

  it("is 0 of 0 with no percent when no team is scored", () => {
    expect(countAtLeast([])).toEqual({ scored: 0, atLeast: 0, percent: null });
  });

  it("refuses an off-scale score as percentAtLeast does", () => {
    expect(() => countAtLeast([4, 3.7])).toThrow("score 2 is 3.7, not a level of the IHI scale");
  });
});
