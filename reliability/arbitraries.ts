// fast-check generators of what a hostile or careless client sends: reports that are nearly right
// (known and unknown measures, months in and out of the collaborative, figures that are negative,
// huge, subnormal, text or missing, annotations with NUL and other control characters, unknown
// fields), any JSON at all, and bodies that are not JSON; and measure sheets as a person lays them
// out by hand (headers moved or missing, months as text, date serials or nonsense, numbers as text,
// percentages, Excel errors, blanks).

import fc from "fast-check";

/** Months around the campaign's (`months`: the ones it reports), plus malformed ones. */
export function monthArb(months: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...months) },
    { weight: 1, arbitrary: fc.constantFrom("1999-01", "2099-12", "2026-13", "2026-00", "2026-1", "", "last month") },
  );
}

const figure: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 120 }) },
  { weight: 2, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 5e-324, 1.5e308, 1e308, -1.5e308, Number.MAX_SAFE_INTEGER, 0.1 + 0.2) },
  { weight: 1, arbitrary: fc.constantFrom(null, "12", "12%", "n/a", true, [], {}) },
);

const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom("\u0000", "a\u0000b", "=HYPERLINK(\"x\")", "<script>alert(1)</script>", "'; DROP TABLE submissions; --", "\ud800", "x".repeat(5000)) },
);

export function pointArb(months: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      measureId: fc.constantFrom("bundle", "harm", "bundle", "harm", "unknown-measure", "", "BUNDLE"),
      period: monthArb(months),
      numerator: figure,
      denominator: figure,
      value: figure,
      annotation: text,
      retract: fc.record({ reason: text }, { requiredKeys: [] }),
      patientId: fc.string({ maxLength: 8 }),
    },
    { requiredKeys: ["measureId", "period"] },
  );
}

/** A report, nearly right or not. */
export function reportArb(months: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      reportingMonth: monthArb(months),
      points: fc.array(pointArb(months), { maxLength: 6 }),
      narrative: fc.record({ changesTested: text, lessons: text, barriers: text, helpWanted: text, extra: text }, { requiredKeys: [] }),
      selfAssessment: fc.oneof(fc.constantFrom(0.5, 1, 3.5, 5), fc.double({ noNaN: true }), fc.constant("4")),
      client: fc.record({ name: text, version: text }, { requiredKeys: [] }),
    },
    { requiredKeys: ["reportingMonth", "points"] },
  );
}

/** A request body: a report (mostly), any JSON, or text that is not JSON. */
export function bodyArb(months: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: reportArb(months).map((r) => JSON.stringify(r)) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  );
}

const cell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 120 }) },
  { weight: 2, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom("12", "12%", "n/a", "#DIV/0!", "-", "0.5", true, 1e308, 5e-324) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** A month cell: text months, a date serial (Excel's 1900 system), a week, nonsense or blank. */
function monthCellArb(months: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...months) },
    { weight: 1, arbitrary: fc.integer({ min: 45000, max: 47000 }) },
    { weight: 1, arbitrary: fc.constantFrom("Week 3", "Total", "", "2026-13", "Jan", "03/04/2026", "2099-01") },
  );
}

const HEADERS = ["Month", "Numerator", "Denominator", "Value", "Annotation", "Median", "Goal", "Notes"];

/** A sheet's values: an optional title row, a header row of some of the usual columns in any order, then rows. */
export function sheetArb(months: readonly string[]): fc.Arbitrary<unknown[][]> {
  return fc
    .record({
      title: fc.boolean(),
      headers: fc.shuffledSubarray(HEADERS, { minLength: 1 }),
      rows: fc.integer({ min: 0, max: 8 }),
    })
    .chain(({ title, headers, rows }) =>
      fc.array(fc.tuple(...headers.map((h) => (h === "Month" ? monthCellArb(months) : h === "Annotation" || h === "Notes" ? fc.oneof(text, fc.constant("")) : cell))), { minLength: rows, maxLength: rows }).map((body) => {
        const grid: unknown[][] = [];
        if (title) grid.push(["Measure sheet", ...headers.slice(1).map(() => "")]);
        grid.push([...headers]);
        for (const row of body) grid.push([...row]);
        return grid;
      }),
    );
}
