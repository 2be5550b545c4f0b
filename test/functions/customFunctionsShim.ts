// A stand-in for Excel's `CustomFunctions` global (it exists only in Excel's runtime;
// docs/TOOLCHAIN.md, item 4). Import this module first in a test of src/functions: excelErrors.ts reads the global
// lazily, so the wrappers then throw ExcelError objects whose code and message tests can assert.

/** What a custom function throws for Excel to show: an error code ("#VALUE!") and a message. */
export class ExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** The codes of CustomFunctions.ErrorCode (@types/custom-functions-runtime). */
export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { Error: ExcelError, ErrorCode: ERROR_CODES };

/** Run a call that must fail the way Excel shows it, and return its code and message. */
export function excelErrorOf(call: () => unknown): { code: string; message: string | undefined } {
  try {
    call();
  } catch (error) {
    if (error instanceof ExcelError) return { code: error.code, message: error.message };
    throw new Error(`expected an Excel error, got ${String(error)}`);
  }
  throw new Error("expected an Excel error, but the call returned normally");
}
