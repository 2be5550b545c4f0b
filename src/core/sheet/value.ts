/**
 * How a row's value follows from its numerator and denominator, for checking the Value column and
 * for the suspicious-data warnings. The same arithmetic as the contract (`MeasureKind`):
 * percent = 100 · n / d, rate = multiplier · n / d, count = n, mean = given.
 */
import type { MeasureDefinition, MeasureKind } from "../schema/collaborative";
import { nearlyEqual } from "../numeric";
import { normalizeHeader } from "./headers";

/** A series' kind and multiplier; both `null` when neither a measure nor the headers say. */
export type SeriesKind = { kind: MeasureKind | null; multiplier: number | null };

/** The kind of a known measure: percent ×100, rate × its multiplier (default 1), count ×1, mean none. */
export function kindOfMeasure(measure: MeasureDefinition): SeriesKind {
  switch (measure.kind) {
    case "percent":
      return { kind: "percent", multiplier: 100 };
    case "rate":
      return { kind: "rate", multiplier: measure.multiplier ?? 1 };
    case "count":
      return { kind: "count", multiplier: 1 };
    case "mean":
      return { kind: "mean", multiplier: null };
  }
}

/**
 * The kind a hand-built sheet's value header suggests when no measure is given: "%", "Percent",
 * "Proportion" → percent; "Rate per 1,000 line days" → rate ×1000; "Rate" → rate, multiplier unknown.
 *
 * @example
 * kindOfHeader("Rate per 1,000 line days"); // => { kind: "rate", multiplier: 1000 }
 */
export function kindOfHeader(header: unknown): SeriesKind {
  const h = normalizeHeader(header);
  if (/(^| )(%|percent|percentage|pct|proportion)( |$)/.test(h)) return { kind: "percent", multiplier: 100 };
  if (/(^| )(rate|per)( |$)/.test(h)) {
    const per = /per (\d{1,3}(?: \d{3})+|\d+)( |$)/.exec(h);
    return { kind: "rate", multiplier: per === null ? null : Number(per[1].replace(/ /g, "")) };
  }
  return { kind: null, multiplier: null };
}

/**
 * The value a row's numerator and denominator give, or `null` when they give none (a blank, a zero
 * denominator, a mean, or an unknown kind).
 */
export function computedValue(series: SeriesKind, numerator: number | null, denominator: number | null): number | null {
  if (series.kind === "count") return numerator;
  if ((series.kind === "percent" || series.kind === "rate") && series.multiplier !== null) {
    if (numerator === null || denominator === null || denominator <= 0) return null;
    return (numerator / denominator) * series.multiplier;
  }
  return null;
}

/**
 * Whether a value someone typed (or a formula gave) agrees with the value worked out: equal to the
 * decimals it was written with (33.3 agrees with 33.333…, 33 with 33.33, 34 does not), or equal
 * within float tolerance.
 *
 * @example
 * valueAgrees(33.3, 100 / 3); // => true
 * @example
 * valueAgrees(34, 100 / 3); // => false
 */
export function valueAgrees(value: number, expected: number): boolean {
  if (nearlyEqual(value, expected)) return true;
  const written = String(value);
  if (/e/i.test(written)) return false;
  const decimals = written.includes(".") ? written.length - written.indexOf(".") - 1 : 0;
  return Math.abs(value - expected) <= 0.5 * 10 ** -Math.min(decimals, 12) * (1 + 1e-9);
}
