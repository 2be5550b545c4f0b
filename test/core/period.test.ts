// The month (`YYYY-MM`) and the locking rule, each defined once in core and used by the contract's
// schema, the data store's routes, the admin command line and the task pane.
import {
  addMonths,
  checkPeriodChange,
  isPeriod,
  monthIndex,
  monthOf,
  monthRange,
  outsideCollaborative,
  Period,
  periodLockState,
  periodOfIndex,
  PERIOD_PATTERN,
  PERIOD_REASON_MAX_LENGTH,
  lateFrom,
  isDay,
  validateWorkbook,
  reportStatus,
} from "../../src/core/index";
import { previousMonth } from "../../src/taskpane/format";
import { collaborative as sheetCollaborative } from "./sheet/support";

const collaborative = { startMonth: "2026-01", endMonth: "2026-12", dueDay: 15, lockAfterDays: 60 };

describe("the month pattern, YYYY-MM", () => {
  it("accepts months 01 to 12 with a four-digit year and nothing else", () => {
    expect(["2026-01", "2026-12", "1999-07"].every(isPeriod)).toBe(true);
    expect(["2026-00", "2026-13", "2026-3", "26-03", "2026-03-01", " 2026-03", "2026/03", 202603, null].some(isPeriod)).toBe(false);
  });

  it("is the contract's Period schema (one pattern, one message)", () => {
    expect(Period.safeParse("2026-13").error?.issues[0].message).toBe("use a month written YYYY-MM, e.g. 2026-03");
    expect(Period.safeParse("2026-03").success).toBe(true);
    expect(PERIOD_PATTERN.exec("2026-03")?.slice(1)).toEqual(["2026", "03"]);
  });
});

