// The admin API's bodies (issue 16: run a collaborative from the web app). The server validates with
// these and the faculty app's admin pages show each field's message on its field, so a director and
// a script meet the same rules. Endpoints (all under /api/v1, admin token unless said):
//
//   POST   /collaboratives                                 CollaborativeDefinition (a form or an imported file) -> 201 CollaborativeDefinition
//   PATCH  /collaboratives/{id}                            CollaborativeSettingsPatch -> 200 CollaborativeDefinition
//   POST   /collaboratives/{id}/measures                   MeasureDefinition -> 201 CollaborativeDefinition
//   PUT    /collaboratives/{id}/measures/{measureId}       MeasureDefinition (same id; `retired: true` retires it) -> 200 CollaborativeDefinition
//   PUT    /collaboratives/{id}/measures-order             MeasureOrder -> 200 CollaborativeDefinition
//   DELETE /collaboratives/{id}/measures/{measureId}       only a measure no team has data for (409 otherwise: retire it) -> 200 CollaborativeDefinition
//   GET    /collaboratives/{id}/admin/teams                faculty+admin -> AdminTeamList (settings and contacts)
//   POST   /collaboratives/{id}/teams                      NewTeam -> 201 AdminTeam
//   PATCH  /collaboratives/{id}/teams/{teamId}             TeamPatch -> 200 AdminTeam
//   PUT    /collaboratives/{id}/teams/{teamId}/contacts    TeamContacts -> 200 AdminTeam
//   GET    /tokens?collaborative=                          -> TokenList (never the secret)
//   POST   /tokens                                         NewTokenRequest -> 201 IssuedToken (the secret, shown once)
//   POST   /tokens/{tokenId}/revoke                        -> 200 TokenInfo
//   POST   /collaboratives/{id}/periods/{period}/lock | reopen   (exists: PeriodChangeInput; reopen needs a reason)
//   GET    /audit?collaborative=&actor=&action=&before=&limit=  -> AuditList (newest first; `before` pages by id)

import * as z from "zod";
import { RuleSet, SharingMode, Team, TeamContact } from "./collaborative";
import { Role } from "./me";
import { Period, Slug, text } from "./common";

/**
 * The settings of a collaborative an admin may change after creating it: everything but its id and
 * its measures (they have their own endpoints). Every field optional; at least one.
 */
export const CollaborativeSettingsPatch = z
  .strictObject({
    name: text(200).min(1, "cannot be empty"),
    aim: text(2000),
    startMonth: Period,
    endMonth: Period,
    dueDay: z.number().int().min(1, "use a day from 1 to 28").max(28, "use a day from 1 to 28 (every month has it)"),
    lockAfterDays: z.number().int().min(0, "use 0 (never lock) or more days").max(3650, "use at most 3650 days"),
    sharing: SharingMode,
    ruleSet: RuleSet,
    remindersEnabled: z.boolean(),
    reminderDaysBefore: z.number().int().min(1, "use 1 to 27 days").max(27, "use 1 to 27 days"),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { error: "change at least one setting" });
export type CollaborativeSettingsPatch = z.infer<typeof CollaborativeSettingsPatch>;

/** The new order of the measure set: every measure id exactly once. */
export const MeasureOrder = z.strictObject({ measureIds: z.array(Slug).min(1, "list every measure").max(100) });
export type MeasureOrder = z.infer<typeof MeasureOrder>;

/** A team as an admin adds it, with the people its reminders go to. */
export const NewTeam = Team.extend({ contacts: z.array(TeamContact).max(20, "give at most 20 contacts").default([]) });
export type NewTeam = z.infer<typeof NewTeam>;

/** What an admin may change of a team (not its id: tokens and data hang on it). At least one field. */
export const TeamPatch = z
  .strictObject({
    name: text(200).min(1, "cannot be empty"),
    organisation: text(200),
    /** `null` clears it: the team counts from the collaborative's start */
    joinMonth: Period.nullable(),
    active: z.boolean(),
    remindersOptOut: z.boolean(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { error: "change at least one field" });
export type TeamPatch = z.infer<typeof TeamPatch>;

export const TeamContacts = z.strictObject({ contacts: z.array(TeamContact).max(20, "give at most 20 contacts") });
export type TeamContacts = z.infer<typeof TeamContacts>;

/** A team with its settings applied and its contacts (faculty and admin only: contacts are personal data). */
export const AdminTeam = z.object({
  id: Slug,
  name: z.string(),
  organisation: z.string(),
  /** the join month in force (the collaborative's start when none was set) */
  joinMonth: Period,
  /** whether a join month was set for this team */
  joinMonthSet: z.boolean(),
  active: z.boolean(),
  remindersOptOut: z.boolean(),
  position: z.number().int(),
  contacts: z.array(TeamContact),
});
export type AdminTeam = z.infer<typeof AdminTeam>;

export const AdminTeamList = z.object({ collaborativeId: Slug, teams: z.array(AdminTeam) });
export type AdminTeamList = z.infer<typeof AdminTeamList>;

/** A token to issue: a team token needs its collaborative and team; faculty and admin may be bound to a collaborative. */
export const NewTokenRequest = z
  .strictObject({
    role: Role,
    collaborativeId: Slug.nullable().default(null),
    teamId: Slug.nullable().default(null),
    label: text(200).min(1, "give the token a label people will recognise, e.g. \"Riverside data lead\""),
    /** ISO date or instant; `null`: never expires */
    expiresAt: z.iso.datetime({ offset: true, error: "use an ISO date and time, e.g. 2027-06-30T23:59:59Z" }).or(z.iso.date({ error: "use a date such as 2027-06-30" })).nullable().default(null),
  })
  .refine((t) => t.role !== "team" || (t.collaborativeId !== null && t.teamId !== null), { error: "a team token needs its collaborative and team", path: ["teamId"] })
  .refine((t) => t.role === "team" || t.teamId === null, { error: "only a team token names a team", path: ["teamId"] });
export type NewTokenRequest = z.infer<typeof NewTokenRequest>;

/** A token as lists show it: never the secret, only its first characters. */
export const TokenInfo = z.object({
  id: z.string(),
  prefix: z.string(),
  role: Role,
  collaborativeId: z.string().nullable(),
  teamId: z.string().nullable(),
  label: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

export const TokenList = z.object({ tokens: z.array(TokenInfo) });
export type TokenList = z.infer<typeof TokenList>;

/** The answer to issuing a token: the secret appears here once and is never stored or shown again. */
export const IssuedToken = z.object({ token: z.string(), info: TokenInfo });
export type IssuedToken = z.infer<typeof IssuedToken>;

export const AuditEntryView = z.object({
  id: z.number().int(),
  at: z.string(),
  /** the token id, or "cli" */
  actor: z.string(),
  actorLabel: z.string(),
  action: z.string(),
  collaborativeId: z.string().nullable(),
  teamId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/** A page of the audit log, newest first; `nextBefore` fetches the next (older) page, `null` at the end. */
export const AuditList = z.object({ entries: z.array(AuditEntryView), nextBefore: z.number().int().nullable() });
export type AuditList = z.infer<typeof AuditList>;
