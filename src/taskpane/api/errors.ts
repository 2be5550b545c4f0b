// One error type for everything that can go wrong talking to the data store, with the plain sentence the
// data lead reads on screen and whether the outbox should try again.
// ApiFailure and its kinds live in the browser doors' shared layer (src/web/api); this file keeps the
// pane's own sentences.
import type { ApiFailureKind } from "../../web/api/index";

export { ApiFailure, type ApiFailureKind } from "../../web/api/index";

export const TOKEN_REJECTED = "Your token was not accepted: paste a new one from your faculty";

/**
 * The server's message as a sentence for the pane: the data store words its messages in lower case
 * for API clients ("nothing was stored for 2026-11: …"); the pane starts them with a capital and ends
 * them with a full stop, like its own.
 */
export function asSentence(message: string | undefined): string | undefined {
  const text = message?.trim();
  if (!text) return undefined;
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The sentence shown for a failure whose server message is missing or too technical. */
export function plainMessage(kind: ApiFailureKind, message?: string): string {
  const serverMessage = asSentence(message);
  switch (kind) {
    case "network":
      return "The data store could not be reached. Check your connection; nothing is lost.";
    case "server":
      return "The data store had a problem. It will be tried again; nothing is lost.";
    case "rate_limited":
      return "The data store is busy. It will be tried again in a moment; nothing is lost.";
    case "unauthorized":
      return TOKEN_REJECTED;
    case "forbidden":
      return serverMessage ?? "This token may not do that: ask your faculty for a team token.";
    case "not_found":
      return serverMessage ?? "The data store does not know this collaborative or team. Check the store URL with your faculty.";
    case "validation":
      return serverMessage ?? "The data store refused some of the data: see the marked cells.";
    case "key_reused":
      return "This report was already sent with different contents. Submit it again to send the new version.";
    case "request":
      return serverMessage ?? "The data store refused the request.";
    case "contract":
      return "The data store answered in a form this add-in does not understand. Ask your faculty whether the add-in needs an update.";
    case "invalid_body":
      return serverMessage ?? "The report is not valid yet: see the issues listed.";
  }
}
