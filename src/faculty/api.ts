// The faculty app's one API client: every answer parsed with core's schemas (src/web/api), every
// failure an ApiFailure with a sentence faculty can act on.
import {
  CollaborativeList,
  CollaborativeView,
  Completeness,
  FunnelResponse,
  CyclesResponse,
  Me,
  RemindersResponse,
  RunChartsResponse,
  ScoreInput,
  ScoreSaved,
  ScoresResponse,
  ScoreSuggestion,
  TeamTimeline,
} from "../core/index";
import { createRequester, type ApiFailureKind, type FetchLike } from "../web/api/index";

export interface FacultyApi {
  me(): Promise<Me>;
  collaboratives(): Promise<CollaborativeList>;
  collaborative(id: string): Promise<CollaborativeView>;
  completeness(id: string): Promise<Completeness>;
  runcharts(id: string): Promise<RunChartsResponse>;
  /** Every team's current PDSA cycles, drawn on the run charts where they started and ended. */
  cycles(id: string): Promise<CyclesResponse>;
  scores(id: string): Promise<ScoresResponse>;
  suggestion(id: string, teamId: string, period: string): Promise<ScoreSuggestion>;
  saveScore(id: string, teamId: string, period: string, input: ScoreInput): Promise<ScoreSaved>;
  /** One percent or rate measure's funnel plot in one month (limits from core's funnelPlot). */
  funnel(id: string, measureId: string, period: string, options?: { overdispersion?: boolean }): Promise<FunnelResponse>;
  /** One team month by month: narratives, self, faculty and suggested scores. */
  timeline(id: string, teamId: string): Promise<TeamTimeline>;
  /** The reminder ledger: sent, failed, and would-send when SMTP is not configured. */
  reminders(id: string): Promise<RemindersResponse>;
  /** The collaborative's current points as CSV (the server's formula-injection-safe export). */
  exportCsv(id: string): Promise<Blob>;
  /** The collaborative's data as one workbook: points with their revisions, narratives, scores (the same formula guard as the CSV). */
  exportXlsx(id: string): Promise<Blob>;
}

/** The sentence for a failure; the server's own words where they say what to fix. */
export function facultyMessage(kind: ApiFailureKind, serverMessage: string | undefined): string {
  switch (kind) {
    case "unauthorized":
      return serverMessage ?? "The token was not accepted: paste the faculty token again, or ask the admin for a new one.";
    case "network":
      return "the data store could not be reached: check the connection and reload";
    case "server":
      return serverMessage ?? "the data store had a problem: try again, and tell the admin if it persists";
    case "rate_limited":
      return "too many requests: wait a minute and reload";
    case "contract":
      return "the data store answered in a form this page does not understand: reload the page (the server may have been updated)";
    default:
      return serverMessage ?? "the data store refused the request";
  }
}

export function createFacultyApi(options: { token: string; baseUrl?: string; fetch?: FetchLike }): FacultyApi {
  const http = createRequester({ baseUrl: options.baseUrl ?? "", token: options.token, fetch: options.fetch, messageFor: facultyMessage });
  const c = (id: string) => `/api/v1/collaboratives/${encodeURIComponent(id)}`;
  const team = (id: string, teamId: string) => `${c(id)}/teams/${encodeURIComponent(teamId)}`;
  return {
    me: () => http.json("GET", "/api/v1/me", Me),
    collaboratives: () => http.json("GET", "/api/v1/collaboratives", CollaborativeList),
    collaborative: (id) => http.json("GET", c(id), CollaborativeView),
    completeness: (id) => http.json("GET", `${c(id)}/completeness`, Completeness),
    runcharts: (id) => http.json("GET", `${c(id)}/runcharts`, RunChartsResponse),
    reminders: (id) => http.json("GET", `${c(id)}/reminders`, RemindersResponse),
    cycles: (id) => http.json("GET", `${c(id)}/cycles`, CyclesResponse),
    scores: (id) => http.json("GET", `${c(id)}/scores`, ScoresResponse),
    funnel: (id, measureId, period, options = {}) =>
      http.json(
        "GET",
        `${c(id)}/funnel?measureId=${encodeURIComponent(measureId)}&period=${encodeURIComponent(period)}${options.overdispersion === true ? "&overdispersion=true" : ""}`,
        FunnelResponse,
      ),
    timeline: (id, teamId) => http.json("GET", `${team(id, teamId)}/timeline`, TeamTimeline),
    suggestion: (id, teamId, period) => http.json("GET", `${team(id, teamId)}/suggestion?period=${encodeURIComponent(period)}`, ScoreSuggestion),
    saveScore: (id, teamId, period, input) => http.json("PUT", `${team(id, teamId)}/scores/${encodeURIComponent(period)}`, ScoreSaved, { body: ScoreInput.parse(input) }),
    exportCsv: (id) => http.blob(`${c(id)}/export.csv`),
    exportXlsx: (id) => http.blob(`${c(id)}/export.xlsx`),
  };
}
