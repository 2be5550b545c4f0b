import { CoreError } from "../../src/core";

/**
 * The `CoreError` code a call throws, or `undefined` when it returns. Any other exception is
 * re-thrown, so a plain `TypeError` can never pass for a typed core error.
 */
export function coreErrorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CoreError) return error.code;
    throw error;
  }
  return undefined;
}
