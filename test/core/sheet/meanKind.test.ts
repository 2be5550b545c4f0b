// One definition of a `mean` point (core's resolvePoint): the value the team types, n as an optional
// Denominator, no numerator. The measure-sheet reader and checkSubmission (what the data store runs)
// must refuse and accept the same rows.
import { checkSubmission, CollaborativeDefinition, toSubmission } from "../../../src/core/index";
import { los, read } from "./support";

const collaborative = CollaborativeDefinition.parse({ id: "los-2026", name: "LOS", startMonth: "2026-01", endMonth: "2026-12", measures: [los] });

describe("a mean measure, from the sheet and through checkSubmission", () => {
  const reading = read(
    [
      ["Month", "Numerator", "Denominator", "Value"],
      ["2026-01", "", 40, 4.2], // the mean with its n: fine
      ["2026-02", "", "", 3.9], // the mean alone: fine
      ["2026-03", 160, 38, ""], // a sum and n, no mean: refused
      ["2026-04", 120, 30, 4], // a sum beside the mean: refused (no numerator on a mean)
      ["2026-05", "", 35, ""], // n without its mean: refused
    ],
    { measure: los, sheetName: "LOS" },
  );

  it("the reader refuses the sum (NUMERATOR_NOT_USED) and a missing mean (MISSING_VALUE), cell by cell", () => {
    expect(reading.issues.map((i) => [i.period, i.code, i.address])).toEqual([
      ["2026-03", "NUMERATOR_NOT_USED", "B4"],
      ["2026-03", "MISSING_VALUE", "D4"],
      ["2026-04", "NUMERATOR_NOT_USED", "B5"],
      ["2026-05", "MISSING_VALUE", "D6"],
    ]);
    expect(reading.issues[0].message).toBe(
      "B4: a mean has no numerator, but 2026-03 has 160 here — type the month's mean in Value (and the number of cases in Denominator), then clear this cell",
    );
  });

  it("checkSubmission refuses exactly the months the reader refuses, with NUMERATOR_NOT_USED on the same rows", () => {
    const { submission } = toSubmission({ sheets: [{ measureId: "los", reading }], reportingMonth: "2026-05" });
    const conflicts = checkSubmission(submission, collaborative, { asOf: "2026-06-10" }).filter((c) => c.severity === "error");
    const refused = (list: ReadonlyArray<{ period: string | null }>) => [...new Set(list.map((c) => c.period))];
    expect(refused(conflicts)).toEqual(refused(reading.issues));
    expect(conflicts.filter((c) => c.code === "NUMERATOR_NOT_USED").map((c) => c.period)).toEqual(["2026-03", "2026-04"]);
  });
});
