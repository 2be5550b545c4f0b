/**
 * Small wording helpers for messages shown to people (errors, reasons, sheet notes).
 */

/**
 * A count with its noun, singular for exactly 1: "1 row", "2 rows", "0 rows".
 *
 * @param n the count
 * @param singular the noun for one
 * @param pluralForm the noun for any other count (default: singular + "s")
 * @example
 * countOf(1, "row"); // => "1 row"
 * countOf(3, "entry", "entries"); // => "3 entries"
 */
export function countOf(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
