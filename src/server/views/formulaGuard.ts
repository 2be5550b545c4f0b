// The one formula-injection guard of every export a spreadsheet opens (the CSV and the .xlsx).
//
// Text that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage
// return: OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection) is written
// with a leading apostrophe, so opening the file never runs anything and a `=HYPERLINK(…)` a team
// typed into an annotation stays the text it typed. The apostrophe is kept in the data (Excel shows
// it), in both files alike, so whoever reads an export can see which cells were neutralised. Numbers
// are never touched: a negative number is a number, not text starting with "-".

const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a spreadsheet would take `text` for a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** `text`, with a leading `'` when it would start a formula (`"=1+1"` → `"'=1+1"`; `"ok"` unchanged). */
export function neutraliseFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
