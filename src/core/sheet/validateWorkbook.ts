/**
 * Validating a team's whole workbook for one reporting month: every sheet's own issues plus what
 * only the collaborative, the calendar and the team's history can tell.
 */
import { CoreError } from "../errors";
import { medianAbsoluteDeviation } from "simple-statistics";
import { median } from "../numeric";
import { isRetired } from "../activeMeasures";
import { addMonths, isDay, monthIndex, periodOfIndex } from "../period";
import type { CollaborativeDefinition, MeasureDefinition } from "../schema/collaborative";
import { Period } from "../schema/common";
import { countOf } from "../words";
import { compareIssuesWithinSheet, formatNumber, type SheetIssue, type SheetIssueCode, sheetIssue } from "./issues";
import { measureSheetName } from "./layout";
import type { MeasureSheetReading, MeasureSheetRow } from "./readMeasureSheet";
import { computedValue, kindOfMeasure } from "./value";

/** What {@link validateWorkbook} checks. */
export type ValidateWorkbookInput = {
  collaborative: CollaborativeDefinition;
  /** The sheets matched to measures (e.g. with `findMeasureSheet`), each read with `readMeasureSheet`. */
  sheets: readonly { measureId: string; reading: MeasureSheetReading }[];
  /** The month being reported, `YYYY-MM`. */
  reportingMonth: string;
  /** Today, `YYYY-MM-DD` (core never reads the clock). */
  asOf: string;
  /** Values the team sent before, per measure id: the history suspicious values are judged against. */
  history?: Readonly<Record<string, readonly { period: string; value: number | null }[]>>;
};

/**
 * When a reporting-month value is "far outside the team's history", as data (qicharts2 keeps its
 * bounds in a table the same way).
 *
 * - With at least `minPointsForScore` earlier values: a modified z-score beyond `modifiedZ`, i.e.
 *   |`madToSigma` · (value − median) / MAD| > 3.5, where MAD is the median absolute deviation of the
 *   earlier values from their median and 0.6745 (the normal distribution's upper quartile) makes
 *   MAD / 0.6745 estimate σ for normal data (Iglewicz & Hoaglin, How to Detect and Handle Outliers,
 *   ASQC 1993; NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.5.17,
 *   https://www.itl.nist.gov/div898/handbook/eda/section3/eda35h.htm). The median and MAD ignore
 *   the history's own outliers and, up to half the months, a level the team has since left: an old
 *   typo does not widen the band until a new one fits inside it (mean ± 3σ̂ of an XmR chart did), and
 *   a team that shifted its process is not warned every month for staying improved. 12 (a year of
 *   months) is the fewest points Provost & Murray (The Health Care Data Guide, 2011) suggest for
 *   limits. Skipped when MAD is 0 (more than half the earlier months share one value: no spread to
 *   judge by, as in a count of rare events).
 * - With `minPointsForRatio` to `minPointsForScore - 1` earlier values: more than `ratio` times, or
 *   less than 1/`ratio` of, their median (skipped when the median is 0). A rule of thumb for "an
 *   order of magnitude off" (a misplaced decimal, a count typed as a percentage), not a statistic.
 * - Fewer: no warning.
 */
export const SUSPICIOUS_VALUE_RULE = {
  minPointsForScore: 12,
  modifiedZ: 3.5,
  madToSigma: 0.6745,
  minPointsForRatio: 3,
  ratio: 3,
} as const;

function hasFigures(row: MeasureSheetRow): boolean {
  return row.numerator !== null || row.denominator !== null || row.value !== null;
}

/** The band a value must stay inside, from earlier values; `null` when the history is too short or has no spread. */
function suspiciousBand(history: readonly number[]): { low: number; high: number; how: string } | null {
  const rule = SUSPICIOUS_VALUE_RULE;
  if (history.length >= rule.minPointsForScore) {
    const mad = medianAbsoluteDeviation([...history]);
    if (mad === 0) return null;
    const center = median(history);
    const spread = (rule.modifiedZ * mad) / rule.madToSigma;
    return { low: center - spread, high: center + spread, how: `median ± ${rule.modifiedZ} robust sigma of the ${history.length} earlier months` };
  }
  if (history.length >= rule.minPointsForRatio) {
    const mid = median(history);
    if (mid <= 0) return null;
    return { low: mid / rule.ratio, high: mid * rule.ratio, how: `a third to 3 times the median of the ${history.length} earlier months` };
  }
  return null;
}

