/**
 * Matching the header row of a hand-built measure sheet to the columns of a series. People write
 * "Month", "Mo.", "Reporting month" or "Week"; "Numerator", "Events" or "Infections"; "%" or "Rate".
 * The match is loose (case, spacing and punctuation do not matter) but helper columns that people
 * keep beside their data (median, control limits, mean, standard deviation) are never taken for data.
 */

/** The data columns of a series, as 0-based positions in the header row. */
export type HeaderColumns = {
  month?: number;
  numerator?: number;
  denominator?: number;
  value?: number;
  goal?: number;
  annotation?: number;
  /** A median (center line) helper column: recognised so that it is never read as data. */
  median?: number;
};

/** What a helper column holds. Helpers are computed from the data; they are never data themselves. */
export type HelperKind = "median" | "mean" | "ucl" | "lcl" | "sd" | "movingRange";

/** The result of {@link matchHeaders}. */
export type HeaderMatch = {
  columns: HeaderColumns;
  /** Every helper column (median, mean, control limits, standard deviation, moving range). */
  helpers: { column: number; header: string; helper: HelperKind }[];
  /** Non-blank headers that name no data or helper column, or a second column for a role already taken. */
  unmatched: string[];
  /**
   * What the period column's header says its periods are: "Week" → `"week"`. `"month"` for month-like
   * or neutral headers ("Month", "Period", "Date"); `null` when there is no period column.
   */
  periodUnit: "month" | "week" | "day" | "quarter" | "year" | null;
};

type DataRole = "month" | "numerator" | "denominator" | "value" | "goal" | "annotation";

/**
 * The synonyms, as data: `exact` names match the whole (normalised) header, `words` match a whole
 * word or phrase inside it ("Number of infections" → numerator). Roles are tried in this order, so
 * "Goal %" is a goal, "Notes on rate" an annotation and "Infections per 1,000 line days" a value.
 */
const ROLE_SYNONYMS: readonly { role: DataRole; exact: readonly string[]; words: readonly string[] }[] = [
  {
    role: "annotation",
    exact: ["annotation", "annotations", "note", "notes", "comment", "comments", "change tested", "changes tested",
      "pdsa", "pdsas", "pdsa cycle", "pdsa cycles", "intervention", "interventions", "change", "changes", "remarks"],
    words: ["annotation", "annotations", "note", "notes", "comment", "comments", "change", "changes", "pdsa",
      "intervention", "interventions", "remark", "remarks"],
  },
  {
    role: "goal",
    exact: ["goal", "target", "aim", "benchmark", "goal line", "target line"],
    words: ["goal", "target", "aim", "benchmark"],
  },
  {
    role: "month",
    exact: ["month", "months", "period", "date", "mo", "mon", "mth", "reporting month", "reporting period",
      "month year", "month ending", "yyyy mm", "time", "week", "weeks", "wk", "week number", "week no", "week #",
      "week ending", "quarter", "qtr", "year", "day"],
    words: ["month", "period", "date", "week", "quarter"],
  },
  {
    role: "value",
    exact: ["value", "values", "rate", "%", "percent", "percentage", "pct", "result", "results", "proportion", "ratio", "y"],
    words: ["rate", "%", "percent", "percentage", "pct", "proportion", "per", "ratio", "value", "result"],
  },
  {
    role: "denominator",
    exact: ["denominator", "denom", "den", "line days", "patients", "opportunities", "patient days", "device days",
      "catheter days", "total", "eligible", "discharges", "admissions", "population", "sample size"],
    words: ["denominator", "denom", "line days", "patient days", "device days", "catheter days", "ventilator days",
      "patients", "opportunities", "eligible", "discharges", "admissions", "population", "sample size"],
  },
  {
    role: "numerator",
    exact: ["numerator", "num", "numer", "events", "count", "counts", "infections", "cases", "#", "number",
      "falls", "deaths", "errors", "harms", "compliant", "met"],
    words: ["numerator", "events", "infections", "cases", "count", "falls", "deaths", "errors", "harms", "compliant"],
  },
];

/** Helper columns: a header that *is* one of these names, or contains one of the `words`. */
const HELPER_SYNONYMS: readonly { helper: HelperKind; exact: readonly string[]; words: readonly string[] }[] = [
  {
    helper: "median",
    exact: ["median", "cl", "center line", "centre line", "centerline", "centreline", "median line", "baseline median"],
    words: ["median"],
  },
  { helper: "ucl", exact: ["ucl", "upper control limit", "upper limit", "upper", "unpl", "upl"], words: ["ucl", "upper control limit", "upper limit"] },
  { helper: "lcl", exact: ["lcl", "lower control limit", "lower limit", "lower", "lnpl", "lpl"], words: ["lcl", "lower control limit", "lower limit"] },
  { helper: "mean", exact: ["mean", "average", "avg", "mean line", "average line", "x bar", "xbar"], words: [] },
  { helper: "sd", exact: ["sd", "std", "stdev", "std dev", "standard deviation", "sigma"], words: ["stdev", "standard deviation", "sigma"] },
  { helper: "movingRange", exact: ["mr", "moving range", "mr bar", "average moving range"], words: ["moving range"] },
];

