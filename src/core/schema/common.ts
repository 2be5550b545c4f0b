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
 * Free text typed by a person (names, narratives): trimmed, bounded so no one pastes a data dump.
 *
 * @param max the most characters allowed after trimming (each schema picks its own, e.g. 4,000 for
 *   a narrative field)
 * @example
 * text(5).parse("  PDSA  "); // => "PDSA"
 * text(5).safeParse("PDSA cycle 3").error.issues[0].message; // => "use at most 5 characters"
 */
export function text(max: number) {
  return z.string().trim().max(max, `use at most ${max} characters`);
}
