// The admin API's operations in the OpenAPI document (0.3.0; bodies in core's schema/admin.ts):
// setting a collaborative up, its measures and teams, tokens and the audit log.

import { errors, id, teamId, type Operation, type Param } from "./openapiParts";

/** The admin API (0.3.0): setting a collaborative up, its teams, tokens and the audit log. */
export function adminOperations(): Operation[] {
  const measureId: Param = { name: "measureId", in: "path", required: true, description: "measure id" };
  const tokenId: Param = { name: "tokenId", in: "path", required: true, description: "token id (tok_…)" };
  const invalid = { description: "VALIDATION: a field is wrong; each conflict's path names it", schema: "ApiError" };
  const conflict = (what: string) => ({ description: `CONFLICT: ${what}`, schema: "ApiError" });
  const bound = "An admin token bound to a collaborative reaches only that one.";
  return [
    {
      method: "post",
      path: "/api/v1/collaboratives",
      summary: "Create a collaborative from its definition (a form or an imported file; no `teams`: add them one by one)",
      roles: "admin with a global token (a token bound to a collaborative gets 403)",
      body: "CollaborativeDefinitionInput",
      responses: { "201": { description: "created", schema: "CollaborativeDefinition" }, "409": conflict("the id is taken"), "422": invalid, ...errors },
    },
    {
      method: "patch",
      path: "/api/v1/collaboratives/{id}",
      summary: "Change a collaborative's settings (at least one; not its id or measures)",
      roles: `admin. ${bound}`,
      params: [id],
      body: "CollaborativeSettingsPatch",
      responses: {
        "200": { description: "the collaborative as stored", schema: "CollaborativeDefinition" },
        "409": conflict("startMonth after, or endMonth before, a month some team already holds data for"),
        "422": { description: "VALIDATION: a field is wrong, or endMonth would come before startMonth (path endMonth)", schema: "ApiError" },
        ...errors,
      },
    },
    {
      method: "post",
      path: "/api/v1/collaboratives/{id}/measures",
      summary: "Add a measure at the end of the measure set",
      roles: `admin. ${bound}`,
      params: [id],
      body: "MeasureDefinition",
      responses: { "201": { description: "the collaborative as stored", schema: "CollaborativeDefinition" }, "409": conflict("the measure id is taken"), "422": invalid, ...errors },
    },
    {
      method: "put",
      path: "/api/v1/collaboratives/{id}/measures/{measureId}",
      summary: "Replace a measure's definition (same id); `retired: true` retires it (no new data; its data stays readable), `false` brings it back",
      roles: `admin. ${bound}`,
      params: [id, measureId],
      body: "MeasureDefinition",
      responses: {
        "200": { description: "the collaborative as stored", schema: "CollaborativeDefinition" },
        "409": conflict("the kind or multiplier would change while teams hold data for the measure (add a new measure and retire this one)"),
        "422": { description: "VALIDATION: a field is wrong, or the body's id is not the path's", schema: "ApiError" },
        ...errors,
      },
    },
    {
      method: "delete",
      path: "/api/v1/collaboratives/{id}/measures/{measureId}",
      summary: "Delete a measure no team has data for (a set-up mistake)",
      roles: `admin. ${bound}`,
      params: [id, measureId],
      responses: { "200": { description: "the collaborative as stored", schema: "CollaborativeDefinition" }, "409": conflict("some team has data for it (retire it instead), or it is the only measure"), ...errors },
    },
    {
      method: "put",
      path: "/api/v1/collaboratives/{id}/measures-order",
      summary: "Put the measure set in a new order (every measure id exactly once)",
      roles: `admin. ${bound}`,
      params: [id],
      body: "MeasureOrder",
      responses: { "200": { description: "the collaborative as stored", schema: "CollaborativeDefinition" }, "422": { description: "VALIDATION: measureIds is not every measure exactly once", schema: "ApiError" }, ...errors },
    },
    {
      method: "get",
      path: "/api/v1/collaboratives/{id}/admin/teams",
      summary: "Every team with its settings in force (join month, active, reminder opt-out) and its contacts",
      roles: "faculty, admin of the collaborative (contacts are personal data: never a team token)",
      params: [id],
      responses: { "200": { description: "teams", schema: "AdminTeamList" }, ...errors },
    },
    {
      method: "post",
      path: "/api/v1/collaboratives/{id}/teams",
      summary: "Add a team (it gets the next blinded letter), with its contacts",
      roles: `admin. ${bound}`,
      params: [id],
      body: "NewTeam",
      responses: { "201": { description: "the team", schema: "AdminTeam" }, "409": conflict("the team id is taken"), "422": invalid, ...errors },
    },
    {
      method: "patch",
      path: "/api/v1/collaboratives/{id}/teams/{teamId}",
      summary: "Change a team's name, organisation, join month (`null` clears it), active flag or reminder opt-out (at least one; never its id)",
      roles: `admin. ${bound}`,
      params: [id, teamId],
      body: "TeamPatch",
      responses: { "200": { description: "the team", schema: "AdminTeam" }, "422": invalid, ...errors },
    },
    {
      method: "put",
      path: "/api/v1/collaboratives/{id}/teams/{teamId}/contacts",
      summary: "Replace a team's contacts (the people reminders go to) as a whole",
      roles: `admin. ${bound}`,
      params: [id, teamId],
      body: "TeamContacts",
      responses: { "200": { description: "the team", schema: "AdminTeam" }, "422": invalid, ...errors },
    },
    {
      method: "get",
      path: "/api/v1/tokens",
      summary: "Tokens, oldest first: never the secret, only its first characters",
      roles: `admin. ${bound} (its list is that collaborative's tokens)`,
      params: [{ name: "collaborative", in: "query", description: "only tokens bound to this collaborative (default: a bound admin's own collaborative; every token for a global admin)" }],
      responses: { "200": { description: "tokens", schema: "TokenList" }, ...errors },
    },
    {
      method: "post",
      path: "/api/v1/tokens",
      summary: "Issue a token: the secret is in this answer only (Cache-Control: no-store); the store keeps its SHA-256 hash",
      roles: `admin. ${bound} (it issues tokens of that collaborative only; global tokens need a global admin)`,
      body: "NewTokenRequest",
      responses: {
        "201": { description: "the token and its details", schema: "IssuedToken" },
        "422": { description: "VALIDATION: a field is wrong, the collaborative or team does not exist, or the expiry has passed", schema: "ApiError" },
        ...errors,
      },
    },
    {
      method: "post",
      path: "/api/v1/tokens/{tokenId}/revoke",
      summary: "Revoke a token at once (revoking a revoked one changes nothing)",
      roles: `admin. ${bound}`,
      params: [tokenId],
      responses: { "200": { description: "the token", schema: "TokenInfo" }, ...errors },
    },
    {
      method: "get",
      path: "/api/v1/audit",
      summary: "The audit log, newest first, a page at a time",
      roles: `admin. ${bound} (it reads only that collaborative's entries)`,
      params: [
        { name: "collaborative", in: "query", description: "one collaborative's entries" },
        { name: "actor", in: "query", description: 'who: a token id (tok_…) or "cli"' },
        { name: "action", in: "query", description: "what: an action (team.updated) or a family of them up to a dot (team: team.added, team.updated, team.contacts.set…)" },
        { name: "team", in: "query", description: "one team's entries" },
        { name: "before", in: "query", description: "only entries older than this id: the previous page's nextBefore" },
        { name: "limit", in: "query", description: "at most this many, 1 to 500 (default 100)" },
      ],
      responses: { "200": { description: "a page of entries", schema: "AuditList" }, ...errors },
    },
  ];
}
