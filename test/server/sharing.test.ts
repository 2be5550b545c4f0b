// Blinded team letters are core's spreadsheet column letters of the joining position (one rule).
import { columnLetters } from "../../src/core/index";
import type { AuthInfo } from "../../src/server/auth";
import type { TeamRecord } from "../../src/server/store/store";
import { teamLabels } from "../../src/server/views/sharing";

const teams: TeamRecord[] = Array.from({ length: 28 }, (_, i) => ({ id: `t${i}`, name: `Ward ${i}`, organisation: "Trust", position: i, createdAt: "2026-01-01T00:00:00.000Z" }));
const teamToken: AuthInfo = { tokenId: "tok", role: "team", label: "t0", collaborativeId: "c", teamId: "t0" };

describe("teamLabels(teams, 'blinded', a team token)", () => {
  it("labels other teams Team A, B… then AA, AB by joining order, as core's columnLetters names columns", () => {
    const labels = teamLabels(teams, "blinded", teamToken);
    expect(labels.get("t0")).toEqual({ teamId: "t0", label: "Ward 0", organisation: "Trust", own: true });
    expect([1, 25, 26, 27].map((i) => labels.get(`t${i}`)?.label)).toEqual(["Team B", "Team Z", "Team AA", "Team AB"]);
    for (const team of teams.slice(1)) expect(labels.get(team.id)).toEqual({ teamId: null, label: `Team ${columnLetters(team.position)}`, organisation: "", own: false });
  });
});