/**
 * Every issue of a team's workbook for one reporting month: each sheet's own issues (from
 * `readMeasureSheet`) plus the checks that need the collaborative, the date or the history:
 *
 * - `PERIOD_IN_FUTURE` (error): data in a month after `asOf`'s month; `MONTH_NOT_OVER` (warning):
 *   data for the month still running, when it would be sent
 * - `PERIOD_OUTSIDE_COLLABORATIVE` (error): data after the collaborative's end month, or a
 *   reporting month outside the collaborative (then sheet-less: `sheetName` ""); `PERIOD_IN_FUTURE`
 *   too for a reporting month that has not started. The data store refuses these.
 * - `BEFORE_COLLABORATIVE` (warning, one per sheet): months before its start. The data store refuses
 *   them, so `toSubmission` (given `startMonth`) leaves them out; they stay on the sheet as baseline.
 * - `MONTH_GAP` (warning): months with no figures from the collaborative's start (or the sheet's
 *   first month, if earlier) to the month before the reporting month, runs of months grouped
 * - `MISSING_REQUIRED_MEASURE` (warning, as the data store rates it: the rest of the report still
 *   lands): a required measure with no sheet, or no figures for the reporting month;
 *   `UNKNOWN_MEASURE` (error): a sheet matched to a measure the collaborative lacks
 * - `SUSPICIOUS_VALUE` (warning): the reporting month's value far outside the team's history (see
 *   {@link SUSPICIOUS_VALUE_RULE}); the history is `history[measureId]` when given, else the sheet's
 *   own earlier months
 * - `SAME_AS_LAST_MONTH` (warning): every measure with figures in both months repeats last month's
 *   numerator, denominator and value exactly (a copied row), when that is unlikely by chance: at
 *   least two measures compared, or one with a denominator, and not all zeros
 *
 * Sorted by sheet (issues about the whole report first, then `sheets` order, then missing sheets in
 * the collaborative's measure order),
 * then errors before warnings, then by row (sheet-wide issues first) and column.
 *
 * Runs in O(total rows + months of the collaborative × sheets).
 *
 * @throws {CoreError} `invalid_option` when `reportingMonth` is not `YYYY-MM` or `asOf` not `YYYY-MM-DD`
 * @example
 * validateWorkbook({ collaborative: { id: "c", name: "C", aim: "", startMonth: "2026-01", endMonth: "2026-12", dueDay: 15, lockAfterDays: 60, sharing: "named", ruleSet: "ihi", measures: [{ id: "falls", name: "Falls", type: "outcome", kind: "count", improvementDirection: "decrease", operationalDefinition: "", required: true }] }, sheets: [], reportingMonth: "2026-01", asOf: "2026-02-03" }).map((i) => i.code); // => ["MISSING_REQUIRED_MEASURE"]
 */
