// What the data store answers the Collaborative tab for team Riverside under each sharing mode: the
// same collaborative data (Riverside, Harbour Hospital, Lakeside Clinic), cut as the server cuts it
// (test/server/http.learning.test.ts asserts the cuts on the real server; these answers follow them
// and are parsed with the shared schemas, so they cannot be what the server could not answer).
import { CollaborativeLearning, RunChartsResponse, type SharingMode } from "../../../src/core/index";
import { collaborative } from "./fixtures";

const MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04"];

function series(teamId: string | null, teamLabel: string, own: boolean, values: (number | null)[], annotation: string | null = null) {
  return {
    teamId,
    teamLabel,
    own,
    points: MONTHS.map((period, i) => ({ period, value: values[i] ?? null, annotation: i === 1 ? annotation : null })),
    centerLine: 80,
    lpl: null,
    upl: null,
    signals: [],
    improving: false,
  };
}

export function sharedViews(sharing: SharingMode): { charts: RunChartsResponse; learning: CollaborativeLearning } {
  const riverside = series("riverside", "Riverside Clinic", true, [70, 75, 80, 85]);
  const harbour = series(sharing === "named" ? "harbour" : null, sharing === "named" ? "Harbour Hospital" : "Team A", false, [60, 72, 88, 91], "checklist at insertion");
  const lakeside = series(sharing === "named" ? "lakeside" : null, sharing === "named" ? "Lakeside Clinic" : "Team C", false, [90, 85, null, 92]);
  const pooled = MONTHS.map((period, i) =>
    sharing === "aggregate"
      ? { period, numerator: null, denominator: null, value: null, teamCount: 3, suppressed: true }
      : { period, numerator: 220 + i, denominator: 300, value: (100 * (220 + i)) / 300, teamCount: 3, suppressed: false },
  );
  const charts = RunChartsResponse.parse({
    collaborativeId: collaborative.id,
    ruleSet: "ihi",
    rules: { name: "IHI rules", centerLine: "median", description: "shift of 6, trend of 5" },
    months: MONTHS,
    measures: [
      {
        measureId: "bundle",
        name: "Bundle compliance",
        unit: "%",
        goal: 95,
        improvementDirection: "increase",
        series: sharing === "aggregate" ? [riverside] : [harbour, riverside, lakeside],
        aggregate: pooled,
      },
    ],
  });
  const narratives =
    sharing === "aggregate"
      ? []
      : [
          { teamId: sharing === "named" ? "harbour" : null, teamLabel: sharing === "named" ? "Harbour Hospital" : "Team A", reportingMonth: "2026-04", changesTested: "Dressing change cart on every ward", lessons: "Stocking the cart daily mattered more than the cart" },
          { teamId: sharing === "named" ? "lakeside" : null, teamLabel: sharing === "named" ? "Lakeside Clinic" : "Team C", reportingMonth: "2026-03", changesTested: "", lessons: "Night shift needs its own huddle" },
        ];
  const scores =
    sharing === "aggregate"
      ? MONTHS.map((period) => ({ period, teamsScored: null, teamsAtLeast4: null, percentAtLeast4: null, suppressed: true }))
      : MONTHS.map((period, i) => ({ period, teamsScored: i === 0 ? 0 : 3, teamsAtLeast4: i === 0 ? 0 : i - 1, percentAtLeast4: i === 0 ? null : ((i - 1) * 100) / 3, suppressed: false }));
  const learning = CollaborativeLearning.parse({ collaborativeId: collaborative.id, sharing, narratives, scores });
  return { charts, learning };
}
