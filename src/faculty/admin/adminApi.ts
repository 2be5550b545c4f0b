// The admin pages' API client: the admin endpoints of core's contract (src/core/schema/admin.ts, its
// header lists them) and the months' lock state. Every body is parsed with the contract's schema
// before it is sent (a mistake is caught on the page, never half-sent) and every answer after it
// arrives, through the one requester of the browser doors (src/web/api).
import {
  AdminTeam,
  AdminTeamList,
  AuditList,
  CollaborativeDefinition,
  CollaborativeSettingsPatch,
  IssuedToken,
  MeasureDefinition,
  MeasureOrder,
  NewTeam,
  NewTokenRequest,
  PeriodChangeInput,
  PeriodsResponse,
  TeamContacts,
  TeamPatch,
  TokenInfo,
  TokenList,
} from "../../core/index";
import { createRequester, type FetchLike } from "../../web/api/index";
import { facultyMessage } from "../api";

/** What the audit log can be asked for: by whom, what, and the page before an entry id. */
export interface AuditQuery {
  collaborativeId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  before?: number | undefined;
  limit?: number | undefined;
}

export interface AdminApi {
  createCollaborative(definition: CollaborativeDefinition): Promise<CollaborativeDefinition>;
  patchCollaborative(id: string, patch: CollaborativeSettingsPatch): Promise<CollaborativeDefinition>;
  addMeasure(id: string, measure: MeasureDefinition): Promise<CollaborativeDefinition>;
  putMeasure(id: string, measure: MeasureDefinition): Promise<CollaborativeDefinition>;
  orderMeasures(id: string, order: MeasureOrder): Promise<CollaborativeDefinition>;
  /** Refused with 409 when a team has data for it (retire it instead). */
  deleteMeasure(id: string, measureId: string): Promise<CollaborativeDefinition>;
  teams(id: string): Promise<AdminTeamList>;
  addTeam(id: string, team: NewTeam): Promise<AdminTeam>;
  patchTeam(id: string, teamId: string, patch: TeamPatch): Promise<AdminTeam>;
  putContacts(id: string, teamId: string, contacts: TeamContacts): Promise<AdminTeam>;
  tokens(collaborativeId: string | null): Promise<TokenList>;
  issueToken(request: NewTokenRequest): Promise<IssuedToken>;
  revokeToken(tokenId: string): Promise<TokenInfo>;
  periods(id: string): Promise<PeriodsResponse>;
  changePeriod(id: string, period: string, action: "lock" | "reopen", input: PeriodChangeInput): Promise<PeriodsResponse>;
  audit(query: AuditQuery): Promise<AuditList>;
}

/** `?a=1&b=2` of the values given (blank ones left out), or "". */
export function queryString(values: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(values).filter((pair): pair is [string, string | number] => pair[1] !== undefined && pair[1] !== "");
  return pairs.length === 0 ? "" : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join("&")}`;
}

export function createAdminApi(options: { token: string; baseUrl?: string; fetch?: FetchLike }): AdminApi {
  const http = createRequester({ baseUrl: options.baseUrl ?? "", token: options.token, fetch: options.fetch, messageFor: facultyMessage });
  const c = (id: string) => `/api/v1/collaboratives/${encodeURIComponent(id)}`;
  const measure = (id: string, measureId: string) => `${c(id)}/measures/${encodeURIComponent(measureId)}`;
  const team = (id: string, teamId: string) => `${c(id)}/teams/${encodeURIComponent(teamId)}`;
  return {
    createCollaborative: (definition) => http.json("POST", "/api/v1/collaboratives", CollaborativeDefinition, { body: CollaborativeDefinition.parse(definition) }),
    patchCollaborative: (id, patch) => http.json("PATCH", c(id), CollaborativeDefinition, { body: CollaborativeSettingsPatch.parse(patch) }),
    addMeasure: (id, m) => http.json("POST", `${c(id)}/measures`, CollaborativeDefinition, { body: MeasureDefinition.parse(m) }),
    putMeasure: (id, m) => http.json("PUT", measure(id, m.id), CollaborativeDefinition, { body: MeasureDefinition.parse(m) }),
    orderMeasures: (id, order) => http.json("PUT", `${c(id)}/measures-order`, CollaborativeDefinition, { body: MeasureOrder.parse(order) }),
    deleteMeasure: (id, measureId) => http.json("DELETE", measure(id, measureId), CollaborativeDefinition),
    teams: (id) => http.json("GET", `${c(id)}/admin/teams`, AdminTeamList),
    addTeam: (id, t) => http.json("POST", `${c(id)}/teams`, AdminTeam, { body: NewTeam.parse(t) }),
    patchTeam: (id, teamId, patch) => http.json("PATCH", team(id, teamId), AdminTeam, { body: TeamPatch.parse(patch) }),
    putContacts: (id, teamId, contacts) => http.json("PUT", `${team(id, teamId)}/contacts`, AdminTeam, { body: TeamContacts.parse(contacts) }),
    tokens: (collaborativeId) => http.json("GET", `/api/v1/tokens${queryString({ collaborative: collaborativeId ?? undefined })}`, TokenList),
    issueToken: (request) => http.json("POST", "/api/v1/tokens", IssuedToken, { body: NewTokenRequest.parse(request) }),
    revokeToken: (tokenId) => http.json("POST", `/api/v1/tokens/${encodeURIComponent(tokenId)}/revoke`, TokenInfo),
    periods: (id) => http.json("GET", `${c(id)}/periods`, PeriodsResponse),
    changePeriod: (id, period, action, input) => http.json("POST", `${c(id)}/periods/${encodeURIComponent(period)}/${action}`, PeriodsResponse, { body: PeriodChangeInput.parse(input) }),
    audit: (q) => http.json("GET", `/api/v1/audit${queryString({ collaborative: q.collaborativeId, actor: q.actor, action: q.action, before: q.before, limit: q.limit })}`, AuditList),
  };
}
