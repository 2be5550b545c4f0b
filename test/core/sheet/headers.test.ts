import { matchHeaders } from "../../../src/core/index";

describe("matchHeaders(headerRow)", () => {
  it("matchHeaders(row) finds the layout's own headers", () => {
    expect(matchHeaders(["Month", "Numerator", "Denominator", "Value", "Goal", "Annotation"])).toEqual({
      columns: { month: 0, numerator: 1, denominator: 2, value: 3, goal: 4, annotation: 5 },
      helpers: [],
      unmatched: [],
      periodUnit: "month",
    });
  });

  it.each([
    ["month", ["Month", "Period", "Date", "Reporting month", "Mo.", "MONTH", "  month ", "Month/Year", "reporting_period"]],
    ["numerator", ["Numerator", "Num", "Events", "Count", "Infections", "Number of infections", "# of falls", "Cases"]],
    ["denominator", ["Denominator", "Denom", "Line days", "Line-days", "Patients", "Opportunities", "Patient days", "Central line days", "Number of patients"]],
    ["value", ["Value", "Rate", "%", "Percent", "Percentage", "Result", "Infections per 1,000 line days", "% compliant", "Proportion"]],
    ["goal", ["Goal", "Target", "Aim", "Goal %", "Target rate"]],
    ["annotation", ["Annotation", "Notes", "Change tested", "Comment", "Comments", "PDSA", "PDSA cycle", "Changes tested / notes"]],
  ] as const)("matchHeaders(row) reads %s headers loosely", (role, headers) => {
    for (const header of headers) {
      const other = role === "month" ? "Value" : "Month";
      const { columns, unmatched } = matchHeaders([other, header]);
      expect([header, columns[role], unmatched]).toEqual([header, 1, []]);
    }
  });

  it("matchHeaders(row) recognises median, limits, mean and spread as helper columns, never as data", () => {
    const row = ["Week", "%", "median", "UCL", "LCL", "Mean", "SD", "Std Dev", "Average", "CL", "Upper control limit", "Lower limit", "Moving range", "Sigma"];
    const match = matchHeaders(row);
    expect(match.columns).toEqual({ month: 0, value: 1, median: 2 });
    expect(match.helpers.map((h) => [h.column, h.helper])).toEqual([
      [2, "median"],
      [3, "ucl"],
      [4, "lcl"],
      [5, "mean"],
      [6, "sd"],
      [7, "sd"],
      [8, "mean"],
      [9, "median"],
      [10, "ucl"],
      [11, "lcl"],
      [12, "movingRange"],
      [13, "sd"],
    ]);
    expect(match.unmatched).toEqual([]);
  });

  it("matchHeaders(row) says when the period column is headed Week, Quarter or Day", () => {
    expect(matchHeaders(["Week", "%"]).periodUnit).toBe("week");
    expect(matchHeaders(["Week ending", "%"]).periodUnit).toBe("week");
    expect(matchHeaders(["Quarter", "%"]).periodUnit).toBe("quarter");
    expect(matchHeaders(["Day", "%"]).periodUnit).toBe("day");
    expect(matchHeaders(["Date", "%"]).periodUnit).toBe("month");
    expect(matchHeaders(["%"]).periodUnit).toBeNull();
  });

  it("matchHeaders(row) prefers an exact name over a contained word, and the leftmost between equals", () => {
    expect(matchHeaders(["Month of report", "Month", "Rate"]).columns.month).toBe(1);
    const twice = matchHeaders(["Month", "Notes", "Comments", "Value"]);
    expect(twice.columns.annotation).toBe(1);
    expect(twice.unmatched).toEqual(["Comments"]);
  });

  it("matchHeaders(row) skips blank headers and lists the headers it can't place", () => {
    const match = matchHeaders(["", "Month", null, "Events", "Owner", 2026]);
    expect(match.columns).toEqual({ month: 1, numerator: 3 });
    expect(match.unmatched).toEqual(["Owner", "2026"]);
  });

  it("matchHeaders(row) ignores case, accents, spacing and punctuation", () => {
    expect(matchHeaders(["  MONTH: ", "Numérateur"]).columns.month).toBe(0);
    expect(matchHeaders(["month", "LINE_DAYS", "change-tested"]).columns).toEqual({ month: 0, denominator: 1, annotation: 2 });
  });
});
