// The only file that knows CustomFunctions.Error. Every custom function runs its work through
// excelCall, so a user sees an Excel error with a message in the cell, never a JavaScript exception.
//
// Which Excel error: only #VALUE! and #N/A can carry a custom message (@types/custom-functions-runtime:
// "A custom error message can't be used" for #DIV/0!, #NUM!, #NULL!). Our messages say what to fix,
// so every contract violation is a #VALUE! with its message, and "no data to answer from" is an
// #N/A with its message. #DIV/0! and #NUM! are deliberately not used: they would lose the message.
//
// `CustomFunctions` is read lazily, inside the functions: the global exists only in Excel's
// runtime (not under jest, not in a plain browser; docs/TOOLCHAIN.md, items 4 and 8).

import { CoreError, type CoreErrorCode } from "../core";

/** The Excel errors we raise, by the name of `CustomFunctions.ErrorCode` member. */
export type ExcelErrorName = "invalidValue" | "notAvailable";

/** Excel error for each core error code (a new code fails to compile here until it is mapped). */
export const EXCEL_ERROR_FOR_CODE: Readonly<Record<CoreErrorCode, ExcelErrorName>> = {
  invalid_value: "invalidValue",
  invalid_option: "invalidValue",
  invalid_shape: "invalidValue",
  length_mismatch: "invalidValue",
};

/** Thrown inside a computation to ask for a specific Excel error (e.g. #N/A for "no data"). */
class ExcelFailure extends Error {
  constructor(
    readonly excelError: ExcelErrorName,
    message: string,
  ) {
    super(message);
  }
}

/** Build the Excel error object (a plain Error outside Excel's runtime, so nothing crashes there). */
function excelError(name: ExcelErrorName, message: string): unknown {
  if (typeof CustomFunctions === "undefined") return new Error(message);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode[name], message);
}

/**
 * Run a custom function's work: its result, or an Excel error carrying a message.
 * - a CoreError becomes the Excel error its code maps to, with the core message;
 * - any other exception becomes a #VALUE! saying it is a bug to report (never a raw exception).
 */
export function excelCall<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof ExcelFailure) throw excelError(error.excelError, error.message);
    if (error instanceof CoreError) throw excelError(EXCEL_ERROR_FOR_CODE[error.code] ?? "invalidValue", error.message);
    const detail = error instanceof Error ? error.message : String(error);
    throw excelError("invalidValue", `unexpected error in the QI functions (please report it): ${detail}`);
  }
}

/**
 * Like {@link excelCall} for a computation that answers `null` when there is no data to answer
 * from (core reports insufficient data in its result, not as an error): `null` becomes #N/A with
 * `whenMissing` as its message.
 */
export function excelValue<T>(compute: () => T | null, whenMissing: string): T {
  return excelCall(() => {
    const value = compute();
    if (value === null) throw new ExcelFailure("notAvailable", whenMissing);
    return value;
  });
}