describe("month arithmetic", () => {
  it("steps across year ends both ways", () => {
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2026-01", -13)).toBe("2024-12");
    expect(addMonths("2026-05", 0)).toBe("2026-05");
    expect(periodOfIndex(monthIndex("2026-01") - 1)).toBe("2025-12");
    expect(monthIndex("2027-02") - monthIndex("2026-11")).toBe(3);
  });

  it("lists every month of a range, and none when it is reversed", () => {
    expect(monthRange("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthRange("2026-02", "2026-01")).toEqual([]);
  });

  it("refuses a malformed month, naming the function", () => {
    expect(() => addMonths("2026-13", 1)).toThrow('addMonths: invalid month "2026-13" (use YYYY-MM)');
    expect(() => monthOf("March")).toThrow('monthOf: invalid date "March" (use YYYY-MM-DD)');
  });

  it("the task pane's 'month usually due' is core's previous month of the local date", () => {
    expect(previousMonth(new Date(2026, 0, 15))).toBe("2025-12");
    expect(previousMonth(new Date(2026, 6, 1))).toBe("2026-06");
  });
});

describe("checkPeriodChange: may an admin lock or reopen this month", () => {
  it("locks any month of the collaborative, a future one included, with an optional reason (trimmed)", () => {
    expect(checkPeriodChange(collaborative, "lock", "2026-12")).toEqual({ change: { period: "2026-12", action: "lock", reason: "" }, problems: [] });
    expect(checkPeriodChange(collaborative, "lock", "2026-01", "  quarter closed ").change).toEqual({ period: "2026-01", action: "lock", reason: "quarter closed" });
  });

  it("refuses a month outside the collaborative with PERIOD_OUTSIDE_COLLABORATIVE on the period", () => {
    for (const period of ["2025-12", "2027-01"]) {
      expect(checkPeriodChange(collaborative, "lock", period)).toEqual({
        change: null,
        problems: [{ code: "PERIOD_OUTSIDE_COLLABORATIVE", field: "period", message: `month ${period} is outside the collaborative (2026-01 to 2026-12): there is nothing to lock there` }],
      });
    }
    expect(outsideCollaborative(collaborative, "2026-06")).toBeNull();
  });

  it("a reopen needs a reason of at least 3 characters once trimmed; every problem is reported at once", () => {
    expect(checkPeriodChange(collaborative, "reopen", "2026-02", "late lab results").change?.reason).toBe("late lab results");
    for (const reason of [undefined, "", "  ab  "]) {
      expect(checkPeriodChange(collaborative, "reopen", "2026-02", reason).problems.map((p) => [p.code, p.field])).toEqual([["SCHEMA", "reason"]]);
    }
    expect(checkPeriodChange(collaborative, "reopen", "2030-02").problems.map((p) => p.field)).toEqual(["period", "reason"]);
  });

  it("refuses a malformed month and an over-long reason", () => {
    expect(checkPeriodChange(collaborative, "lock", "2026-2").problems).toEqual([{ code: "SCHEMA", field: "period", message: '"2026-2" is not a month written YYYY-MM, e.g. 2026-03' }]);
    expect(checkPeriodChange(collaborative, "lock", "2026-02", "x".repeat(PERIOD_REASON_MAX_LENGTH + 1)).problems[0]).toMatchObject({ field: "reason", message: "use at most 500 characters for the reason" });
    expect(checkPeriodChange(collaborative, "lock", "2026-02", "x".repeat(PERIOD_REASON_MAX_LENGTH)).problems).toEqual([]);
  });
});

describe("periodLockState: is a month closed to changes on a day", () => {
  it("locks by itself on its lock date (due date + lockAfterDays), not the day before", () => {
    // January is due 2026-02-15; + 60 days = 2026-04-16
    expect(periodLockState(collaborative, "2026-01", undefined, "2026-04-15")).toMatchObject({ locked: false, state: "open", dueDate: "2026-02-15", lockDate: "2026-04-16" });
    expect(periodLockState(collaborative, "2026-01", undefined, "2026-04-16")).toMatchObject({ locked: true, state: "auto" });
  });

  it("an admin's latest event wins over the automatic lock, both ways", () => {
    const reopen = { action: "reopen" as const, reason: "late data", at: "2026-05-01T09:00:00.000Z" };
    expect(periodLockState(collaborative, "2026-01", reopen, "2026-06-01")).toMatchObject({ locked: false, state: "reopened", reason: "late data", changedAt: reopen.at });
    const lock = { action: "lock" as const, reason: "", at: "2026-02-01T09:00:00.000Z" };
    expect(periodLockState(collaborative, "2026-01", lock, "2026-02-02")).toMatchObject({ locked: true, state: "manual" });
  });

  it("never locks by itself when lockAfterDays is 0", () => {
    expect(periodLockState({ dueDay: 15, lockAfterDays: 0 }, "2026-01", undefined, "2030-01-01")).toMatchObject({ locked: false, state: "open", lockDate: null });
  });
});

describe("reportStatus: on time, late, missing or not due (the pane's status card and the faculty grid)", () => {
  it("on time through the whole due day (UTC), late from the next day's first instant", () => {
    expect(reportStatus("2026-02-10T08:00:00.000Z", "2026-02-15", "2026-02-20")).toBe("on_time");
    expect(reportStatus("2026-02-15T23:59:59.999Z", "2026-02-15", "2026-02-20")).toBe("on_time");
    expect(reportStatus("2026-02-16T00:00:00.000Z", "2026-02-15", "2026-02-20")).toBe("late");
    expect(lateFrom("2026-12-31")).toBe("2027-01-01T00:00:00.000Z");
  });

  it("without a report: not due through the due day, missing after", () => {
    expect(reportStatus(null, "2026-02-15", "2026-02-14")).toBe("not_due");
    expect(reportStatus(null, "2026-02-15", "2026-02-15")).toBe("not_due");
    expect(reportStatus(null, "2026-02-15", "2026-02-16")).toBe("missing");
  });
});

describe("isDay: the one check of a YYYY-MM-DD day (asOf of the API and of validateWorkbook)", () => {
  it("accepts days that exist and nothing else", () => {
    expect(["2026-01-31", "2024-02-29", "2026-12-31"].every(isDay)).toBe(true);
    expect(["2026-02-29", "2026-04-31", "2026-13-01", "2026-3-1", "2026-03-01T00:00", 20260301].some(isDay)).toBe(false);
  });

  it("validateWorkbook refuses an asOf that does not exist, as the API's asOf does", () => {
    expect(() => validateWorkbook({ sheets: [], collaborative: sheetCollaborative, reportingMonth: "2026-02", asOf: "2026-02-31" })).toThrow(
      "validateWorkbook: invalid asOf: 2026-02-31 (use YYYY-MM-DD)",
    );
  });
});
