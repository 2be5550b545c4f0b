import type { CollaborativeDefinition, MeasureDefinition } from "./schema/collaborative";

/**
 * Whether a measure is retired: no longer reported (no sheet, no new data, not counted as a
 * missing required measure) while its stored data stays readable. The one definition every door
 * uses (the pane's sheets, the submission checks, the admin pages).
 *
 * @example
 * isRetired({ retired: true }); // => true
 * isRetired({}); // => false
 */
export function isRetired(measure: Pick<MeasureDefinition, "retired">): boolean {
  return measure.retired === true;
}

/**
 * The measures teams report now: the measure set in its order, without the retired ones.
 *
 * @example
 * activeMeasures({ measures: [{ id: "a", retired: true }, { id: "b" }] }).map((m) => m.id); // => ["b"]
 */
export function activeMeasures(collaborative: Pick<CollaborativeDefinition, "measures">): MeasureDefinition[] {
  return collaborative.measures.filter((m) => !isRetired(m));
}
