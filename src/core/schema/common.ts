import * as z from "zod";
import { PERIOD_HINT, PERIOD_PATTERN } from "../period";

/** A reporting month, `YYYY-MM`. Every point, due date and lock is keyed by one. */
export const Period = z.string().regex(PERIOD_PATTERN, `use ${PERIOD_HINT}`);
export type Period = z.infer<typeof Period>;

/** A short identifier used in URLs and in workbooks: lowercase letters, digits and dashes. */
export const Slug = z
  .string()
  .min(1, "cannot be empty")
  .max(64, "use at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and dashes, e.g. clabsi-rate");
export type Slug = z.infer<typeof Slug>;

/**
 * Free text typed by a person (names, narratives, annotations, reasons): trimmed, bounded so no one
 * pastes a data dump, and free of the NUL character (U+0000).
 *
 * NUL is refused, not stripped, so the same text is stored on both engines and nothing a team typed
 * is changed silently: PostgreSQL's `text` type cannot hold it ("invalid byte sequence for encoding
 * UTF8: 0x00", https://www.postgresql.org/docs/current/datatype-character.html: "the character with
 * code zero (sometimes called NUL) cannot be stored") while SQLite would; a refusal is a 422 naming
 * the field, never a 500 that the pane's outbox would retry forever (issue 15, defect 4). A NUL in a
 * cell typed in Excel is never meant: it comes from a paste out of a binary file.
 *
 * @param max the most characters allowed after trimming (each schema picks its own, e.g. 4,000 for
 *   a narrative field)
 * @example
 * text(5).parse("  PDSA  "); // => "PDSA"
 * text(5).safeParse("PDSA cycle 3").error.issues[0].message; // => "use at most 5 characters"
 * text(20).safeParse("PDSA\u0000 3").error.issues[0].message; // => "contains a NUL character (U+0000): retype the text or paste it as plain text"
 */
export function text(max: number) {
  return z.string().trim().max(max, `use at most ${max} characters`).refine(hasNoNul, { error: NUL_MESSAGE });
}

/** What a free-text field with a NUL character (U+0000) is refused with (see {@link text}). */
export const NUL_MESSAGE = "contains a NUL character (U+0000): retype the text or paste it as plain text";

/**
 * Whether `s` is free of the NUL character, which PostgreSQL's `text` cannot store (see {@link text}).
 *
 * @example
 * hasNoNul("PDSA 3"); // => true
 * hasNoNul("PDSA\u00003"); // => false
 */
export function hasNoNul(s: string): boolean {
  return !s.includes("\u0000");
}
