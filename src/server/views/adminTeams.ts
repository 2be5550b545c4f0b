// A team as the admin pages and scripts see it: its settings with the defaults applied (core's
// teamSettings) and the people reminders go to. Faculty and admin only: contacts are personal data.

import { teamSettings, type AdminTeam, type CollaborativeDefinition, type TeamContact } from "../../core/index";
import type { TeamRecord } from "../store/store";

/** One team with its settings in force and its contacts. */
export function adminTeam(collaborative: Pick<CollaborativeDefinition, "startMonth">, team: TeamRecord, contacts: readonly TeamContact[]): AdminTeam {
  const settings = teamSettings(team, collaborative);
  return {
    id: team.id,
    name: team.name,
    organisation: team.organisation,
    joinMonth: settings.joinMonth,
    joinMonthSet: team.joinMonth !== undefined,
    active: settings.active,
    remindersOptOut: settings.remindersOptOut,
    position: team.position,
    contacts: [...contacts],
  };
}
