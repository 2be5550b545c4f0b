/**
 * Matching the header row of a PDSA log to its columns. Teams keep their logs by hand as often as
 * from the add-in's template, and write "Cycle", "PDSA #" or "Test"; "Change idea", "Change tested"
 * or "Intervention"; "Start", "Date started" or "Began". The match is loose in the same way as a
 * measure sheet's (`matchHeaders`: case, accents, spacing and punctuation do not matter; a header
 * that *is* a synonym beats one that contains it; the leftmost wins between equals).
 */
import { normalizeHeader } from "../sheet/headers";

/** The columns of a PDSA log, in the order of the add-in's template. */
export const PDSA_FIELDS = ["cycle", "changeIdea", "measures", "prediction", "startDate", "endDate", "whatHappened", "decision"] as const;
export type PdsaField = (typeof PDSA_FIELDS)[number];

/** Where each column is, as 0-based positions. */
export type PdsaColumns = Partial<Record<PdsaField, number>>;

/** The headers the template writes ("Create PDSA log"), and how messages name each column. */
export const PDSA_HEADERS: Readonly<Record<PdsaField, string>> = {
  cycle: "Cycle",
  changeIdea: "Change idea",
  measures: "Measures it aims to move",
  prediction: "Prediction",
  startDate: "Start date",
  endDate: "End date",
  whatHappened: "What happened",
  decision: "Decision",
};

/**
 * The synonyms, as data, tried in this order so that "Cycle start" is a start date, "Decision (adopt
 * / adapt / abandon)" a decision, and "Measures the change aims to move" the measures, not the change.
 */
const FIELD_SYNONYMS: readonly { field: PdsaField; exact: readonly string[]; words: readonly string[] }[] = [
  { field: "decision", exact: ["decision", "act", "action", "next step", "next steps", "adopt adapt abandon"], words: ["decision", "adopt", "adapt", "abandon"] },
  { field: "startDate", exact: ["start", "start date", "started", "date started", "begin", "began", "begun", "from", "start of cycle"], words: ["start", "started", "begin", "began"] },
  { field: "endDate", exact: ["end", "end date", "ended", "date ended", "finish", "finished", "to", "until", "completed", "completion date"], words: ["end", "ended", "finish", "finished", "completed"] },
  { field: "prediction", exact: ["prediction", "predictions", "predicted", "we predict", "hypothesis", "expected", "expected result"], words: ["predict", "prediction", "predictions", "hypothesis", "expected"] },
  {
    field: "whatHappened",
    exact: ["what happened", "results", "result", "observations", "findings", "study", "what we learned", "learning", "learnings", "outcome", "do study"],
    words: ["happened", "result", "results", "observed", "observations", "learned", "learning", "findings", "study"],
  },
  { field: "measures", exact: ["measures", "measure", "measures affected", "target measures", "measures targeted", "aims to move"], words: ["measure", "measures"] },
  {
    field: "changeIdea",
    exact: ["change idea", "change", "change tested", "change to test", "idea", "intervention", "test of change", "change concept", "what change", "plan"],
    words: ["change", "idea", "intervention"],
  },
  { field: "cycle", exact: ["cycle", "cycles", "cycle #", "cycle no", "cycle number", "cycle id", "pdsa", "pdsa #", "pdsa no", "pdsa cycle", "#", "no", "id", "test", "test #", "test no"], words: ["cycle", "pdsa"] },
];

function hasWords(header: string, phrase: string): boolean {
  return ` ${header} `.includes(` ${phrase} `);
}

/** The result of {@link matchPdsaHeaders}. */
export type PdsaHeaderMatch = { columns: PdsaColumns; unmatched: string[] };

/**
 * Which column of a header row holds each field of a PDSA log. Blank headers are skipped; a header
 * that names no field, or a second column for a field already taken, is listed in `unmatched`.
 *
 * - cycle: "Cycle", "PDSA #", "Cycle no.", "Test", "ID"
 * - changeIdea: "Change idea", "Change tested", "Intervention", "Idea", "Plan"
 * - measures: "Measures it aims to move", "Measure(s)", "Target measures"
 * - prediction: "Prediction", "We predict", "Hypothesis", "Expected result"
 * - startDate / endDate: "Start date", "Started", "Began" / "End date", "Finished", "Completed"
 * - whatHappened: "What happened", "Results", "Observations", "Study", "What we learned"
 * - decision: "Decision", "Act", "Adopt / adapt / abandon", "Next step"
 *
 * Runs in O(columns × synonyms).
 *
 * @param headerRow one row of cell values
 * @returns positions (0-based, within `headerRow`) of each field found, and the leftovers
 * @example
 * matchPdsaHeaders(["PDSA #", "Change tested", "Started", "Finished", "Act"]).columns; // => { cycle: 0, changeIdea: 1, startDate: 2, endDate: 3, decision: 4 }
 * @example
 * matchPdsaHeaders(["Cycle", "Owner"]).unmatched; // => ["Owner"]
 */
export function matchPdsaHeaders(headerRow: readonly unknown[]): PdsaHeaderMatch {
  const claims: { column: number; text: string; field: PdsaField; strength: number }[] = [];
  const unmatched: string[] = [];
  headerRow.forEach((cell, column) => {
    const header = normalizeHeader(cell);
    if (header === "") return;
    const text = String(cell).trim();
    let claim: { field: PdsaField; strength: number } | null = null;
    for (const { field, exact } of FIELD_SYNONYMS) if (claim === null && exact.includes(header)) claim = { field, strength: 2 };
    for (const { field, words } of FIELD_SYNONYMS) if (claim === null && words.some((w) => hasWords(header, w))) claim = { field, strength: 1 };
    if (claim === null) unmatched.push(text);
    else claims.push({ column, text, ...claim });
  });
  const columns: PdsaColumns = {};
  for (const field of PDSA_FIELDS) {
    const candidates = claims.filter((c) => c.field === field);
    if (candidates.length === 0) continue;
    const best = candidates.reduce((a, b) => (b.strength > a.strength ? b : a));
    columns[field] = best.column;
    for (const c of candidates) if (c !== best) unmatched.push(c.text);
  }
  return { columns, unmatched };
}
