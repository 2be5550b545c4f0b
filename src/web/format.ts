// How the browser doors write months and measure values for people: one place, Intl underneath.
import { PERIOD_PATTERN } from "../core/index";

const SHORT_MONTH = new Intl.DateTimeFormat("en", { month: "short", year: "2-digit", timeZone: "UTC" });

/** "2026-03" → "Mar 26" (chart axes, grid headers); anything else is returned as given. */
export function shortMonth(period: string): string {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) return period;
  return SHORT_MONTH.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

/**
 * A measure value with its unit when the unit is "%": three significant figures, whole numbers at
 * 100 and above, thousands separated ("1,234"); `null` is "–".
 */
export function formatValue(value: number | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = new Intl.NumberFormat("en", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  return unit === "%" ? `${text}%` : text;
}

/** A percent of teams, whole: 66.7 → "67%". */
export function formatPercent(value: number | null): string {
  return value === null ? "–" : `${Math.round(value)}%`;
}

/** An ISO time or date → its day, "2026-04-15". */
export function isoDate(iso: string): string {
  return iso.slice(0, 10);
}
