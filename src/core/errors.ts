/**
 * Stable codes for contract violations in core. Insufficient data is never an error: it is reported
 * in the result (for example `usefulCount: 0`). Adapters translate a code into their own language
 * (an Excel `#VALUE!`, an HTTP 422, a message in the task pane); core knows nothing of either.
 */
export type CoreErrorCode =
  | "invalid_option"
  | "invalid_value"
  | "length_mismatch"
  | "invalid_shape";

/**
 * The one error type thrown by `src/core`. Messages follow simple-statistics: lowercase, name the
 * function or option, echo the offending value, no trailing period.
 *
 * @example
 * new CoreError("invalid_option", "invalid chart: xyz").code; // => "invalid_option"
 */
export class CoreError extends Error {
  override name = "CoreError";
  readonly code: CoreErrorCode;
  constructor(code: CoreErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