export function validateWorkbook(input: ValidateWorkbookInput): SheetIssue[] {
  const { collaborative, reportingMonth, asOf } = input;
  if (!Period.safeParse(reportingMonth).success) {
    throw new CoreError("invalid_option", `validateWorkbook: invalid reportingMonth: ${reportingMonth} (use YYYY-MM)`);
  }
  if (!isDay(asOf)) throw new CoreError("invalid_option", `validateWorkbook: invalid asOf: ${asOf} (use YYYY-MM-DD)`);
  const asOfMonth = asOf.slice(0, 7);
  const { startMonth, endMonth } = collaborative;
  const measures = new Map(collaborative.measures.map((m) => [m.id, m]));
  const groups: { sheetName: string; issues: SheetIssue[] }[] = [];
  const report: SheetIssue[] = [];
  const reportIssue = (code: SheetIssueCode, message: string): void => {
    report.push(sheetIssue({ severity: "error", code, sheetName: "", period: reportingMonth, message }));
  };
  if (reportingMonth < startMonth || reportingMonth > endMonth) {
    reportIssue(
      "PERIOD_OUTSIDE_COLLABORATIVE",
      `The reporting month ${reportingMonth} is outside the collaborative (${startMonth} to ${endMonth}) — choose a month from ${startMonth} to ${endMonth}`,
    );
  } else if (reportingMonth > asOfMonth) {
    reportIssue("PERIOD_IN_FUTURE", `The reporting month ${reportingMonth} has not started yet (today is ${asOf}) — choose a month that has ended`);
  }
  const repeats: { sheetName: string; measure: MeasureDefinition; reading: MeasureSheetReading; current: MeasureSheetRow; same: boolean; nonZero: boolean; withDenominator: boolean }[] = [];

  for (const { measureId, reading } of input.sheets) {
    const { sheetName } = reading;
    const issues: SheetIssue[] = reading.issues.map((i) => (i.measureId === null ? { ...i, measureId } : i));
    groups.push({ sheetName, issues });
    const add = (severity: SheetIssue["severity"], code: SheetIssueCode, row: number | null, column: number | null, message: string, period: string | null = null): void => {
      issues.push(sheetIssue({ severity, code, sheetName, measureId, period, row, column, message }));
    };
    const measure = measures.get(measureId);
    if (measure === undefined) {
      const known = collaborative.measures.map((m) => m.id).join(", ");
      add("error", "UNKNOWN_MEASURE", null, null, `Sheet "${sheetName}" is matched to the measure "${measureId}", which is not in this collaborative — match it to one of: ${known}`);
      continue;
    }
    if (!reading.found) {
      if (measure.required) {
        add("warning", "MISSING_REQUIRED_MEASURE", null, null, `Sheet "${sheetName}" has no data the add-in can read, and "${measure.name}" is required — fix the sheet as its notes say, or use Create sheet`, reportingMonth);
      }
      continue;
    }
    const cols = reading.columns;
    const monthCol = cols.month ?? null;
    const dataCol = cols.numerator ?? cols.value ?? cols.denominator ?? monthCol;
    const dated = reading.rows.filter((row): row is MeasureSheetRow & { period: string } => row.period !== null);
    const withFigures = dated.filter(hasFigures);
    const lastRow = reading.rows.reduce((last, row) => Math.max(last, row.row), reading.headerRow ?? 0);

    // Months in the future, after the end, before the start.
    const before: (MeasureSheetRow & { period: string })[] = [];
    for (const row of withFigures) {
      if (row.period > asOfMonth) {
        add("error", "PERIOD_IN_FUTURE", row.row, monthCol, `${row.period} is in the future (today is ${asOf}) — check the month (a mistyped year?); figures can be sent once a month has ended`, row.period);
      } else if (row.period > endMonth) {
        add("error", "PERIOD_OUTSIDE_COLLABORATIVE", row.row, monthCol, `${row.period} is after the collaborative ended (${endMonth}) — check the month; months after the end can't be sent`, row.period);
      } else if (row.period === asOfMonth && row.period <= reportingMonth) {
        add("warning", "MONTH_NOT_OVER", row.row, monthCol, `${row.period} is not over yet (today is ${asOf}), so its figures may be incomplete — send them after the month ends, or send a revision then`, row.period);
      }
      if (row.period < startMonth) before.push(row);
    }
    if (before.length > 0) {
      const first = before.reduce((a, b) => (b.period < a.period ? b : a));
      const last = before.reduce((a, b) => (b.period > a.period ? b : a));
      const span = first.period === last.period ? first.period : `${first.period} to ${last.period}`;
      add(
        "warning",
        "BEFORE_COLLABORATIVE",
        first.row,
        monthCol,
        before.length === 1
          ? `1 month before the collaborative began in ${startMonth} (${span}) — it stays on your sheet as baseline for your run charts but is not sent (the collaborative collects ${startMonth} to ${endMonth}); check the month if it is not baseline`
          : `${before.length} months before the collaborative began in ${startMonth} (${span}) — they stay on your sheet as baseline for your run charts but are not sent (the collaborative collects ${startMonth} to ${endMonth}); check the months if they are not baseline`,
        first.period,
      );
    }

    // Gaps: months with no figures before the reporting month.
    const figuresIn = new Set(withFigures.map((row) => row.period));
    const earliest = withFigures.reduce((min, row) => (row.period < min ? row.period : min), startMonth);
    const lastGap = Math.min(monthIndex(reportingMonth) - 1, monthIndex(endMonth));
    let runStart: number | null = null;
    for (let m = monthIndex(earliest); m <= lastGap + 1; m += 1) {
      const missing = m <= lastGap && !figuresIn.has(periodOfIndex(m));
      if (missing && runStart === null) runStart = m;
      if (!missing && runStart !== null) {
        const from = periodOfIndex(runStart);
        const to = periodOfIndex(m - 1);
        const span = from === to ? from : `${from} to ${to} (${countOf(m - runStart, "month")})`;
        const blankRow = dated.find((row) => row.period === from);
        if (blankRow !== undefined) {
          add("warning", "MONTH_GAP", blankRow.row, dataCol, `no data for ${span} — type the figures, or leave the cells blank if they were not collected (a blank month is a gap in the run chart, never 0)`, from);
        } else {
          const next = dated.find((row) => row.period > from);
          const at = next?.row ?? lastRow + 1;
          const one = m - runStart === 1;
          const where = next === undefined ? `add ${one ? "a row" : "rows"} here for ${one ? "it" : "them"}` : `insert ${one ? "a row" : "rows"} above this one for ${one ? "it" : "them"}`;
          add("warning", "MONTH_GAP", at, monthCol, `there is no row for ${span} — ${where}, with the figures or left blank if they were not collected`, from);
        }
        runStart = null;
      }
    }

    // The reporting month itself.
    const current = dated.find((row) => row.period === reportingMonth && hasFigures(row)) ?? null;
    if (current === null && measure.required) {
      const blankRow = dated.find((row) => row.period === reportingMonth);
      if (blankRow !== undefined) {
        add("warning", "MISSING_REQUIRED_MEASURE", blankRow.row, dataCol, `${reportingMonth} (the reporting month) has no figures, and "${measure.name}" is required — type them before submitting`, reportingMonth);
      } else {
        add(
          "warning",
          "MISSING_REQUIRED_MEASURE",
          lastRow + 1,
          monthCol,
          `there is no row for ${reportingMonth} (the reporting month), and "${measure.name}" is required — add a row here with the month and its figures`,
          reportingMonth,
        );
      }
    }
    if (current === null) continue;

    // Suspicious values.
    const series = kindOfMeasure(measure);
    // The value the figures give, when they give one (a mistyped Value cell is VALUE_MISMATCH's business).
    const valueOf = (row: MeasureSheetRow): number | null => computedValue(series, row.numerator, row.denominator) ?? row.value;
    const now = valueOf(current);
    const given = input.history?.[measureId];
    const earlier = new Map<string, number>();
    if (given !== undefined) {
      for (const point of given) if (point.period < reportingMonth && point.value !== null && Number.isFinite(point.value)) earlier.set(point.period, point.value);
    } else {
      for (const row of dated) {
        const v = valueOf(row);
        if (row.period < reportingMonth && v !== null && !earlier.has(row.period)) earlier.set(row.period, v);
      }
    }
    const history = [...earlier.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
    const band = now === null ? null : suspiciousBand(history);
    if (now !== null && band !== null && (now > band.high || now < band.low)) {
      const range = `${formatNumber(Math.max(band.low, 0))} to ${formatNumber(band.high)}`;
      add(
        "warning",
        "SUSPICIOUS_VALUE",
        current.row,
        current.value !== null ? (cols.value ?? dataCol) : dataCol,
        `the ${reportingMonth} value ${formatNumber(now)} is far outside this team's usual range (${range}: ${band.how}) — check the numerator and denominator; if it is right, say what happened in the annotation`,
        reportingMonth,
      );
    }

    // Same numbers as last month (judged across sheets below).
    const previousMonth = addMonths(reportingMonth, -1);
    const previous = dated.find((row) => row.period === previousMonth && hasFigures(row));
    if (previous !== undefined) {
      const same = previous.numerator === current.numerator && previous.denominator === current.denominator && previous.value === current.value;
      const nonZero = [current.numerator, current.denominator, current.value].some((x) => x !== null && x !== 0);
      repeats.push({ sheetName, measure, reading, current, same, nonZero, withDenominator: current.denominator !== null });
    }
  }

  if (repeats.length > 0 && repeats.every((r) => r.same) && repeats.some((r) => r.nonZero) && (repeats.length >= 2 || repeats[0].withDenominator)) {
    const previousMonth = addMonths(reportingMonth, -1);
    for (const r of repeats) {
      const group = groups.find((g) => g.sheetName === r.sheetName);
      const cols = r.reading.columns;
      const column = cols.numerator ?? cols.value ?? cols.denominator ?? null;
      const scope = repeats.length >= 2 ? `on all ${repeats.length} measure sheets` : "(numerator, denominator and value)";
      group?.issues.push(
        sheetIssue({
          severity: "warning",
          code: "SAME_AS_LAST_MONTH",
          sheetName: r.sheetName,
          measureId: r.measure.id,
          period: reportingMonth,
          row: r.current.row,
          column,
          message: `${reportingMonth} has exactly the same numbers as ${previousMonth} ${scope} — if last month's row was copied, type this month's figures`,
        }),
      );
    }
  }

  // Required measures with no sheet at all.
  const matched = new Set(input.sheets.map((s) => s.measureId));
  for (const measure of collaborative.measures) {
    if (!measure.required || isRetired(measure) || matched.has(measure.id)) continue;
    const sheetName = measureSheetName(measure);
    groups.push({
      sheetName,
      issues: [
        sheetIssue({
          severity: "warning",
          code: "MISSING_REQUIRED_MEASURE",
          sheetName,
          measureId: measure.id,
          period: reportingMonth,
          message: `There is no sheet for the required measure "${measure.name}" — click Create sheet to add one (it will be named "${sheetName}"), or match an existing sheet to it`,
        }),
      ],
    });
  }

  return [...report, ...groups.flatMap((g) => g.issues.sort(compareIssuesWithinSheet))];
}
