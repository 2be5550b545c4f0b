// How the pane writes months, dates and counts for people.

import { addMonths, PERIOD_PATTERN } from "../core/index";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2026-03" → "March 2026"; anything else is returned as given. */
export function monthLabel(period: string): string {
  const match = PERIOD_PATTERN.exec(period);
  const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : period;
}

/** "2026-04-15" or an ISO time → "15 April 2026". */
export function dateLabel(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && name ? `${Number(match[3])} ${name} ${match[1]}` : isoDate;
}

/** An ISO time → "15 April 2026, 14:03" in the user's time zone. */
export function dateTimeLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
  const time = `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
  return `${day}, ${time}`;
}

/** "at 14:03" for a time later today, else "on 16 April 2026, 14:03". */
export function whenLabel(iso: string, now: Date): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  const time = `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
  return sameDay ? `at ${time}` : `on ${dateTimeLabel(iso)}`;
}

/** 1 → "1 point", 3 → "3 points". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** The calendar month before `date`'s, `YYYY-MM` (the month usually due). */
export function previousMonth(date: Date): string {
  return addMonths(isoDay(date).slice(0, 7), -1);
}

/** `YYYY-MM-DD` of a date in the user's time zone. */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}