/**
 * A header reduced to what matching looks at: lowercase, accents dropped, "%" and "#" kept as words,
 * every other run of punctuation or space one space.
 *
 * @example
 * normalizeHeader("Reporting  Month:"); // => "reporting month"
 */
export function normalizeHeader(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  return String(cell)
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/%/g, " % ")
    .replace(/#/g, " # ")
    .replace(/[^a-z0-9%#]+/g, " ")
    .trim();
}

function hasWords(header: string, phrase: string): boolean {
  return ` ${header} `.includes(` ${phrase} `);
}

/** The helper a header names, if any (exported for the reader, not part of the public surface). */
export function helperOf(header: string): HelperKind | null {
  for (const { helper, exact } of HELPER_SYNONYMS) if (exact.includes(header)) return helper;
  for (const { helper, words } of HELPER_SYNONYMS) if (words.some((w) => hasWords(header, w))) return helper;
  return null;
}

function roleOf(header: string): { role: DataRole; strength: number } | null {
  for (const { role, exact } of ROLE_SYNONYMS) if (exact.includes(header)) return { role, strength: 2 };
  for (const { role, words } of ROLE_SYNONYMS) if (words.some((w) => hasWords(header, w))) return { role, strength: 1 };
  return null;
}

function unitOf(header: string): NonNullable<HeaderMatch["periodUnit"]> {
  if (hasWords(header, "week") || hasWords(header, "weeks") || hasWords(header, "wk")) return "week";
  if (hasWords(header, "quarter") || hasWords(header, "qtr")) return "quarter";
  if (header === "year" || header === "yr") return "year";
  if (header === "day" || hasWords(header, "daily")) return "day";
  return "month";
}

/**
 * Which column of a header row holds the month, numerator, denominator, value, goal and annotation,
 * and which are helper columns. Matching ignores case, accents, spacing and punctuation:
 *
 * - month: "Month", "Period", "Date", "Reporting month", "Mo.", and "Week" (flagged in `periodUnit`)
 * - numerator: "Numerator", "Num", "Events", "Count", "Infections", "Number of falls"…
 * - denominator: "Denominator", "Denom", "Line days", "Patients", "Opportunities", "Patient days"…
 * - value: "Value", "Rate", "%", "Percent", "Result", "Infections per 1,000 line days"…
 * - goal: "Goal", "Target", "Aim"; annotation: "Annotation", "Notes", "Change tested", "Comment", "PDSA"
 * - helpers, never data: "median", "CL", "UCL", "LCL", "upper/lower limit", "mean", "average", "SD",
 *   "stdev", "sigma", "MR", "moving range"
 *
 * A header that is exactly a synonym beats one that merely contains it; between equals the leftmost
 * column wins and the others are listed in `unmatched`. Blank headers are skipped.
 *
 * Runs in O(columns × synonyms).
 *
 * @param headerRow one row of cell values
 * @returns positions (0-based, within `headerRow`) of each column found, helpers and leftovers
 * @example
 * matchHeaders(["Week", "%", "median", "UCL"]).columns; // => { month: 0, value: 1, median: 2 }
 * @example
 * matchHeaders(["Mo.", "Infections", "Line days", "Notes", "Owner"]).unmatched; // => ["Owner"]
 */
export function matchHeaders(headerRow: readonly unknown[]): HeaderMatch {
  const helpers: HeaderMatch["helpers"] = [];
  const claims: { column: number; text: string; role: DataRole; strength: number }[] = [];
  const unmatched: string[] = [];
  headerRow.forEach((cell, column) => {
    const header = normalizeHeader(cell);
    if (header === "") return;
    const text = String(cell).trim();
    const helper = helperOf(header);
    if (helper !== null) {
      helpers.push({ column, header: text, helper });
      return;
    }
    const role = roleOf(header);
    if (role === null) unmatched.push(text);
    else claims.push({ column, text, ...role });
  });

  const columns: HeaderColumns = {};
  let periodUnit: HeaderMatch["periodUnit"] = null;
  for (const { role } of ROLE_SYNONYMS) {
    const candidates = claims.filter((c) => c.role === role);
    if (candidates.length === 0) continue;
    const best = candidates.reduce((a, b) => (b.strength > a.strength ? b : a));
    columns[role] = best.column;
    if (role === "month") periodUnit = unitOf(normalizeHeader(headerRow[best.column]));
    for (const c of candidates) if (c !== best) unmatched.push(c.text);
  }
  const median = helpers.find((h) => h.helper === "median");
  if (median !== undefined) columns.median = median.column;
  const ordered: HeaderColumns = {};
  for (const key of ["month", "numerator", "denominator", "value", "goal", "annotation", "median"] as const) {
    const at = columns[key];
    if (at !== undefined) ordered[key] = at;
  }
  return { columns: ordered, helpers, unmatched, periodUnit };
}
