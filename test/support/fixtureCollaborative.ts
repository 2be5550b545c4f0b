// The one fixture collaborative of the test suites. The data store tests use it as it is; other
// suites derive theirs from it with overrides, so what they share (due day, lock, sharing, rule set)
// is written once and only what their tests depend on differs.
import { CollaborativeDefinition } from "../../src/core/index";

/**
 * A collaborative with one measure of each kind (percent, rate per 1,000, count, mean); reports due
 * on the 15th, locked 60 days later, shared by name, read by the IHI rules. `overrides` replace
 * whole fields (give `measures` to replace the measure set). Not parsed, so a test can build an
 * invalid definition on purpose; parse it with `CollaborativeDefinition.parse` where the schema's
 * type is wanted.
 */
export function fixtureCollaborative(overrides: Partial<CollaborativeDefinition> = {}): CollaborativeDefinition {
  return {
    id: "sepsis",
    name: "Sepsis Collaborative",
    aim: "Antibiotics within one hour for 95% of patients with sepsis",
    startMonth: "2026-01",
    endMonth: "2026-12",
    dueDay: 15,
    lockAfterDays: 60,
    sharing: "named",
    ruleSet: "ihi",
    measures: [
      { id: "abx-1h", name: "Antibiotics within 1 hour", type: "process", kind: "percent", unit: "%", improvementDirection: "increase", goal: 95, operationalDefinition: "", required: true },
      { id: "mortality", name: "Sepsis mortality per 1,000 admissions", type: "outcome", kind: "rate", multiplier: 1000, improvementDirection: "decrease", operationalDefinition: "", required: true },
      { id: "readmissions", name: "Readmissions", type: "balancing", kind: "count", improvementDirection: "decrease", operationalDefinition: "", required: false },
      { id: "door-to-abx", name: "Door to antibiotics (minutes)", type: "process", kind: "mean", improvementDirection: "decrease", operationalDefinition: "", required: false },
    ],
    ...overrides,
  };
}

/** The same collaborative as {@link fixtureCollaborative}, checked and completed by core's schema. */
export function parsedFixtureCollaborative(overrides: Partial<CollaborativeDefinition> = {}): CollaborativeDefinition {
  return CollaborativeDefinition.parse(fixtureCollaborative(overrides));
}
