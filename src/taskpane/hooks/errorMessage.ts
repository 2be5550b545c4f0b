// One way to turn whatever a host, storage or data store call threw into a sentence for the pane.
import { ApiFailure } from "../api/errors";

/** The message of a failure: the data store's plain message, an Error's message, or the value as text. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
